"""Child protection: strategy discussions, section 47 enquiries, conferences and plans.

The plan itself, its actions and visits are casework's shared models (casework.Plan,
PlanAction, Visit); this app adds what child protection needs on top of them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from safeguard.child_protection.choices import (
    Agency,
    ConferenceDecision,
    ConferenceKind,
    EscalationCondition,
    EscalationDecision,
    PlanEndReason,
    PlanFlagCode,
    Section47Outcome,
    StrategyDecision,
)
from safeguard.core.models import CaseRecord
from safeguard.reference_data.cin_codes import CategoryOfAbuse


class StrategyDiscussion(CaseRecord):
    """A strategy discussion (or meeting) held when significant harm is suspected."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    episode = models.ForeignKey(
        "casework.Episode", on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    held_on = models.DateField("Date of the strategy discussion")
    concern = models.TextField("What is the concern")
    decision = models.CharField(max_length=10, choices=StrategyDecision.choices)
    decision_reason = models.TextField("Reasons for the decision", blank=True)
    # The escalation that called for it, where one did.
    escalation = models.ForeignKey(
        "child_protection.EscalationEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="strategy_discussions",
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["person", "held_on"])]

    def __str__(self) -> str:
        return f"Strategy discussion on {self.held_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("child_protection:strategy_discussion", args=[self.pk])


class StrategyDiscussionAttendee(models.Model):
    """Someone who took part in a strategy discussion, and the agency they spoke for."""

    strategy_discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="attendees"
    )
    agency = models.CharField(max_length=20, choices=Agency.choices)
    name = models.CharField(max_length=200)
    role = models.CharField("Role or organisation", max_length=200, blank=True)

    class Meta:
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_agency_display()})"


class Section47Enquiry(CaseRecord):
    """A section 47 enquiry (Children Act 1989): the CIN census "Section47" item."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="section_47_enquiries"
    )
    episode = models.ForeignKey(
        "casework.Episode", on_delete=models.PROTECT, related_name="section_47_enquiries"
    )
    strategy_discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="section_47_enquiries"
    )
    start_date = models.DateField("Date the enquiry started (S47ActualStartDate)")
    outcome = models.CharField(max_length=30, choices=Section47Outcome.choices, blank=True)
    outcome_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name_plural = "section 47 enquiries"
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome_date__isnull=False),
                name="s47_outcome_has_date",
            ),
        ]
        indexes = [models.Index(fields=["person", "start_date"])]

    def __str__(self) -> str:
        return f"Section 47 enquiry from {self.start_date:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("child_protection:section_47", args=[self.pk])

    @property
    def icpc_not_required(self) -> bool:
        """Return the census ICPCnotRequired: the enquiry concluded with no conference."""
        return bool(self.outcome) and self.outcome != Section47Outcome.ICPC


class ChildProtectionConference(CaseRecord):
    """An initial or review child protection conference for one child."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="child_protection_conferences"
    )
    kind = models.CharField(max_length=10, choices=ConferenceKind.choices)
    # An initial conference follows a section 47 enquiry; a review belongs to a plan.
    section_47 = models.ForeignKey(
        Section47Enquiry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conferences",
    )
    plan = models.ForeignKey(
        "casework.Plan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_protection_conferences",
    )
    held_on = models.DateField("Date of the conference")
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="chaired_conferences"
    )
    decision = models.CharField(max_length=10, choices=ConferenceDecision.choices)
    category_of_abuse = models.CharField(max_length=3, choices=CategoryOfAbuse.choices, blank=True)
    child_attended = models.BooleanField("Child attended or their views were shared", default=False)
    parents_attended = models.BooleanField("Parents or carers attended", default=False)
    summary = models.TextField("Decision and reasons", blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ConferenceKind.INITIAL) | Q(section_47__isnull=False),
                name="icpc_follows_section_47",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ConferenceKind.REVIEW) | Q(plan__isnull=False),
                name="review_conference_has_plan",
            ),
        ]
        indexes = [models.Index(fields=["person", "kind", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("child_protection:conference", args=[self.pk])


class ConferenceAttendee(models.Model):
    """An agency invited to a conference: whether it attended and sent a report."""

    conference = models.ForeignKey(
        ChildProtectionConference, on_delete=models.PROTECT, related_name="attendees"
    )
    agency = models.CharField(max_length=20, choices=Agency.choices)
    name = models.CharField(max_length=200)
    attended = models.BooleanField(default=True)
    report_submitted = models.BooleanField(default=False)

    class Meta:
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_agency_display()})"


class ChildProtectionPlan(CaseRecord):
    """The child protection detail of a casework.Plan: the CIN census "ChildProtectionPlans"."""

    plan = models.OneToOneField(
        "casework.Plan", on_delete=models.PROTECT, related_name="child_protection"
    )
    initial_conference = models.OneToOneField(
        ChildProtectionConference, on_delete=models.PROTECT, related_name="started_plan"
    )
    initial_category_of_abuse = models.CharField(max_length=3, choices=CategoryOfAbuse.choices)
    latest_category_of_abuse = models.CharField(max_length=3, choices=CategoryOfAbuse.choices)
    # NumberOfPreviousCPP: plans this child had before this one, at any authority known.
    number_of_previous_plans = models.PositiveSmallIntegerField(default=0)
    # A repeat plan started within two years of the end of the previous one.
    previous_plan_ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=30, choices=PlanEndReason.choices, blank=True)
    step_down_plan = models.ForeignKey(
        "casework.Plan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stepped_down_from",
    )
    # People the conference named as posing a risk to the child, whether or not the
    # record holds a relationship for them.
    persons_posing_risk = models.ManyToManyField("people.Person", blank=True, related_name="+")

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"Child protection plan ({self.get_latest_category_of_abuse_display()})"

    def get_absolute_url(self) -> str:
        return reverse("child_protection:plan", args=[self.pk])

    @property
    def is_repeat(self) -> bool:
        """Return True for a second or later plan."""
        return self.number_of_previous_plans > 0

    @property
    def is_repeat_within_two_years(self) -> bool:
        """Return True when the previous plan ended less than two years before this began."""
        if self.previous_plan_ended_on is None:
            return False
        start = self.plan.start_date
        try:
            two_years_on = self.previous_plan_ended_on.replace(
                year=self.previous_plan_ended_on.year + 2
            )
        except ValueError:  # 29 February
            two_years_on = self.previous_plan_ended_on.replace(
                year=self.previous_plan_ended_on.year + 2, day=28
            )
        return start < two_years_on


class CoreGroupMeeting(CaseRecord):
    """A core group meeting: the professionals and family who carry out the plan."""

    plan = models.ForeignKey(
        "casework.Plan", on_delete=models.PROTECT, related_name="core_group_meetings"
    )
    held_on = models.DateField("Date of the meeting")
    attendees = models.TextField("Who attended", blank=True)
    notes = models.TextField("What was agreed", blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["plan", "held_on"])]

    def __str__(self) -> str:
        return f"Core group on {self.held_on:%d %b %Y}"


class PlanFlag(models.Model):
    """A reason a plan cannot work, found by plan_checks; resolved when the check passes."""

    plan = models.ForeignKey("casework.Plan", on_delete=models.PROTECT, related_name="flags")
    code = models.CharField(max_length=40, choices=PlanFlagCode.choices)
    action = models.ForeignKey(
        "casework.PlanAction", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    message = models.CharField(max_length=400)
    raised_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code", "action", "child"],
                condition=Q(resolved_at__isnull=True),
                nulls_distinct=False,
                name="plan_flag_open_once",
            )
        ]
        indexes = [models.Index(fields=["resolved_at", "plan"])]

    def __str__(self) -> str:
        return self.message


class EscalationRule(models.Model):
    """An event that must start child protection procedures: data an administrator keeps."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    # What callers pass as `trigger` to escalation_raise ("disclosure_sexual_abuse", ...).
    trigger = models.SlugField(max_length=60)
    condition = models.CharField(
        max_length=30, choices=EscalationCondition.choices, default=EscalationCondition.ANY_CHILD
    )
    strategy_discussion_within_working_days = models.PositiveSmallIntegerField(default=1)
    source = models.CharField(max_length=300, help_text="Where the rule comes from")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["trigger", "code"]

    def __str__(self) -> str:
        return self.name


class EscalationEvent(CaseRecord):
    """An event that met an escalation rule: a strategy discussion is due, the manager told."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="escalation_events"
    )
    rule = models.ForeignKey(EscalationRule, on_delete=models.PROTECT, related_name="events")
    trigger = models.SlugField(max_length=60)
    occurred_at = models.DateTimeField()
    detail = models.TextField(blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escalations_to_decide",
    )
    decision = models.CharField(
        max_length=20, choices=EscalationDecision.choices, default=EscalationDecision.PENDING
    )
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision=EscalationDecision.NOT_STARTED)
                | (~Q(decision_reason="") & Q(decided_by__isnull=False)),
                name="escalation_not_started_needs_manager_reason",
            )
        ]
        indexes = [
            models.Index(fields=["person", "decision"]),
            models.Index(fields=["manager", "decision"]),
        ]

    def __str__(self) -> str:
        return f"{self.rule} on {self.occurred_at:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("child_protection:escalation", args=[self.pk])


class ManagerAlert(models.Model):
    """A notice to a team manager, shown in their view until read."""

    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="child_protection_alerts"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    escalation = models.ForeignKey(
        EscalationEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="alerts"
    )
    message = models.CharField(max_length=400)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["manager", "read_at"])]

    def __str__(self) -> str:
        return self.message
