"""Allocation: the unallocated queue, suggesting a worker, allocating and re-allocating.

The queue is defined here and nowhere else: an open episode (not closed, not archived) with no
current lead allocation. Allocating ends any current lead allocation and starts a new one, so
the history of who held the case is kept.

Two hooks other apps may replace (keep their signatures):
- caseload_weights_for_workers(worker_ids) -> {worker_id: weighted caseload}
- worker_is_available(user, on) -> bool
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.accounts.choices import Role
from safeguard.accounts.models import User
from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_change, snapshot
from safeguard.casework.choices import AllocationRole, RiskLevel
from safeguard.casework.models import Allocation, Episode

# Roles that may hold a case as the accountable lead.
CASE_HOLDING_ROLES = frozenset({Role.SOCIAL_WORKER})

# How much heavier a case counts than a child in need case, by what else is open for the child.
CHILD_PROTECTION_WEIGHT = 1.5
LOOKED_AFTER_WEIGHT = 1.5
HIGH_RISK_WEIGHT = 0.5


def _current_lead():
    return Allocation.objects.filter(
        episode=OuterRef("pk"), role=AllocationRole.LEAD, end_at__isnull=True
    )


def unallocated_queue(*, team=None, service: str | None = None) -> QuerySet[Episode]:
    """Return open episodes with no current lead allocation, oldest referral first.

    This is THE definition of the unallocated queue; every list and count uses it.
    """
    episodes = (
        Episode.objects.active()
        .filter(closure_date__isnull=True)
        .annotate(has_lead=Exists(_current_lead()))
        .filter(has_lead=False)
    )
    if team is not None:
        episodes = episodes.filter(team=team)
    if service:
        episodes = episodes.filter(service=service)
    return episodes.select_related("person", "team").order_by("referral_date", "pk")


@dataclass
class QueueEntry:
    episode: Episode
    wait_days: int
    previous_worker: str


def unallocated_queue_entries(*, as_of: date | None = None, team=None) -> list[QueueEntry]:
    """Return the queue with each child's wait in days and who last held the case, if anyone."""
    as_of = as_of or timezone.localdate()
    episodes = list(unallocated_queue(team=team))
    last_leads: dict[int, str] = {}
    ended = (
        Allocation.objects.filter(episode_id__in=[e.pk for e in episodes], role=AllocationRole.LEAD)
        .select_related("worker")
        .order_by("episode_id", "start_at")
    )
    for allocation in ended:
        last_leads[allocation.episode_id] = str(allocation.worker)
    return [
        QueueEntry(
            episode=e,
            wait_days=(as_of - e.referral_date).days,
            previous_worker=last_leads.get(e.pk, ""),
        )
        for e in episodes
    ]


def episode_is_allocated(episode: Episode) -> bool:
    """Return True if the episode has a current lead allocation."""
    return Allocation.objects.filter(
        episode=episode, role=AllocationRole.LEAD, end_at__isnull=True
    ).exists()


def worker_is_available(user, on: date) -> bool:
    """Return True if the worker can take a case on the day.

    A hook: the workforce app may replace this to account for absence and leaving dates.
    """
    return bool(user.is_active)


def _child_protection_children(person_ids: list[int], on: date) -> set[int]:
    from safeguard.casework.models import Plan

    return set(
        Plan.objects.filter(person_id__in=person_ids, kind="child_protection", start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=on))
        .values_list("person_id", flat=True)
    )


def _looked_after_children(person_ids: list[int]) -> set[int]:
    from django.apps import apps

    try:
        care_episode = apps.get_model("looked_after", "CareEpisode")
    except LookupError:  # an installation without the looked-after app
        return set()
    return set(
        care_episode.objects.filter(
            person_id__in=person_ids, end_date__isnull=True, archived_at__isnull=True
        ).values_list("person_id", flat=True)
    )


def caseload_weights_for_workers(worker_ids: list[int]) -> dict[int, float]:
    """Return each worker's weighted caseload: their current lead cases, heavier ones counted up.

    A case counts 1; a child on a child protection plan adds CHILD_PROTECTION_WEIGHT, a looked
    after child LOOKED_AFTER_WEIGHT and a high risk case HIGH_RISK_WEIGHT. A hook: the workforce
    app may replace this with its own weighting (keep the signature).
    """
    weights = {worker_id: 0.0 for worker_id in worker_ids}
    rows = list(
        Allocation.objects.filter(
            worker_id__in=worker_ids,
            role=AllocationRole.LEAD,
            end_at__isnull=True,
            episode__closure_date__isnull=True,
        ).values_list("worker_id", "episode__person_id", "episode__risk_level")
    )
    person_ids = [r[1] for r in rows]
    protected = _child_protection_children(person_ids, timezone.localdate())
    looked_after = _looked_after_children(person_ids)
    for worker_id, person_id, risk in rows:
        weight = 1.0
        if person_id in protected:
            weight += CHILD_PROTECTION_WEIGHT
        if person_id in looked_after:
            weight += LOOKED_AFTER_WEIGHT
        if risk == RiskLevel.HIGH:
            weight += HIGH_RISK_WEIGHT
        weights[worker_id] += weight
    return weights


@dataclass
class WorkerSuggestion:
    worker: User
    weighted_caseload: float
    cases: int
    available: bool


def allocation_suggestions(
    *, episode: Episode, team=None, on: date | None = None
) -> list[WorkerSuggestion]:
    """Return the social workers who could take the case, lightest weighted caseload first.

    Workers in the episode's team (or the team given) come first; unavailable ones are listed
    last so the manager sees why they are not suggested.
    """
    on = on or timezone.localdate()
    team = team or episode.team
    workers = User.objects.filter(role__in=CASE_HOLDING_ROLES).select_related("team")
    if team is not None:
        workers = workers.filter(team=team)
    workers = list(
        workers.annotate(
            cases=Count(
                "allocations",
                filter=Q(
                    allocations__end_at__isnull=True,
                    allocations__role=AllocationRole.LEAD,
                    allocations__episode__closure_date__isnull=True,
                ),
            )
        )
    )
    weights = caseload_weights_for_workers([w.pk for w in workers])
    suggestions = [
        WorkerSuggestion(
            worker=w,
            weighted_caseload=round(weights.get(w.pk, 0.0), 1),
            cases=w.cases,
            available=worker_is_available(w, on),
        )
        for w in workers
    ]
    suggestions.sort(key=lambda s: (not s.available, s.weighted_caseload, s.worker.pk))
    return suggestions


def allocation_history(*, episode: Episode) -> list[Allocation]:
    """Return every allocation of the episode, newest first."""
    return list(
        episode.allocations.select_related("worker", "team", "allocated_by").order_by("-start_at")
    )


def _recompute(person_id: int) -> None:
    from safeguard.compliance.services import clocks_recompute

    clocks_recompute(person_ids=[person_id])


@transaction.atomic
def allocate(
    *,
    episode: Episode,
    worker: User,
    acting_user,
    reason: str = "",
    role: str = AllocationRole.LEAD,
    at: datetime | None = None,
) -> Allocation:
    """Allocate the episode to a named social worker, ending any current lead allocation.

    Refuse a worker who is not a social worker or is not available, and a closed episode.
    """
    at = at or timezone.now()
    if acting_user is not None and not user_has_permission(acting_user, Permission.ALLOCATE):
        raise ValidationError("Only a manager can allocate cases")
    locked = Episode.objects.select_for_update().get(pk=episode.pk)
    errors: dict[str, list[str]] = {}
    if locked.closure_date is not None or locked.archived_at is not None:
        errors["episode"] = ["This episode is closed; it cannot be allocated"]
    if worker.role not in CASE_HOLDING_ROLES:
        errors["worker"] = [
            f"{worker} is a {worker.get_role_display().lower()}, not a social worker: "
            "choose a social worker to hold the case"
        ]
    elif not worker_is_available(worker, timezone.localtime(at).date()):
        errors["worker"] = [f"{worker} is not available to take cases"]
    if worker.team_id is None:
        errors.setdefault("worker", []).append(f"{worker} is not in a team")
    if errors:
        raise ValidationError(errors)
    current = Allocation.objects.select_for_update().filter(
        episode=locked, role=role, end_at__isnull=True
    )
    if role == AllocationRole.LEAD:
        for old in current:
            if old.worker_id == worker.pk:
                raise ValidationError({"worker": [f"{worker} already holds this case"]})
            before = snapshot(old)
            old.end_at = max(at, old.start_at)
            old.save(update_fields=["end_at"])
            audit_change(
                user=acting_user,
                instance=old,
                action=AuditAction.UPDATE,
                person_id=locked.person_id,
                before=before,
                summary=f"Allocation to {old.worker} ended: re-allocated",
            )
    allocation = Allocation(
        episode=locked,
        worker=worker,
        team=worker.team,
        role=role,
        start_at=at,
        allocated_by=acting_user,
        reason=(reason or "").strip()[:300],
    )
    allocation.full_clean()
    allocation.save()
    if locked.team_id is None:
        locked.team = worker.team
        locked.save(update_fields=["team", "modified_at"])
    audit_change(
        user=acting_user,
        instance=allocation,
        action=AuditAction.CREATE,
        person_id=locked.person_id,
        summary=f"Allocated to {worker}",
    )
    _recompute(locked.person_id)
    return allocation
