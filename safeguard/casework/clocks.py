"""Clocks that child in need plans and visits imply.

CIN_VISIT and CIN_PLAN_REVIEW are cycles: the plan start starts the first; each visit with the
child seen (or each review) satisfies one and starts the next. Ending the plan cancels the open
one. The engine computes the due dates; nothing here does date arithmetic.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from safeguard.casework.choices import AllocationRole, PlanKind, VisitType
from safeguard.casework.models import Allocation, Plan, PlanReview, Visit
from safeguard.compliance.registry import ClockSpec, clock_producer


def _by_person(qs, person_ids):
    return qs if person_ids is None else qs.filter(person_id__in=person_ids)


def lead_workers(episode_ids: Iterable[int] | None) -> dict[int, int]:
    """Return {episode id: current lead worker id} for the episodes (None: all), in one query."""
    rows = Allocation.objects.filter(role=AllocationRole.LEAD, end_at__isnull=True)
    if episode_ids is not None:
        rows = rows.filter(episode_id__in=list(episode_ids))
    return dict(rows.values_list("episode_id", "worker_id"))


def _episodes(person_ids, plans: list[dict]) -> list[int] | None:
    # Everybody (a rebuild) reads whole tables rather than an IN list of every plan's episode.
    return None if person_ids is None else [p["episode_id"] for p in plans if p["episode_id"]]


def cycle_specs(
    *,
    rule_code: str,
    key_prefix: str,
    person_id: int,
    start: date,
    start_event: str,
    next_event: str,
    events: list[date],
    end: date | None,
    owner_id: int | None,
    team_id: int | None,
    subject: str,
) -> Iterator[ClockSpec]:
    """Yield one clock per cycle: each event satisfies the open cycle and starts the next."""
    cycle_start, cycle_event, n = start, start_event, 1
    for when in sorted(events):
        if when < cycle_start or (end is not None and when > end):
            continue
        yield ClockSpec(
            rule_code=rule_code,
            person_id=person_id,
            key=f"{key_prefix}:{n}",
            start=cycle_start,
            completed=when,
            owner_id=owner_id,
            team_id=team_id,
            subject=subject,
            start_event=cycle_event,
        )
        cycle_start, cycle_event, n = when, next_event, n + 1
    yield ClockSpec(
        rule_code=rule_code,
        person_id=person_id,
        key=f"{key_prefix}:{n}",
        start=cycle_start,
        cancelled=end,
        owner_id=owner_id,
        team_id=team_id,
        subject=subject,
        start_event=cycle_event,
    )


def _cin_plans(person_ids):
    return list(
        _by_person(Plan.objects.active().filter(kind=PlanKind.CHILD_IN_NEED), person_ids).values(
            "pk", "person_id", "episode_id", "episode__team_id", "start_date", "end_date"
        )
    )


@clock_producer(sources=[(Plan, "person")])
def cin_visit_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield the CIN visit cycles of each child in need plan (a visit counts if the child was
    seen)."""
    plans = _cin_plans(person_ids)
    if not plans:
        return
    visits = defaultdict(list)
    seen = Visit.objects.active().filter(visit_type=VisitType.CHILD_IN_NEED, child_seen=True)
    if person_ids is not None:
        seen = seen.filter(person_id__in={p["person_id"] for p in plans})
    for person_id, visit_date in seen.values_list("person_id", "visit_date"):
        visits[person_id].append(visit_date)
    leads = lead_workers(_episodes(person_ids, plans))
    for plan in plans:
        yield from cycle_specs(
            rule_code="CIN_VISIT",
            key_prefix=f"cin-plan:{plan['pk']}:visit",
            person_id=plan["person_id"],
            start=plan["start_date"],
            start_event="child in need plan started",
            next_event="child in need visit",
            events=visits[plan["person_id"]],
            end=plan["end_date"],
            owner_id=leads.get(plan["episode_id"]),
            team_id=plan["episode__team_id"],
            subject=f"casework.plan:{plan['pk']}",
        )


@clock_producer(sources=[(Plan, "person")])
def cin_plan_review_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield the review cycles of each child in need plan."""
    plans = _cin_plans(person_ids)
    if not plans:
        return
    reviews = defaultdict(list)
    rows = PlanReview.objects.active()
    if person_ids is not None:
        rows = rows.filter(plan_id__in=[p["pk"] for p in plans])
    for plan_id, review_date in rows.values_list("plan_id", "review_date"):
        reviews[plan_id].append(review_date)
    leads = lead_workers(_episodes(person_ids, plans))
    for plan in plans:
        yield from cycle_specs(
            rule_code="CIN_PLAN_REVIEW",
            key_prefix=f"cin-plan:{plan['pk']}:review",
            person_id=plan["person_id"],
            start=plan["start_date"],
            start_event="child in need plan started",
            next_event="child in need plan reviewed",
            events=reviews[plan["pk"]],
            end=plan["end_date"],
            owner_id=leads.get(plan["episode_id"]),
            team_id=plan["episode__team_id"],
            subject=f"casework.plan:{plan['pk']}",
        )
