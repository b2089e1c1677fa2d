from django import forms

from safeguard.casework.choices import (
    ActionStatus,
    CaseNoteType,
    ChronologyCategory,
    ClosureBasis,
    PlanEndReason,
    PlanKind,
    VisitLocation,
    VisitType,
)
from safeguard.core.forms import GovUKDateInput, GovUKFormMixin, not_in_future
from safeguard.reference_data.cin_codes import ClosureReason, PrimaryNeed

YES_NO = [("yes", "Yes"), ("no", "No")]


def _text(label, *, required=True, rows=5, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _date(label, *, required=True, past=True, help_text=""):
    field = forms.DateField(
        label=label, required=required, widget=GovUKDateInput(), help_text=help_text
    )
    if past:
        field.validators.append(lambda v: not_in_future(v, label=label))
    return field


class VisitForm(GovUKFormMixin, forms.Form):
    visit_date = _date("Date of visit")
    visit_type = forms.ChoiceField(label="Type of visit", choices=VisitType.choices)
    is_planned = forms.TypedChoiceField(
        label="Was the visit planned?",
        choices=[("yes", "Planned"), ("no", "Unplanned")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )
    child_seen = forms.TypedChoiceField(
        label="Was the child seen?",
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    child_seen_alone = forms.TypedChoiceField(
        label="Was the child seen alone?",
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )
    reason_not_seen = forms.CharField(
        label="If the child was not seen, why not", required=False, max_length=300
    )
    seen_with = forms.CharField(label="Who else was present", required=False, max_length=300)
    location = forms.ChoiceField(label="Where", choices=VisitLocation.choices)
    location_detail = forms.CharField(label="Location detail", required=False, max_length=200)
    observations = _text("What was seen and heard", required=False, rows=8)
    childs_views = _text("The child's wishes and feelings, in their words", required=False)

    def clean(self):
        data = super().clean()
        if data.get("child_seen") is False:
            if not (data.get("reason_not_seen") or "").strip():
                self.add_error("reason_not_seen", "Say why the child was not seen")
            if data.get("child_seen_alone"):
                self.add_error("child_seen_alone", "A child not seen cannot have been seen alone")
        return data


class CaseNoteForm(GovUKFormMixin, forms.Form):
    note_type = forms.ChoiceField(label="Type of note", choices=CaseNoteType.choices)
    subject = forms.CharField(label="Subject", max_length=200)
    body = _text("Note", rows=10)


class OversightForm(GovUKFormMixin, forms.Form):
    reasoning = _text("Oversight and reasoning", rows=8)
    direction = _text("Actions and direction given", required=False)
    review_by = forms.DateField(label="Review by", required=False, widget=GovUKDateInput())


class ManualEntryForm(GovUKFormMixin, forms.Form):
    occurred_on = _date("Date of the event")
    category = forms.ChoiceField(label="Category", choices=ChronologyCategory.choices)
    title = forms.CharField(label="What happened", max_length=200)
    detail = _text("Detail and its significance for the child", required=False)


# The categories the registered sources use, then any a worker may give a manual entry.
CHRONOLOGY_FILTERS = {
    "contact": "Contacts",
    "referral": "Referrals",
    "allocation": "Allocations",
    "assessment": "Assessments",
    "visit": "Visits",
    "plan": "Plans and reviews",
    "conference": "Conferences",
    "missing": "Missing episodes",
    "placement": "Placements",
    "move": "Moves",
    "note": "Case notes",
    "oversight": "Management oversight",
    "closure": "Closures",
}
for _category in ChronologyCategory:
    CHRONOLOGY_FILTERS.setdefault(_category.value, _category.label)


class ChronologyFilterForm(GovUKFormMixin, forms.Form):
    category = forms.MultipleChoiceField(
        label="Categories",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(CHRONOLOGY_FILTERS.items()),
    )
    date_from = forms.DateField(label="From", required=False, widget=GovUKDateInput())
    date_to = forms.DateField(label="To", required=False, widget=GovUKDateInput())

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The 'to' date must be on or after the 'from' date")
        return data


class PlanForm(GovUKFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Kind of plan",
        choices=[
            (PlanKind.CHILD_IN_NEED, PlanKind.CHILD_IN_NEED.label),
            (PlanKind.EARLY_HELP, PlanKind.EARLY_HELP.label),
        ],
    )
    start_date = _date("Plan start date")
    outcomes_sought = _text("What needs to change (outcomes sought)", rows=6)


class PlanActionForm(GovUKFormMixin, forms.Form):
    description = _text("What will be done", rows=3)
    responsible_worker = forms.ModelChoiceField(
        label="Worker responsible",
        queryset=None,
        required=False,
        help_text="Name a worker, or a family member below: one, not both",
    )
    responsible_person = forms.ModelChoiceField(
        label="Family member or other named person responsible", queryset=None, required=False
    )
    due_date = forms.DateField(label="Due by", widget=GovUKDateInput(), required=False)

    def __init__(self, *args, workers, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_worker"].queryset = workers
        self.fields["responsible_person"].queryset = people

    def clean(self):
        data = super().clean()
        if not data.get("due_date") and "due_date" not in self.errors:
            self.add_error("due_date", "Enter the date the action is due by")
        worker, person = data.get("responsible_worker"), data.get("responsible_person")
        if worker is None and person is None:
            self.add_error("responsible_worker", "Name the person or worker responsible")
        elif worker is not None and person is not None:
            self.add_error("responsible_worker", "Name one person responsible, not two")
        return data


class PlanActionUpdateForm(GovUKFormMixin, forms.Form):
    status = forms.ChoiceField(label="Progress", choices=ActionStatus.choices)
    on = _date("Date of the update")


class PlanReviewForm(GovUKFormMixin, forms.Form):
    review_date = _date("Date of review")
    progress = _text("Progress against the plan")
    childs_views = _text("The child's wishes and feelings", required=False)
    decision = _text("Decision and next steps")


class PlanEndForm(GovUKFormMixin, forms.Form):
    end_date = _date("Plan end date")
    end_reason = forms.ChoiceField(label="Why the plan is ending", choices=PlanEndReason.choices)


class EarlyHelpOpenForm(GovUKFormMixin, forms.Form):
    start_date = _date("Early help start date")


class StepUpForm(GovUKFormMixin, forms.Form):
    referral_date = _date("Date of the referral to social care")
    primary_need = forms.ChoiceField(
        label="Primary need", choices=[("", "Choose")] + list(PrimaryNeed.choices), required=False
    )


class ClosureRequestForm(GovUKFormMixin, forms.Form):
    closure_basis = forms.ChoiceField(
        label="Why is the case closing?",
        choices=ClosureBasis.choices,
        widget=forms.RadioSelect,
        help_text="A case never closes because no worker is available or the team is full.",
    )
    closure_reason = forms.ChoiceField(
        label="Closure reason (CIN census code)",
        choices=[("", "Choose the closure reason")] + list(ClosureReason.choices),
    )
    closure_date = _date("Date the case closes")
    summary = _text("Closure summary", rows=8, help_text="What was achieved, for the child")
    override_reasons = _text(
        "If anything is still open, your reasons to close anyway",
        required=False,
        help_text="Reported to senior managers",
    )


class StepDownForm(GovUKFormMixin, forms.Form):
    on = _date("Date of step-down")
    summary = _text("Step-down summary and what early help will do", rows=6)
    override_reasons = _text("If anything else is still open, your reasons", required=False)


class ClosureDecisionForm(GovUKFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Approve closure"), ("refuse", "Refuse closure")],
        widget=forms.RadioSelect,
    )
    decision_note = _text("Your reasons", required=False)
