"""Personas and factories every app's tests share."""

import itertools
from datetime import date

import pytest

from safeguard.accounts.choices import Role, ServiceArea
from safeguard.accounts.models import Team, User
from safeguard.people.models import Person

_seq = itertools.count(1)


def make_team(name: str | None = None, *, service_area=ServiceArea.CHILDREN_IN_NEED, manager=None):
    return Team.objects.create(
        name=name or f"Team {next(_seq)}", service_area=service_area, manager=manager
    )


def make_user(role=Role.SOCIAL_WORKER, *, team=None, username=None, **extra) -> User:
    n = next(_seq)
    return User.objects.create_user(
        username=username or f"{role}{n}",
        password="correct horse battery staple",
        first_name=extra.pop("first_name", "Sam"),
        last_name=extra.pop("last_name", f"Worker{n}"),
        role=role,
        team=team,
        **extra,
    )


def make_child(**fields) -> Person:
    n = next(_seq)
    defaults = {
        "first_name": "Child",
        "last_name": f"Example{n}",
        "date_of_birth": date(2015, 6, 1),
        "sex": "F",
        "ethnicity": "WBRI",
        "la_child_id": f"C{n:07d}",
    }
    defaults.update(fields)
    return Person.objects.create(**defaults)


@pytest.fixture
def team(db):
    return make_team("Assessment Team North", service_area=ServiceArea.ASSESSMENT)


@pytest.fixture
def team_manager(team):
    manager = make_user(Role.TEAM_MANAGER, team=team, username="manager", first_name="Morgan")
    team.manager = manager
    team.save()
    return manager


@pytest.fixture
def social_worker(team, team_manager):
    return make_user(Role.SOCIAL_WORKER, team=team, username="worker", first_name="Sasha")


@pytest.fixture
def other_team_worker(db):
    other = make_team("Children in Care West", service_area=ServiceArea.CHILDREN_IN_CARE)
    return make_user(Role.SOCIAL_WORKER, team=other, username="otherworker")


@pytest.fixture
def screener(db):
    front_door = make_team("MASH", service_area=ServiceArea.FRONT_DOOR)
    return make_user(Role.MASH_SCREENER, team=front_door, username="screener")


@pytest.fixture
def partner(db):
    return make_user(Role.PARTNER, username="partner", organisation="Oak Primary School")


@pytest.fixture
def child(db):
    return make_child(first_name="Amelia", last_name="Hartley", date_of_birth=date(2016, 3, 14))
