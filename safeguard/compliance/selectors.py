"""Read clocks: status as of any date, work lists, breaches.

Status as of a date D, for a clock that had started by D:
- met / met_late: completed on or before D; met if on or before the due date (for a rule
  counted in hours, on or before the due time);
- cancelled: not completed by D and cancelled on or before D;
- paused: neither, and one of its pauses is open on D (start <= D <= end, or no end yet);
  a paused clock is not overdue (see pauses.py);
- overdue: none of these, and D is after the due date;
- due: none of these, and D is on or before the due date.
A clock is a breach when it is overdue, or open and unowned (nobody is accountable for it).
Lists compute status in SQL (clocks_with_status); clock_status is the same rule in Python.
"""

from datetime import date, datetime

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from safeguard.compliance.choices import ClockStatus
from safeguard.compliance.models import Clock
from safeguard.compliance.pauses import paused_on


def clock_status(
    *,
    due_on: date,
    completed_on: date | None,
    cancelled_on: date | None,
    as_of: date,
    due_at: datetime | None = None,
    completed_at: datetime | None = None,
    pauses: list[dict] | None = None,
) -> ClockStatus:
    """Return the status of one clock as of a date (see the module docstring)."""
    if completed_on is not None and completed_on <= as_of:
        if due_at is not None and completed_at is not None:
            on_time = completed_at <= due_at
        else:
            on_time = completed_on <= due_on
        return ClockStatus.MET if on_time else ClockStatus.MET_LATE
    if cancelled_on is not None and cancelled_on <= as_of:
        return ClockStatus.CANCELLED
    if pauses and paused_on(pauses, as_of):
        return ClockStatus.PAUSED
    return ClockStatus.OVERDUE if as_of > due_on else ClockStatus.DUE


def status_of(clock: Clock, as_of: date | None = None) -> ClockStatus:
    """Return the clock's status as of a date (default today)."""
    return clock_status(
        due_on=clock.due_on,
        completed_on=clock.completed_on,
        cancelled_on=clock.cancelled_on,
        as_of=as_of or timezone.localdate(),
        due_at=clock.due_at,
        completed_at=clock.completed_at,
        pauses=clock.pauses,
    )


class _PauseOpenOn(Func):
    """True where one of the clock's stored pauses is open on the date (see paused_on)."""

    output_field = BooleanField()
    conditional = True
    _TEMPLATES = {
        "sqlite": "EXISTS (SELECT 1 FROM json_each({pauses}) AS clock_pause WHERE "
        "json_extract(clock_pause.value, '$.start') <= %s AND "
        "(json_extract(clock_pause.value, '$.end') IS NULL OR "
        "json_extract(clock_pause.value, '$.end') >= %s))",
        "postgresql": "EXISTS (SELECT 1 FROM jsonb_array_elements({pauses}) AS clock_pause "
        "WHERE clock_pause ->> 'start' <= %s AND "
        "(clock_pause ->> 'end' IS NULL OR clock_pause ->> 'end' >= %s))",
    }

    def __init__(self, as_of: date):
        super().__init__(F("pauses"))
        self.as_of = as_of

    def as_sql(self, compiler, connection, **extra):
        pauses, params = compiler.compile(self.source_expressions[0])
        day = self.as_of.isoformat()
        return self._TEMPLATES[connection.vendor].format(pauses=pauses), (*params, day, day)


def paused_q(as_of: date) -> Q:
    """Return the condition for a clock paused on the date (the column test first: cheap)."""
    return Q(paused_from__isnull=False, paused_from__lte=as_of) & _PauseOpenOn(as_of)


def overdue_q(as_of: date) -> Q:
    """Return the condition for an open clock overdue on the date: past due and not paused."""
    return Q(due_on__lt=as_of) & ~paused_q(as_of)


def _status_expression(as_of: date) -> Case:
    done = Q(completed_on__isnull=False, completed_on__lte=as_of)
    timed = Q(due_at__isnull=False, completed_at__isnull=False)
    on_time = (timed & Q(completed_at__lte=F("due_at"))) | (
        ~timed & Q(completed_on__lte=F("due_on"))
    )
    return Case(
        When(done & on_time, then=Value(ClockStatus.MET.value)),
        When(done, then=Value(ClockStatus.MET_LATE.value)),
        When(cancelled_on__lte=as_of, then=Value(ClockStatus.CANCELLED.value)),
        When(paused_q(as_of), then=Value(ClockStatus.PAUSED.value)),
        When(due_on__lt=as_of, then=Value(ClockStatus.OVERDUE.value)),
        default=Value(ClockStatus.DUE.value),
        output_field=CharField(),
    )


def _open_as_of(as_of: date) -> Q:
    """Return the condition for a clock neither completed nor cancelled by the date."""
    if as_of >= timezone.localdate():
        # Nothing is completed in the future, so the simple form is equivalent; it also lets
        # PostgreSQL use the partial "open clocks" indexes.
        return Q(completed_on__isnull=True, cancelled_on__isnull=True)
    return (Q(completed_on__isnull=True) | Q(completed_on__gt=as_of)) & (
        Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=as_of)
    )


def clocks_with_status(queryset: QuerySet[Clock], *, as_of: date) -> QuerySet[Clock]:
    """Return the clocks that had started by the date, each annotated with `status`."""
    return queryset.filter(started_on__lte=as_of).annotate(status=_status_expression(as_of))


def _overdue_first(queryset: QuerySet[Clock], as_of: date) -> QuerySet[Clock]:
    overdue = Case(
        When(overdue_q(as_of), then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return queryset.annotate(overdue_rank=overdue).order_by("overdue_rank", "due_on", "pk")


def clocks_list(
    *,
    as_of: date,
    person_id: int | None = None,
    team_id: int | None = None,
    overdue_only: bool = False,
    status: str | None = None,
) -> QuerySet[Clock]:
    """Return clocks with status as of the date, filtered, for the `clocks list` command."""
    clocks = Clock.objects.select_related("owner")
    if person_id is not None:
        clocks = clocks.filter(person_id=person_id)
    if team_id is not None:
        clocks = clocks.filter(team_id=team_id)
    clocks = clocks_with_status(clocks, as_of=as_of)
    if overdue_only:
        clocks = clocks.filter(status=ClockStatus.OVERDUE)
    if status is not None:
        clocks = clocks.filter(status=status)
    return clocks.order_by("person_id", "due_on", "rule_code", "key")


def clocks_for_owner(*, user, as_of: date | None = None) -> QuerySet[Clock]:
    """Return the user's open clocks as of the date, overdue first, then by due date."""
    as_of = as_of or timezone.localdate()
    clocks = Clock.objects.filter(_open_as_of(as_of), owner=user).select_related("person", "team")
    return _overdue_first(clocks_with_status(clocks, as_of=as_of), as_of)


def _team_scope(team) -> Q:
    # A clock owned by a member of the team escalates to its manager even if another team
    # holds the case; a clock the team holds with nobody owning it is the team's too.
    # The members are listed first (a small query) rather than joined: then each half of the
    # OR is an index scan (clock_team_open, clock_owner_open) instead of a scan of every
    # open clock joined to its owner.
    from safeguard.accounts.models import User

    members = list(User.objects.filter(team=team).values_list("pk", flat=True))
    return Q(team=team) | Q(owner_id__in=members)


def clocks_for_team(*, team, as_of: date | None = None) -> QuerySet[Clock]:
    """Return every open clock the team holds or its members own, broken ones first."""
    as_of = as_of or timezone.localdate()
    clocks = Clock.objects.filter(_open_as_of(as_of)).filter(_team_scope(team))
    # The children of the page shown are fetched by id once it is cut, rather than joined to
    # every open clock of the team before the sort.
    clocks = clocks.select_related("owner").prefetch_related("person")
    clocks = clocks_with_status(clocks, as_of=as_of)
    broken = overdue_q(as_of) | Q(owner__isnull=True)
    breach = Case(When(broken, then=Value(True)), default=Value(False))
    rank = Case(When(broken, then=Value(0)), default=Value(1), output_field=IntegerField())
    return clocks.annotate(is_breach=breach, breach_rank=rank).order_by(
        "breach_rank", "due_on", "pk"
    )


def work_summary(*, as_of: date, owner=None, team=None) -> dict[str, int]:
    """Return counts of the open clocks of an owner or a team: open, overdue, paused, unowned
    and breaches (overdue or unowned; a paused clock is not overdue).

    One aggregate query, so a work list can show its totals while listing one page.
    """
    clocks = Clock.objects.filter(_open_as_of(as_of), started_on__lte=as_of)
    if owner is not None:
        clocks = clocks.filter(owner=owner)
    if team is not None:
        clocks = clocks.filter(_team_scope(team))
    overdue = overdue_q(as_of)
    unowned = Q(owner__isnull=True)
    return clocks.aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=overdue),
        paused=Count("pk", filter=paused_q(as_of)),
        unowned=Count("pk", filter=unowned),
        breaches=Count("pk", filter=overdue | unowned),
    )


def work_summary_by_team(*, as_of: date) -> dict[int, dict[str, int]]:
    """Return work_summary(team=...) for every team with open clocks, keyed by team id.

    Two grouped queries in place of one per team: clocks by the team holding them, then
    clocks owned by a member of another team (or of a team holding none), by the owner's team.
    A clock in both scopes counts once for each team, as on the two teams' pages.
    """
    clocks = Clock.objects.filter(_open_as_of(as_of), started_on__lte=as_of)
    overdue, paused, unowned = overdue_q(as_of), paused_q(as_of), Q(owner__isnull=True)
    counts = {
        "open": Count("pk"),
        "overdue": Count("pk", filter=overdue),
        "paused": Count("pk", filter=paused),
        "unowned": Count("pk", filter=unowned),
        "breaches": Count("pk", filter=overdue | unowned),
    }
    held = clocks.filter(team__isnull=False).values("team_id").annotate(**counts)
    owned_elsewhere = (
        clocks.filter(owner__team__isnull=False)
        .filter(Q(team__isnull=True) | ~Q(team=F("owner__team")))
        .values("owner__team")
        .annotate(**counts)
    )
    summary: dict[int, dict[str, int]] = {}
    for row in [*held, *owned_elsewhere]:
        team_id = row.pop("team_id", None) or row.pop("owner__team")
        totals = summary.setdefault(team_id, dict.fromkeys(counts, 0))
        for name, value in row.items():
            totals[name] += value
    return summary


def breaches_for_team_count(*, team, as_of: date | None = None) -> int:
    """Return how many of the team's open clocks are overdue or unowned."""
    as_of = as_of or timezone.localdate()
    return (
        Clock.objects.filter(_open_as_of(as_of), started_on__lte=as_of)
        .filter(_team_scope(team))
        .filter(overdue_q(as_of) | Q(owner__isnull=True))
        .count()
    )


def teams_for_manager(user) -> list:
    """Return the teams whose work the user oversees: those they manage, else their own."""
    from safeguard.accounts.models import Team

    teams = list(Team.objects.filter(manager=user))
    if not teams and user.team_id is not None:
        teams = [user.team]
    return teams


def clocks_for_person(*, person, as_of: date | None = None) -> QuerySet[Clock]:
    """Return all the child's clocks with status, open ones first by due date."""
    as_of = as_of or timezone.localdate()
    clocks = clocks_with_status(Clock.objects.filter(person=person), as_of=as_of)
    is_open = Case(
        When(_open_as_of(as_of), then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        clocks.select_related("owner")
        .annotate(closed_rank=is_open)
        .order_by("closed_rank", "due_on", "pk")
    )


def restricted_hidden_from(user, person_ids: set[int]) -> set[int]:
    """Return which of these people are restricted records the user has no grant for."""
    from safeguard.people.models import Person, RestrictedAccessGrant

    granted = RestrictedAccessGrant.objects.filter(person=OuterRef("pk"), user=user)
    return set(
        Person.objects.filter(pk__in=person_ids, is_restricted=True)
        .exclude(Exists(granted))
        .values_list("pk", flat=True)
    )
