"""The decision clock (1 working day from receipt) and the allocation clock (7 days)."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from safeguard.casework.allocations import allocate
from safeguard.casework.models import Episode
from safeguard.compliance.models import Clock
from safeguard.front_door.clocks import allocation_clocks, contact_decision_clocks
from safeguard.front_door.services import screening_decide
from safeguard.front_door.tests.conftest import new_contact


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def test_producer_starts_at_receipt_and_completes_at_decision(screener, child, levels):
    contact = new_contact(user=screener, children=[child], days_ago=3)
    [spec] = contact_decision_clocks([child.pk])
    assert spec.rule_code == "CONTACT_DECISION"
    assert spec.start == contact.received_at
    assert spec.completed is None
    decision = screening_decide(
        contact=contact,
        level=levels["early_help"],
        outcome="early_help",
        rationale="Needs met by early help",
        acting_user=screener,
    )
    [spec] = contact_decision_clocks([child.pk])
    assert spec.completed == decision.decided_at
    assert spec.owner_id == screener.pk


def test_decision_clock_is_due_one_working_day_after_receipt(screener, child, levels):
    # Given a contact received on a Friday
    friday = date(2026, 11, 20)
    contact = new_contact(user=screener, children=[child])
    type(contact).objects.filter(pk=contact.pk).update(received_at=_at(friday, 15))
    from safeguard.front_door.services import recompute_clocks

    recompute_clocks([child.pk])
    clock = Clock.objects.get(person=child, rule_code="CONTACT_DECISION")
    # Then the decision is due on the Monday, the first working day after
    assert clock.started_on == friday
    assert clock.due_on == date(2026, 11, 23)
    assert clock.completed_on is None
    # When the screener decides, the stored clock is completed in the same transaction
    contact.refresh_from_db()
    screening_decide(
        contact=contact,
        level=levels["universal"],
        outcome="nfa",
        rationale="No role for social care",
        acting_user=screener,
    )
    clock.refresh_from_db()
    assert clock.completed_on == timezone.localdate()


def test_allocation_clock_runs_from_referral_to_first_lead(child, social_worker, team_manager):
    episode = Episode.objects.create(
        person=child,
        referral_date=timezone.localdate() - timedelta(days=3),
        team=social_worker.team,
    )
    [spec] = allocation_clocks([child.pk])
    assert (spec.rule_code, spec.start, spec.completed) == (
        "ALLOCATION",
        episode.referral_date,
        None,
    )
    allocation = allocate(episode=episode, worker=social_worker, acting_user=team_manager)
    [spec] = allocation_clocks([child.pk])
    assert spec.completed == allocation.start_at
    clock = Clock.objects.get(person=child, rule_code="ALLOCATION")
    assert clock.due_on == episode.referral_date + timedelta(days=7)
    assert clock.completed_on == timezone.localdate()


def test_allocation_clock_is_cancelled_when_closed_unallocated(child):
    episode = Episode.objects.create(
        person=child,
        referral_date=date(2026, 1, 5),
        closure_date=date(2026, 1, 9),
        closure_reason="RC8",
    )
    [spec] = allocation_clocks([child.pk])
    assert spec.cancelled == episode.closure_date
