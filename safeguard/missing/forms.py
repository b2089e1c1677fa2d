from django import forms

from safeguard.core.forms import GovUKFormMixin
from safeguard.missing.choices import InterviewResponse, MissingFrom, MissingRisk, MissingType

_DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class GovUKDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        base = {"class": "govuk-input govuk-input--width-20"}
        base.update(attrs or {})
        super().__init__(attrs=base, format="%Y-%m-%dT%H:%M")


def _when(label: str, *, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=required, input_formats=_DATETIME_FORMATS, widget=GovUKDateTimeInput()
    )


class MissingEpisodeForm(GovUKFormMixin, forms.Form):
    missing_from = forms.ChoiceField(label="Missing from", choices=MissingFrom.choices)
    missing_type = forms.ChoiceField(
        label="Missing or away without authorisation", choices=MissingType.choices
    )
    reported_missing_at = _when("Reported missing at")
    risk_level = forms.ChoiceField(label="Police risk grading", choices=MissingRisk.choices)
    police_reference = forms.CharField(required=False, max_length=50)
    circumstances = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    found_returned_at = _when("Found or returned at (if already back)", required=False)
    where_found = forms.CharField(label="Where found", required=False, max_length=300)


class MissingReturnForm(GovUKFormMixin, forms.Form):
    found_returned_at = _when("Found or returned at")
    where_found = forms.CharField(label="Where found", required=False, max_length=300)


class ReturnHomeInterviewForm(GovUKFormMixin, forms.Form):
    offered_at = _when("Interview offered at")
    response = forms.ChoiceField(
        label="The child's response",
        choices=[("", "Not yet known")] + list(InterviewResponse.choices),
        required=False,
    )
    conducted_at = _when("Interview held at", required=False)
    conducted_by_name = forms.CharField(
        label="Interviewer (if not you, e.g. an independent provider)", required=False
    )
    where_child_was = forms.CharField(
        label="Where the child was", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    who_with = forms.CharField(
        label="Who the child was with", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    push_factors = forms.CharField(
        label="Push factors (why the child left)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    pull_factors = forms.CharField(
        label="Pull factors (what drew the child away)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    child_account = forms.CharField(
        label="What the child said", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    findings = forms.CharField(
        label="Findings and risks identified",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    plan = forms.ModelChoiceField(
        label="Child's plan the findings are linked into", queryset=None, required=False
    )
    plan_action = forms.ModelChoiceField(
        label="Plan action that takes the findings forward", queryset=None, required=False
    )

    add_to_plan = forms.BooleanField(
        label="Add the findings to the plan as a new action", required=False
    )
    action_worker = forms.ModelChoiceField(
        label="New action: who is responsible", queryset=None, required=False
    )
    action_due = forms.DateField(
        label="New action: due by", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, plans, actions, **kwargs):
        from safeguard.accounts.models import User

        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["plan_action"].queryset = actions
        self.fields["action_worker"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "first_name"
        )

    def clean(self):
        data = super().clean()
        if data.get("add_to_plan"):
            for field, message in (
                ("plan", "Choose the plan the new action goes on"),
                ("findings", "Record the findings that go into the plan"),
                ("action_worker", "Name who is responsible for the new action"),
                ("action_due", "Give a date the new action is due by"),
            ):
                if not data.get(field):
                    self.add_error(field, message)
        return data


class StrategyDiscussionDecisionForm(GovUKFormMixin, forms.Form):
    considered_on = forms.DateField(
        label="Considered on", widget=forms.DateInput(attrs={"type": "date"})
    )
    decision = forms.CharField(
        label="Decision on a strategy discussion, and why", widget=forms.Textarea(attrs={"rows": 3})
    )
