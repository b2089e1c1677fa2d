"""Fixtures for child protection: a family, a chair, an open episode, and a plan."""

from datetime import date

import pytest
from django.utils import timezone

from safeguard.accounts.choices import Role
from safeguard.casework.choices import AllocationRole
from safeguard.casework.models import Allocation, Episode
from safeguard.child_protection import services
from safeguard.child_protection.choices import (
    Agency,
    ConferenceDecision,
    StrategyDecision,
)
from safeguard.conftest import make_child, make_user
from safeguard.people.choices import PersonKind, RelationshipKind
from safeguard.people.models import Address, PersonAddress, Relationship

ATTENDEES = [
    {"agency": Agency.POLICE, "name": "DC Patel"},
    {"agency": Agency.HEALTH, "name": "Nurse Okafor"},
    {"agency": Agency.SOCIAL_CARE, "name": "Sasha Worker"},
]


def make_adult(**fields):
    fields.setdefault("first_name", "Adult")
    return make_child(
        kind=PersonKind.ADULT, date_of_birth=date(1988, 1, 1), la_child_id="", **fields
    )


def relate(person, kind, related):
    return Relationship.objects.create(person=person, related_person=related, kind=kind)


def live_at(person, line_1, start=date(2020, 1, 1)):
    address = Address.objects.create(line_1=line_1, town="Birmingham", postcode="B1 1AA")
    PersonAddress.objects.create(person=person, address=address, start_date=start)
    return address


def move_in(person, address, start=date(2020, 1, 1)):
    PersonAddress.objects.create(person=person, address=address, start_date=start)


@pytest.fixture
def chair(db):
    return make_user(Role.CONFERENCE_CHAIR, username="chair", first_name="Chris")


@pytest.fixture
def episode(child, social_worker, team):
    episode = Episode.objects.create(person=child, team=team, referral_date=date(2026, 9, 1))
    Allocation.objects.create(
        episode=episode,
        worker=social_worker,
        team=team,
        role=AllocationRole.LEAD,
        start_at=timezone.now(),
    )
    return episode


@pytest.fixture
def mother(child):
    mum = make_adult(first_name="Jo", last_name="Hartley")
    relate(mum, RelationshipKind.PARENT, child)
    return mum


@pytest.fixture
def sibling(child, mother):
    brother = make_child(first_name="Leo", last_name="Hartley", date_of_birth=date(2019, 2, 2))
    relate(child, RelationshipKind.SIBLING, brother)
    relate(mother, RelationshipKind.PARENT, brother)
    return brother


@pytest.fixture
def discussion(child, episode, social_worker):
    return services.strategy_discussion_record(
        person=child,
        episode=episode,
        held_on=date(2026, 10, 1),
        concern="Bruising to arm",
        decision=StrategyDecision.SECTION_47,
        attendees=ATTENDEES,
        acting_user=social_worker,
    )


@pytest.fixture
def enquiry(discussion, social_worker):
    return services.section_47_start(
        strategy_discussion=discussion, start_date=date(2026, 10, 1), acting_user=social_worker
    )


@pytest.fixture
def cp_plan(enquiry, chair, social_worker):
    conference = services.conference_record_initial(
        section_47=enquiry,
        held_on=date(2026, 10, 20),
        chair=chair,
        decision=ConferenceDecision.PLAN,
        category_of_abuse="PHY",
        acting_user=social_worker,
    )
    return conference.started_plan
