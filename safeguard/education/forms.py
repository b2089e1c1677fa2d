from django import forms

from safeguard.accounts.models import User
from safeguard.core.forms import GovUKDateInput, GovUKFormMixin
from safeguard.education.choices import (
    CMEEnquiryKind,
    CMEEscalationStage,
    CMEOutcome,
    CMEReason,
    EHCDecision,
    EHCOutcome,
    EHCRequestedBy,
)


def _date(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=GovUKDateInput())


def _staff():
    return User.objects.filter(is_active=True).order_by("last_name", "first_name")


class CMEEntryForm(GovUKFormMixin, forms.Form):
    reason = forms.ChoiceField(choices=CMEReason.choices)
    referred_on = _date("Referred on")
    referred_by = forms.CharField(label="Referred by (school or person)", required=False)
    school_name = forms.CharField(required=False)
    school_urn = forms.CharField(label="School URN", required=False, max_length=6)
    last_attended_on = _date("Last day attended", required=False)
    officer = forms.ModelChoiceField(label="Named officer", queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = _staff()


class CMEEnquiryForm(GovUKFormMixin, forms.Form):
    made_on = _date("Enquiry made on")
    kind = forms.ChoiceField(label="Kind of enquiry", choices=CMEEnquiryKind.choices)
    result = forms.CharField(label="What was found", widget=forms.Textarea(attrs={"rows": 3}))


class CMEEscalationForm(GovUKFormMixin, forms.Form):
    stage = forms.ChoiceField(choices=CMEEscalationStage.choices)
    escalated_on = _date("Escalated on")
    escalated_to = forms.CharField(label="Escalated to")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CMECloseForm(GovUKFormMixin, forms.Form):
    """Required-ness is left to the service so that its message is the one shown."""

    closed_on = _date("Left the register on", required=False)
    outcome = forms.ChoiceField(
        choices=[("", "Choose an outcome")] + list(CMEOutcome.choices), required=False
    )
    outcome_detail = forms.CharField(
        label="Details (school, local authority, country)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EHCRequestForm(GovUKFormMixin, forms.Form):
    request_received_on = _date("Request received on")
    requested_by = forms.ChoiceField(choices=EHCRequestedBy.choices)
    case_officer = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_officer"].queryset = _staff()


class EHCDecisionForm(GovUKFormMixin, forms.Form):
    decision = forms.ChoiceField(choices=EHCDecision.choices)
    decision_on = _date("Decision made on")


class EHCOutcomeForm(GovUKFormMixin, forms.Form):
    outcome = forms.ChoiceField(choices=EHCOutcome.choices)
    outcome_on = _date("Final plan issued (or decision notified) on")
