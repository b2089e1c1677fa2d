"""The unallocated queue, suggesting a worker, allocating, re-allocating and refusing."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguard.accounts.choices import Role
from safeguard.casework.allocations import (
    allocate,
    allocation_history,
    allocation_suggestions,
    caseload_weights_for_workers,
    unallocated_queue,
    unallocated_queue_entries,
)
from safeguard.casework.choices import AllocationRole, RiskLevel
from safeguard.casework.models import Allocation, Episode, Plan
from safeguard.conftest import make_child, make_user
from safeguard.workforce.choices import CaseType
from safeguard.workforce.models import CaseWeighting


def _episode(days_ago: int, **fields) -> Episode:
    referral = timezone.localdate() - timedelta(days=days_ago)
    return Episode.objects.create(person=make_child(), referral_date=referral, **fields)


def test_queue_is_oldest_first_with_wait_and_risk(team):
    # Given three open episodes referred 2, 10 and 5 days ago, and a closed one
    recent = _episode(2, team=team)
    oldest = _episode(10, team=team, risk_level=RiskLevel.HIGH)
    middle = _episode(5, team=team)
    _episode(30, closure_date=timezone.localdate(), closure_reason="RC8")
    # When the queue is read
    entries = unallocated_queue_entries(as_of=timezone.localdate())
    # Then the longest wait comes first, each with its wait in days and risk
    assert [e.episode for e in entries] == [oldest, middle, recent]
    assert [e.wait_days for e in entries] == [10, 5, 2]
    assert entries[0].episode.risk_level == RiskLevel.HIGH


def test_allocated_episode_leaves_the_queue_and_returns_when_the_lead_ends(
    team, social_worker, team_manager
):
    episode = _episode(3, team=team)
    allocation = allocate(episode=episode, worker=social_worker, acting_user=team_manager)
    assert episode not in unallocated_queue()
    Allocation.objects.filter(pk=allocation.pk).update(end_at=timezone.now())
    entries = unallocated_queue_entries()
    assert [e.episode for e in entries] == [episode]
    assert entries[0].previous_worker == str(social_worker)


def test_co_worker_alone_does_not_take_a_case_out_of_the_queue(team, social_worker, team_manager):
    episode = _episode(3, team=team)
    allocate(
        episode=episode,
        worker=social_worker,
        acting_user=team_manager,
        role=AllocationRole.CO_WORKER,
    )
    assert episode in unallocated_queue()


def test_reallocation_ends_the_old_lead_and_keeps_history(team, social_worker, team_manager):
    other = make_user(Role.SOCIAL_WORKER, team=team)
    episode = _episode(3, team=team)
    first = allocate(episode=episode, worker=social_worker, acting_user=team_manager)
    second = allocate(episode=episode, worker=other, acting_user=team_manager, reason="Leave")
    first.refresh_from_db()
    assert first.end_at is not None
    assert second.end_at is None
    assert allocation_history(episode=episode) == [second, first]
    with pytest.raises(ValidationError, match="already holds"):
        allocate(episode=episode, worker=other, acting_user=team_manager)


@pytest.mark.parametrize(
    "role", [Role.TEAM_MANAGER, Role.MASH_SCREENER, Role.PARTNER, Role.EARLY_HELP_PRACTITIONER]
)
def test_allocation_to_someone_not_a_social_worker_is_refused(team, team_manager, role):
    episode = _episode(3, team=team)
    worker = make_user(role, team=team)
    with pytest.raises(ValidationError) as error:
        allocate(episode=episode, worker=worker, acting_user=team_manager)
    assert "not a social worker" in error.value.message_dict["worker"][0]
    assert Allocation.objects.count() == 0


def test_allocation_to_an_inactive_worker_is_refused(team, team_manager):
    episode = _episode(3, team=team)
    gone = make_user(Role.SOCIAL_WORKER, team=team, is_active=False)
    with pytest.raises(ValidationError, match="not available"):
        allocate(episode=episode, worker=gone, acting_user=team_manager)
    assert Allocation.objects.count() == 0


def test_only_a_manager_allocates(team, social_worker):
    episode = _episode(3, team=team)
    with pytest.raises(ValidationError, match="Only a manager"):
        allocate(episode=episode, worker=social_worker, acting_user=social_worker)


def test_closed_episode_cannot_be_allocated(team, social_worker, team_manager):
    episode = _episode(30, team=team, closure_date=timezone.localdate(), closure_reason="RC8")
    with pytest.raises(ValidationError, match="closed"):
        allocate(episode=episode, worker=social_worker, acting_user=team_manager)


def test_weights_are_the_workforce_case_weightings(team, team_manager):
    CaseWeighting.objects.update_or_create(
        case_type=CaseType.CHILD_PROTECTION, defaults={"weight": Decimal("3.0")}
    )
    light, heavy = (
        make_user(Role.SOCIAL_WORKER, team=team),
        make_user(Role.SOCIAL_WORKER, team=team),
    )
    for _ in range(2):
        allocate(episode=_episode(3, team=team), worker=light, acting_user=team_manager)
    protected = _episode(3, team=team, risk_level=RiskLevel.HIGH)
    Plan.objects.create(
        person=protected.person,
        episode=protected,
        kind="child_protection",
        start_date=date(2025, 1, 1),
    )
    allocate(episode=protected, worker=heavy, acting_user=team_manager)
    weights = caseload_weights_for_workers([light.pk, heavy.pk])
    # One child protection case (weight 3) outweighs two child in need cases (weight 1 each)
    assert weights[light.pk] == 2.0
    assert weights[heavy.pk] == 3.0


def test_suggestions_put_the_lightest_available_worker_first(team, team_manager):
    busy, free = make_user(Role.SOCIAL_WORKER, team=team), make_user(Role.SOCIAL_WORKER, team=team)
    absent = make_user(Role.SOCIAL_WORKER, team=team, is_active=False)
    allocate(episode=_episode(3, team=team), worker=busy, acting_user=team_manager)
    suggestions = allocation_suggestions(episode=_episode(1, team=team))
    assert [s.worker for s in suggestions] == [free, busy, absent]
    assert suggestions[1].cases == 1
    assert suggestions[2].available is False


def test_no_open_episode_is_both_unallocated_and_out_of_the_queue(team, team_manager):
    """The invariant, over a mixed dataset: allocated, re-allocated, ended, co-worked, closed."""
    workers = [make_user(Role.SOCIAL_WORKER, team=team) for _ in range(3)]
    episodes = [_episode(n % 40, team=team) for n in range(40)]
    for n, episode in enumerate(episodes):
        if n % 3:
            allocate(episode=episode, worker=workers[n % 3], acting_user=team_manager)
        if n % 5 == 0:
            allocate(
                episode=episode,
                worker=workers[(n + 1) % 3],
                acting_user=team_manager,
                role=AllocationRole.CO_WORKER,
            )
        if n % 7 == 0:
            Allocation.objects.filter(episode=episode).update(end_at=timezone.now())
        if n % 11 == 0:
            Episode.objects.filter(pk=episode.pk).update(
                closure_date=timezone.localdate(), closure_reason="RC7"
            )
    assert_queue_invariant()


def assert_queue_invariant(*, require_queue: bool = True):
    """Every open episode has a current lead or is in the queue, and never both."""
    queued = set(unallocated_queue().values_list("pk", flat=True))
    led = set(
        Allocation.objects.filter(role=AllocationRole.LEAD, end_at__isnull=True).values_list(
            "episode_id", flat=True
        )
    )
    open_ids = set(
        Episode.objects.active().filter(closure_date__isnull=True).values_list("pk", flat=True)
    )
    assert open_ids - led == queued
    assert not queued & led
    if require_queue:
        assert queued  # the dataset does exercise the queue


def test_a_looked_after_child_counts_heavier(team, team_manager):
    from safeguard.looked_after.tests.conftest import make_episode as make_care_episode

    CaseWeighting.objects.update_or_create(
        case_type=CaseType.LOOKED_AFTER, defaults={"weight": Decimal("2.5")}
    )
    worker = make_user(Role.SOCIAL_WORKER, team=team)
    episode = _episode(3, team=team)
    make_care_episode(episode.person, date(2025, 6, 1))
    allocate(episode=episode, worker=worker, acting_user=team_manager)
    assert caseload_weights_for_workers([worker.pk]) == {worker.pk: 2.5}
