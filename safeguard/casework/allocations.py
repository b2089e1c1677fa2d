"""Allocation: the unallocated queue, suggesting a worker, allocating and re-allocating.

The queue is defined here and nowhere else: an open episode (not closed, not archived) with no
current lead allocation. Allocating ends any current lead allocation and starts a new one, so
the history of who held the case is kept.

Caseload weights and availability come from the workforce app, so a suggestion reads the
same figures as the team capacity view.
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
from safeguard.casework.choices import AllocationRole
from safeguard.casework.models import Allocation, Episode

# Roles that may hold a case as the accountable lead.
CASE_HOLDING_ROLES = frozenset({Role.SOCIAL_WORKER})


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
    """Return True if the worker can take a case on the day: employed, not absent, active."""
    from safeguard.workforce.selectors import worker_is_available as employed_and_present

    return employed_and_present(user=user, on=on)


def caseload_weights_for_workers(worker_ids: list[int]) -> dict[int, float]:
    """Return each worker's weighted caseload, by the authority's weighting of case types.

    The workforce app owns caseloads and their weights (CaseWeighting), so allocation
    suggestions read the same figures as the team capacity view and the caseload alerts.
    """
    from safeguard.workforce.selectors import weighted_caseloads

    loads = weighted_caseloads(worker_ids=list(worker_ids), as_of=timezone.localdate())
    return {worker_id: loads.get(worker_id, 0.0) for worker_id in worker_ids}


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
