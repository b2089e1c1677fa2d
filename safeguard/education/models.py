"""The children missing education register and education, health and care needs assessments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from safeguard.core.models import CaseRecord
from safeguard.education.choices import (
    CMEEnquiryKind,
    CMEEscalationStage,
    CMEOutcome,
    CMEReason,
    EHCDecision,
    EHCOutcome,
    EHCRequestedBy,
)


class CMEEntry(CaseRecord):
    """A child on the children missing education register (Education Act 1996 s436A).

    Each entry has a named officer from referral to close, and leaves the register only with
    an outcome: a child is never simply taken off.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="cme_entries"
    )
    reason = models.CharField(max_length=20, choices=CMEReason.choices)
    school_name = models.CharField(max_length=200, blank=True)
    school_urn = models.CharField("School URN", max_length=6, blank=True)
    last_attended_on = models.DateField(null=True, blank=True)
    referred_on = models.DateField("Referred to the register on")
    referred_by = models.CharField("Referred by", max_length=200, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cme_entries",
        verbose_name="Named officer",
    )
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=CMEOutcome.choices, blank=True)
    outcome_detail = models.TextField(blank=True)

    class Meta:
        ordering = ["referred_on", "pk"]
        verbose_name = "children missing education entry"
        verbose_name_plural = "children missing education entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True, outcome="")
                | (Q(closed_on__isnull=False) & ~Q(outcome="")),
                name="cme_entry_closed_only_with_outcome",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("referred_on")),
                name="cme_entry_closed_after_referral",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(closed_on__isnull=True),
                name="cme_entry_one_open_per_child",
            ),
        ]
        indexes = [models.Index(fields=["closed_on", "officer"])]

    def __str__(self) -> str:
        return f"Missing education from {self.referred_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("education:cme_entry", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class CMEEnquiry(models.Model):
    """An enquiry made to find the child: each one is activity on the entry."""

    entry = models.ForeignKey(CMEEntry, on_delete=models.PROTECT, related_name="enquiries")
    made_on = models.DateField()
    kind = models.CharField(max_length=20, choices=CMEEnquiryKind.choices)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    result = models.TextField("What was found")

    class Meta:
        ordering = ["made_on", "pk"]
        indexes = [models.Index(fields=["entry", "made_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.made_on:%d %b %Y}"


class CMEEscalation(models.Model):
    """An escalation of an entry still open at 10 or 20 school days."""

    entry = models.ForeignKey(CMEEntry, on_delete=models.PROTECT, related_name="escalations")
    stage = models.CharField(max_length=2, choices=CMEEscalationStage.choices)
    escalated_on = models.DateField()
    escalated_to = models.CharField(max_length=200)
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["escalated_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "stage"], name="cme_escalation_once_per_stage")
        ]

    def __str__(self) -> str:
        return self.get_stage_display()


class EHCNeedsAssessment(CaseRecord):
    """An education, health and care needs assessment: request to final plan in 20 weeks.

    SEND Regulations 2014: decide whether to assess within 6 weeks (reg 4/5), issue the final
    plan within 20 weeks of the request (reg 13).
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="ehc_needs_assessments"
    )
    request_received_on = models.DateField()
    requested_by = models.CharField(max_length=20, choices=EHCRequestedBy.choices)
    case_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision = models.CharField(max_length=20, choices=EHCDecision.choices, blank=True)
    decision_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=EHCOutcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-request_received_on", "-pk"]
        verbose_name = "EHC needs assessment"
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="", decision_on__isnull=True)
                | (~Q(decision="") & Q(decision_on__gte=models.F("request_received_on"))),
                name="ehcna_decision_dated_after_request",
            ),
            models.CheckConstraint(
                condition=Q(outcome="", outcome_on__isnull=True)
                | (
                    Q(decision=EHCDecision.ASSESS)
                    & ~Q(outcome="")
                    & Q(outcome_on__gte=models.F("decision_on"))
                ),
                name="ehcna_outcome_after_decision_to_assess",
            ),
        ]
        indexes = [models.Index(fields=["person", "request_received_on"])]

    def __str__(self) -> str:
        return f"EHC needs assessment requested {self.request_received_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("education:ehcna", args=[self.pk])
