"""Fixtures for looked-after children: an IRO, a child in care and an episode factory."""

import itertools
from datetime import date

import pytest

from safeguard.accounts.choices import Role, ServiceArea
from safeguard.conftest import make_team, make_user
from safeguard.looked_after.models import CareEpisode

# Distinct placements need distinct postcodes; B10 to B99 stay valid however many are made.
_postcodes = itertools.cycle(range(10, 100))


def make_episode(person, start: date, *, end: date | None = None, rec: str = "", **fields):
    """Create an episode directly (the services' rules are tested on their own)."""
    defaults = {
        "reason_new_episode": "S",
        "legal_status": "C2",
        "category_of_need": "N1",
        "placement_type": "U4",
        "placement_provider": "PR1",
        "placement_postcode": f"B{next(_postcodes)} 1AA",
    }
    defaults.update(fields)
    return CareEpisode.objects.create(
        person=person, start_date=start, end_date=end, reason_episode_ceased=rec, **defaults
    )


def make_history(person, moves: list[tuple], *, ceased: tuple | None = None, **fields):
    """Create a period of care: moves = [(date, rne, overrides), ...]; ceased = (date, rec)."""
    episodes = []
    for i, (start, rne, overrides) in enumerate(moves):
        end, rec = (None, "")
        if i + 1 < len(moves):
            end, rec = moves[i + 1][0], "X1"
        elif ceased:
            end, rec = ceased
        episodes.append(
            make_episode(
                person, start, end=end, rec=rec, reason_new_episode=rne, **{**fields, **overrides}
            )
        )
    return episodes


@pytest.fixture
def iro(db):
    safeguarding = make_team("Safeguarding and QA", service_area=ServiceArea.SAFEGUARDING)
    return make_user(Role.CONFERENCE_CHAIR, team=safeguarding, username="iro", first_name="Imani")


@pytest.fixture
def other_iro(db):
    return make_user(Role.CONFERENCE_CHAIR, username="iro2", first_name="Olu")
