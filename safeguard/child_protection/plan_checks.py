"""Checks that a plan can work: one small named function per rule, in one place.

Each check reads a PlanFacts (gathered in a few bulk queries by plan_facts) and returns the
flags it finds; it never queries or writes. They work for any casework.Plan — child
protection, child in need, exploitation — so other apps reuse them:

    facts = plan_facts(plan=plan, as_of=today, persons_posing_risk=extra_ids)
    flags = plan_check(facts)            # every check
    flags = check_one_carer_two_addresses(facts)   # or one

The services in this app store the flags (PlanFlag rows) and refresh them on every change to
the record; see services.plan_flags_refresh.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from safeguard.casework.choices import ActionStatus, PlanKind, VisitType
from safeguard.casework.models import Plan, PlanAction, Visit
from safeguard.child_protection.choices import PlanFlagCode
from safeguard.people.choices import RelationshipKind
from safeguard.people.models import Person, PersonAddress, Relationship

# Statuses after which an action no longer needs doing, so it cannot be overdue.
_CLOSED_STATUSES = frozenset(
    {ActionStatus.COMPLETED, ActionStatus.NOT_ACHIEVED, ActionStatus.NO_LONGER_NEEDED}
)

# The visit clock that sets "the visit interval" for each kind of plan, and the visit type
# that satisfies it. A plan kind not listed has no visit check.
VISIT_RULES: dict[str, tuple[str, str]] = {
    PlanKind.CHILD_PROTECTION: ("CP_VISIT", VisitType.CHILD_PROTECTION),
    PlanKind.CHILD_IN_NEED: ("CIN_VISIT", VisitType.CHILD_IN_NEED),
}


@dataclass(frozen=True, slots=True)
class Flag:
    """A reason the plan cannot work as written."""

    code: str
    message: str
    action_id: int | None = None
    child_id: int | None = None


@dataclass(frozen=True, slots=True)
class ActionFacts:
    pk: int
    description: str
    responsible_person_id: int | None
    responsible_name: str
    due_date: date
    status: str
    last_update_on: date | None
    child_ids: tuple[int, ...]


@dataclass
class PlanFacts:
    """What the checks need to know about one plan, read in bulk."""

    plan_id: int
    plan_kind: str
    plan_start: date
    as_of: date
    child_ids: tuple[int, ...]
    actions: list[ActionFacts]
    names: dict[int, str]
    # Each person's current addresses (address ids).
    current_addresses: dict[int, frozenset[int]]
    # For each child, the people the record names as posing a risk to them.
    risk_to_child: dict[int, frozenset[int]]
    # People the plan itself names as posing a risk (to any child on it).
    plan_risk_person_ids: frozenset[int]
    # The date each child was last seen on a visit of the plan's kind, since the plan began.
    last_seen: dict[int, date]
    # The date by which the next visit is due for each child (None: no visit check).
    visit_due: dict[int, date] = field(default_factory=dict)


def plan_facts(
    *,
    plan: Plan,
    as_of: date,
    persons_posing_risk: Iterable[int] = (),
    visit_due_for: Callable[[str, list[date]], list[date]] | None = None,
) -> PlanFacts:
    """Gather what the checks need for one plan, in a handful of queries.

    persons_posing_risk: ids the plan names as a risk, besides the record's relationships.
    visit_due_for(rule_code, last_dates) -> due dates; default: the compliance engine's.
    """
    rows = list(
        PlanAction.objects.filter(plan=plan)
        .select_related("responsible_person", "responsible_worker")
        .prefetch_related("children")
    )
    actions = [
        ActionFacts(
            pk=a.pk,
            description=a.description,
            responsible_person_id=a.responsible_person_id,
            responsible_name=str(a.responsible),
            due_date=a.due_date,
            status=a.status,
            last_update_on=a.last_update_on,
            child_ids=tuple(sorted(c.pk for c in a.children.all())),
        )
        for a in rows
    ]
    child_ids = {plan.person_id}
    for a in actions:
        child_ids.update(a.child_ids)
    owner_ids = {a.responsible_person_id for a in actions if a.responsible_person_id}
    people = child_ids | owner_ids | set(persons_posing_risk)
    names = {
        p["pk"]: f"{p['first_name']} {p['last_name']}"
        for p in Person.objects.filter(pk__in=people).values("pk", "first_name", "last_name")
    }

    current: dict[int, set[int]] = defaultdict(set)
    for person_id, address_id in PersonAddress.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gt=as_of),
        person_id__in=child_ids,
        start_date__lte=as_of,
    ).values_list("person_id", "address_id"):
        current[person_id].add(address_id)

    risk: dict[int, set[int]] = defaultdict(set)
    for person_id, child_id in Relationship.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gt=as_of),
        kind=RelationshipKind.PERSON_POSING_RISK,
        related_person_id__in=child_ids,
    ).values_list("person_id", "related_person_id"):
        risk[child_id].add(person_id)

    last_seen: dict[int, date] = {}
    visit_due: dict[int, date] = {}
    visit_rule = VISIT_RULES.get(plan.kind)
    if visit_rule is not None:
        rule_code, visit_type = visit_rule
        for person_id, visit_date in (
            Visit.objects.active()
            .filter(
                person_id__in=child_ids,
                visit_type=visit_type,
                child_seen=True,
                visit_date__gte=plan.start_date,
                visit_date__lte=as_of,
            )
            .values_list("person_id", "visit_date")
        ):
            if visit_date > last_seen.get(person_id, date.min):
                last_seen[person_id] = visit_date
        ordered = sorted(child_ids)
        starts = [last_seen.get(c, plan.start_date) for c in ordered]
        due = (visit_due_for or _engine_due_dates)(rule_code, starts)
        visit_due = dict(zip(ordered, due, strict=True))

    return PlanFacts(
        plan_id=plan.pk,
        plan_kind=plan.kind,
        plan_start=plan.start_date,
        as_of=as_of,
        child_ids=tuple(sorted(child_ids)),
        actions=actions,
        names=names,
        current_addresses={k: frozenset(v) for k, v in current.items()},
        risk_to_child={k: frozenset(v) for k, v in risk.items()},
        plan_risk_person_ids=frozenset(persons_posing_risk),
        last_seen=last_seen,
        visit_due=visit_due,
    )


def engine_due_dates():
    """Return visit_due_for(rule_code, starts) counting as the clock engine does, with the
    authority's local values, loading them once (for checking many plans)."""
    from safeguard.compliance.rules import rule_get
    from safeguard.compliance.services import clock_context, due_dates

    context = clock_context()

    def visit_due_for(rule_code: str, starts: list[date]) -> list[date]:
        rule = rule_get(rule_code)
        return due_dates(rule, context.period(rule), starts, context)

    return visit_due_for


def _engine_due_dates(rule_code: str, starts: list[date]) -> list[date]:
    return engine_due_dates()(rule_code, starts)


def _open(action: ActionFacts) -> bool:
    return action.status not in _CLOSED_STATUSES


def _names(facts: PlanFacts, ids: Iterable[int]) -> str:
    return ", ".join(sorted(facts.names.get(i, f"person {i}") for i in ids))


def check_one_carer_two_addresses(facts: PlanFacts) -> list[Flag]:
    """Flag an action asking one person to keep safe children who live at different addresses.

    Children at different current addresses cannot be kept safe by one person at once (the
    plan a serious case review found asked a parent to do exactly that). A child with no
    current address recorded is not counted: that is a gap in the record, not in the plan.
    """
    flags = []
    for action in facts.actions:
        if not _open(action) or len(action.child_ids) < 2:
            continue
        homes = {
            c: facts.current_addresses[c]
            for c in action.child_ids
            if facts.current_addresses.get(c)
        }
        if len(homes) < 2:
            continue
        shared = frozenset.intersection(*homes.values())
        if not shared:
            flags.append(
                Flag(
                    PlanFlagCode.ONE_CARER_TWO_ADDRESSES,
                    f"{action.responsible_name} is asked to keep safe "
                    f"{_names(facts, homes)}, who live at different addresses.",
                    action_id=action.pk,
                )
            )
    return flags


def check_action_owner_poses_risk(facts: PlanFacts) -> list[Flag]:
    """Flag an action given to someone named as posing a risk to a child on the action or plan."""
    flags = []
    for action in facts.actions:
        owner = action.responsible_person_id
        if owner is None or not _open(action):
            continue
        at_risk = [c for c in action.child_ids if owner in facts.risk_to_child.get(c, ())]
        if at_risk:
            why = f"the record names them as a risk to {_names(facts, at_risk)}"
        elif owner in facts.plan_risk_person_ids:
            why = "the plan names them as a person posing a risk"
        else:
            continue
        flags.append(
            Flag(
                PlanFlagCode.ACTION_OWNER_POSES_RISK,
                f"{action.responsible_name} is responsible for “{action.description[:80]}”, "
                f"but {why}.",
                action_id=action.pk,
            )
        )
    return flags


def check_action_overdue_without_update(facts: PlanFacts) -> list[Flag]:
    """Flag an open action past its due date with no update on or after the due date."""
    flags = []
    for action in facts.actions:
        if not _open(action) or action.due_date >= facts.as_of:
            continue
        if action.last_update_on is not None and action.last_update_on >= action.due_date:
            continue
        flags.append(
            Flag(
                PlanFlagCode.ACTION_OVERDUE_NO_UPDATE,
                f"“{action.description[:80]}” was due on {action.due_date:%d %b %Y} "
                f"({action.responsible_name}) and has no update since.",
                action_id=action.pk,
            )
        )
    return flags


def check_child_not_seen_in_visit_interval(facts: PlanFacts) -> list[Flag]:
    """Flag each child on the plan whose next visit was due before today and who is not seen."""
    flags = []
    for child_id, due in sorted(facts.visit_due.items()):
        if due >= facts.as_of:
            continue
        seen = facts.last_seen.get(child_id)
        since = f"last seen {seen:%d %b %Y}" if seen else "not seen since the plan began"
        flags.append(
            Flag(
                PlanFlagCode.CHILD_NOT_SEEN,
                f"{facts.names.get(child_id, 'A child')} was due a visit by {due:%d %b %Y} "
                f"({since}).",
                child_id=child_id,
            )
        )
    return flags


CHECKS: tuple[Callable[[PlanFacts], list[Flag]], ...] = (
    check_one_carer_two_addresses,
    check_action_owner_poses_risk,
    check_action_overdue_without_update,
    check_child_not_seen_in_visit_interval,
)


def plan_check(facts: PlanFacts) -> list[Flag]:
    """Return every flag every check finds on the plan."""
    return [flag for check in CHECKS for flag in check(facts)]
