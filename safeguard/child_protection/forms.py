"""Forms for child protection records. They check shape; the services check the rules."""

from django import forms

from safeguard.casework.choices import ActionStatus, VisitLocation
from safeguard.child_protection.choices import (
    Agency,
    ConferenceDecision,
    PlanEndReason,
    Section47Outcome,
    StepDownKind,
    StrategyDecision,
)
from safeguard.core.forms import GovUKDateInput, GovUKFormMixin, not_in_future
from safeguard.reference_data.cin_codes import CategoryOfAbuse

YES_NO = [("yes", "Yes"), ("no", "No")]
NO_CATEGORY = [("", "Not applicable (no plan)")]

# The agencies a strategy discussion and a conference ask for by name.
AGENCY_FIELDS = [
    (Agency.SOCIAL_CARE, "social_care"),
    (Agency.POLICE, "police"),
    (Agency.HEALTH, "health"),
    (Agency.EDUCATION, "education"),
    (Agency.OTHER, "other"),
]


def _date(label: str, *, help_text: str = "") -> forms.DateField:
    field = forms.DateField(label=label, widget=GovUKDateInput(), help_text=help_text)
    field.validators.append(lambda v: not_in_future(v, label=label))
    return field


def _yes_no(label: str, initial: str = "no") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        initial=initial,
    )


def _text(label: str, *, required: bool = True, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


class AgencyAttendeesMixin:
    """One name field per agency; blank agencies did not take part."""

    def add_agency_fields(self) -> None:
        for agency, name in AGENCY_FIELDS:
            self.fields[f"attendee_{name}"] = forms.CharField(
                label=f"{agency.label}: who took part",
                required=False,
                help_text="Name and role; leave blank if the agency did not take part",
            )
            self.fields[f"attendee_{name}"].widget.attrs["class"] = "govuk-input"

    def attendees(self) -> list[dict]:
        return [
            {"agency": agency, "name": self.cleaned_data.get(f"attendee_{name}", "")}
            for agency, name in AGENCY_FIELDS
            if self.cleaned_data.get(f"attendee_{name}")
        ]


class StrategyDiscussionForm(AgencyAttendeesMixin, GovUKFormMixin, forms.Form):
    held_on = _date("Date of the strategy discussion")
    concern = _text("What is the concern")
    decision = forms.ChoiceField(
        label="Decision", choices=StrategyDecision.choices, widget=forms.RadioSelect
    )
    decision_reason = _text("Reasons for the decision", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_agency_fields()
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "govuk-input")


class Section47StartForm(GovUKFormMixin, forms.Form):
    start_date = _date("Date the section 47 enquiry started")


class Section47OutcomeForm(GovUKFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome of the enquiry", choices=Section47Outcome.choices, widget=forms.RadioSelect
    )
    outcome_date = _date("Date of the outcome")


class ConferenceForm(AgencyAttendeesMixin, GovUKFormMixin, forms.Form):
    held_on = _date("Date of the conference")
    chair = forms.ModelChoiceField(label="Chair", queryset=None)
    decision = forms.ChoiceField(label="Decision", choices=(), widget=forms.RadioSelect)
    category_of_abuse = forms.ChoiceField(
        label="Category of abuse",
        choices=NO_CATEGORY + list(CategoryOfAbuse.choices),
        required=False,
        help_text="The DfE category, when the child is (or stays) on a plan",
    )
    child_attended = _yes_no("Did the child attend or share their views?")
    parents_attended = _yes_no("Did parents or carers attend?")
    summary = _text("Decision and reasons", required=False)

    def __init__(self, *args, chairs, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs
        self.fields["decision"].choices = decisions
        self.add_agency_fields()
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "govuk-input")


class InitialConferenceForm(ConferenceForm):
    persons_posing_risk = forms.ModelMultipleChoiceField(
        label="People the conference names as posing a risk",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, people, **kwargs):
        decisions = [
            (d.value, d.label) for d in (ConferenceDecision.PLAN, ConferenceDecision.NO_PLAN)
        ]
        super().__init__(*args, decisions=decisions, **kwargs)
        self.fields["persons_posing_risk"].queryset = people


class ReviewConferenceForm(ConferenceForm):
    end_reason = forms.ChoiceField(
        label="If the plan ends: why",
        choices=[("", "Not ending")] + list(PlanEndReason.choices),
        required=False,
    )
    step_down = forms.ChoiceField(
        label="If the plan ends: the step-down plan",
        choices=StepDownKind.choices,
        initial=StepDownKind.CHILD_IN_NEED,
    )

    def __init__(self, *args, **kwargs):
        decisions = [
            (d.value, d.label)
            for d in (ConferenceDecision.CONTINUE_PLAN, ConferenceDecision.END_PLAN)
        ]
        super().__init__(*args, decisions=decisions, **kwargs)


class PlanActionForm(GovUKFormMixin, forms.Form):
    description = _text("What will be done")
    responsible_person = forms.ModelChoiceField(
        label="Family member or other person responsible",
        queryset=None,
        required=False,
        help_text="Choose a person on the record, or a professional below — not both",
    )
    responsible_worker = forms.ModelChoiceField(
        label="Professional responsible", queryset=None, required=False
    )
    due_date = forms.DateField(label="Due by", widget=GovUKDateInput())
    children = forms.ModelMultipleChoiceField(
        label="Which children is it for", queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, people, children, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_person"].queryset = people
        self.fields["responsible_worker"].queryset = workers
        self.fields["children"].queryset = children


class PlanActionUpdateForm(GovUKFormMixin, forms.Form):
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices)
    update_on = _date("Date of this update")


class PersonsPosingRiskForm(GovUKFormMixin, forms.Form):
    persons = forms.ModelMultipleChoiceField(
        label="People the plan names as posing a risk",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].queryset = people


class CoreGroupForm(GovUKFormMixin, forms.Form):
    held_on = _date("Date of the core group meeting")
    attendees = _text("Who attended", required=False, rows=3)
    notes = _text("What was agreed", required=False)


class CPVisitForm(GovUKFormMixin, forms.Form):
    child = forms.ModelChoiceField(label="Child visited", queryset=None)
    visit_date = _date("Date of the visit")
    child_seen = _yes_no("Was the child seen?", initial="yes")
    child_seen_alone = _yes_no("Was the child seen alone?")
    seen_with = forms.CharField(label="Who else was present", required=False)
    reason_not_seen = forms.CharField(label="If not seen: why", required=False)
    location = forms.ChoiceField(label="Where", choices=VisitLocation.choices)
    observations = _text("What was seen and heard", required=False)
    childs_views = _text("The child's wishes and feelings", required=False)

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children


class PlanEndForm(GovUKFormMixin, forms.Form):
    end_date = _date("Date the plan ended")
    end_reason = forms.ChoiceField(label="Why the plan ended", choices=PlanEndReason.choices)
    step_down = forms.ChoiceField(
        label="Step-down plan", choices=StepDownKind.choices, initial=StepDownKind.CHILD_IN_NEED
    )


class EscalationRaiseForm(GovUKFormMixin, forms.Form):
    trigger = forms.ChoiceField(label="What happened", choices=())
    occurred_at = forms.DateTimeField(
        label="When it happened",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Date and time",
    )
    detail = _text("What was said or seen")

    def __init__(self, *args, triggers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trigger"].choices = triggers


class EscalationNotStartedForm(GovUKFormMixin, forms.Form):
    reason = _text("Why child protection procedures are not needed")
