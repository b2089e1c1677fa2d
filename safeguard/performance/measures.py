"""The measures: each figure on the dashboard defined ONCE, as the rows it counts.

A measure names the rows behind its figure (children's clocks, episodes, contacts, workers)
for a scope and a period. Its denominator is a queryset; its numerator is that queryset
filtered further. The dashboard counts those querysets; the drill-down lists the same
querysets. So the number and the list can never disagree: they are one definition.

Two shapes:
- a queryset measure: `source(period)` gives a queryset, `base(scope, period)` the rows in
  the figure (a Q), `met(period)` the numerator's extra condition (a Q) or None for a count;
- an id measure, for figures a domain computes in Python (placement stability, caseloads,
  supervision): `ids(scope, period, cache)` returns (numerator ids, denominator ids or None)
  of `model` rows. The list is `model.objects.filter(pk__in=ids)`.
Domain rules are read from the domain's selectors (clock status, the unallocated queue's
"current lead", placement stability, caseloads, supervision clocks); none is rewritten here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

AUTHORITY = "authority"
SERVICE_AREA = "service_area"
TEAM = "team"
WORKER = "worker"
SCOPE_KINDS = (AUTHORITY, SERVICE_AREA, TEAM, WORKER)

UP, DOWN, NEITHER = "up", "down", ""


@dataclass(frozen=True)
class Scope:
    """Whose work a figure covers: the authority, a service area, a team or a worker."""

    kind: str = AUTHORITY
    value: str = ""

    @property
    def key(self) -> str:
        return self.kind if self.kind == AUTHORITY else f"{self.kind}:{self.value}"

    @classmethod
    def from_key(cls, key: str) -> Scope:
        kind, _, value = key.partition(":")
        return cls(kind=kind, value=value)


@dataclass(frozen=True)
class Period:
    """The days [start, end] a figure covers; stock figures are counted on `end`."""

    start: date
    end: date

    @property
    def end_moment(self) -> datetime:
        """Return the first moment after the period (datetimes compare against it)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    @property
    def start_moment(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))


def default_period(today: date) -> Period:
    """Return the twelve months to today."""
    return Period(start=_years_before(today, 1) + timedelta(days=1), end=today)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class Measure:
    code: str
    title: str
    description: str
    rows: str  # what one row of the list is: "children", "clocks", "contacts", "workers"
    good: str = NEITHER
    numerator_title: str = ""
    denominator_title: str = ""
    comparator: str = ""  # a measure in the England reference file, same unit
    source: Callable[[Period], QuerySet] | None = None
    base: Callable[[Scope, Period], Q] | None = None
    met: Callable[[Period], Q] | None = None
    model: Callable[[], type] | None = None
    ids: Callable[[Scope, Period, dict], tuple[list[int], list[int] | None]] | None = None
    columns: tuple[tuple[str, str], ...] = ()
    person_path: str | None = "person_id"
    section: str = ""
    # Whether the records this measure counts are kept at all (None: ask the source or model).
    held: Callable[[], bool] | None = None
    # The path to a row's team, where the team and service-area figures are the rows of that
    # team: month-end snapshots count every team in one grouped query (a test holds them equal).
    team_path: str | None = None

    def has_records(self) -> bool:
        """Return False when nothing of the kind counted is recorded: the page says so."""
        if self.held is not None:
            return self.held()
        if self.ids is not None:
            return self.model()._default_manager.exists()
        return self.source(Period(start=date.min, end=date.max)).exists()

    @property
    def is_ratio(self) -> bool:
        return self.denominator_title != ""

    def querysets(
        self, scope: Scope, period: Period, cache: dict | None = None
    ) -> tuple[QuerySet, QuerySet | None]:
        """Return (numerator rows, denominator rows or None) for the scope and period."""
        if self.ids is not None:
            numerator_ids, denominator_ids = self.ids(scope, period, {} if cache is None else cache)
            rows = self.model()._default_manager
            numerator = rows.filter(pk__in=numerator_ids)
            if denominator_ids is None:
                return numerator, None
            return numerator, rows.filter(pk__in=denominator_ids)
        rows = self.source(period).filter(self.base(scope, period))
        if self.met is None:
            return rows, None
        return rows.filter(self.met(period)), rows


MEASURES: dict[str, Measure] = {}


def register(measure: Measure) -> Measure:
    if measure.code in MEASURES:
        raise ValueError(f"Measure {measure.code} is registered twice")
    MEASURES[measure.code] = measure
    return measure


def measure_get(code: str) -> Measure | None:
    return MEASURES.get(code)


# --- scope conditions ------------------------------------------------------------------


def scope_q(scope: Scope, *, team: str | None, worker: str | None) -> Q:
    """Return the condition for rows in scope, given the paths to their team and worker."""
    if scope.kind == AUTHORITY:
        return Q()
    path = team if scope.kind in (SERVICE_AREA, TEAM) else worker
    if path is None:
        return Q(pk__in=[])
    if scope.kind == SERVICE_AREA:
        return Q(**{f"{path}__service_area": scope.value})
    return Q(**{f"{path}_id": int(scope.value)})


def _lead_at(period: Period):
    from safeguard.casework.choices import AllocationRole
    from safeguard.casework.models import Allocation

    moment = period.end_moment
    return Allocation.objects.filter(role=AllocationRole.LEAD, start_at__lt=moment).filter(
        Q(end_at__isnull=True) | Q(end_at__gte=moment)
    )


def lead_q(scope: Scope, period: Period, *, episode: str = "pk", team: str | None = None) -> Q:
    """Return scope by the record's team (if it has one) or its episode's lead worker at end."""
    if scope.kind == AUTHORITY:
        return Q()
    if scope.kind != WORKER and team is not None:
        return scope_q(scope, team=team, worker=None)
    leads = _lead_at(period).filter(episode_id=OuterRef(episode))
    return Q(Exists(leads.filter(scope_q(scope, team="team", worker="worker"))))


def _open_on(start: str, end: str, day: date) -> Q:
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day}))


# --- clocks ----------------------------------------------------------------------------


def _clocks(period: Period) -> QuerySet:
    from safeguard.compliance.models import Clock
    from safeguard.compliance.selectors import clocks_with_status

    return clocks_with_status(Clock.objects.all(), as_of=period.end)


def _clock_met(period: Period) -> Q:
    from safeguard.compliance.choices import ClockStatus

    return Q(status=ClockStatus.MET)


def _clocks_due(codes: tuple[str, ...]) -> Callable[[Scope, Period], Q]:
    """Clocks of the rules that fell due in the period, not cancelled by its end.

    A clock paused at the period's end (a visit while the child is missing, where the
    authority pauses visits) has not yet fallen due: its due date moves on when the pause ends.
    Of clocks not cancelled, the paused ones are those not completed by the end with a pause
    open on it (the clock status's own order); that is tested on the columns, not by comparing
    the status, which would compute the status of every clock in every filtered count.
    """
    from safeguard.compliance.selectors import paused_q

    def base(scope: Scope, period: Period) -> Q:
        completed = Q(completed_on__isnull=False, completed_on__lte=period.end)
        return (
            Q(rule_code__in=codes, due_on__gte=period.start, due_on__lte=period.end)
            & (Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=period.end))
            & (completed | ~paused_q(period.end))
            & scope_q(scope, team="team", worker="owner")
        )

    return base


def _clocks_completed(codes: tuple[str, ...]) -> Callable[[Scope, Period], Q]:
    """Clocks of the rules completed in the period (the DfE count of work completed)."""

    def base(scope: Scope, period: Period) -> Q:
        return Q(
            rule_code__in=codes, completed_on__gte=period.start, completed_on__lte=period.end
        ) & scope_q(scope, team="team", worker="owner")

    return base


CLOCK_COLUMNS = (
    ("Rule", "rule_code"),
    ("Started", "started_on"),
    ("Due", "due_on"),
    ("Completed", "completed_on"),
    ("Status", "status"),
    ("Owner", "owner__username"),
)


def _care_leavers_held() -> bool:
    from safeguard.looked_after.models import CareLeaverBirthdayRecord

    return CareLeaverBirthdayRecord.objects.exists()


def _placements_held() -> bool:
    from safeguard.looked_after.models import CareEpisode

    return CareEpisode.objects.exists()


def _employments_held() -> bool:
    from safeguard.workforce.models import Employment

    return Employment.objects.exists()


def _clock_rules_held(codes: tuple[str, ...]) -> bool:
    from safeguard.compliance.models import Clock

    return Clock.objects.filter(rule_code__in=codes).exists()


def _clock_measure(code, title, description, rule_codes, *, completed=False, section=""):
    return register(
        Measure(
            code=code,
            title=title,
            description=description,
            rows="clocks",
            good=UP,
            numerator_title="in timescale",
            denominator_title="completed" if completed else "fell due",
            source=_clocks,
            team_path="team",
            base=(_clocks_completed if completed else _clocks_due)(rule_codes),
            met=_clock_met,
            columns=CLOCK_COLUMNS,
            section=section,
            held=lambda: _clock_rules_held(rule_codes),
        )
    )


# --- querysets of the domains ----------------------------------------------------------


def _active(label: str):
    """Return period -> the model's unarchived rows; the model is looked up when first used."""

    def queryset(period: Period) -> QuerySet:
        return apps.get_model(label).objects.active()

    return queryset


_contacts = _active("front_door.Contact")
_episodes = _active("casework.Episode")
_assessments = _active("assessments.Assessment")
_section_47s = _active("child_protection.Section47Enquiry")
_plans = _active("casework.Plan")
_cp_plans = _active("child_protection.ChildProtectionPlan")
_cme_entries = _active("education.CMEEntry")


# --- front door ------------------------------------------------------------------------

register(
    Measure(
        code="CONTACTS",
        title="Contacts received",
        description="Contacts received in the period (scoped by the team that screened them).",
        rows="contacts",
        section="Front door",
        source=_contacts,
        team_path="decision__decided_by_team",
        base=lambda s, p: (
            Q(received_at__gte=p.start_moment, received_at__lt=p.end_moment)
            & scope_q(s, team="decision__decided_by_team", worker="decision__decided_by")
        ),
        columns=(
            ("Received", "received_at"),
            ("Source", "referral_source"),
            ("Status", "status"),
            ("Referrer", "referrer_name"),
        ),
        person_path=None,
    )
)
_clock_measure(
    "CONTACT_DECISION_1WD",
    "Contact decisions within 1 working day",
    "Each child's contact-decision clock that fell due in the period: decided on time or not.",
    ("CONTACT_DECISION",),
    section="Front door",
)
register(
    Measure(
        code="REFERRALS",
        title="Referrals",
        description="Social care episodes whose referral date is in the period.",
        rows="referrals",
        section="Front door",
        source=_episodes,
        team_path="team",
        base=lambda s, p: (
            Q(service="social_care", referral_date__range=(p.start, p.end))
            & lead_q(s, p, team="team")
        ),
        columns=(
            ("Referral date", "referral_date"),
            ("Source", "referral_source"),
            ("Re-referral", "is_re_referral"),
            ("Team", "team__name"),
        ),
    )
)
register(
    Measure(
        code="RE_REFERRALS",
        title="Re-referrals within 12 months",
        description="Referrals in the period that came within 12 months of the child's previous "
        "referral (the episode's is_re_referral, set by the front door).",
        rows="referrals",
        section="Front door",
        good=DOWN,
        numerator_title="re-referrals",
        denominator_title="referrals",
        comparator="re_referrals_within_12_months",
        source=_episodes,
        team_path="team",
        base=lambda s, p: (
            Q(service="social_care", referral_date__range=(p.start, p.end))
            & lead_q(s, p, team="team")
        ),
        met=lambda p: Q(is_re_referral=True),
        columns=(
            ("Referral date", "referral_date"),
            ("Source", "referral_source"),
            ("Re-referral", "is_re_referral"),
            ("Team", "team__name"),
        ),
    )
)

# --- assessments and child protection --------------------------------------------------

register(
    Measure(
        code="ASSESSMENTS_COMPLETED",
        title="Assessments completed",
        description="Single assessments authorised in the period.",
        rows="assessments",
        section="Assessment and child protection",
        source=_assessments,
        team_path="episode__team",
        base=lambda s, p: (
            Q(kind="single", authorised_on__range=(p.start, p.end))
            & scope_q(s, team="episode__team", worker="worker")
        ),
        columns=(
            ("Started", "start_date"),
            ("Authorised", "authorised_on"),
            ("Outcome", "outcome"),
            ("Worker", "worker__username"),
        ),
    )
)
_clock_measure(
    "ASSESSMENTS_45WD",
    "Assessments completed within 45 working days",
    "Single assessment clocks completed in the period: within 45 working days of referral.",
    ("SINGLE_ASSESSMENT",),
    completed=True,
    section="Assessment and child protection",
)
register(
    Measure(
        code="SECTION_47S",
        title="Section 47 enquiries started",
        description="Section 47 enquiries whose start date is in the period.",
        rows="enquiries",
        section="Assessment and child protection",
        source=_section_47s,
        team_path="episode__team",
        base=lambda s, p: (
            Q(start_date__range=(p.start, p.end))
            & lead_q(s, p, episode="episode_id", team="episode__team")
        ),
        columns=(
            ("Started", "start_date"),
            ("Outcome", "outcome"),
            ("Outcome date", "outcome_date"),
        ),
    )
)
_clock_measure(
    "ICPC_15WD",
    "Initial conferences within 15 working days",
    "ICPC clocks that fell due in the period: held within 15 working days of the strategy "
    "discussion that started the section 47 enquiry.",
    ("ICPC",),
    section="Assessment and child protection",
)
_PLAN_COLUMNS = (
    ("Started", "start_date"),
    ("Ended", "end_date"),
    ("Team", "episode__team__name"),
)
register(
    Measure(
        code="CP_PLANS_2_YEARS",
        title="Child protection plans lasting 2 years or more",
        description="Children on a child protection plan at the end of the period; of them, "
        "those whose plan had lasted 2 years or more.",
        rows="plans",
        section="Assessment and child protection",
        good=DOWN,
        numerator_title="2 years or more",
        denominator_title="children on plans",
        source=_plans,
        team_path="episode__team",
        base=lambda s, p: (
            Q(kind="child_protection")
            & _open_on("start_date", "end_date", p.end)
            & lead_q(s, p, episode="episode_id", team="episode__team")
        ),
        met=lambda p: Q(start_date__lte=_years_before(p.end, 2)),
        columns=_PLAN_COLUMNS,
    )
)
register(
    Measure(
        code="CP_PLANS_SECOND",
        title="Second or later child protection plans",
        description="Child protection plans started in the period; of them, those that are the "
        "child's second or later plan.",
        rows="plans",
        section="Assessment and child protection",
        good=DOWN,
        numerator_title="second or later",
        denominator_title="plans started",
        source=_cp_plans,
        team_path="plan__episode__team",
        base=lambda s, p: (
            Q(plan__start_date__range=(p.start, p.end))
            & lead_q(s, p, episode="plan__episode_id", team="plan__episode__team")
        ),
        met=lambda p: Q(number_of_previous_plans__gt=0),
        columns=(
            ("Started", "plan__start_date"),
            ("Previous plans", "number_of_previous_plans"),
            ("Previous ended", "previous_plan_ended_on"),
        ),
        person_path="plan__person_id",
    )
)
register(
    Measure(
        code="CIN_PLANS",
        title="Children on child in need plans",
        description="Child in need plans open at the end of the period.",
        rows="plans",
        section="Assessment and child protection",
        source=_plans,
        team_path="episode__team",
        base=lambda s, p: (
            Q(kind="child_in_need")
            & _open_on("start_date", "end_date", p.end)
            & lead_q(s, p, episode="episode_id", team="episode__team")
        ),
        columns=_PLAN_COLUMNS,
    )
)

# --- visits ----------------------------------------------------------------------------

_clock_measure(
    "CP_VISITS",
    "Child protection visits in timescale",
    "Child protection visit clocks that fell due in the period (every 10 working days).",
    ("CP_VISIT",),
    section="Visits",
)
_clock_measure(
    "CIN_VISITS",
    "Child in need visits in timescale",
    "Child in need visit clocks that fell due in the period (local timescale).",
    ("CIN_VISIT",),
    section="Visits",
)
_clock_measure(
    "LAC_VISITS",
    "Looked-after children's visits in timescale",
    "Every statutory visit clock of a looked-after child (Care Planning Regulations reg 28) "
    "that fell due in the period.",
    (
        "LAC_VISIT_FIRST_WEEK",
        "LAC_VISIT_FIRST_YEAR",
        "LAC_VISIT_LONG_TERM",
        "LAC_VISIT",
        "LAC_VISIT_WEEKLY",
        "LAC_VISIT_FOUR_WEEKLY",
        "LAC_VISIT_PLACED_WITH_PARENT",
        "LAC_VISIT_AFTER_CARE_ORDER",
    ),
    section="Visits",
)

# --- allocation, missing, education ----------------------------------------------------

UNALLOCATED_WAIT_DAYS = 28


def _unallocated_base(scope: Scope, period: Period) -> Q:
    """Open episodes at the end with no current lead: casework's unallocated queue, on a day.

    The queue's rule (casework.allocations.unallocated_queue: open, no lead allocation with
    no end) read as of the period's end, so past month ends can be counted too; a test
    holds the two equal today.
    """
    leads = _lead_at(period).filter(episode_id=OuterRef("pk"))
    return (
        Q(referral_date__lte=period.end)
        & (Q(closure_date__isnull=True) | Q(closure_date__gt=period.end))
        & ~Q(Exists(leads))
        & scope_q(scope, team="team", worker=None)
    )


register(
    Measure(
        code="UNALLOCATED",
        title="Unallocated children waiting over 4 weeks",
        description="Open episodes with no lead worker at the end of the period; of them, those "
        f"referred more than {UNALLOCATED_WAIT_DAYS} days before. The list shows each wait.",
        rows="episodes",
        section="Allocation",
        good=DOWN,
        numerator_title=f"waiting over {UNALLOCATED_WAIT_DAYS} days",
        denominator_title="unallocated",
        source=_episodes,
        team_path="team",
        base=_unallocated_base,
        met=lambda p: Q(referral_date__lt=p.end - timedelta(days=UNALLOCATED_WAIT_DAYS)),
        columns=(
            ("Referral date", "referral_date"),
            ("Service", "service"),
            ("Risk", "risk_level"),
            ("Team", "team__name"),
        ),
    )
)
_clock_measure(
    "RHI_72H",
    "Return home interviews offered within 72 hours",
    "Return-home-interview offer clocks that fell due in the period.",
    ("RHI_OFFER",),
    section="Missing and education",
)


def _cme_overdue(period: Period) -> Q:
    from safeguard.compliance.models import Clock

    late = Clock.objects.filter(
        person_id=OuterRef("person_id"),
        rule_code__startswith="CME_",
        started_on__lte=period.end,
        due_on__lt=period.end,
    ).filter(
        (Q(completed_on__isnull=True) | Q(completed_on__gt=period.end))
        & (Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=period.end))
    )
    return Q(Exists(late))


register(
    Measure(
        code="CME_OPEN",
        title="Children missing education: overdue",
        description="Entries open on the children-missing-education register at the end of the "
        "period; of them, those with a CME clock (checks, notification, enquiries) overdue.",
        rows="register entries",
        section="Missing and education",
        good=DOWN,
        numerator_title="overdue",
        denominator_title="open",
        source=_cme_entries,
        team_path="officer__team",
        base=lambda s, p: (
            _open_on("referred_on", "closed_on", p.end)
            & scope_q(s, team="officer__team", worker="officer")
        ),
        met=_cme_overdue,
        columns=(
            ("Referred", "referred_on"),
            ("Reason", "reason"),
            ("Officer", "officer__username"),
        ),
    )
)

# --- workforce -------------------------------------------------------------------------


def _user_model():
    from django.contrib.auth import get_user_model

    return get_user_model()


def _workers(scope: Scope, period: Period, cache: dict) -> list:
    """Return employments in force at the end, in scope (the workforce app's selector)."""
    from safeguard.workforce.selectors import employments_current

    key = ("employments", period.end)
    if key not in cache:
        cache[key] = list(
            employments_current(as_of=period.end).values(
                "user_id", "team_id", "team__service_area", "is_case_holding"
            )
        )
    rows = cache[key]
    if scope.kind == SERVICE_AREA:
        rows = [r for r in rows if r["team__service_area"] == scope.value]
    elif scope.kind == TEAM:
        rows = [r for r in rows if r["team_id"] == int(scope.value)]
    elif scope.kind == WORKER:
        rows = [r for r in rows if r["user_id"] == int(scope.value)]
    return rows


def _caseload_ids(scope: Scope, period: Period, cache: dict):
    from safeguard.workforce.selectors import policy_in_force, weighted_caseloads

    workers = sorted({r["user_id"] for r in _workers(scope, period, cache) if r["is_case_holding"]})
    key = ("weighted", period.end)
    if key not in cache:
        everyone = sorted(
            {r["user_id"] for r in _workers(Scope(), period, cache) if r["is_case_holding"]}
        )
        cache[key] = weighted_caseloads(worker_ids=everyone, as_of=period.end)
    limit = policy_in_force(as_of=period.end).caseload_limit
    over = [w for w in workers if cache[key].get(w, 0) > limit]
    return over, workers


def _supervision_ids(scope: Scope, period: Period, cache: dict):
    from safeguard.workforce.worker_clocks import supervision_overdue

    workers = sorted({r["user_id"] for r in _workers(scope, period, cache)})
    key = ("supervision overdue", period.end)
    if key not in cache:
        everyone = sorted({r["user_id"] for r in _workers(Scope(), period, cache)})
        cache[key] = supervision_overdue(worker_ids=everyone, as_of=period.end)
    in_time = [w for w in workers if w not in cache[key]]
    return in_time, workers


_WORKER_COLUMNS = (("Name", "first_name"), ("Surname", "last_name"), ("Team", "team__name"))

register(
    Measure(
        code="CASELOADS",
        title="Case-holding workers over the caseload limit",
        description="Case-holding workers employed at the end of the period; of them, those "
        "whose weighted caseload (the workforce app's weighting) is over the policy limit.",
        rows="workers",
        section="Workforce",
        good=DOWN,
        numerator_title="over the limit",
        denominator_title="case-holding workers",
        model=_user_model,
        ids=_caseload_ids,
        held=_employments_held,
        columns=_WORKER_COLUMNS,
        person_path=None,
    )
)
register(
    Measure(
        code="SUPERVISION",
        title="Workers with supervision in timescale",
        description="Workers employed at the end of the period; of them, those with no "
        "supervision overdue on that day.",
        rows="workers",
        section="Workforce",
        good=UP,
        numerator_title="in timescale",
        denominator_title="workers",
        model=_user_model,
        ids=_supervision_ids,
        held=_employments_held,
        columns=_WORKER_COLUMNS,
        person_path=None,
    )
)

# --- looked after and care leavers -----------------------------------------------------


def _person_model():
    from safeguard.people.models import Person

    return Person


def _in_scope(ids: list[int], scope: Scope, period: Period, cache: dict) -> list[int]:
    """Return the children among ids in scope, for records with no episode of their own.

    A child is in scope by a lead allocation of one of the child's episodes at the period's
    end: in the team (or a team of the service area) or with the worker. Every child's leads
    are read in one query and kept, so each scope of a month-end snapshot is a look-up.
    """
    if scope.kind == AUTHORITY or not ids:
        return ids

    def leads_by_child() -> dict[int, list[tuple]]:
        found: dict[int, list[tuple]] = {}
        rows = _lead_at(period).values_list(
            "episode__person_id", "team_id", "team__service_area", "worker_id"
        )
        for person_id, *lead in rows:
            found.setdefault(person_id, []).append(tuple(lead))
        return found

    leads = _memo(cache, ("leads by child", period.end), leads_by_child)
    if scope.kind == SERVICE_AREA:
        wanted, place = scope.value, 1
    else:
        wanted, place = int(scope.value), 0 if scope.kind == TEAM else 2
    return sorted(
        person_id
        for person_id in set(ids)
        if any(lead[place] == wanted for lead in leads.get(person_id, ()))
    )


def _memo(cache: dict, key, func):
    if key not in cache:
        cache[key] = func()
    return cache[key]


def _stability(period: Period, cache: dict):
    """Return the looked-after domain's stability on the period's end (one query for both)."""
    from safeguard.looked_after.stability import stability_on

    return _memo(cache, ("stability", period.end), lambda: stability_on(as_of=period.end))


def _short_term_stability(scope: Scope, period: Period, cache: dict):
    found = _stability(period, cache)
    return (
        _in_scope(found.three_or_more_placements, scope, period, cache),
        _in_scope(found.looked_after, scope, period, cache),
    )


def _long_term_stability(scope: Scope, period: Period, cache: dict):
    found = _stability(period, cache)
    return (
        _in_scope(found.long_term_stable, scope, period, cache),
        _in_scope(found.long_term_cohort, scope, period, cache),
    )


_CHILD_COLUMNS = (("Date of birth", "date_of_birth"),)

register(
    Measure(
        code="PLACEMENTS_3_PLUS",
        title="Looked-after children with 3 or more placements in 12 months",
        description="Children looked after at the end of the period (DfE short-term stability).",
        rows="children",
        section="Looked after",
        good=DOWN,
        numerator_title="3 or more placements",
        denominator_title="looked after",
        model=_person_model,
        ids=_short_term_stability,
        held=_placements_held,
        columns=_CHILD_COLUMNS,
        person_path="pk",
    )
)
register(
    Measure(
        code="PLACEMENTS_LONG_TERM",
        title="Long-term placement stability",
        description="Under-16s looked after 2.5 years or more at the end of the period; of them, "
        "those in the same placement for 2 years (DfE long-term stability).",
        rows="children",
        section="Looked after",
        good=UP,
        numerator_title="same placement 2 years",
        denominator_title="in cohort",
        model=_person_model,
        ids=_long_term_stability,
        held=_placements_held,
        columns=_CHILD_COLUMNS,
        person_path="pk",
    )
)


_EET = ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5")


def _birthday(born: date, age: int) -> date:
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return born.replace(year=born.year + age, day=28)


def _care_leaver_rows(scope: Scope, period: Period, cache: dict) -> list[dict]:
    """Return birthday records whose birthday (the SSDA903 OC3 reference day) is in the period."""

    def fetch():
        from safeguard.looked_after.models import CareLeaverBirthdayRecord

        return list(
            CareLeaverBirthdayRecord.objects.active()
            .filter(person__date_of_birth__isnull=False)
            .values(
                "pk", "person_id", "birthday_age", "in_touch", "activity", "person__date_of_birth"
            )
        )

    rows = [
        r
        for r in _memo(cache, ("care_leavers",), fetch)
        if period.start <= _birthday(r["person__date_of_birth"], r["birthday_age"]) <= period.end
    ]
    if scope.kind != AUTHORITY:
        kept = set(_in_scope(sorted({r["person_id"] for r in rows}), scope, period, cache))
        rows = [r for r in rows if r["person_id"] in kept]
    return rows


def _care_leavers_in_touch(scope, period, cache):
    rows = _care_leaver_rows(scope, period, cache)
    return [r["pk"] for r in rows if r["in_touch"] == "YES"], [r["pk"] for r in rows]


def _care_leavers_eet(scope, period, cache):
    rows = _care_leaver_rows(scope, period, cache)
    return [r["pk"] for r in rows if r["activity"] in _EET], [r["pk"] for r in rows]


def _birthday_record_model():
    from safeguard.looked_after.models import CareLeaverBirthdayRecord

    return CareLeaverBirthdayRecord


_CARE_LEAVER_COLUMNS = (
    ("Birthday (age)", "birthday_age"),
    ("In touch", "in_touch"),
    ("Activity", "activity"),
    ("Contact date", "contact_date"),
)
register(
    Measure(
        code="CARE_LEAVERS_IN_TOUCH",
        title="Care leavers in touch",
        description="Care leavers' birthday records (ages 17 to 21) whose birthday is in the "
        "period; of them, those the authority was in touch with.",
        rows="birthday records",
        section="Looked after",
        good=UP,
        numerator_title="in touch",
        denominator_title="care leavers",
        model=_birthday_record_model,
        ids=_care_leavers_in_touch,
        held=_care_leavers_held,
        columns=_CARE_LEAVER_COLUMNS,
    )
)
register(
    Measure(
        code="CARE_LEAVERS_EET",
        title="Care leavers in education, employment or training",
        description="The same care leavers; of them, those in education, employment or training.",
        rows="birthday records",
        section="Looked after",
        good=UP,
        numerator_title="in education, employment or training",
        denominator_title="care leavers",
        model=_birthday_record_model,
        ids=_care_leavers_eet,
        held=_care_leavers_held,
        columns=_CARE_LEAVER_COLUMNS,
    )
)


@dataclass
class Figure:
    measure: Measure
    numerator: int
    denominator: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def value(self) -> float | None:
        """Return the percentage for a ratio, the count for a count, None when undefined."""
        if self.denominator is None:
            return float(self.numerator)
        if self.denominator == 0:
            return None
        return round(self.numerator * 100 / self.denominator, 1)
