"""Recording missing episodes and interviews through the pages, as a social worker would."""

from datetime import date

import pytest

from safeguard.accounts.choices import Role
from safeguard.casework.chronology import SOURCES
from safeguard.conftest import make_child, make_user
from safeguard.missing.chronology import missing_events
from safeguard.missing.models import MissingEpisode, ReturnHomeInterview
from safeguard.people.models import RestrictedAccessGrant

pytestmark = pytest.mark.django_db


def test_a_social_worker_records_an_episode_the_return_and_the_interview(
    client, social_worker, child
):
    client.force_login(social_worker)
    # When the worker reports the child missing
    response = client.post(
        f"/people/{child.pk}/missing/new/",
        {
            "missing_from": "care",
            "missing_type": "A",
            "reported_missing_at": "2026-03-06T21:30",
            "risk_level": "high",
            "police_reference": "MP/26/123",
        },
    )
    episode = MissingEpisode.objects.get()
    assert response.status_code == 302 and response.url == f"/missing/{episode.pk}/"
    # and the return, then the interview
    client.post(
        f"/missing/{episode.pk}/return/",
        {"found_returned_at": "2026-03-07T08:15", "where_found": "Station"},
    )
    client.post(
        f"/missing/{episode.pk}/interview/",
        {
            "offered_at": "2026-03-07T10:00",
            "response": "accepted",
            "conducted_at": "2026-03-08T16:00",
            "push_factors": "Rules at the placement",
            "pull_factors": "Friends in town",
        },
    )
    # Then all three are on the record
    rhi = ReturnHomeInterview.objects.get()
    assert (rhi.conducted_by, rhi.pull_factors) == (social_worker, "Friends in town")
    page = client.get(f"/missing/{episode.pk}/").content.decode()
    assert "Away from placement without authorisation" in page and "Friends in town" in page


def test_a_return_before_the_report_shows_an_error_and_saves_nothing(client, social_worker, child):
    client.force_login(social_worker)
    response = client.post(
        f"/people/{child.pk}/missing/new/",
        {
            "missing_from": "home",
            "missing_type": "M",
            "reported_missing_at": "2026-03-06T21:30",
            "risk_level": "medium",
            "found_returned_at": "2026-03-06T20:00",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "The return must be after the child was reported missing" in content
    assert not MissingEpisode.objects.exists()


@pytest.mark.parametrize(
    "role", [Role.PARTNER, Role.PERFORMANCE_ANALYST, Role.SYSTEM_ADMINISTRATOR]
)
def test_roles_that_do_not_edit_case_records_cannot_record_an_episode(client, child, role):
    client.force_login(make_user(role))
    assert client.get(f"/people/{child.pk}/missing/new/").status_code == 403


def test_an_episode_on_a_restricted_record_is_refused_to_those_not_named(
    client, social_worker, other_team_worker
):
    hidden = make_child(is_restricted=True, restriction_reason="staff_or_relative")
    RestrictedAccessGrant.objects.create(
        person=hidden, user=social_worker, granted_by=social_worker
    )
    client.force_login(social_worker)
    client.post(
        f"/people/{hidden.pk}/missing/new/",
        {
            "missing_from": "home",
            "missing_type": "M",
            "reported_missing_at": "2026-03-06T21:30",
            "risk_level": "low",
        },
    )
    episode = MissingEpisode.objects.get()
    client.force_login(other_team_worker)
    assert client.get(f"/missing/{episode.pk}/").status_code == 403
    assert client.get("/missing/999999/").status_code == 403


def test_the_child_record_shows_the_episodes_and_the_chronology_has_them(
    client, social_worker, child
):
    client.force_login(social_worker)
    client.post(
        f"/people/{child.pk}/missing/new/",
        {
            "missing_from": "home",
            "missing_type": "M",
            "reported_missing_at": "2026-03-06T21:30",
            "risk_level": "low",
            "found_returned_at": "2026-03-07T01:00",
        },
    )
    page = client.get(f"/people/{child.pk}/").content.decode()
    assert "Missing episodes" in page and "Not offered" in page
    assert missing_events in SOURCES
    titles = [e.title for e in missing_events(child.pk)]
    assert titles == ["Reported missing from home", "Found or returned"]
    assert date(2026, 3, 7) == list(missing_events(child.pk))[1].when.date()


def test_the_interview_page_adds_the_findings_to_the_plan_as_an_action(
    client, social_worker, child
):
    from safeguard.casework.choices import PlanKind
    from safeguard.casework.models import Plan

    plan = Plan.objects.create(
        person=child, kind=PlanKind.CHILD_IN_NEED, start_date=date(2026, 1, 10)
    )
    client.force_login(social_worker)
    client.post(
        f"/people/{child.pk}/missing/new/",
        {
            "missing_from": "home",
            "missing_type": "M",
            "reported_missing_at": "2026-03-06T21:30",
            "risk_level": "low",
            "found_returned_at": "2026-03-07T01:00",
        },
    )
    episode = MissingEpisode.objects.get()
    data = {
        "offered_at": "2026-03-07T10:00",
        "response": "accepted",
        "findings": "Older friends pay for taxis",
        "plan": plan.pk,
        "add_to_plan": "on",
        "action_worker": social_worker.pk,
        "action_due": "",
    }
    response = client.post(f"/missing/{episode.pk}/interview/", data)
    assert "Give a date the new action is due by" in response.content.decode()
    assert not ReturnHomeInterview.objects.exists()
    data["action_due"] = "2026-03-20"
    assert client.post(f"/missing/{episode.pk}/interview/", data).status_code == 302
    action = ReturnHomeInterview.objects.get().plan_action
    assert action.plan == plan and action.due_date == date(2026, 3, 20)
