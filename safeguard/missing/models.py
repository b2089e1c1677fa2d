"""Missing episodes (from home or from care) and the return-home interviews that follow them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from safeguard.core.models import CaseRecord
from safeguard.missing.choices import InterviewResponse, MissingFrom, MissingRisk, MissingType


class MissingEpisode(CaseRecord):
    """A period when a child was missing or away without authorisation, from home or care.

    One model for every setting, so the looked-after app's SSDA903 "missing" table reads the
    episodes where missing_from is care, and the off-the-radar report reads them all.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="missing_episodes"
    )
    missing_from = models.CharField(max_length=10, choices=MissingFrom.choices)
    missing_type = models.CharField(
        "Missing type (SSDA903)",
        max_length=1,
        choices=MissingType.choices,
        default=MissingType.MISSING,
    )
    reported_missing_at = models.DateTimeField("Reported missing at")
    found_returned_at = models.DateTimeField("Found or returned at", null=True, blank=True)
    where_found = models.CharField("Where found", max_length=300, blank=True)
    police_reference = models.CharField(max_length=50, blank=True)
    risk_level = models.CharField(
        "Police risk grading",
        max_length=20,
        choices=MissingRisk.choices,
        default=MissingRisk.MEDIUM,
    )
    circumstances = models.TextField(blank=True)

    class Meta:
        ordering = ["-reported_missing_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(found_returned_at__isnull=True)
                | Q(found_returned_at__gte=models.F("reported_missing_at")),
                name="missing_episode_return_after_missing",
            ),
            models.CheckConstraint(
                condition=Q(missing_type=MissingType.MISSING) | Q(missing_from=MissingFrom.CARE),
                name="missing_episode_away_only_from_care",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "reported_missing_at"]),
            models.Index(fields=["found_returned_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_missing_type_display()} from {self.reported_missing_at:%d %b %Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("missing:episode", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.found_returned_at is None


class ReturnHomeInterview(CaseRecord):
    """The return-home interview offered to a child after a missing episode.

    The offer is the statutory duty (within 72 hours of return); the child may decline. What
    the child says is kept in its own fields so that push and pull factors can be read across
    episodes, and the findings are linked into the child's plan.
    """

    missing_episode = models.OneToOneField(
        MissingEpisode, on_delete=models.PROTECT, related_name="return_home_interview"
    )
    offered_at = models.DateTimeField("Interview offered at")
    response = models.CharField(max_length=10, choices=InterviewResponse.choices, blank=True)
    conducted_at = models.DateTimeField("Interview held at", null=True, blank=True)
    conducted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Often an independent provider: the interviewer may not be a user of the system.
    conducted_by_name = models.CharField("Interviewer (if not a user)", max_length=200, blank=True)
    where_child_was = models.TextField("Where the child was", blank=True)
    who_with = models.TextField("Who the child was with", blank=True)
    push_factors = models.TextField("Push factors (why the child left)", blank=True)
    pull_factors = models.TextField("Pull factors (what drew the child away)", blank=True)
    child_account = models.TextField("What the child said", blank=True)
    findings = models.TextField("Findings and risks identified", blank=True)
    plan = models.ForeignKey(
        "casework.Plan", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    plan_action = models.ForeignKey(
        "casework.PlanAction", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(conducted_at__isnull=True) | Q(response=InterviewResponse.ACCEPTED),
                name="rhi_held_only_when_accepted",
            ),
        ]

    def __str__(self) -> str:
        return f"Return-home interview offered {self.offered_at:%d %b %Y %H:%M}"


class RepeatMissingFlag(CaseRecord):
    """A flag raised when a child goes missing repeatedly (N episodes in D days).

    It prompts a strategy discussion; the prompt stays open until someone records that the
    discussion was held or decided against, with a reason.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="repeat_missing_flags"
    )
    raised_at = models.DateTimeField()
    triggering_episode = models.OneToOneField(
        MissingEpisode, on_delete=models.PROTECT, related_name="repeat_flag"
    )
    episode_count = models.PositiveSmallIntegerField()
    window_days = models.PositiveSmallIntegerField()
    strategy_discussion_considered_on = models.DateField(null=True, blank=True)
    strategy_discussion_decision = models.TextField(blank=True)

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["person", "raised_at"])]

    def __str__(self) -> str:
        return f"{self.episode_count} missing episodes in {self.window_days} days"

    @property
    def strategy_discussion_prompt_open(self) -> bool:
        return self.strategy_discussion_considered_on is None
