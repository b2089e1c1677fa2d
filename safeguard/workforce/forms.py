"""Forms for the workforce pages. Validation of substance is in the services."""

from django import forms

from safeguard.core.forms import GovUKDateInput, GovUKFormMixin, not_in_future
from safeguard.workforce.choices import AuditGrade, SupervisionKind


class SupervisionForm(GovUKFormMixin, forms.Form):
    session_date = forms.DateField(label="Date of supervision", widget=GovUKDateInput())
    kind = forms.ChoiceField(label="Kind of supervision", choices=SupervisionKind.choices)
    reflection = forms.CharField(
        label="Reflection, wellbeing and development", required=False, widget=forms.Textarea
    )

    def clean_session_date(self):
        value = self.cleaned_data["session_date"]
        not_in_future(value, label="The supervision date")
        return value


class CaseDiscussionForm(GovUKFormMixin, forms.Form):
    """One child's case discussed: chosen from the worker's caseload."""

    person = forms.TypedChoiceField(label="Child", coerce=int, required=False)
    discussion = forms.CharField(label="Discussion", required=False, widget=forms.Textarea)
    decision = forms.CharField(label="Decision", required=False, widget=forms.Textarea)
    actions = forms.CharField(label="Actions", required=False, widget=forms.Textarea)
    actions_due = forms.DateField(label="Actions due by", required=False, widget=GovUKDateInput())

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Choose a child")] + list(children)

    def clean(self):
        data = super().clean()
        if data.get("person") and not (data.get("decision") or "").strip():
            self.add_error("decision", "Record the decision made on this child's case.")
        if not data.get("person") and (data.get("decision") or data.get("actions")):
            self.add_error("person", "Choose the child whose case this decision is about.")
        return data


CaseDiscussionFormSet = forms.formset_factory(CaseDiscussionForm, extra=3, max_num=20)


class PolicyForm(GovUKFormMixin, forms.Form):
    effective_from = forms.DateField(label="In force from", widget=GovUKDateInput())
    caseload_limit = forms.DecimalField(
        label="Caseload limit (weighted cases per full-time worker)",
        max_digits=5,
        decimal_places=2,
        help_text="A part-time worker's limit is pro rata to their FTE.",
    )
    nqsw_weekly_supervision_weeks = forms.IntegerField(
        label="Weeks of weekly supervision at the start of a newly qualified worker's ASYE",
        min_value=0,
        max_value=52,
        initial=6,
    )
    decided_by = forms.CharField(label="Decided by", max_length=200)

    def clean_caseload_limit(self):
        value = self.cleaned_data["caseload_limit"]
        if value is not None and value < 0:
            raise forms.ValidationError("The caseload limit cannot be below zero.")
        return value


_GRADE_CHOICES = [("", "Choose a grade")] + list(AuditGrade.choices)


class CaseAuditForm(GovUKFormMixin, forms.Form):
    """A grade and commentary for each section of the tool, then the overall grade."""

    audit_date = forms.DateField(label="Date of audit", widget=GovUKDateInput())
    overall_grade = forms.ChoiceField(label="Overall grade", choices=_GRADE_CHOICES)
    summary = forms.CharField(label="Summary", required=False, widget=forms.Textarea)
    action = forms.CharField(
        label="Action for the worker (optional)", required=False, widget=forms.Textarea
    )
    action_due = forms.DateField(label="Action due by", required=False, widget=GovUKDateInput())

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        for section in self.sections:
            self.fields[f"grade_{section.pk}"] = forms.ChoiceField(
                label=f"{section.title}: grade",
                choices=_GRADE_CHOICES,
                help_text=section.guidance,
                widget=forms.Select(attrs={"class": "govuk-select"}),
            )
            self.fields[f"commentary_{section.pk}"] = forms.CharField(
                label=f"{section.title}: commentary",
                required=False,
                widget=forms.Textarea(attrs={"class": "govuk-textarea"}),
            )
        self.order_fields(
            ["audit_date"]
            + [n for s in self.sections for n in (f"grade_{s.pk}", f"commentary_{s.pk}")]
        )

    def clean_audit_date(self):
        value = self.cleaned_data["audit_date"]
        not_in_future(value, label="The audit date")
        return value

    def clean(self):
        data = super().clean()
        if data.get("action") and not data.get("action_due"):
            self.add_error("action_due", "Enter the date the action is due.")
        return data

    def grades(self) -> dict[int, tuple[str, str]]:
        return {
            s.pk: (self.cleaned_data[f"grade_{s.pk}"], self.cleaned_data[f"commentary_{s.pk}"])
            for s in self.sections
        }


class ModerationForm(GovUKFormMixin, forms.Form):
    moderated_overall_grade = forms.ChoiceField(
        label="Moderated overall grade", choices=_GRADE_CHOICES
    )
    comment = forms.CharField(label="Moderation comment", required=False, widget=forms.Textarea)

    def __init__(self, *args, grades=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.grade_rows = list(grades)
        for row in self.grade_rows:
            self.fields[f"grade_{row.section_id}"] = forms.ChoiceField(
                label=f"{row.section.title} (auditor: {row.get_grade_display()})",
                choices=_GRADE_CHOICES,
                initial=row.grade,
                widget=forms.Select(attrs={"class": "govuk-select"}),
            )
        self.order_fields([f"grade_{r.section_id}" for r in self.grade_rows])

    def grades(self) -> dict[int, str]:
        return {r.section_id: self.cleaned_data[f"grade_{r.section_id}"] for r in self.grade_rows}


class AppraisalForm(GovUKFormMixin, forms.Form):
    appraisal_date = forms.DateField(label="Date of appraisal", widget=GovUKDateInput())
    objectives = forms.CharField(label="Objectives for the year", widget=forms.Textarea)
    development_plan = forms.CharField(
        label="Learning and development plan", required=False, widget=forms.Textarea
    )

    def clean_appraisal_date(self):
        value = self.cleaned_data["appraisal_date"]
        not_in_future(value, label="The appraisal date")
        return value
