"""form_save: a posted, valid form goes to the service; a refusal shows on the form."""

from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from safeguard.core.forms import form_save


class ReasonForm(forms.Form):
    reason = forms.CharField()
    note = forms.CharField(required=False)


class Recorder:
    """A stand-in service that remembers what it was given and returns a set value."""

    def __init__(self, returns=None, refuses: ValidationError | None = None):
        self.returns, self.refuses, self.calls = returns, refuses, []

    def __call__(self, **data):
        self.calls.append(data)
        if self.refuses is not None:
            raise self.refuses
        return self.returns


def _post(data):
    return RequestFactory().post("/", data)


def test_a_get_does_not_save():
    request = RequestFactory().get("/")
    form = ReasonForm(initial={"reason": "x"})
    service = Recorder(returns="record")

    assert form_save(request, form, service) == (False, None)
    assert service.calls == []


def test_an_invalid_form_does_not_reach_the_service():
    request = _post({"reason": ""})
    form = ReasonForm(request.POST)
    service = Recorder(returns="record")

    assert form_save(request, form, service) == (False, None)
    assert service.calls == []
    assert "reason" in form.errors


def test_a_refusal_naming_a_field_shows_on_that_field():
    request = _post({"reason": "moved"})
    form = ReasonForm(request.POST)
    service = Recorder(refuses=ValidationError({"reason": "The reason is not recognised"}))

    saved, result = form_save(request, form, service)

    assert (saved, result) == (False, None)
    assert form.errors["reason"] == ["The reason is not recognised"]
    assert form.non_field_errors() == []


def test_a_refusal_naming_an_unknown_field_shows_on_top():
    request = _post({"reason": "moved"})
    form = ReasonForm(request.POST)
    service = Recorder(refuses=ValidationError({"episode": "The child is not looked after"}))

    assert form_save(request, form, service) == (False, None)
    assert form.non_field_errors() == ["The child is not looked after"]


def test_a_refusal_naming_no_field_shows_on_top():
    request = _post({"reason": "moved"})
    form = ReasonForm(request.POST)
    service = Recorder(refuses=ValidationError("The case is already closed"))

    assert form_save(request, form, service) == (False, None)
    assert form.non_field_errors() == ["The case is already closed"]
    assert "reason" not in form.errors


def test_a_save_passes_the_cleaned_data_and_returns_the_result():
    request = _post({"reason": " moved "})
    form = ReasonForm(request.POST)
    service = Recorder(returns="record")

    assert form_save(request, form, service) == (True, "record")
    assert service.calls == [{"reason": "moved", "note": ""}]


def test_a_service_that_returns_nothing_still_counts_as_saved():
    request = _post({"reason": "moved"})
    form = ReasonForm(request.POST)

    assert form_save(request, form, Recorder(returns=None)) == (True, None)
