from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from safeguard.casework.choices import AllocationRole, RiskLevel, Service
from safeguard.core.models import CaseRecord
from safeguard.reference_data.cin_codes import ClosureReason, PrimaryNeed, ReferralSource


class Episode(CaseRecord):
    """A period of involvement with a child: early help, or a social care episode.

    A social care episode is the DfE CIN census "CINdetails": it opens at referral and closes
    with a coded reason. A child has one record and may have many episodes over a childhood.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="episodes")
    service = models.CharField(max_length=20, choices=Service.choices, default=Service.SOCIAL_CARE)
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="episodes"
    )
    referral_date = models.DateField("Referral date")
    referral_source = models.CharField(max_length=2, choices=ReferralSource.choices, blank=True)
    primary_need = models.CharField(
        "Primary need code", max_length=2, choices=PrimaryNeed.choices, blank=True
    )
    referral_nfa = models.BooleanField("Referral no further action", default=False)
    is_re_referral = models.BooleanField(
        default=False, help_text="A referral within 12 months of the previous referral"
    )
    risk_level = models.CharField(
        max_length=10, choices=RiskLevel.choices, default=RiskLevel.MEDIUM
    )
    closure_date = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=3, choices=ClosureReason.choices, blank=True)

    class Meta:
        ordering = ["-referral_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closure_date__isnull=True) | ~Q(closure_reason=""),
                name="episode_closed_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(closure_date__isnull=True)
                | Q(closure_date__gte=models.F("referral_date")),
                name="episode_closes_after_referral",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "referral_date"]),
            models.Index(fields=["closure_date", "team"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_service_display()} from {self.referral_date:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("people:record", args=[self.person_id])

    @property
    def is_open(self) -> bool:
        return self.closure_date is None


class Allocation(models.Model):
    """A worker allocated to an episode, from and to. History is kept: ending, never deleting.

    An open episode with no current lead allocation is, by definition, in the unallocated queue.
    """

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="allocations"
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(
        max_length=10, choices=AllocationRole.choices, default=AllocationRole.LEAD
    )
    start_at = models.DateTimeField()
    end_at = models.DateTimeField(null=True, blank=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-start_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(end_at__isnull=True, role=AllocationRole.LEAD),
                name="allocation_one_current_lead",
            ),
            models.CheckConstraint(
                condition=Q(end_at__isnull=True) | Q(end_at__gte=models.F("start_at")),
                name="allocation_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["worker", "end_at"])]

    def __str__(self) -> str:
        return f"{self.worker} ({self.get_role_display()}) from {self.start_at:%d %b %Y}"
