"""The workforce: funded posts, the staff who fill them, absence, supervision, audits, appraisals.

A member of staff is an accounts.User; their employment history lives here (Employment), so a
leaver's record, a move between teams and an agency placement all keep their dates.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from safeguard.core.models import CaseRecord
from safeguard.workforce.choices import (
    AbsenceType,
    AuditGrade,
    AuditStatus,
    CaseType,
    ContractType,
    LeavingReason,
    SupervisionKind,
)

# Long-term absence thresholds: 4 weeks is the statutory sick pay / fit-note point most
# authorities' attendance policies use for "long-term"; 14 weeks is the second review point.
LONG_TERM_ABSENCE_DAYS = 28
VERY_LONG_TERM_ABSENCE_DAYS = 98

_FTE = {"max_digits": 4, "decimal_places": 2}


class Post(models.Model):
    """A funded post in a team's establishment. A post no one holds is a vacancy."""

    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="posts")
    title = models.CharField(max_length=120, default="Social worker")
    fte = models.DecimalField(
        "Full-time equivalent",
        **_FTE,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    is_case_holding = models.BooleanField(default=True)
    funded_from = models.DateField()
    funded_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["team", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(funded_to__isnull=True) | Q(funded_to__gte=models.F("funded_from")),
                name="post_funded_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=1), name="post_fte_between_0_and_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.team} ({self.fte} FTE)"


class Employment(models.Model):
    """A worker's time in a team, permanent or agency, from a start date to leaving."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="employments"
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="employments")
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, null=True, blank=True, related_name="employments"
    )
    contract_type = models.CharField(
        max_length=10, choices=ContractType.choices, default=ContractType.PERMANENT
    )
    start_date = models.DateField()
    end_date = models.DateField("Leaving date", null=True, blank=True)
    leaving_reason = models.CharField(max_length=20, choices=LeavingReason.choices, blank=True)
    fte = models.DecimalField(
        "Full-time equivalent",
        **_FTE,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    is_case_holding = models.BooleanField(default=True)
    # Assessed and Supported Year in Employment: a newly qualified social worker's first year.
    is_newly_qualified = models.BooleanField("Newly qualified (ASYE)", default=False)
    asye_start_date = models.DateField("ASYE start date", null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="employment_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | ~Q(leaving_reason=""),
                name="employment_leaver_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(is_newly_qualified=False) | Q(asye_start_date__isnull=False),
                name="employment_asye_has_start",
            ),
        ]
        indexes = [models.Index(fields=["team", "end_date"]), models.Index(fields=["user"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.team} from {self.start_date:%d %b %Y}"

    def clean(self):
        """Refuse a leaver without a reason, an ASYE without its start, or a post elsewhere."""
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = "The leaving date must be on or after the start date."
        if self.end_date and not self.leaving_reason:
            errors["leaving_reason"] = "Give the reason for leaving."
        if self.is_newly_qualified and not self.asye_start_date:
            errors["asye_start_date"] = "Enter the date the newly qualified worker's ASYE began."
        if self.post_id and self.team_id and self.post.team_id != self.team_id:
            errors["post"] = "The post belongs to another team."
        if errors:
            raise ValidationError(errors)

    def is_current_on(self, on: date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)

    def in_asye_on(self, on: date) -> bool:
        """Return True if the worker is in their assessed first year (12 months) on the date."""
        from safeguard.compliance.calendar import add_months

        if not (self.is_newly_qualified and self.asye_start_date):
            return False
        return self.asye_start_date <= on < add_months(self.asye_start_date, 12)


class Absence(models.Model):
    """A period a worker is away: sickness, maternity, leave. An open absence has no end."""

    employment = models.ForeignKey(Employment, on_delete=models.PROTECT, related_name="absences")
    absence_type = models.CharField(max_length=20, choices=AbsenceType.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="absence_dates_in_order",
            )
        ]
        indexes = [models.Index(fields=["employment", "start_date"])]

    def __str__(self) -> str:
        return f"{self.get_absence_type_display()} from {self.start_date:%d %b %Y}"

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The absence must end on or after it starts."})

    def days_to(self, as_of: date) -> int:
        """Return the calendar days of absence up to as_of (or its end), counting both ends."""
        last = min(self.end_date, as_of) if self.end_date else as_of
        return max((last - self.start_date).days + 1, 0)

    def is_long_term(self, as_of: date) -> bool:
        return self.days_to(as_of) > LONG_TERM_ABSENCE_DAYS

    def is_very_long_term(self, as_of: date) -> bool:
        return self.days_to(as_of) > VERY_LONG_TERM_ABSENCE_DAYS


class CaseWeighting(models.Model):
    """How much a child of a case type counts towards a caseload (1.00 = one child)."""

    case_type = models.CharField(max_length=20, choices=CaseType.choices, unique=True)
    weight = models.DecimalField(
        max_digits=4, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["case_type"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=0), name="case_weighting_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.get_case_type_display()}: {self.weight}"


class WorkforcePolicy(models.Model):
    """The authority's workforce settings from a date; the latest in force applies."""

    effective_from = models.DateField(unique=True)
    # Weighted caseload per full-time worker; a part-time worker's limit is pro rata.
    caseload_limit = models.DecimalField(max_digits=5, decimal_places=2)
    nqsw_weekly_supervision_weeks = models.PositiveSmallIntegerField(
        "Weeks of weekly supervision at the start of the ASYE", default=6
    )
    decided_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name_plural = "workforce policies"
        constraints = [
            models.CheckConstraint(
                condition=Q(caseload_limit__gte=0), name="workforce_policy_limit_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"Caseload limit {self.caseload_limit} from {self.effective_from:%d %b %Y}"

    def clean(self):
        if self.caseload_limit is not None and self.caseload_limit < 0:
            raise ValidationError({"caseload_limit": "The caseload limit cannot be below zero."})


class SupervisionSession(CaseRecord):
    """A formal supervision of a worker by their supervisor, with the cases discussed."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions_received"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions_given"
    )
    session_date = models.DateField()
    kind = models.CharField(
        max_length=12, choices=SupervisionKind.choices, default=SupervisionKind.INDIVIDUAL
    )
    # Reflective discussion, wellbeing and learning: the part of supervision that is not cases.
    reflection = models.TextField("Reflection, wellbeing and development", blank=True)

    class Meta:
        ordering = ["-session_date", "-pk"]
        indexes = [models.Index(fields=["worker", "session_date"])]

    def __str__(self) -> str:
        return f"Supervision of {self.worker} on {self.session_date:%d %b %Y}"


class SupervisionCaseDiscussion(models.Model):
    """One child's case discussed in supervision: what was decided and what must happen."""

    session = models.ForeignKey(
        SupervisionSession, on_delete=models.PROTECT, related_name="case_discussions"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="supervision_discussions"
    )
    discussion = models.TextField(blank=True)
    decision = models.TextField()
    actions = models.TextField(blank=True)
    actions_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="supervision_discusses_child_once"
            )
        ]
        indexes = [models.Index(fields=["person"])]

    def __str__(self) -> str:
        return f"Case discussion for person {self.person_id}"


class AuditTool(models.Model):
    """A case file audit tool the authority configures: sections, each graded."""

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AuditToolSection(models.Model):
    tool = models.ForeignKey(AuditTool, on_delete=models.PROTECT, related_name="sections")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)

    class Meta:
        ordering = ["tool", "position"]
        constraints = [
            models.UniqueConstraint(fields=["tool", "position"], name="audit_section_position")
        ]

    def __str__(self) -> str:
        return self.title


class CaseAudit(CaseRecord):
    """A case file audit of one child's record, graded per section, then moderated."""

    tool = models.ForeignKey(AuditTool, on_delete=models.PROTECT, related_name="audits")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    # The worker and team whose practice was audited, at the time of the audit.
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_audits_of_my_work",
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_audits_done"
    )
    audit_date = models.DateField()
    overall_grade = models.CharField(max_length=20, choices=AuditGrade.choices)
    summary = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=AuditStatus.choices, default=AuditStatus.GRADED
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_audits_moderated",
    )
    moderated_on = models.DateField(null=True, blank=True)
    moderated_overall_grade = models.CharField(
        max_length=20, choices=AuditGrade.choices, blank=True
    )
    moderation_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-audit_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(moderator__isnull=True) | ~Q(moderator=models.F("auditor")),
                name="case_audit_moderator_is_second_auditor",
            ),
        ]
        indexes = [
            models.Index(fields=["audit_date"]),
            models.Index(fields=["team", "audit_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.tool} audit on {self.audit_date:%d %b %Y}"

    @property
    def final_grade(self) -> str:
        """Return the grade that stands: the moderator's where moderated."""
        return self.moderated_overall_grade or self.overall_grade

    @property
    def moderation_agrees(self) -> bool | None:
        if not self.moderated_overall_grade:
            return None
        return self.moderated_overall_grade == self.overall_grade


class CaseAuditGrade(models.Model):
    """The grade for one section of the tool, and the moderator's grade for it."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="grades")
    section = models.ForeignKey(AuditToolSection, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=20, choices=AuditGrade.choices)
    commentary = models.TextField(blank=True)
    moderated_grade = models.CharField(max_length=20, choices=AuditGrade.choices, blank=True)

    class Meta:
        ordering = ["audit", "section__position"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "section"], name="case_audit_grade_once")
        ]

    def __str__(self) -> str:
        return f"{self.section}: {self.get_grade_display()}"

    @property
    def final_grade(self) -> str:
        return self.moderated_grade or self.grade


class CaseAuditAction(models.Model):
    """An action from an audit, back to the worker, with a due date."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField()
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_audit_actions"
    )
    due_date = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["assigned_to", "completed_on"])]

    def __str__(self) -> str:
        return f"Audit action due {self.due_date:%d %b %Y}"


class Appraisal(CaseRecord):
    """A worker's personal development review: objectives and development for the year."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appraisals"
    )
    appraiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appraisals_given"
    )
    appraisal_date = models.DateField()
    objectives = models.TextField()
    development_plan = models.TextField(blank=True)

    class Meta:
        ordering = ["-appraisal_date", "-pk"]
        indexes = [models.Index(fields=["worker", "appraisal_date"])]

    def __str__(self) -> str:
        return f"Appraisal of {self.worker} on {self.appraisal_date:%d %b %Y}"
