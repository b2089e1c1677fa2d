from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from safeguard.accounts.choices import Role
from safeguard.casework.models import Allocation, Episode
from safeguard.conftest import make_child, make_user

LONDON = ZoneInfo("Europe/London")


def at(*parts) -> datetime:
    """Return an aware London time: at(2026, 3, 6, 18, 30)."""
    return datetime(*parts, tzinfo=LONDON)


def open_episode(person, *, team, worker=None, referral=None):
    """Give the child an open social care episode, allocated to worker if given."""
    episode = Episode.objects.create(
        person=person, team=team, referral_date=referral or at(2026, 1, 5).date()
    )
    if worker is not None:
        Allocation.objects.create(
            episode=episode, worker=worker, team=team, start_at=at(2026, 1, 6, 9, 0)
        )
    return episode


@pytest.fixture
def runaway(db):
    return make_child(first_name="Jordan", last_name="Reid")


@pytest.fixture
def rhi_worker(team):
    return make_user(Role.SOCIAL_WORKER, team=team, username="rhiworker", first_name="Robin")
