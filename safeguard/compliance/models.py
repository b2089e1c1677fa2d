"""Clocks and the calendars they are counted on.

A Clock is derived state: the engine (services.py) writes it from what the domain apps'
producers say the records imply. Nobody edits a clock by hand; change the record instead.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from safeguard.compliance.choices import SchoolTermName

# The columns the dashboard's clock measures read besides the rule and the date (Clock.Meta).
_DASHBOARD_COLUMNS = [
    "id",
    "started_on",
    "due_at",
    "completed_at",
    "cancelled_on",
    "paused_from",
    "pauses",
    "team",
]


class Clock(models.Model):
    """One statutory or local duty on a child's case: started, due, and met or not."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="clocks")
    rule_code = models.CharField(max_length=40)
    # Identifies this instance among the child's clocks for the rule, stable across rebuilds.
    key = models.CharField(max_length=100)
    started_on = models.DateField()
    # Set only for rules counted in hours, where the time of day matters.
    start_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField()
    due_at = models.DateTimeField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_on = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clocks",
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="clocks"
    )
    # "app_label.model:pk" of the record that started the clock.
    subject = models.CharField(max_length=100, blank=True)
    start_event = models.CharField(max_length=200, blank=True)
    # The intervals the clock stood still, as counted (see pauses.py): a list of
    # {"start", "end" (null while open), "reason", "added" (units added to the due date)}.
    # Null, not [], when there are none: most clocks never pause.
    pauses = models.JSONField(null=True, blank=True)
    # The first counted pause's start, so status queries look inside `pauses` only for
    # clocks that can be paused on the date.
    paused_from = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "rule_code", "key"], name="clock_one_per_rule_and_key"
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("started_on")), name="clock_due_after_start"
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(completed_on__gte=models.F("started_on")),
                name="clock_completed_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "due_on"], name="clock_owner_due"),
            models.Index(fields=["team", "due_on"], name="clock_team_due"),
            models.Index(fields=["person"], name="clock_person"),
            # Work lists read open clocks only; with years of history most clocks are closed.
            models.Index(
                fields=["owner", "due_on"],
                condition=Q(completed_on__isnull=True, cancelled_on__isnull=True),
                name="clock_owner_open",
            ),
            models.Index(
                fields=["team", "due_on"],
                condition=Q(completed_on__isnull=True, cancelled_on__isnull=True),
                name="clock_team_open",
            ),
            # The performance dashboard counts clocks by rule due, or completed, in a period.
            # On PostgreSQL each index also carries every column the count, its status (met,
            # paused) and its team test, so a year's count reads the index alone, not a heap
            # page for each clock. SQLite ignores `include`.
            models.Index(
                fields=["rule_code", "due_on"],
                include=[*_DASHBOARD_COLUMNS, "completed_on"],
                name="clock_rule_due_covering",
            ),
            models.Index(
                fields=["rule_code", "completed_on"],
                include=[*_DASHBOARD_COLUMNS, "due_on"],
                name="clock_rule_completed_covering",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_code} for person {self.person_id}, due {self.due_on:%d %b %Y}"


class LocalClosureDay(models.Model):
    """A day the authority's offices are closed (e.g. between Christmas and New Year).

    Closure days are not working days for clocks counted in working days.
    """

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d %b %Y}: {self.reason}"


class SchoolTerm(models.Model):
    """A school term (or half term) in an academic year, for clocks counted in school days.

    academic_year is the year the academic year starts: 2025 for 2025/26. An administrator
    enters the authority's published term dates; a year with no terms entered counts every
    working day as a school day (see calendar.school_calendar).
    """

    academic_year = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=20, choices=SchoolTermName.choices)
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.UniqueConstraint(fields=["academic_year", "name"], name="school_term_once"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="school_term_ends_after"
            ),
        ]

    def __str__(self) -> str:
        following = (self.academic_year + 1) % 100
        return f"{self.get_name_display()} {self.academic_year}/{following:02d}"

    def clean(self):
        """Keep a term inside its academic year (1 August to 31 July)."""
        if self.start_date and self.end_date and self.academic_year:
            first = self.start_date.replace(year=self.academic_year, month=8, day=1)
            last = first.replace(year=self.academic_year + 1, month=7, day=31)
            if not (first <= self.start_date <= last and first <= self.end_date <= last):
                raise ValidationError(
                    {"end_date": f"A term in {self} must fall between {first} and {last}."}
                )


class LocalRuleSetting(models.Model):
    """The authority's own value for a rule whose catalogue entry allows one.

    For a statutory rule the local value may only be stricter (shorter); for a local rule it
    replaces the default.
    """

    rule_code = models.CharField(max_length=40, unique=True)
    period = models.PositiveIntegerField()
    decided_by = models.CharField(max_length=200, help_text="Who decided it, e.g. the LSCP")
    decided_on = models.DateField()

    class Meta:
        ordering = ["rule_code"]

    def __str__(self) -> str:
        return f"{self.rule_code}: {self.period}"

    def clean(self):
        """Refuse a setting for an unknown rule, a rule without local values, or a laxer value."""
        from safeguard.compliance.rules import RULES

        rule = RULES.get(self.rule_code)
        if rule is None:
            raise ValidationError({"rule_code": f"There is no rule {self.rule_code!r}."})
        if not rule.local_override_allowed:
            raise ValidationError(
                {"rule_code": f"{rule.name} is fixed by {rule.source}; it has no local value."}
            )
        if not self.period:
            raise ValidationError({"period": "Enter a period of at least 1."})
        if rule.statutory and self.period > rule.period:
            raise ValidationError(
                {
                    "period": f"A local value for {rule.name} may only be stricter than the "
                    f"statutory {rule.period} {rule.unit.label}."
                }
            )


class LocalPauseSetting(models.Model):
    """The authority's decision whether the rules naming a local pause condition pause.

    With no row a condition takes its catalogue default (PauseCondition.on_by_default).
    """

    condition = models.CharField(max_length=40, unique=True)
    enabled = models.BooleanField(help_text="Pause the clocks of the rules naming it")
    decided_by = models.CharField(max_length=200, help_text="Who decided it, e.g. the LSCP")
    decided_on = models.DateField()

    class Meta:
        ordering = ["condition"]

    def __str__(self) -> str:
        return f"{self.condition}: {'on' if self.enabled else 'off'}"

    def clean(self):
        """Refuse a setting for an unknown condition or one the authority does not choose."""
        from safeguard.compliance.rules import PAUSE_CONDITIONS

        condition = PAUSE_CONDITIONS.get(self.condition)
        if condition is None:
            raise ValidationError({"condition": f"There is no pause condition {self.condition!r}."})
        if not condition.local:
            raise ValidationError(
                {"condition": f"Pausing while {condition.words} is fixed by {condition.source}."}
            )
