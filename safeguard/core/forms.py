"""Form helpers shared by every app."""

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone

T = TypeVar("T")


def today() -> date:
    """Return today's date in the service's time zone."""
    return timezone.localdate()


class GovUKDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):  # noqa: A002 - Django's own name
        base = {"class": "govuk-input govuk-input--width-10"}
        base.update(attrs or {})
        super().__init__(attrs=base, format=format)


def not_in_future(value: date | None, *, label: str = "The date") -> None:
    """Raise a ValidationError when a date is after today."""
    if value is not None and value > today():
        raise forms.ValidationError(f"{label} must be today or in the past")


_WIDGET_CLASSES = {
    forms.Select: "govuk-select",
    forms.Textarea: "govuk-textarea",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
    forms.FileInput: "govuk-file-upload",
}


class GovUKFormMixin:
    """Give every widget its GOV.UK Frontend class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = next(
                (c for cls, c in _WIDGET_CLASSES.items() if isinstance(widget, cls)), "govuk-input"
            )
            widget.attrs.setdefault("class", css)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: by field where it names one, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def form_save(
    request: HttpRequest, form: forms.Form, save: Callable[..., T]
) -> tuple[bool, T | None]:
    """Save a posted form through a service; return (True, what it returned) or (False, None).

    save is called with the form's cleaned data as keyword arguments, and only for a POST whose
    form is valid. A ValidationError it raises is shown on the form and counts as not saved, so
    the view shows the form again. A service may return None, hence the separate flag.
    """
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        return True, save(**form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False, None
