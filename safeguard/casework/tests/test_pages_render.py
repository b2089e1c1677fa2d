"""Every casework and assessment page renders for the people who use it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguard.assessments.services import assessment_start, assessment_submit
from safeguard.casework.models import CaseNote, ManagementOversight
from safeguard.casework.services import closure_request, visit_record
from safeguard.casework.tests.conftest import weeks_ago


@pytest.fixture
def records(child, episode, early_help_episode, cin_plan, social_worker, team_manager):
    visit = visit_record(person=child, worker=social_worker, visit_date=weeks_ago(1))
    note = CaseNote.objects.create(
        person=child,
        author=social_worker,
        subject="Call",
        body="Spoke to school",
        occurred_at=timezone.now(),
    )
    oversight = ManagementOversight.objects.create(
        person=child, manager=team_manager, reasoning="Fine", recorded_at=timezone.now()
    )
    assessment = assessment_start(episode=episode, worker=social_worker)
    assessment.outcome = "child_in_need_plan"
    assessment.save()
    assessment_submit(assessment=assessment, user=social_worker)
    closure = closure_request(
        episode=episode,
        closure_date=weeks_ago(0),
        closure_reason="RC7",
        closure_basis="needs_met",
        summary="Needs met",
        requested_by=social_worker,
        override_reasons="Plan reviewed",
    )
    return {
        "visit": visit,
        "note": note,
        "oversight": oversight,
        "assessment": assessment,
        "closure": closure,
        "plan": cin_plan,
        "episode": episode,
        "child": child,
        "early_help": early_help_episode,
    }


def _pages(r):
    child, plan = r["child"].pk, r["plan"].pk
    return [
        reverse("casework:visits"),
        reverse("casework:visit_create", args=[child]),
        reverse("casework:visit_detail", args=[r["visit"].pk]),
        reverse("casework:note_create", args=[child]),
        reverse("casework:note_detail", args=[r["note"].pk]),
        reverse("casework:oversight_detail", args=[r["oversight"].pk]),
        reverse("casework:chronology", args=[child]),
        reverse("casework:manual_entry_create", args=[child]),
        reverse("casework:plan_create", args=[child]),
        reverse("casework:plan_detail", args=[plan]),
        reverse("casework:plan_action_create", args=[plan]),
        reverse("casework:plan_review_create", args=[plan]),
        reverse("casework:plan_end", args=[plan]),
        reverse("casework:early_help_open", args=[child]),
        reverse("casework:step_up", args=[r["early_help"].pk]),
        reverse("casework:closure_detail", args=[r["closure"].pk]),
        reverse("assessments:detail", args=[r["assessment"].pk]),
        reverse("assessments:submit", args=[r["assessment"].pk]),
        reverse("people:record", args=[child]),
    ]


def test_worker_pages_render(client, records, social_worker):
    client.force_login(social_worker)
    for url in _pages(records):
        response = client.get(url)
        assert response.status_code == 200, url


def test_manager_pages_render(client, records, team_manager, senior_manager):
    client.force_login(team_manager)
    for url in _pages(records) + [
        reverse("casework:oversight_create", args=[records["child"].pk]),
        reverse("casework:step_down", args=[records["episode"].pk]),
        reverse("assessments:review", args=[records["assessment"].pk]),
        reverse("assessments:awaiting"),
    ]:
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("casework:closure_detail", args=[records["closure"].pk]))
    assert "Record decision" in page.content.decode()
    client.force_login(senior_manager)
    assert client.get(reverse("casework:closure_overrides")).status_code == 200


def test_closure_form_lists_what_is_still_open(client, records, social_worker, cin_plan, team):
    from safeguard.casework.models import Episode

    other = Episode.objects.create(
        person=records["child"], service="social_care", team=team, referral_date=weeks_ago(3)
    )
    client.force_login(social_worker)
    page = client.get(reverse("casework:closure_request", args=[other.pk])).content.decode()
    assert "Open child in need plan" in page
    assert "Why is the case closing?" in page
    import re

    offered = set(re.findall(r'name="closure_basis" value="([a-z_]+)"', page))
    assert offered == {
        "needs_met",
        "no_further_action",
        "stepped_down",
        "services_declined",
        "moved_away",
        "adult_services",
        "legal_order",
        "child_died",
    }


def test_partner_is_refused_every_page(client, records, partner):
    client.force_login(partner)
    for url in _pages(records):
        assert client.get(url).status_code == 403, url
