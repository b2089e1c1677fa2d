from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from safeguard.assessments.choices import (
    AssessmentKind,
    AssessmentOutcome,
    AssessmentStatus,
    ChecklistApplies,
    ManagerDecision,
)
from safeguard.core.models import CaseRecord
from safeguard.reference_data.cin_codes import AssessmentFactor


class Assessment(CaseRecord):
    """A single assessment (social care) or an early help assessment, on the child's one record.

    The CIN census reads start_date and authorised_on ("assessment authorisation date") and the
    factors identified. `version` guards against two people overwriting each other's work.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="assessments"
    )
    episode = models.ForeignKey(
        "casework.Episode", on_delete=models.PROTECT, related_name="assessments"
    )
    kind = models.CharField(max_length=20, choices=AssessmentKind.choices)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments"
    )
    start_date = models.DateField("Assessment start date")
    child_seen_on = models.DateField("Date the child was seen", null=True, blank=True)
    child_seen_alone = models.BooleanField("The child was seen alone", default=False)
    childs_wishes_and_feelings = models.TextField(
        "The child's wishes and feelings, in their own words", blank=True
    )
    parents_and_carers_views = models.TextField("Parents' and carers' views", blank=True)
    partner_agency_information = models.TextField("Information from partner agencies", blank=True)
    analysis_of_needs_and_risks = models.TextField("Analysis of needs and risks", blank=True)
    outcome = models.CharField(max_length=30, choices=AssessmentOutcome.choices, blank=True)
    outcome_reasoning = models.TextField("Reasons for the recommended outcome", blank=True)
    status = models.CharField(
        max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    authorised_on = models.DateField("Assessment authorisation date", null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            # Never authorised without the child seen, whatever the checklist says.
            models.CheckConstraint(
                condition=~Q(status=AssessmentStatus.AUTHORISED)
                | Q(child_seen_on__isnull=False, authorised_on__isnull=False),
                name="assessment_authorised_only_with_child_seen",
            ),
            models.CheckConstraint(
                condition=Q(authorised_on__isnull=True)
                | Q(authorised_on__gte=models.F("start_date")),
                name="assessment_authorised_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "start_date"]),
            models.Index(fields=["status", "kind"]),
            # The dashboard's assessments completed in a period (by kind and date authorised).
            models.Index(fields=["kind", "authorised_on"], name="assessment_kind_authorised"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.start_date:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:detail", args=[self.pk])

    @property
    def is_authorised(self) -> bool:
        return self.status == AssessmentStatus.AUTHORISED


class AssessmentFactorIdentified(models.Model):
    """A DfE "factor identified at the end of assessment" code recorded on an assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="factors")
    code = models.CharField(max_length=3, choices=AssessmentFactor.choices)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "code"], name="assessment_factor_once")
        ]

    def __str__(self) -> str:
        return self.code


class AssessmentChecklistItem(models.Model):
    """One part of an assessment a manager checks before authorising: configurable data.

    field_name names the Assessment field the part is written in ("factors" for the factor
    codes); a required part that is empty blocks authorisation. Whether the child was seen is
    checked in code as well, so it can never be configured away.
    """

    code = models.SlugField(max_length=50, unique=True)
    label = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    field_name = models.CharField(max_length=50, blank=True)
    applies_to = models.CharField(
        max_length=20, choices=ChecklistApplies.choices, default=ChecklistApplies.ALL
    )
    is_required = models.BooleanField(default=True)
    is_active = models.BooleanField(default=True)
    display_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["display_order", "code"]

    def __str__(self) -> str:
        return self.label


class AssessmentManagerDecision(models.Model):
    """A manager's decision on a submitted assessment: authorised, or returned with reasons.

    Every return is kept, so the history of what was sent back, and why, stays on the record.
    ratings: {checklist code: "adequate" | "inadequate"}.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="manager_decisions"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(max_length=20, choices=ManagerDecision.choices)
    decided_at = models.DateTimeField()
    reasons = models.TextField(blank=True)
    ratings = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision=ManagerDecision.RETURNED) | ~Q(reasons=""),
                name="assessment_return_has_reasons",
            ),
            models.UniqueConstraint(
                fields=["assessment"],
                condition=Q(decision=ManagerDecision.AUTHORISED),
                name="assessment_authorised_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} on {self.decided_at:%d %b %Y}"
