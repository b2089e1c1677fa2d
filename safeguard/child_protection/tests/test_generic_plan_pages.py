"""A child protection plan is worked on its own pages, never through casework's generic ones."""

import pytest
from django.urls import reverse

from safeguard.casework.models import PlanAction


@pytest.mark.parametrize(
    "route", ["casework:plan_detail", "casework:plan_action_create", "casework:plan_end"]
)
def test_generic_plan_pages_send_a_child_protection_plan_to_its_own_page(
    client, social_worker, cp_plan, route
):
    client.force_login(social_worker)
    response = client.get(reverse(route, args=[cp_plan.plan_id]))
    assert response.status_code == 302
    assert response["Location"] == reverse("child_protection:plan", args=[cp_plan.pk])


def test_an_action_posted_to_the_generic_page_is_not_saved(client, social_worker, cp_plan):
    # Given a plan whose actions must be checked against the record
    client.force_login(social_worker)
    before = PlanAction.objects.count()
    # When someone posts an action through casework's generic form
    response = client.post(
        reverse("casework:plan_action_create", args=[cp_plan.plan_id]),
        {"description": "Keep both children safe", "due_date": "2026-12-01"},
    )
    # Then they are sent to the child protection plan and nothing is saved
    assert response.status_code == 302
    assert PlanAction.objects.count() == before
