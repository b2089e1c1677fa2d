"""Front door fixtures: a framework's levels, a manager for authorising, contacts."""

import importlib
from datetime import datetime, timedelta

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from safeguard.accounts.choices import Role, ServiceArea
from safeguard.conftest import make_team, make_user
from safeguard.front_door.models import ThresholdLevel
from safeguard.front_door.services import contact_record


@pytest.fixture
def levels(db):
    """Return the default framework's levels, re-seeding them if a flush removed them."""
    if not ThresholdLevel.objects.filter(framework__is_current=True).exists():
        seeding = importlib.import_module(
            "safeguard.front_door.migrations.0002_default_threshold_framework"
        )
        seeding.seed(django_apps, None)
    return {lvl.code: lvl for lvl in ThresholdLevel.objects.filter(framework__is_current=True)}


@pytest.fixture
def mash_team(db):
    return make_team("MASH Central", service_area=ServiceArea.FRONT_DOOR)


@pytest.fixture
def mash_manager(mash_team):
    manager = make_user(Role.TEAM_MANAGER, team=mash_team, username="mashmanager", first_name="Mo")
    mash_team.manager = manager
    mash_team.save()
    return manager


@pytest.fixture
def second_screener(mash_team):
    return make_user(Role.MASH_SCREENER, team=mash_team, username="screener2", first_name="Jo")


def received(days_ago: int = 0, hour: int = 10) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def new_contact(*, user, children, days_ago=0, source="6", adults=None):
    return contact_record(
        acting_user=user,
        received_at=received(days_ago),
        referral_source=source,
        referrer_name="PC Ellis",
        concern="Police attended a domestic incident; the child was present.",
        children=children,
        adults=adults or [],
    )


@pytest.fixture
def contact(screener, child):
    return new_contact(user=screener, children=[child], days_ago=1)
