"""Workforce fixtures: employments, episodes with lead allocations, addresses, plans."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.db.models import F, Q
from django.utils import timezone

from safeguard.casework.choices import AllocationRole, PlanKind
from safeguard.casework.models import Allocation, Episode, Plan
from safeguard.people.models import Address, Person, PersonAddress
from safeguard.workforce import case_types
from safeguard.workforce.choices import ContractType
from safeguard.workforce.models import Employment

AS_OF = date(2026, 6, 30)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def employ(
    user,
    *,
    start=date(2025, 1, 6),
    fte="1.00",
    contract=ContractType.PERMANENT,
    team=None,
    nqsw=False,
    asye_start=None,
    post=None,
) -> Employment:
    return Employment.objects.create(
        user=user,
        team=team or user.team,
        post=post,
        contract_type=contract,
        start_date=start,
        fte=Decimal(fte),
        is_newly_qualified=nqsw,
        asye_start_date=asye_start,
    )


def open_case(
    child,
    worker,
    *,
    referred=date(2026, 1, 5),
    team=None,
    role=AllocationRole.LEAD,
    allocated=None,
    ended=None,
    closed=None,
) -> Episode:
    episode = Episode.objects.create(
        person=child,
        team=team or worker.team,
        referral_date=referred,
        closure_date=closed,
        closure_reason="RC1" if closed else "",
    )
    Allocation.objects.create(
        episode=episode,
        worker=worker,
        team=team or worker.team,
        role=role,
        start_at=at(allocated or referred),
        end_at=at(ended) if ended else None,
    )
    return episode


def live_at(child, address: Address, *, start=date(2020, 1, 1), end=None) -> None:
    PersonAddress.objects.create(person=child, address=address, start_date=start, end_date=end)


def plan(child, episode, kind: str, *, start=date(2026, 2, 1), end=None) -> Plan:
    return Plan.objects.create(
        person=child,
        episode=episode,
        kind=kind,
        start_date=start,
        end_date=end,
        end_reason="outcomes_achieved" if end else "",
    )


@pytest.fixture
def address():
    def make(line: str) -> Address:
        return Address.objects.create(line_1=line, town="Northtown", postcode="NT1 1AA")

    return make


@pytest.fixture
def extra_case_types():
    """Let a test say which children are looked after or in court work (their apps' sources)."""
    claims: dict[int, set[str]] = {}

    def source(as_of):
        rows = Person.objects.filter(pk__in=list(claims)).annotate(person_id=F("pk"))
        kinds = {kind for found in claims.values() for kind in found}
        return rows, {
            kind: Q(pk__in=[pid for pid, found in claims.items() if kind in found])
            for kind in kinds
        }

    case_types.SOURCES.append(source)
    yield claims
    case_types.SOURCES.remove(source)


__all__ = ["AS_OF", "PlanKind", "at", "employ", "live_at", "open_case", "plan"]
