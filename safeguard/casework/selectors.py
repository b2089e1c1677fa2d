"""Reads of the casework record: chronology, caseload visits, plans, closures."""

import logging
from collections import defaultdict
from datetime import date, datetime, time

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.casework.choices import AllocationRole, ClosureStatus
from safeguard.casework.chronology import SOURCES, ChronologyEntry
from safeguard.casework.models import (
    Allocation,
    CaseClosure,
    Episode,
    ManualChronologyEntry,
    Plan,
    PlanAction,
    Visit,
)
from safeguard.compliance.models import Clock
from safeguard.compliance.pauses import paused_on
from safeguard.people.models import Person, PersonDisability
from safeguard.reference_data.cin_codes import Disability

logger = logging.getLogger(__name__)


def _as_datetime(when: date | datetime) -> datetime:
    if isinstance(when, datetime):
        return timezone.localtime(when) if timezone.is_aware(when) else when
    return datetime.combine(when, time.min)


def _sort_key(entry: ChronologyEntry):
    moment = _as_datetime(entry.when)
    return (moment.date(), moment.time(), entry.source, entry.title)


def manual_entries(person_id: int) -> list[ChronologyEntry]:
    """Return the child's manual chronology entries as chronology entries."""
    return [
        ChronologyEntry(
            m.occurred_on,
            m.category,
            m.title,
            detail=m.detail,
            source=f"casework.manualchronologyentry:{m.pk}",
        )
        for m in ManualChronologyEntry.objects.active().filter(person_id=person_id)
    ]


def chronology_for_person(
    *,
    person_id: int,
    categories: list[str] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    failures: list[str] | None = None,
) -> list[ChronologyEntry]:
    """Return the child's chronology: every registered source plus manual entries, oldest
    first, filtered by category and date (inclusive).

    Pass a list as `failures` to get a partial chronology when a source fails, with the failed
    sources' names appended to it (the page then says it is incomplete); without it a failing
    source raises, so nothing is ever silently missing.
    """
    entries = manual_entries(person_id)
    for source in SOURCES:
        if failures is None:
            entries.extend(source(person_id))
            continue
        try:
            entries.extend(source(person_id))
        except Exception:
            logger.exception("Chronology source %s failed", source.__qualname__)
            failures.append(f"{source.__module__}.{source.__qualname__}")
    if categories:
        entries = [e for e in entries if e.category in categories]
    if date_from:
        entries = [e for e in entries if _as_datetime(e.when).date() >= date_from]
    if date_to:
        entries = [e for e in entries if _as_datetime(e.when).date() <= date_to]
    return sorted(entries, key=_sort_key)


def episodes_for_person(*, person) -> list[Episode]:
    """Return a child's episodes, newest first, with their current lead worker and the links
    between early help and social care."""
    leads = Allocation.objects.filter(role=AllocationRole.LEAD, end_at__isnull=True).select_related(
        "worker"
    )
    return list(
        Episode.objects.active()
        .filter(person=person)
        .select_related("team", "previous_episode")
        .prefetch_related(Prefetch("allocations", queryset=leads, to_attr="current_leads"))
        .order_by("-referral_date", "-pk")
    )


def plans_for_person(*, person) -> list[Plan]:
    """Return a child's plans, newest first, with their actions."""
    actions = PlanAction.objects.select_related("responsible_person", "responsible_worker")
    return list(
        Plan.objects.active()
        .filter(person=person)
        .prefetch_related(Prefetch("actions", queryset=actions), "reviews")
        .order_by("-start_date", "-pk")
    )


def plan_detail(*, plan_id) -> Plan:
    actions = PlanAction.objects.select_related(
        "responsible_person", "responsible_worker"
    ).prefetch_related("children")
    return (
        Plan.objects.select_related("person", "episode", "previous_plan")
        .prefetch_related(Prefetch("actions", queryset=actions), "reviews__chaired_by")
        .get(pk=plan_id)
    )


def visits_for_person(*, person, limit: int = 20) -> list[Visit]:
    return list(Visit.objects.active().filter(person=person).select_related("worker")[:limit])


def caseload_person_ids(*, user) -> list[int]:
    """Return the children on the user's caseload (lead or co-worker), or on their team's if
    they manage work."""
    current = Allocation.objects.filter(end_at__isnull=True, episode__closure_date__isnull=True)
    if user_has_permission(user, Permission.VIEW_TEAM_WORK) and user.team_id:
        current = current.filter(Q(team_id=user.team_id) | Q(worker=user))
    else:
        current = current.filter(worker=user)
    return sorted(set(current.values_list("episode__person_id", flat=True)))


def visits_overview(*, person_ids: list[int], as_of: date | None = None) -> list[dict]:
    """Return, per child, the last time they were seen on a visit and their next visit due.

    Disabled children not seen within their visit interval come first and are flagged:
    disability changes nothing about the clocks, but they are the children most often missed.
    """
    as_of = as_of or timezone.localdate()
    people = Person.objects.filter(pk__in=person_ids).order_by("last_name", "first_name")
    disabled = set(
        PersonDisability.objects.filter(person_id__in=person_ids)
        .exclude(code=Disability.NONE)
        .values_list("person_id", flat=True)
    )
    last_seen = {}
    for person_id, visit_date in (
        Visit.objects.active()
        .filter(person_id__in=person_ids, child_seen=True)
        .order_by("visit_date")
        .values_list("person_id", "visit_date")
    ):
        last_seen[person_id] = visit_date
    due = defaultdict(list)
    for person_id, rule_code, due_on, pauses in Clock.objects.filter(
        person_id__in=person_ids,
        rule_code__contains="VISIT",
        completed_on__isnull=True,
        cancelled_on__isnull=True,
    ).values_list("person_id", "rule_code", "due_on", "pauses"):
        due[person_id].append((due_on, rule_code, paused_on(pauses, as_of)))
    rows = []
    for person in people:
        next_due = min(due[person.pk]) if due[person.pk] else None
        # A visit clock paused while the child is missing is not overdue.
        paused = next_due is not None and next_due[2]
        overdue = next_due is not None and next_due[0] < as_of and not paused
        is_disabled = person.pk in disabled
        rows.append(
            {
                "person": person,
                "is_disabled": is_disabled,
                "last_seen": last_seen.get(person.pk),
                "next_due": next_due[0] if next_due else None,
                "rule_code": next_due[1] if next_due else "",
                "overdue": overdue,
                "paused": paused,
                "highlight": is_disabled and overdue,
            }
        )
    rows.sort(key=lambda r: (not r["highlight"], not r["overdue"], r["next_due"] or date.max))
    return rows


def closure_overrides(*, since: date | None = None) -> QuerySet[CaseClosure]:
    """Return closures approved with items still open, newest first: reported to senior
    managers."""
    qs = (
        CaseClosure.objects.filter(status=ClosureStatus.APPROVED)
        .exclude(open_items=[])
        .select_related("person", "requested_by", "decided_by", "episode__team")
        .order_by("-decided_at")
    )
    if since:
        qs = qs.filter(decided_at__date__gte=since)
    return qs


def closures_awaiting_approval(*, team=None) -> QuerySet[CaseClosure]:
    qs = CaseClosure.objects.filter(status=ClosureStatus.REQUESTED).select_related(
        "person", "requested_by", "episode"
    )
    if team is not None:
        qs = qs.filter(episode__team=team)
    return qs.order_by("requested_at")
