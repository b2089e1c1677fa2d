"""Visits: bad input refused, and child in need visits and reviews feed their clocks."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from safeguard.casework.choices import PlanEndReason, VisitType
from safeguard.casework.clocks import cin_plan_review_clocks, cin_visit_clocks
from safeguard.casework.models import Visit
from safeguard.casework.services import plan_end, plan_review_record, visit_record
from safeguard.casework.tests.conftest import weeks_ago
from safeguard.compliance.models import Clock
from safeguard.compliance.services import clocks_recompute


def _cin_visit_clocks(child):
    return list(Clock.objects.filter(person=child, rule_code="CIN_VISIT").order_by("started_on"))


def test_visit_dated_in_the_future_is_refused_and_nothing_saved(child, social_worker):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        visit_record(person=child, worker=social_worker, visit_date=tomorrow)
    assert "must be today or in the past" in error.value.message_dict["visit_date"][0]
    assert not Visit.objects.exists()


def test_visit_form_shows_a_clear_error_for_a_future_date(client, child, social_worker):
    client.force_login(social_worker)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        reverse("casework:visit_create", args=[child.pk]),
        {
            "visit_date": tomorrow.isoformat(),
            "visit_type": "child_in_need",
            "is_planned": "yes",
            "child_seen": "yes",
            "child_seen_alone": "no",
            "location": "home",
        },
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "Date of visit must be today or in the past" in response.content.decode()
    assert not Visit.objects.exists()


def test_child_not_seen_needs_a_reason(child, social_worker):
    with pytest.raises(ValidationError) as error:
        visit_record(person=child, worker=social_worker, visit_date=weeks_ago(1), child_seen=False)
    assert "reason_not_seen" in error.value.message_dict
    assert not Visit.objects.exists()


def test_recorded_visit_shows_on_the_print_friendly_page(client, child, social_worker):
    client.force_login(social_worker)
    response = client.post(
        reverse("casework:visit_create", args=[child.pk]),
        {
            "visit_date": weeks_ago(1).isoformat(),
            "visit_type": "child_in_need",
            "is_planned": "no",
            "child_seen": "yes",
            "child_seen_alone": "yes",
            "seen_with": "Mother",
            "location": "school",
            "observations": "Calm and chatty",
        },
    )
    visit = Visit.objects.get()
    assert response.url == reverse("casework:visit_detail", args=[visit.pk])
    assert (visit.is_planned, visit.child_seen_alone, visit.seen_with) == (False, True, "Mother")
    page = client.get(response.url).content.decode()
    assert "seen alone" in page and "Unplanned" in page and "Calm and chatty" in page


def test_cin_plan_starts_a_visit_clock_and_each_seen_visit_starts_the_next(
    child, social_worker, episode, cin_plan
):
    # Given a child in need plan started eight weeks ago
    clocks_recompute(person_ids=[child.pk])
    first = _cin_visit_clocks(child)
    assert len(first) == 1 and first[0].started_on == cin_plan.start_date
    assert first[0].completed_on is None and first[0].owner == social_worker
    # When a visit where the child was not seen is recorded, nothing is satisfied
    visit_record(
        person=child,
        worker=social_worker,
        visit_date=weeks_ago(6),
        child_seen=False,
        reason_not_seen="No one home",
    )
    assert _cin_visit_clocks(child)[0].completed_on is None
    # When a visit where the child was seen is recorded
    visit_record(person=child, worker=social_worker, visit_date=weeks_ago(5))
    clocks = _cin_visit_clocks(child)
    # Then the first cycle is met on that date and the next starts from it
    assert [c.completed_on for c in clocks] == [weeks_ago(5), None]
    assert clocks[1].started_on == weeks_ago(5)
    # And a child protection visit does not count towards the CIN clock
    visit_record(
        person=child,
        worker=social_worker,
        visit_date=weeks_ago(4),
        visit_type=VisitType.CHILD_PROTECTION,
    )
    assert len(_cin_visit_clocks(child)) == 2


def test_ending_the_plan_cancels_the_open_visit_and_review_clocks(
    child, social_worker, episode, cin_plan
):
    plan_review_record(
        plan=cin_plan, review_date=weeks_ago(2), acting_user=social_worker, decision="Continue"
    )
    plan_end(
        plan=cin_plan,
        end_date=weeks_ago(1),
        end_reason=PlanEndReason.OUTCOMES_ACHIEVED,
        acting_user=social_worker,
    )
    reviews = list(
        Clock.objects.filter(person=child, rule_code="CIN_PLAN_REVIEW").order_by("started_on")
    )
    assert [r.completed_on for r in reviews] == [weeks_ago(2), None]
    assert reviews[1].cancelled_on == weeks_ago(1)
    assert _cin_visit_clocks(child)[-1].cancelled_on == weeks_ago(1)


def test_producers_read_in_bulk(django_assert_max_num_queries, child, episode, cin_plan):
    with django_assert_max_num_queries(3):
        specs = list(cin_visit_clocks(None))
    assert [s.key for s in specs] == [f"cin-plan:{cin_plan.pk}:visit:1"]
    with django_assert_max_num_queries(3):
        assert len(list(cin_plan_review_clocks([child.pk]))) == 1
