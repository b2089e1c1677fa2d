"""Clocks that looked-after children's and care leavers' records imply.

Each duty is a cycle: an event starts a clock, the satisfying event completes it and starts
the next, and the end of the placement, period of care or leaving-care service cancels the
open one. Which rule a cycle runs under depends on the placement and its stage (CPPCR reg 28)
or on the child's age (health reviews); the engine computes every due date from the rule.

Rules (compliance/rules.py): LAC_VISIT_FIRST_WEEK reg 28(2)(a); LAC_VISIT_FIRST_YEAR 28(2)(b);
LAC_VISIT_LONG_TERM 28(2)(c)(i); LAC_VISIT 28(2)(c)(ii); LAC_VISIT_WEEKLY 28(3)(a), 28(4)(a);
LAC_VISIT_PLACED_WITH_PARENT 28(3)(b), 28(5)(b); LAC_VISIT_FOUR_WEEKLY 28(4)(b);
LAC_VISIT_AFTER_CARE_ORDER 28(5)(a); LAC_REVIEW_FIRST/SECOND and LAC_REVIEW reg 33;
INITIAL_HEALTH_ASSESSMENT reg 7; REVIEW_HEALTH_ASSESSMENT_UNDER_5 / REVIEW_HEALTH_ASSESSMENT
reg 8; LAC_DENTAL_CHECK (local); PEP_INITIAL / PEP_REVIEW (DfE 2018 guidance);
CARE_LEAVER_NEEDS_ASSESSMENT reg 42; PATHWAY_PLAN_REVIEW Care Leavers Regulations reg 7.

Short breaks (V3/V4) are left out: CPPCR reg 48 replaces the visit interval with one agreed
with the IRO and the parents, and health assessments do not apply.
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from safeguard.casework.choices import AllocationRole, VisitType
from safeguard.casework.models import Allocation, Visit
from safeguard.compliance.registry import ClockSpec, clock_producer
from safeguard.core.forms import today
from safeguard.looked_after.choices import (
    CareLeaverEligibility,
    HealthEventKind,
    LegalStatus,
    PlacementType,
)
from safeguard.looked_after.models import (
    CareEpisode,
    CareLeaver,
    HealthEvent,
    LookedAfterReview,
    PathwayPlan,
    PersonalEducationPlan,
)
from safeguard.looked_after.periods import (
    EPISODE_FIELDS,
    PeriodOfCare,
    Placement,
    group_by_person,
    plus_months,
)
from safeguard.people.models import Person

_SUBJECT = "looked_after.careepisode:{}"


def _filter(qs, person_ids):
    return qs if person_ids is None else qs.filter(person_id__in=person_ids)


def _periods(person_ids) -> dict[int, list[PeriodOfCare]]:
    rows = _filter(CareEpisode.objects.active(), person_ids).values(*EPISODE_FIELDS)
    return group_by_person(rows)


def _dates(qs, person_ids, field: str) -> dict[int, list[date]]:
    found: dict[int, list[date]] = defaultdict(list)
    for person_id, day in _filter(qs, person_ids).values_list("person_id", field):
        found[person_id].append(day)
    return {k: sorted(v) for k, v in found.items()}


def _births(person_ids, model) -> dict[int, date | None]:
    """Return {person id: date of birth} for the children asked about, or all with records."""
    people = Person.objects.all()
    if person_ids is None:
        people = people.filter(pk__in=model.objects.values("person_id"))
    else:
        people = people.filter(pk__in=person_ids)
    return dict(people.values_list("pk", "date_of_birth"))


def owners(person_ids) -> dict[int, tuple[int, int]]:
    """Return {person id: (lead worker id, team id)} from open social care allocations."""
    rows = Allocation.objects.filter(
        role=AllocationRole.LEAD, end_at__isnull=True, episode__closure_date__isnull=True
    )
    if person_ids is not None:
        rows = rows.filter(episode__person_id__in=person_ids)
    return {
        person_id: (worker_id, team_id)
        for person_id, worker_id, team_id in rows.order_by("start_at").values_list(
            "episode__person_id", "worker_id", "team_id"
        )
    }


def _between(days: list[date], start: date, end: date | None) -> list[date]:
    return [d for d in days if d >= start and (end is None or d <= end)]


def _chain(
    *,
    person_id: int,
    key: str,
    start: date,
    start_event: str,
    events: list[date],
    end: date | None,
    rule_for,
    owner: tuple,
    subject: str,
    next_event: str,
) -> Iterator[ClockSpec]:
    """Yield one clock per cycle; rule_for(n, cycle_start) names the rule of cycle n."""
    owner_id, team_id = owner
    cycle_start, cycle_event, n = start, start_event, 1
    for when in events:
        yield ClockSpec(
            rule_code=rule_for(n, cycle_start),
            person_id=person_id,
            key=f"{key}:{n}",
            start=cycle_start,
            completed=when,
            owner_id=owner_id,
            team_id=team_id,
            subject=subject,
            start_event=cycle_event,
        )
        cycle_start, cycle_event, n = when, next_event, n + 1
    yield ClockSpec(
        rule_code=rule_for(n, cycle_start),
        person_id=person_id,
        key=f"{key}:{n}",
        start=cycle_start,
        cancelled=end,
        owner_id=owner_id,
        team_id=team_id,
        subject=subject,
        start_event=cycle_event,
    )


def visit_regime(episode: dict) -> str:
    """Return which paragraph of CPPCR reg 28 governs visits under this episode."""
    with_parent = episode["placement_type"] == PlacementType.P1
    if episode["placed_with_parent_before_assessment"]:
        return "reg_19"  # 28(3)
    if episode["connected_person_temporary_approval"] or (
        with_parent and episode["legal_status"] == LegalStatus.C1
    ):
        return "reg_24_or_interim_order"  # 28(4)
    if with_parent and episode["legal_status"] == LegalStatus.C2:
        return "care_order_with_parent"  # 28(5)
    return "standard"  # 28(2)


def visit_rule(*, placement: Placement, cycle: int, cycle_start: date, first_review) -> str:
    """Return the reg 28 rule for a visiting cycle starting on cycle_start in the placement.

    Cycle 1 starts with the placement; each later cycle starts with the visit before it.
    """
    episode = placement.episode_on(cycle_start)
    regime = visit_regime(episode)
    before_first_review = first_review is None or cycle_start < first_review
    if regime in ("reg_19", "reg_24_or_interim_order") and before_first_review:
        return "LAC_VISIT_WEEKLY"
    if cycle == 1:
        if regime == "care_order_with_parent":
            return "LAC_VISIT_AFTER_CARE_ORDER"
        return "LAC_VISIT_FIRST_WEEK"
    if regime == "reg_24_or_interim_order":
        return "LAC_VISIT_FOUR_WEEKLY"
    if regime in ("reg_19", "care_order_with_parent"):
        return "LAC_VISIT_PLACED_WITH_PARENT"
    if cycle_start < plus_months(placement.start, 12):
        return "LAC_VISIT_FIRST_YEAR"
    if episode["placement_intended_until_18"]:
        return "LAC_VISIT_LONG_TERM"
    return "LAC_VISIT"


def _care_order_splits(placement: Placement) -> list[dict]:
    """Return the episodes at which a care order was made while the child lived with a parent.

    Reg 28(5) asks for a visit within a week of the care order, so each starts a new cycle.
    """
    splits = []
    for before, episode in zip(placement.episodes, placement.episodes[1:], strict=False):
        if (
            episode["legal_status"] == LegalStatus.C2
            and before["legal_status"] != LegalStatus.C2
            and episode["placement_type"] == PlacementType.P1
        ):
            splits.append(episode)
    return splits


def visit_specs(
    person_id: int,
    periods: list[PeriodOfCare],
    visits: list[date],
    reviews: list[date],
    owner: tuple = (None, None),
) -> Iterator[ClockSpec]:
    """Yield the reg 28 visit clocks for one child."""
    for period in periods:
        first_review = next(iter(_between(reviews, period.start, period.end)), None)
        for placement in period.placements:
            if placement.is_short_break:
                continue
            first = placement.episodes[0]
            splits = _care_order_splits(placement)
            starts = [(placement.start, None)] + [(e["start_date"], e) for e in splits]
            for i, (start, order) in enumerate(starts):
                end = starts[i + 1][0] if i + 1 < len(starts) else placement.end
                key = f"placement:{first['pk']}:visit"
                if order is not None:
                    key = f"placement:{first['pk']}:care-order:{order['pk']}:visit"

                def rule_for(n, cycle_start, p=placement, r=first_review, order=order):
                    if n == 1 and order is not None:
                        return "LAC_VISIT_AFTER_CARE_ORDER"
                    return visit_rule(placement=p, cycle=n, cycle_start=cycle_start, first_review=r)

                yield from _chain(
                    person_id=person_id,
                    key=key,
                    start=start,
                    start_event="placement started" if order is None else "care order made",
                    events=_between(visits, start, end),
                    end=end,
                    rule_for=rule_for,
                    owner=owner,
                    subject=_SUBJECT.format((order or first)["pk"]),
                    next_event="looked-after visit (child seen)",
                )


def review_rule(cycle: int) -> str:
    """Return the reg 33 rule for the nth review of a period of care."""
    return {1: "LAC_REVIEW_FIRST", 2: "LAC_REVIEW_SECOND"}.get(cycle, "LAC_REVIEW")


def review_specs(
    person_id: int, periods: list[PeriodOfCare], reviews: list[date], owner: tuple = (None, None)
) -> Iterator[ClockSpec]:
    """Yield the reg 33 review clocks for one child: 20 WD, then 3 months, then 6 months."""
    for period in periods:
        if period.is_short_breaks:
            continue
        first = period.first_episode
        yield from _chain(
            person_id=person_id,
            key=f"period:{first['pk']}:review",
            start=period.start,
            start_event="child became looked after",
            events=_between(reviews, period.start, period.end),
            end=period.end,
            rule_for=lambda n, s: review_rule(n),
            owner=owner,
            subject=_SUBJECT.format(first["pk"]),
            next_event="looked-after review held",
        )


def health_specs(
    person_id: int,
    periods: list[PeriodOfCare],
    health: dict[str, list[date]],
    date_of_birth: date | None,
    owner: tuple = (None, None),
) -> Iterator[ClockSpec]:
    """Yield initial and review health assessment clocks and dental check clocks."""
    owner_id, team_id = owner
    initial = health.get(HealthEventKind.INITIAL_HEALTH_ASSESSMENT, [])
    reviews = health.get(HealthEventKind.REVIEW_HEALTH_ASSESSMENT, [])
    dental = health.get(HealthEventKind.DENTAL_CHECK, [])

    def rha_rule(n: int, cycle_start: date) -> str:
        under_five = date_of_birth is not None and cycle_start < plus_months(date_of_birth, 60)
        return "REVIEW_HEALTH_ASSESSMENT_UNDER_5" if under_five else "REVIEW_HEALTH_ASSESSMENT"

    for period in periods:
        if period.is_short_breaks:
            continue
        first = period.first_episode
        subject = _SUBJECT.format(first["pk"])
        done = _between(initial, period.start, period.end)
        iha = done[0] if done else None
        yield ClockSpec(
            rule_code="INITIAL_HEALTH_ASSESSMENT",
            person_id=person_id,
            key=f"period:{first['pk']}:iha",
            start=period.start,
            completed=iha,
            cancelled=None if iha else period.end,
            owner_id=owner_id,
            team_id=team_id,
            subject=subject,
            start_event="child became looked after",
        )
        assessed = _between(reviews, period.start, period.end)
        chain_start = iha or (assessed[0] if assessed else None)
        if chain_start is not None:
            yield from _chain(
                person_id=person_id,
                key=f"period:{first['pk']}:rha",
                start=chain_start,
                start_event="health assessment",
                events=[d for d in assessed if d > chain_start],
                end=period.end,
                rule_for=rha_rule,
                owner=owner,
                subject=subject,
                next_event="review health assessment",
            )
        yield from _chain(
            person_id=person_id,
            key=f"period:{first['pk']}:dental",
            start=period.start,
            start_event="child became looked after",
            events=_between(dental, period.start, period.end),
            end=period.end,
            rule_for=lambda n, s: "LAC_DENTAL_CHECK",
            owner=owner,
            subject=subject,
            next_event="dental check",
        )


def _school_age(date_of_birth: date | None, day: date) -> bool:
    """Return True for compulsory school age, taken as 5 to 15 on the day (PEPs apply)."""
    if date_of_birth is None:
        return False
    return plus_months(date_of_birth, 60) <= day < plus_months(date_of_birth, 192)


def pep_specs(
    person_id: int,
    periods: list[PeriodOfCare],
    meetings: list[date],
    date_of_birth: date | None,
    owner: tuple = (None, None),
) -> Iterator[ClockSpec]:
    """Yield personal education plan clocks: the first plan, then each termly review."""
    for period in periods:
        if period.is_short_breaks or not _school_age(date_of_birth, period.start):
            continue
        first = period.first_episode
        yield from _chain(
            person_id=person_id,
            key=f"period:{first['pk']}:pep",
            start=period.start,
            start_event="child became looked after",
            events=_between(meetings, period.start, period.end),
            end=period.end,
            rule_for=lambda n, s: "PEP_INITIAL" if n == 1 else "PEP_REVIEW",
            owner=owner,
            subject=_SUBJECT.format(first["pk"]),
            next_event="personal education plan meeting",
        )


@clock_producer(sources=[(CareEpisode, "person")])
def looked_after_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield visit, review, health and PEP clocks for looked-after children."""
    periods = _periods(person_ids)
    if not periods:
        return
    # Everybody (a rebuild) reads whole tables rather than a list of thousands of ids.
    wanted = person_ids
    visits = _dates(
        Visit.objects.active().filter(visit_type=VisitType.LOOKED_AFTER, child_seen=True),
        wanted,
        "visit_date",
    )
    reviews = _dates(LookedAfterReview.objects.active(), wanted, "review_date")
    meetings = _dates(PersonalEducationPlan.objects.active(), wanted, "meeting_date")
    health: dict[int, dict[str, list[date]]] = defaultdict(lambda: defaultdict(list))
    for person_id, kind, day in (
        _filter(HealthEvent.objects.active(), wanted)
        .order_by("event_date")
        .values_list("person_id", "kind", "event_date")
    ):
        health[person_id][kind].append(day)
    births = _births(wanted, CareEpisode)
    who = owners(wanted)
    for person_id, child_periods in periods.items():
        owner = who.get(person_id, (None, None))
        dob = births.get(person_id)
        yield from visit_specs(
            person_id, child_periods, visits.get(person_id, []), reviews.get(person_id, []), owner
        )
        yield from review_specs(person_id, child_periods, reviews.get(person_id, []), owner)
        yield from health_specs(person_id, child_periods, health[person_id], dob, owner)
        yield from pep_specs(person_id, child_periods, meetings.get(person_id, []), dob, owner)


def needs_assessment_due(
    periods: list[PeriodOfCare], *, date_of_birth: date | None, eligibility: str | None
) -> date | None:
    """Return the 16th birthday if the young person is owed a needs assessment (reg 42)."""
    if date_of_birth is None:
        return None
    birthday = plus_months(date_of_birth, 192)
    if birthday > today():
        return None
    looked_after_then = any(p.covers(birthday) for p in periods if not p.is_short_breaks)
    entitled = eligibility in (CareLeaverEligibility.ELIGIBLE, CareLeaverEligibility.RELEVANT)
    return birthday if looked_after_then or entitled else None


@clock_producer(sources=[(CareLeaver, "person"), (CareEpisode, "person")])
def care_leaver_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield the needs assessment (16th birthday) and pathway plan review clocks."""
    leavers = {
        row["person_id"]: row
        for row in _filter(CareLeaver.objects.active(), person_ids).values(
            "person_id", "eligibility", "needs_assessment_completed_on", "services_ended_on"
        )
    }
    periods = _periods(person_ids)
    ids = sorted(set(leavers) | set(periods))
    if not ids:
        return
    births = _births(person_ids, CareEpisode)
    if person_ids is None:
        births.update(_births(None, CareLeaver))
    plans = _dates(PathwayPlan.objects.active(), person_ids, "plan_date")
    who = owners(person_ids)
    for person_id in ids:
        owner_id, team_id = who.get(person_id, (None, None))
        leaver = leavers.get(person_id, {})
        birthday = needs_assessment_due(
            periods.get(person_id, []),
            date_of_birth=births.get(person_id),
            eligibility=leaver.get("eligibility"),
        )
        if birthday is not None:
            completed = leaver.get("needs_assessment_completed_on")
            yield ClockSpec(
                rule_code="CARE_LEAVER_NEEDS_ASSESSMENT",
                person_id=person_id,
                key="needs-assessment",
                start=birthday,
                # An assessment finished just before the birthday meets the duty too.
                completed=max(completed, birthday) if completed else None,
                owner_id=owner_id,
                team_id=team_id,
                subject=f"people.person:{person_id}",
                start_event="16th birthday",
            )
        dates = plans.get(person_id, [])
        if dates:
            ended = leaver.get("services_ended_on")
            if ended is not None and ended < dates[-1]:
                ended = dates[-1]
            yield from _chain(
                person_id=person_id,
                key="pathway-plan",
                start=dates[0],
                start_event="pathway plan",
                events=dates[1:],
                end=ended,
                rule_for=lambda n, s: "PATHWAY_PLAN_REVIEW",
                owner=(owner_id, team_id),
                subject=f"people.person:{person_id}",
                next_event="pathway plan reviewed",
            )
