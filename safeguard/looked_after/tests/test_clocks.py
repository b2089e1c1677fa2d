"""Clocks for looked-after children: every reg 28 visit case, reg 33 reviews, health, PEP,
care leavers. Records are made directly; the engine computes the due dates."""

from datetime import date

import pytest

from safeguard.casework.choices import VisitType
from safeguard.casework.models import Visit
from safeguard.compliance.models import Clock
from safeguard.compliance.services import clocks_recompute
from safeguard.looked_after.models import (
    CareLeaver,
    HealthEvent,
    LookedAfterReview,
    PathwayPlan,
    PersonalEducationPlan,
)
from safeguard.looked_after.tests.conftest import make_episode, make_history

MON = date(2025, 1, 6)


def visit(person, day, worker, *, seen=True):
    return Visit.objects.create(
        person=person,
        visit_date=day,
        visit_type=VisitType.LOOKED_AFTER,
        worker=worker,
        child_seen=seen,
    )


def clocks(person, prefix=""):
    clocks_recompute(person_ids=[person.pk])
    return [
        (c.rule_code, c.started_on, c.due_on, c.completed_on, c.cancelled_on)
        for c in Clock.objects.filter(person=person, rule_code__startswith=prefix).order_by(
            "started_on", "rule_code"
        )
    ]


# Reg 28 visits


def test_first_visit_due_within_a_week_of_the_placement(child):
    make_episode(child, MON)
    assert clocks(child, "LAC_VISIT") == [
        ("LAC_VISIT_FIRST_WEEK", MON, date(2025, 1, 13), None, None)
    ]


def test_visits_in_the_placements_first_year_are_six_weekly(child, social_worker):
    make_episode(child, MON)
    visit(child, date(2025, 1, 10), social_worker)
    visit(child, date(2025, 12, 1), social_worker)  # still inside the first year
    assert clocks(child, "LAC_VISIT") == [
        ("LAC_VISIT_FIRST_WEEK", MON, date(2025, 1, 13), date(2025, 1, 10), None),
        ("LAC_VISIT_FIRST_YEAR", date(2025, 1, 10), date(2025, 2, 21), date(2025, 12, 1), None),
        ("LAC_VISIT_FIRST_YEAR", date(2025, 12, 1), date(2026, 1, 12), None, None),
    ]


def test_after_the_first_year_a_placement_until_18_is_visited_three_monthly(child, social_worker):
    make_episode(child, MON, placement_intended_until_18=True)
    visit(child, date(2025, 1, 7), social_worker)
    visit(child, date(2026, 1, 20), social_worker)
    assert clocks(child, "LAC_VISIT")[-1] == (
        "LAC_VISIT_LONG_TERM",
        date(2026, 1, 20),
        date(2026, 4, 20),
        None,
        None,
    )


def test_after_the_first_year_any_other_placement_stays_six_weekly(child, social_worker):
    make_episode(child, MON, placement_intended_until_18=False)
    visit(child, date(2025, 1, 7), social_worker)
    visit(child, date(2026, 1, 20), social_worker)
    assert clocks(child, "LAC_VISIT")[-1] == (
        "LAC_VISIT",
        date(2026, 1, 20),
        date(2026, 3, 3),
        None,
        None,
    )


def test_a_visit_where_the_child_was_not_seen_does_not_count(child, social_worker):
    make_episode(child, MON)
    visit(child, date(2025, 1, 8), social_worker, seen=False)
    assert clocks(child, "LAC_VISIT") == [
        ("LAC_VISIT_FIRST_WEEK", MON, date(2025, 1, 13), None, None)
    ]


def test_a_new_placement_restarts_the_first_week_and_cancels_the_old_cycle(child, social_worker):
    make_history(child, [(MON, "S", {}), (date(2025, 3, 3), "P", {"placement_type": "K2"})])
    visit(child, date(2025, 1, 9), social_worker)
    found = clocks(child, "LAC_VISIT")
    assert (
        "LAC_VISIT_FIRST_YEAR",
        date(2025, 1, 9),
        date(2025, 2, 20),
        None,
        date(2025, 3, 3),
    ) in found
    assert found[-1] == ("LAC_VISIT_FIRST_WEEK", date(2025, 3, 3), date(2025, 3, 10), None, None)


def test_a_change_of_legal_status_alone_does_not_restart_the_visits(child, social_worker):
    make_history(child, [(MON, "S", {"legal_status": "C1"}), (date(2025, 2, 3), "L", {})])
    visit(child, date(2025, 1, 9), social_worker)
    assert [c[0] for c in clocks(child, "LAC_VISIT")] == [
        "LAC_VISIT_FIRST_WEEK",
        "LAC_VISIT_FIRST_YEAR",
    ]


def test_placed_with_a_parent_before_assessment_weekly_until_first_review_then_six_weekly(
    child, social_worker
):
    # Reg 19 placement: reg 28(3).
    make_episode(
        child,
        MON,
        placement_type="P1",
        placement_provider="PR0",
        legal_status="C1",
        placed_with_parent_before_assessment=True,
    )
    visit(child, date(2025, 1, 10), social_worker)
    LookedAfterReview.objects.create(
        person=child, review_date=date(2025, 1, 30), participation="PN1"
    )
    visit(child, date(2025, 2, 5), social_worker)
    assert clocks(child, "LAC_VISIT") == [
        ("LAC_VISIT_WEEKLY", MON, date(2025, 1, 13), date(2025, 1, 10), None),
        ("LAC_VISIT_WEEKLY", date(2025, 1, 10), date(2025, 1, 17), date(2025, 2, 5), None),
        ("LAC_VISIT_PLACED_WITH_PARENT", date(2025, 2, 5), date(2025, 3, 19), None, None),
    ]


def test_interim_care_order_living_with_parent_weekly_then_four_weekly(child, social_worker):
    # Reg 28(4): an interim care order with the child living with a parent.
    make_episode(child, MON, placement_type="P1", placement_provider="PR0", legal_status="C1")
    visit(child, date(2025, 1, 10), social_worker)
    LookedAfterReview.objects.create(
        person=child, review_date=date(2025, 1, 30), participation="PN1"
    )
    visit(child, date(2025, 2, 5), social_worker)
    assert [c[:3] for c in clocks(child, "LAC_VISIT")] == [
        ("LAC_VISIT_WEEKLY", MON, date(2025, 1, 13)),
        ("LAC_VISIT_WEEKLY", date(2025, 1, 10), date(2025, 1, 17)),
        ("LAC_VISIT_FOUR_WEEKLY", date(2025, 2, 5), date(2025, 3, 5)),
    ]


def test_connected_person_with_temporary_approval_is_reg_28_4(child, social_worker):
    make_episode(child, MON, placement_type="U3", connected_person_temporary_approval=True)
    assert clocks(child, "LAC_VISIT")[0][0] == "LAC_VISIT_WEEKLY"


def test_care_order_living_with_parent_within_a_week_then_six_weekly(child, social_worker):
    # Reg 28(5).
    make_episode(child, MON, placement_type="P1", placement_provider="PR0", legal_status="C2")
    visit(child, date(2025, 1, 10), social_worker)
    assert clocks(child, "LAC_VISIT") == [
        ("LAC_VISIT_AFTER_CARE_ORDER", MON, date(2025, 1, 13), date(2025, 1, 10), None),
        ("LAC_VISIT_PLACED_WITH_PARENT", date(2025, 1, 10), date(2025, 2, 21), None, None),
    ]


def test_short_breaks_have_no_national_visit_or_review_clocks(child):
    # Reg 48: intervals agreed with the IRO and parents instead.
    make_episode(child, MON, legal_status="V3")
    assert clocks(child, "LAC_") == []


# Reg 33 reviews


def test_reviews_first_in_20_working_days_then_3_months_then_6_monthly(child):
    make_episode(child, MON)
    for day in (date(2025, 1, 30), date(2025, 4, 24), date(2025, 10, 20)):
        LookedAfterReview.objects.create(person=child, review_date=day, participation="PN1")
    assert clocks(child, "LAC_REVIEW") == [
        ("LAC_REVIEW_FIRST", MON, date(2025, 2, 3), date(2025, 1, 30), None),
        ("LAC_REVIEW_SECOND", date(2025, 1, 30), date(2025, 4, 30), date(2025, 4, 24), None),
        ("LAC_REVIEW", date(2025, 4, 24), date(2025, 10, 24), date(2025, 10, 20), None),
        ("LAC_REVIEW", date(2025, 10, 20), date(2026, 4, 20), None, None),
    ]


def test_a_late_first_review_is_met_late_and_the_cycle_goes_on(child):
    make_episode(child, MON)
    LookedAfterReview.objects.create(
        person=child, review_date=date(2025, 2, 14), participation="PN1"
    )
    first, second = clocks(child, "LAC_REVIEW")
    assert first[3] > first[2]
    assert second[:3] == ("LAC_REVIEW_SECOND", date(2025, 2, 14), date(2025, 5, 14))


def test_a_new_period_of_care_starts_the_review_cycle_again(child):
    make_episode(child, MON, end=date(2025, 3, 3), rec="E4A")
    make_episode(child, date(2025, 9, 1))
    LookedAfterReview.objects.create(
        person=child, review_date=date(2025, 1, 30), participation="PN1"
    )
    found = clocks(child, "LAC_REVIEW")
    assert (
        "LAC_REVIEW_SECOND",
        date(2025, 1, 30),
        date(2025, 4, 30),
        None,
        date(2025, 3, 3),
    ) in found
    assert found[-1][:3] == ("LAC_REVIEW_FIRST", date(2025, 9, 1), date(2025, 9, 29))


# Health


def test_initial_health_assessment_due_in_20_working_days(child):
    make_episode(child, MON)
    assert clocks(child, "INITIAL") == [
        ("INITIAL_HEALTH_ASSESSMENT", MON, date(2025, 2, 3), None, None)
    ]


def test_initial_health_assessment_cancelled_if_care_ends_first(child):
    make_episode(child, MON, end=date(2025, 1, 20), rec="E4A")
    assert clocks(child, "INITIAL")[0][4] == date(2025, 1, 20)


def test_review_health_assessments_six_monthly_under_five(child):
    child.date_of_birth = date(2022, 3, 1)
    child.save()
    make_episode(child, MON)
    HealthEvent.objects.create(
        person=child, kind="initial_health_assessment", event_date=date(2025, 1, 27)
    )
    assert clocks(child, "REVIEW_HEALTH") == [
        ("REVIEW_HEALTH_ASSESSMENT_UNDER_5", date(2025, 1, 27), date(2025, 7, 27), None, None)
    ]


def test_review_health_assessments_yearly_from_five(child):
    child.date_of_birth = date(2020, 3, 1)
    child.save()
    make_episode(child, MON)
    HealthEvent.objects.create(
        person=child, kind="initial_health_assessment", event_date=date(2025, 1, 27)
    )
    HealthEvent.objects.create(
        person=child, kind="review_health_assessment", event_date=date(2025, 7, 1)
    )
    # Under five at the initial assessment (6 months), five at the review (12 months).
    assert clocks(child, "REVIEW_HEALTH") == [
        (
            "REVIEW_HEALTH_ASSESSMENT_UNDER_5",
            date(2025, 1, 27),
            date(2025, 7, 27),
            date(2025, 7, 1),
            None,
        ),
        ("REVIEW_HEALTH_ASSESSMENT", date(2025, 7, 1), date(2026, 7, 1), None, None),
    ]


def test_dental_checks_every_twelve_months(child):
    make_episode(child, MON)
    HealthEvent.objects.create(person=child, kind="dental_check", event_date=date(2025, 5, 1))
    assert clocks(child, "LAC_DENTAL") == [
        ("LAC_DENTAL_CHECK", MON, date(2026, 1, 6), date(2025, 5, 1), None),
        ("LAC_DENTAL_CHECK", date(2025, 5, 1), date(2026, 5, 1), None, None),
    ]


# Personal education plans


def test_pep_within_20_school_days_then_reviewed_termly(child):
    make_episode(child, MON)  # the child is 8
    PersonalEducationPlan.objects.create(
        person=child, kind="initial", meeting_date=date(2025, 1, 31)
    )
    found = clocks(child, "PEP")
    # No term dates entered: every working day counts as a school day.
    assert found[0] == ("PEP_INITIAL", MON, date(2025, 2, 3), date(2025, 1, 31), None)
    assert found[1][:2] == ("PEP_REVIEW", date(2025, 1, 31))
    assert found[1][2] > date(2025, 4, 25)


def test_no_pep_clock_for_a_child_below_school_age(child):
    child.date_of_birth = date(2023, 1, 1)
    child.save()
    make_episode(child, MON)
    assert clocks(child, "PEP") == []


# Care leavers


def test_needs_assessment_due_three_months_after_sixteenth_birthday(child):
    child.date_of_birth = date(2009, 2, 10)
    child.save()
    make_episode(child, date(2024, 6, 3))
    assert clocks(child, "CARE_LEAVER") == [
        ("CARE_LEAVER_NEEDS_ASSESSMENT", date(2025, 2, 10), date(2025, 5, 10), None, None)
    ]


def test_no_needs_assessment_for_a_child_not_in_care_at_sixteen(child):
    child.date_of_birth = date(2009, 2, 10)
    child.save()
    make_episode(child, date(2024, 6, 3), end=date(2024, 12, 1), rec="E4A")
    assert clocks(child, "CARE_LEAVER") == []


def test_pathway_plan_reviewed_at_least_six_monthly(child):
    child.date_of_birth = date(2007, 2, 10)
    child.save()
    CareLeaver.objects.create(person=child, eligibility="former_relevant")
    PathwayPlan.objects.create(person=child, plan_date=date(2025, 3, 1))
    PathwayPlan.objects.create(person=child, plan_date=date(2025, 8, 20), is_review=True)
    assert clocks(child, "PATHWAY") == [
        ("PATHWAY_PLAN_REVIEW", date(2025, 3, 1), date(2025, 9, 1), date(2025, 8, 20), None),
        ("PATHWAY_PLAN_REVIEW", date(2025, 8, 20), date(2026, 2, 20), None, None),
    ]


@pytest.mark.parametrize("allocated", [True, False])
def test_clocks_belong_to_the_lead_worker(child, social_worker, allocated):
    from django.utils import timezone

    from safeguard.casework.models import Allocation, Episode

    if allocated:
        episode = Episode.objects.create(
            person=child, referral_date=date(2024, 12, 1), team=social_worker.team
        )
        Allocation.objects.create(
            episode=episode, worker=social_worker, team=social_worker.team, start_at=timezone.now()
        )
    make_episode(child, MON)
    clocks_recompute(person_ids=[child.pk])
    owner = Clock.objects.get(person=child, rule_code="LAC_REVIEW_FIRST").owner_id
    assert owner == (social_worker.pk if allocated else None)


def test_a_care_order_made_while_living_with_parent_restarts_with_a_visit_within_a_week(
    child, social_worker
):
    # Reg 28(4) under the interim order, then reg 28(5) once the full care order is made.
    make_history(
        child,
        [
            (MON, "S", {"placement_type": "P1", "placement_provider": "PR0", "legal_status": "C1"}),
            (
                date(2025, 3, 3),
                "L",
                {"placement_type": "P1", "placement_provider": "PR0", "legal_status": "C2"},
            ),
        ],
    )
    visit(child, date(2025, 1, 10), social_worker)
    visit(child, date(2025, 3, 7), social_worker)
    found = clocks(child, "LAC_VISIT")
    assert (
        "LAC_VISIT_WEEKLY",
        date(2025, 1, 10),
        date(2025, 1, 17),
        None,
        date(2025, 3, 3),
    ) in found
    assert (
        "LAC_VISIT_AFTER_CARE_ORDER",
        date(2025, 3, 3),
        date(2025, 3, 10),
        date(2025, 3, 7),
        None,
    ) in found
    assert found[-1] == (
        "LAC_VISIT_PLACED_WITH_PARENT",
        date(2025, 3, 7),
        date(2025, 4, 18),
        None,
        None,
    )
