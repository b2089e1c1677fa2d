"""Clock producers for child protection: what the records say is due, never the dates.

Rules (compliance/rules.py): STRATEGY_DISCUSSION after an escalation; ICPC from the last
strategy discussion; CORE_GROUP_FIRST and RCPC_FIRST from the ICPC; CORE_GROUP and RCPC from
the last meeting or review; CP_VISIT per child from the plan start and then each visit.
Each producer reads in bulk: a few queries whatever the number of children.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from django.db.models import Q
from django.utils import timezone

from safeguard.casework.choices import AllocationRole, PlanKind, VisitType
from safeguard.casework.models import Allocation, Episode, Plan, PlanAction, Visit
from safeguard.child_protection.choices import (
    ConferenceKind,
    EscalationDecision,
    Section47Outcome,
)
from safeguard.child_protection.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    CoreGroupMeeting,
    EscalationEvent,
    Section47Enquiry,
    StrategyDiscussion,
)
from safeguard.compliance.registry import ClockSpec, clock_producer


def _people(qs, field: str, person_ids: list[int] | None):
    return qs if person_ids is None else qs.filter(**{f"{field}__in": person_ids})


def _owners(
    episode_ids: Iterable[int], person_ids: list[int] | None
) -> dict[int, tuple[int | None, int | None]]:
    """Return {episode_id: (lead worker id, team id)} for the episodes' current leads.

    For everybody (person_ids None, a rebuild) whole tables are read rather than an IN list
    of every episode's id; the extra episodes are never looked up.
    """
    episode_ids = {e for e in episode_ids if e}
    if not episode_ids:
        return {}
    episodes = Episode.objects.all()
    leads = Allocation.objects.filter(role=AllocationRole.LEAD, end_at__isnull=True)
    if person_ids is not None:
        episodes = episodes.filter(pk__in=episode_ids)
        leads = leads.filter(episode_id__in=episode_ids)
    owners = {pk: (None, team_id) for pk, team_id in episodes.values_list("pk", "team_id")}
    for episode_id, worker_id, team_id in leads.values_list("episode_id", "worker_id", "team_id"):
        owners[episode_id] = (worker_id, team_id)
    return owners


def _scoped(qs, field: str, ids, person_ids: list[int] | None):
    # Everybody (a rebuild) reads the whole table rather than an IN list of every id.
    return qs if person_ids is None else qs.filter(**{f"{field}__in": ids})


@clock_producer(sources=[(EscalationEvent, "person")])
def strategy_discussion_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield a strategy discussion clock for each escalation: met by the next discussion."""
    events = list(
        _people(EscalationEvent.objects.active(), "person_id", person_ids).values(
            "pk", "person_id", "occurred_at", "decision", "decided_on", "team_id", "rule__name"
        )
    )
    if not events:
        return
    held: dict[int, list[date]] = defaultdict(list)
    discussions = StrategyDiscussion.objects.active()
    for person_id, held_on in _scoped(
        discussions, "person_id", {e["person_id"] for e in events}, person_ids
    ).values_list("person_id", "held_on"):
        held[person_id].append(held_on)
    for e in events:
        start = timezone.localdate(e["occurred_at"])
        after = [d for d in held[e["person_id"]] if d >= start]
        yield ClockSpec(
            rule_code="STRATEGY_DISCUSSION",
            person_id=e["person_id"],
            key=f"escalation:{e['pk']}",
            start=start,
            completed=min(after) if after else None,
            cancelled=e["decided_on"]
            if e["decision"] == EscalationDecision.NOT_STARTED and not after
            else None,
            team_id=e["team_id"],
            subject=f"child_protection.escalationevent:{e['pk']}",
            start_event=e["rule__name"][:200],
        )


@clock_producer(sources=[(Section47Enquiry, "person")])
def initial_conference_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield an ICPC clock per section 47 enquiry, from the last strategy discussion before
    the conference (or before today, while none is held)."""
    enquiries = list(
        _people(Section47Enquiry.objects.active(), "person_id", person_ids).values(
            "pk",
            "person_id",
            "episode_id",
            "outcome",
            "outcome_date",
            "strategy_discussion__held_on",
        )
    )
    if not enquiries:
        return
    pids = {e["person_id"] for e in enquiries}
    discussions: dict[int, list[date]] = defaultdict(list)
    for person_id, held_on in _scoped(
        StrategyDiscussion.objects.active(), "person_id", pids, person_ids
    ).values_list("person_id", "held_on"):
        discussions[person_id].append(held_on)
    initial = ChildProtectionConference.objects.active().filter(
        kind=ConferenceKind.INITIAL, section_47__isnull=False
    )
    icpc = dict(
        _scoped(initial, "section_47_id", [e["pk"] for e in enquiries], person_ids).values_list(
            "section_47_id", "held_on"
        )
    )
    # A later enquiry's discussion belongs to that enquiry, not this one.
    starts_by_person: dict[int, list[date]] = defaultdict(list)
    for e in enquiries:
        starts_by_person[e["person_id"]].append(e["strategy_discussion__held_on"])
    owners = _owners((e["episode_id"] for e in enquiries), person_ids)
    for e in enquiries:
        first = e["strategy_discussion__held_on"]
        held = icpc.get(e["pk"])
        next_enquiry = min(
            (d for d in starts_by_person[e["person_id"]] if d > first), default=date.max
        )
        # Discussions after the conference, or after the enquiry concluded, do not restart it.
        ended = held or (e["outcome_date"] if e["outcome"] else None) or date.max
        start = max(
            (d for d in discussions[e["person_id"]] if first <= d <= ended and d < next_enquiry),
            default=first,
        )
        not_needed = e["outcome"] and e["outcome"] != Section47Outcome.ICPC
        owner, team = owners.get(e["episode_id"], (None, None))
        yield ClockSpec(
            rule_code="ICPC",
            person_id=e["person_id"],
            key=f"s47:{e['pk']}",
            start=start,
            completed=held,
            cancelled=e["outcome_date"] if not_needed and held is None else None,
            owner_id=owner,
            team_id=team,
            subject=f"child_protection.section47enquiry:{e['pk']}",
            start_event="strategy discussion held",
        )


def _cycle(
    *,
    rule_first: str,
    rule_next: str,
    person_id: int,
    key: str,
    start: date,
    events: list[date],
    ended: date | None,
    owner: int | None,
    team: int | None,
    subject: str,
    first_event: str,
    next_event: str,
) -> Iterator[ClockSpec]:
    """Yield the first clock from start, then one per event, each met by the next event."""
    events = sorted(events)
    yield ClockSpec(
        rule_code=rule_first,
        person_id=person_id,
        key=f"{key}:first",
        start=start,
        completed=events[0] if events else None,
        cancelled=ended if not events else None,
        owner_id=owner,
        team_id=team,
        subject=subject,
        start_event=first_event,
    )
    for i, held in enumerate(events):
        following = events[i + 1] if i + 1 < len(events) else None
        if following is None and ended is not None and ended <= held:
            continue  # the plan ended at this meeting: nothing more is due
        yield ClockSpec(
            rule_code=rule_next,
            person_id=person_id,
            key=f"{key}:{i + 1}",
            start=held,
            completed=following,
            cancelled=ended if following is None else None,
            owner_id=owner,
            team_id=team,
            subject=subject,
            start_event=next_event,
        )


def _cp_plans(person_ids: list[int] | None) -> list[dict]:
    return list(
        _people(ChildProtectionPlan.objects.active(), "plan__person_id", person_ids).values(
            "pk",
            "plan_id",
            "plan__person_id",
            "plan__episode_id",
            "plan__start_date",
            "plan__end_date",
            "initial_conference__held_on",
        )
    )


@clock_producer(sources=[(Plan, "person")])
def core_group_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield the first core group clock from the ICPC, then one per meeting."""
    plans = _cp_plans(person_ids)
    if not plans:
        return
    meetings: dict[int, list[date]] = defaultdict(list)
    for plan_id, held_on in _scoped(
        CoreGroupMeeting.objects.active(), "plan_id", [p["plan_id"] for p in plans], person_ids
    ).values_list("plan_id", "held_on"):
        meetings[plan_id].append(held_on)
    owners = _owners((p["plan__episode_id"] for p in plans), person_ids)
    for p in plans:
        owner, team = owners.get(p["plan__episode_id"], (None, None))
        yield from _cycle(
            rule_first="CORE_GROUP_FIRST",
            rule_next="CORE_GROUP",
            person_id=p["plan__person_id"],
            key=f"cp-plan:{p['plan_id']}:core-group",
            start=p["initial_conference__held_on"],
            events=meetings[p["plan_id"]],
            ended=p["plan__end_date"],
            owner=owner,
            team=team,
            subject=f"child_protection.childprotectionplan:{p['pk']}",
            first_event="initial child protection conference held",
            next_event="core group meeting held",
        )


@clock_producer(sources=[(Plan, "person")])
def review_conference_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield the first review conference clock from the ICPC, then one per review."""
    plans = _cp_plans(person_ids)
    if not plans:
        return
    reviews: dict[int, list[date]] = defaultdict(list)
    held = ChildProtectionConference.objects.active().filter(kind=ConferenceKind.REVIEW)
    for plan_id, held_on in _scoped(
        held, "plan_id", [p["plan_id"] for p in plans], person_ids
    ).values_list("plan_id", "held_on"):
        reviews[plan_id].append(held_on)
    owners = _owners((p["plan__episode_id"] for p in plans), person_ids)
    for p in plans:
        owner, team = owners.get(p["plan__episode_id"], (None, None))
        yield from _cycle(
            rule_first="RCPC_FIRST",
            rule_next="RCPC",
            person_id=p["plan__person_id"],
            key=f"cp-plan:{p['plan_id']}:review",
            start=p["initial_conference__held_on"],
            events=reviews[p["plan_id"]],
            ended=p["plan__end_date"],
            owner=owner,
            team=team,
            subject=f"child_protection.childprotectionplan:{p['pk']}",
            first_event="initial child protection conference held",
            next_event="review child protection conference held",
        )


@clock_producer(sources=[(Plan, "person"), (PlanAction.children.through, "person")])
def cp_visit_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield visit clocks for each child on a child protection plan: the plan's child and the
    children its actions are for. Each visit where the child was seen starts the next cycle.
    """
    plan_filter = Q(kind=PlanKind.CHILD_PROTECTION, archived_at__isnull=True)
    if person_ids is None:
        plans = list(
            Plan.objects.filter(plan_filter).values(
                "pk", "person_id", "episode_id", "start_date", "end_date"
            )
        )
    else:
        via_actions = PlanAction.children.through.objects.filter(person_id__in=person_ids).values(
            "planaction__plan_id"
        )
        plans = list(
            Plan.objects.filter(plan_filter)
            .filter(Q(person_id__in=person_ids) | Q(pk__in=via_actions))
            .values("pk", "person_id", "episode_id", "start_date", "end_date")
        )
    if not plans:
        return
    children: dict[int, set[int]] = {p["pk"]: {p["person_id"]} for p in plans}
    for plan_id, child_id in _scoped(
        PlanAction.children.through.objects.all(), "planaction__plan_id", children, person_ids
    ).values_list("planaction__plan_id", "person_id"):
        if plan_id in children:  # everybody: actions of other kinds of plan come too
            children[plan_id].add(child_id)
    all_children = set().union(*children.values())
    visits: dict[int, list[date]] = defaultdict(list)
    seen = Visit.objects.active().filter(visit_type=VisitType.CHILD_PROTECTION, child_seen=True)
    for person_id, visit_date in _scoped(seen, "person_id", all_children, person_ids).values_list(
        "person_id", "visit_date"
    ):
        visits[person_id].append(visit_date)
    owners = _owners((p["episode_id"] for p in plans), person_ids)
    for p in plans:
        owner, team = owners.get(p["episode_id"], (None, None))
        end = p["end_date"]
        for child_id in sorted(children[p["pk"]]):
            if person_ids is not None and child_id not in person_ids:
                continue
            seen = sorted(
                {d for d in visits[child_id] if d >= p["start_date"] and (end is None or d <= end)}
            )
            yield from _cycle(
                rule_first="CP_VISIT",
                rule_next="CP_VISIT",
                person_id=child_id,
                key=f"cp-plan:{p['pk']}:visit",
                start=p["start_date"],
                events=seen,
                ended=end,
                owner=owner,
                team=team,
                subject=f"casework.plan:{p['pk']}",
                first_event="child protection plan started",
                next_event="child protection visit (child seen)",
            )
