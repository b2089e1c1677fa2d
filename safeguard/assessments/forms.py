from django import forms

from safeguard.assessments.choices import OUTCOMES_BY_KIND, SectionRating
from safeguard.core.forms import GovUKDateInput, GovUKFormMixin, not_in_future
from safeguard.reference_data.cin_codes import AssessmentFactor


def _text(label, rows=8, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class AssessmentForm(GovUKFormMixin, forms.Form):
    """The worker's assessment. Every part is optional while in progress; the manager's gate
    decides what is missing."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    child_seen_on = forms.DateField(
        label="Date the child was seen", required=False, widget=GovUKDateInput()
    )
    child_seen_alone = forms.BooleanField(label="The child was seen alone", required=False)
    childs_wishes_and_feelings = _text(
        "The child's wishes and feelings, in their own words",
        help_text="Use the child's words; say how you communicated if they do not use speech",
    )
    parents_and_carers_views = _text("Parents' and carers' views")
    partner_agency_information = _text("Information from partner agencies")
    analysis_of_needs_and_risks = _text("Analysis of needs and risks", rows=12)
    factors = forms.MultipleChoiceField(
        label="Factors identified at the end of assessment",
        required=False,
        choices=AssessmentFactor.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    outcome = forms.ChoiceField(label="Recommended outcome", required=False)
    outcome_reasoning = _text("Reasons for the recommended outcome", rows=4)

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", "Not decided yet")] + [
            (o.value, o.label) for o in OUTCOMES_BY_KIND[kind]
        ]
        if kind != "single":
            del self.fields["factors"]

    def clean_child_seen_on(self):
        value = self.cleaned_data.get("child_seen_on")
        not_in_future(value, label="The date the child was seen")
        return value


class ManagerDecisionForm(GovUKFormMixin, forms.Form):
    """The manager's quality gate: rate each part, then authorise or return with reasons."""

    decision = forms.ChoiceField(
        label="Decision",
        choices=[("authorise", "Authorise"), ("return", "Return to the worker")],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label="Reasons (required to return)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, checklist, **kwargs):
        super().__init__(*args, **kwargs)
        self.rating_fields = []
        for row in checklist:
            item = row["item"]
            name = f"rating_{item.code}"
            label = item.label + ("" if row["present"] else " (missing)")
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=SectionRating.choices,
                widget=forms.RadioSelect,
                required=False,
                help_text=item.guidance,
            )
            self.rating_fields.append(name)
        self.order_fields(self.rating_fields + ["decision", "reasons"])

    def ratings(self) -> dict:
        return {
            name.removeprefix("rating_"): self.cleaned_data.get(name)
            for name in self.rating_fields
            if self.cleaned_data.get(name)
        }

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("reasons") or "").strip():
            self.add_error("reasons", "Give the reasons for returning the assessment")
        return data


class StartAssessmentForm(GovUKFormMixin, forms.Form):
    start_date = forms.DateField(label="Assessment start date", widget=GovUKDateInput())

    def clean_start_date(self):
        value = self.cleaned_data["start_date"]
        not_in_future(value, label="The start date")
        return value
