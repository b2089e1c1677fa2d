"""Fixtures for hand-counted measures: records made directly, so each count is visible."""

import itertools
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from safeguard.accounts.choices import Role, ServiceArea
from safeguard.casework.choices import AllocationRole
from safeguard.casework.models import Allocation, Episode, Plan
from safeguard.compliance.models import Clock
from safeguard.conftest import make_child, make_team, make_user
from safeguard.performance.measures import Period

# The period every hand count uses: the year to 31 March 2026.
PERIOD = Period(start=date(2025, 4, 1), end=date(2026, 3, 31))
_keys = itertools.count(1)


def at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def clock(
    person,
    rule_code,
    *,
    due,
    started=None,
    completed=None,
    cancelled=None,
    owner=None,
    team=None,
    due_at=None,
    completed_at=None,
) -> Clock:
    return Clock.objects.create(
        person=person,
        rule_code=rule_code,
        key=f"k{next(_keys)}",
        started_on=started or due - timedelta(days=30),
        due_on=due,
        completed_on=completed,
        cancelled_on=cancelled,
        owner=owner,
        team=team if team is not None else (owner.team if owner else None),
        due_at=due_at,
        completed_at=completed_at,
    )


def episode(
    person,
    team,
    *,
    referred,
    worker=None,
    allocated=None,
    ended=None,
    closed=None,
    service="social_care",
    **fields,
) -> Episode:
    made = Episode.objects.create(
        person=person,
        team=team,
        service=service,
        referral_date=referred,
        closure_date=closed,
        closure_reason="RC1" if closed else "",
        **fields,
    )
    if worker is not None:
        Allocation.objects.create(
            episode=made,
            worker=worker,
            team=team,
            role=AllocationRole.LEAD,
            start_at=at(allocated or referred),
            end_at=at(ended) if ended else None,
        )
    return made


def plan(person, on_episode, kind, *, start, end=None) -> Plan:
    return Plan.objects.create(
        person=person,
        episode=on_episode,
        kind=kind,
        start_date=start,
        end_date=end,
        end_reason="outcomes_achieved" if end else "",
    )


@pytest.fixture
def team_a(db):
    return make_team("Assessment A", service_area=ServiceArea.CHILDREN_IN_NEED)


@pytest.fixture
def team_b(db):
    return make_team("Looked After B", service_area=ServiceArea.CHILDREN_IN_CARE)


@pytest.fixture
def worker_w(team_a):
    return make_user(Role.SOCIAL_WORKER, team=team_a, username="wren", first_name="Wren")


@pytest.fixture
def worker_v(team_b):
    return make_user(Role.SOCIAL_WORKER, team=team_b, username="vic", first_name="Vic")


@pytest.fixture
def analyst(db):
    return make_user(Role.PERFORMANCE_ANALYST, username="ana", first_name="Ana")


@pytest.fixture
def senior(db):
    return make_user(Role.SENIOR_MANAGER, username="sam", first_name="Sam")


@pytest.fixture
def children(db):
    return [make_child(first_name=f"Child{i}", last_name="Hand") for i in range(8)]
