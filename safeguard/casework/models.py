from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from safeguard.casework.choices import (
    ActionStatus,
    AllocationRole,
    CaseNoteType,
    ChronologyCategory,
    ClosureBasis,
    ClosureStatus,
    EpisodeTransition,
    PlanEndReason,
    PlanKind,
    RiskLevel,
    Service,
    VisitLocation,
    VisitType,
)
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
    # A step-up or step-down opens a new episode linked to the one it came from, so the whole
    # history stays on the one record.
    previous_episode = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="following_episodes"
    )
    transition = models.CharField(max_length=10, choices=EpisodeTransition.choices, blank=True)

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
            # The dashboard's referrals in a period, across all children.
            models.Index(fields=["referral_date"], name="episode_referral_date"),
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


class Visit(CaseRecord):
    """A visit to a child: the one visit record every visit clock reads (CIN, CP, looked after).

    Whether the child was seen, and seen alone, is what the statutory guidance asks; a visit where
    the child was not seen does not satisfy a visit clock.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="visits")
    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, null=True, blank=True, related_name="visits"
    )
    visit_date = models.DateField("Date of visit")
    visit_type = models.CharField(
        max_length=20, choices=VisitType.choices, default=VisitType.CHILD_IN_NEED
    )
    is_planned = models.BooleanField("Planned visit", default=True)
    child_seen = models.BooleanField("Child seen", default=True)
    child_seen_alone = models.BooleanField("Child seen alone", default=False)
    seen_with = models.CharField(
        "Who else was present",
        max_length=300,
        blank=True,
        help_text="For example: mother, foster carer, teacher",
    )
    reason_not_seen = models.CharField("Why the child was not seen", max_length=300, blank=True)
    location = models.CharField(
        max_length=20, choices=VisitLocation.choices, default=VisitLocation.HOME
    )
    location_detail = models.CharField(max_length=200, blank=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visits"
    )
    observations = models.TextField("What was seen and heard", blank=True)
    childs_views = models.TextField("The child's wishes and feelings", blank=True)

    class Meta:
        ordering = ["-visit_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(child_seen=True) | Q(child_seen_alone=False),
                name="visit_seen_alone_only_if_seen",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "visit_type", "visit_date"]),
            models.Index(fields=["visit_type", "visit_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_visit_type_display()} on {self.visit_date:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("casework:visit_detail", args=[self.pk])


class Plan(CaseRecord):
    """A plan for a child: child in need, child protection, early help, exploitation, step-down.

    Apps add detail with a OneToOne to Plan (e.g. a child protection plan's category of abuse);
    the actions, reviews and visits stay here so one record holds every plan a child has had.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="plans")
    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, null=True, blank=True, related_name="plans"
    )
    kind = models.CharField(max_length=20, choices=PlanKind.choices)
    start_date = models.DateField("Plan start date")
    end_date = models.DateField("Plan end date", null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=PlanEndReason.choices, blank=True)
    outcomes_sought = models.TextField("What needs to change (outcomes sought)", blank=True)
    previous_plan = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_plans",
        help_text="The plan this one followed on from, on a step-up or step-down",
    )

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="plan_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | ~Q(end_reason=""),
                name="plan_ended_with_reason",
            ),
        ]
        indexes = [models.Index(fields=["person", "kind", "end_date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.start_date:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("casework:plan_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class PlanAction(models.Model):
    """One action on a plan: what, who is responsible (a named person or worker), by when."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField("What will be done")
    responsible_person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="A family member or other named person on the record",
    )
    responsible_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
    )
    due_date = models.DateField("Due by")
    children = models.ManyToManyField("people.Person", blank=True, related_name="plan_actions")
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    last_update_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(responsible_person__isnull=False, responsible_worker__isnull=True)
                    | Q(responsible_person__isnull=True, responsible_worker__isnull=False)
                ),
                name="plan_action_exactly_one_owner",
            ),
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.COMPLETED) | Q(completed_on__isnull=False),
                name="plan_action_completed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["plan", "status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.description[:60]} (due {self.due_date:%d %b %Y})"

    @property
    def responsible(self):
        return self.responsible_person or self.responsible_worker


class PlanReview(CaseRecord):
    """A review of a plan (child in need review, early help review): held on a date, by whom."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reviews")
    review_date = models.DateField("Date of review")
    chaired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    progress = models.TextField("Progress against the plan", blank=True)
    childs_views = models.TextField("The child's wishes and feelings", blank=True)
    decision = models.TextField("Decision and next steps", blank=True)

    class Meta:
        ordering = ["-review_date"]
        indexes = [models.Index(fields=["plan", "review_date"])]

    def __str__(self) -> str:
        return f"Review of {self.plan} on {self.review_date:%d %b %Y}"


class CaseNote(CaseRecord):
    """A case note: what happened, typed by the worker at the time."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_notes")
    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, null=True, blank=True, related_name="case_notes"
    )
    note_type = models.CharField(
        max_length=30, choices=CaseNoteType.choices, default=CaseNoteType.CASE_NOTE
    )
    occurred_at = models.DateTimeField("When it happened")
    subject = models.CharField(max_length=200)
    body = models.TextField("Note")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_notes"
    )

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["person", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_note_type_display()}: {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("casework:note_detail", args=[self.pk])


class ManagementOversight(CaseRecord):
    """A manager's recorded oversight of a child's case: the reasoning and the direction given."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="management_oversights"
    )
    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, null=True, blank=True, related_name="oversights"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="oversights"
    )
    recorded_at = models.DateTimeField()
    reasoning = models.TextField("Oversight and reasoning")
    direction = models.TextField("Actions and direction given", blank=True)
    review_by = models.DateField("Review by", null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["person", "recorded_at"])]

    def __str__(self) -> str:
        return f"Management oversight on {self.recorded_at:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("casework:oversight_detail", args=[self.pk])


class CaseClosure(CaseRecord):
    """A request to close an episode and the manager's decision on it; refusals are kept.

    Closing with anything still open (clocks, plans, missing or exploitation flags) needs an
    explicit override with reasons; overrides are listed for senior managers.
    """

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="closures")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    closure_date = models.DateField("Date the case closes")
    closure_reason = models.CharField(
        "Closure reason (CIN census)", max_length=3, choices=ClosureReason.choices
    )
    closure_basis = models.CharField(
        "Why the case is closing", max_length=30, choices=ClosureBasis.choices
    )
    summary = models.TextField("Closure summary")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="closure_requests"
    )
    requested_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=ClosureStatus.choices, default=ClosureStatus.REQUESTED
    )
    open_items = models.JSONField(
        default=list, blank=True, help_text="What was still open when closure was requested"
    )
    override_reasons = models.TextField("Reasons to close with items still open", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ClosureStatus.REQUESTED) | Q(decided_by__isnull=False),
                name="closure_decided_by_a_manager",
            ),
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(status__in=[ClosureStatus.REQUESTED, ClosureStatus.APPROVED]),
                name="closure_one_live_request_per_episode",
            ),
        ]
        indexes = [models.Index(fields=["status", "decided_at"])]

    def __str__(self) -> str:
        return f"Closure of {self.episode} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("casework:closure_detail", args=[self.pk])

    @property
    def is_override(self) -> bool:
        return bool(self.open_items)


class ManualChronologyEntry(CaseRecord):
    """A chronology entry typed by a worker, for events no record holds (e.g. a court hearing)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="manual_chronology_entries"
    )
    occurred_on = models.DateField("Date of the event")
    category = models.CharField(max_length=20, choices=ChronologyCategory.choices)
    title = models.CharField("What happened", max_length=200)
    detail = models.TextField("Detail and its significance for the child", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-occurred_on"]
        verbose_name_plural = "manual chronology entries"
        indexes = [models.Index(fields=["person", "occurred_on"])]

    def __str__(self) -> str:
        return f"{self.occurred_on:%d %b %Y}: {self.title}"


class Draft(models.Model):
    """Typed work saved as it is typed, per user, per form, per record: never lost to a time-out.

    form_key names the form ("assessments.assessment_edit"); object_key the record it edits
    ("assessment:12") or the record it hangs from for a new one ("person:7").
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    form_key = models.CharField(max_length=60)
    object_key = models.CharField(max_length=60)
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(auto_now=True)
    reason = models.CharField(
        max_length=200, blank=True, help_text="Why it was kept, e.g. an edit conflict"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "form_key", "object_key"], name="draft_one_per_user_form_object"
            )
        ]

    def __str__(self) -> str:
        return f"Draft of {self.form_key} for {self.object_key}"
