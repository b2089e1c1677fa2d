"""Casework fixtures: an allocated social care episode, early help, a child in need plan."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from safeguard.accounts.choices import Role
from safeguard.casework.choices import AllocationRole, PlanKind, Service
from safeguard.casework.models import Allocation, Episode, Plan
from safeguard.conftest import make_user


def weeks_ago(n: int) -> date:
    return timezone.localdate() - timedelta(weeks=n)


@pytest.fixture
def senior_manager(team):
    return make_user(Role.SENIOR_MANAGER, team=team, username="senior", first_name="Sol")


@pytest.fixture
def second_manager(team):
    return make_user(Role.TEAM_MANAGER, team=team, username="manager2", first_name="Mina")


@pytest.fixture
def episode(child, team, social_worker, team_manager):
    """A social care episode referred ten weeks ago, allocated to the social worker."""
    episode = Episode.objects.create(
        person=child,
        service=Service.SOCIAL_CARE,
        team=team,
        referral_date=weeks_ago(10),
        referral_source="1C",
        primary_need="N4",
    )
    Allocation.objects.create(
        episode=episode,
        worker=social_worker,
        team=team,
        role=AllocationRole.LEAD,
        start_at=timezone.now() - timedelta(weeks=10),
        allocated_by=team_manager,
    )
    return episode


@pytest.fixture
def early_help_episode(child, team):
    return Episode.objects.create(
        person=child, service=Service.EARLY_HELP, team=team, referral_date=weeks_ago(20)
    )


@pytest.fixture
def cin_plan(child, episode):
    return Plan.objects.create(
        person=child, episode=episode, kind=PlanKind.CHILD_IN_NEED, start_date=weeks_ago(8)
    )
