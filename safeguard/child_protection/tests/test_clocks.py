"""Each child protection clock: what starts it, what meets it, and the due date the engine gives."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from safeguard.casework.choices import PlanKind, VisitType
from safeguard.casework.models import Plan, PlanAction, Visit
from safeguard.child_protection import clocks, services
from safeguard.child_protection.choices import ConferenceDecision, StrategyDecision
from safeguard.child_protection.tests.conftest import ATTENDEES
from safeguard.compliance.models import Clock


def specs(producer, person):
    return {(s.rule_code, s.key): s for s in producer([person.pk])}


def stored(person, rule_code):
    return list(Clock.objects.filter(person=person, rule_code=rule_code).order_by("started_on"))


def test_icpc_clock_runs_15_working_days_from_the_strategy_discussion(child, enquiry):
    # Given a strategy discussion on Thursday 1 October 2026 and an enquiry
    # Then the ICPC is due 15 working days later: Thursday 22 October 2026
    [clock] = stored(child, "ICPC")
    assert (clock.started_on, clock.due_on, clock.completed_on) == (
        date(2026, 10, 1),
        date(2026, 10, 22),
        None,
    )


def test_icpc_clock_counts_from_the_last_strategy_discussion(
    child, episode, enquiry, social_worker
):
    # Given a second strategy discussion before the conference
    services.strategy_discussion_record(
        person=child,
        episode=episode,
        held_on=date(2026, 10, 6),
        concern="New information",
        decision=StrategyDecision.SECTION_47,
        attendees=ATTENDEES,
        acting_user=social_worker,
    )
    spec = specs(clocks.initial_conference_clocks, child)[("ICPC", f"s47:{enquiry.pk}")]
    assert spec.start == date(2026, 10, 6)


def test_icpc_clock_met_by_the_conference_and_cancelled_when_not_needed(
    child, enquiry, cp_plan, social_worker
):
    spec = specs(clocks.initial_conference_clocks, child)[("ICPC", f"s47:{enquiry.pk}")]
    assert spec.completed == date(2026, 10, 20)


def test_icpc_clock_cancelled_when_the_enquiry_needs_no_conference(child, enquiry, social_worker):
    services.section_47_conclude(
        enquiry=enquiry,
        outcome="not_substantiated",
        outcome_date=date(2026, 10, 9),
        acting_user=social_worker,
    )
    [clock] = stored(child, "ICPC")
    assert clock.cancelled_on == date(2026, 10, 9)


def test_core_group_first_within_10_working_days_then_every_4_weeks(child, cp_plan, social_worker):
    # Given the ICPC on Tuesday 20 October 2026
    [first] = stored(child, "CORE_GROUP_FIRST")
    assert first.due_on == date(2026, 11, 3)  # 10 working days
    # When the first core group meets on 2 November
    services.core_group_record(
        plan=cp_plan.plan, held_on=date(2026, 11, 2), acting_user=social_worker
    )
    # Then the first is met and the next is due 4 weeks later (local default)
    [first] = stored(child, "CORE_GROUP_FIRST")
    [later] = stored(child, "CORE_GROUP")
    assert first.completed_on == date(2026, 11, 2)
    assert (later.started_on, later.due_on) == (date(2026, 11, 2), date(2026, 11, 30))


def test_review_conference_3_months_after_icpc_then_6_monthly(child, cp_plan, chair, social_worker):
    [first] = stored(child, "RCPC_FIRST")
    assert first.due_on == date(2027, 1, 20)
    # A review held early (allowed) meets the first and starts a 6-month clock
    services.conference_record_review(
        cp_plan=cp_plan,
        held_on=date(2026, 11, 25),
        chair=chair,
        decision=ConferenceDecision.CONTINUE_PLAN,
        category_of_abuse="PHY",
        acting_user=social_worker,
    )
    [first] = stored(child, "RCPC_FIRST")
    [later] = stored(child, "RCPC")
    assert first.completed_on == date(2026, 11, 25)
    assert later.due_on == date(2027, 5, 25)


def test_cp_visit_clock_per_child_from_plan_start_then_each_visit(
    child, sibling, mother, cp_plan, social_worker
):
    # Given the plan (started 20 October) has an action for the child and the sibling
    services.plan_action_add(
        plan=cp_plan.plan,
        description="Attend nursery",
        due_date=date(2026, 12, 1),
        children=[child, sibling],
        responsible_person=mother,
        acting_user=social_worker,
    )
    # When the child is seen on 30 October (the sibling is not)
    services.cp_visit_record(
        plan=cp_plan.plan,
        child=child,
        visit_date=date(2026, 10, 30),
        child_seen=True,
        child_seen_alone=True,
        worker=social_worker,
        acting_user=social_worker,
    )
    # Then each child has a clock: the child's first met, the next due 10 working days on
    child_clocks = stored(child, "CP_VISIT")
    assert [(c.started_on, c.completed_on) for c in child_clocks] == [
        (date(2026, 10, 20), date(2026, 10, 30)),
        (date(2026, 10, 30), None),
    ]
    assert child_clocks[1].due_on == date(2026, 11, 13)
    [sibling_clock] = stored(sibling, "CP_VISIT")
    assert (sibling_clock.started_on, sibling_clock.due_on) == (
        date(2026, 10, 20),
        date(2026, 11, 3),
    )
    visit = Visit.objects.get(person=child)
    assert visit.child_seen_alone and visit.visit_type == VisitType.CHILD_PROTECTION


def test_visit_where_child_not_seen_does_not_meet_the_clock(child, cp_plan, social_worker):
    services.cp_visit_record(
        plan=cp_plan.plan,
        child=child,
        visit_date=date(2026, 10, 30),
        child_seen=False,
        child_seen_alone=False,
        reason_not_seen="Asleep",
        worker=social_worker,
        acting_user=social_worker,
    )
    [clock] = stored(child, "CP_VISIT")
    assert clock.completed_on is None


def test_plan_clocks_cancelled_when_the_plan_ends(child, cp_plan, social_worker):
    services.cp_plan_end(
        cp_plan=cp_plan,
        end_date=date(2026, 11, 20),
        end_reason="no_longer_at_risk",
        step_down="child_in_need",
        acting_user=social_worker,
    )
    for code in ("CORE_GROUP_FIRST", "RCPC_FIRST", "CP_VISIT"):
        [clock] = stored(child, code)
        assert clock.cancelled_on == date(2026, 11, 20), code


def test_strategy_discussion_clock_from_an_escalation_met_by_the_discussion(
    child, episode, social_worker
):
    occurred = timezone.make_aware(datetime(2026, 11, 2, 10, 0))
    [event] = services.escalation_raise(
        person=child,
        trigger="sexual_abuse_disclosure",
        occurred_at=occurred,
        acting_user=social_worker,
    )
    [clock] = stored(child, "STRATEGY_DISCUSSION")
    assert (clock.started_on, clock.due_on, clock.completed_on) == (
        date(2026, 11, 2),
        date(2026, 11, 3),
        None,
    )
    services.strategy_discussion_record(
        person=child,
        episode=episode,
        held_on=date(2026, 11, 3),
        concern="Disclosure",
        decision=StrategyDecision.SECTION_47,
        attendees=ATTENDEES,
        acting_user=social_worker,
    )
    [clock] = stored(child, "STRATEGY_DISCUSSION")
    assert clock.completed_on == date(2026, 11, 3)


@pytest.mark.parametrize(
    "producer",
    [
        clocks.strategy_discussion_clocks,
        clocks.initial_conference_clocks,
        clocks.core_group_clocks,
        clocks.review_conference_clocks,
        clocks.cp_visit_clocks,
    ],
)
def test_producers_read_in_bulk(producer, child, cp_plan, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        list(producer(None))


def test_visit_clock_for_a_plan_child_found_through_an_action(
    child, sibling, mother, episode, social_worker
):
    plan = Plan.objects.create(
        person=child, episode=episode, kind=PlanKind.CHILD_PROTECTION, start_date=date(2026, 11, 2)
    )
    action = PlanAction.objects.create(
        plan=plan, description="x", due_date=date(2026, 12, 1), responsible_person=mother
    )
    action.children.set([sibling])
    keys = {s.key for s in clocks.cp_visit_clocks([sibling.pk])}
    assert keys == {f"cp-plan:{plan.pk}:visit:first"}
