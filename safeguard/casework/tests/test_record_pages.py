"""Pages: the child record's casework and assessment sections, the visits list, the chronology,
drafts on casework forms, and closure blocked by a child still missing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from safeguard.casework.models import CaseNote, Draft, ManagementOversight
from safeguard.casework.services import closure_request, visit_record
from safeguard.casework.tests.conftest import weeks_ago
from safeguard.compliance.services import clocks_recompute
from safeguard.conftest import make_child
from safeguard.missing.models import MissingEpisode
from safeguard.people.models import PersonDisability


def test_child_record_shows_episodes_plans_visits_and_assessments(
    client, child, social_worker, episode, cin_plan
):
    visit_record(person=child, worker=social_worker, visit_date=weeks_ago(1))
    client.force_login(social_worker)
    page = client.get(reverse("people:record", args=[child.pk])).content.decode()
    assert "Casework" in page and "Children&#x27;s social care" in page
    assert "Child in need plan" in page and "Record a visit" in page
    assert reverse("casework:chronology", args=[child.pk]) in page
    assert "Assessments" in page and reverse("assessments:start", args=[episode.pk]) in page


def test_visits_page_puts_disabled_children_not_seen_in_time_first(
    client, child, social_worker, episode, cin_plan, team
):
    # Given two children on the worker's caseload, both overdue a CIN visit; one is disabled
    from safeguard.casework.choices import PlanKind, Service
    from safeguard.casework.models import Allocation, Episode, Plan

    other = make_child(first_name="Zed", last_name="Aaron")
    PersonDisability.objects.create(person=child, code="AUT")
    other_episode = Episode.objects.create(
        person=other, service=Service.SOCIAL_CARE, team=team, referral_date=weeks_ago(10)
    )
    Allocation.objects.create(
        episode=other_episode,
        worker=social_worker,
        team=team,
        start_at=timezone.now() - timedelta(weeks=9),
    )
    Plan.objects.create(
        person=other, episode=other_episode, kind=PlanKind.CHILD_IN_NEED, start_date=weeks_ago(8)
    )
    clocks_recompute(person_ids=[child.pk, other.pk])
    client.force_login(social_worker)
    page = client.get(reverse("casework:visits")).content.decode()
    # Then the disabled child is flagged and listed first, though alphabetically second
    assert "Disabled child not seen within visit interval" in page
    assert page.index("Amelia Hartley") < page.index("Zed Aaron")
    assert page.count("Disabled child not seen within visit interval") == 1


def test_chronology_page_filters_and_prints(client, child, social_worker, episode):
    visit_record(person=child, worker=social_worker, visit_date=weeks_ago(2))
    client.force_login(social_worker)
    url = reverse("casework:chronology", args=[child.pk])
    page = client.get(url).content.decode()
    assert "Referral to children&#x27;s social care" in page and "Child in need visit" in page
    assert "app-no-print" in page
    only_visits = client.get(url, {"category": "visit"}).content.decode()
    assert "Child in need visit" in only_visits
    assert "Referral to children&#x27;s social care" not in only_visits
    bad = client.get(url, {"date_from": "2026-05-01", "date_to": "2026-01-01"}).content.decode()
    assert "The &#x27;to&#x27; date must be on or after" in bad


def test_manual_chronology_entry_in_the_future_is_refused(client, child, social_worker):
    client.force_login(social_worker)
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = client.post(
        reverse("casework:manual_entry_create", args=[child.pk]),
        {"occurred_on": tomorrow.isoformat(), "category": "court", "title": "Hearing"},
    ).content.decode()
    assert "must be today or in the past" in page


def test_case_note_draft_is_restored_and_cleared_on_save(client, child, social_worker):
    client.force_login(social_worker)
    client.post(
        reverse("casework:draft_save"),
        {
            "form_key": "casework.note_create",
            "object_key": f"person:{child.pk}",
            "note_type": "telephone_call",
            "subject": "Call with school",
            "body": "Half-typed note",
        },
    )
    url = reverse("casework:note_create", args=[child.pk])
    page = client.get(url).content.decode()
    assert "Half-typed note" in page and "We restored what you typed" in page
    response = client.post(
        url, {"note_type": "telephone_call", "subject": "Call with school", "body": "Finished note"}
    )
    assert response.status_code == 302
    assert CaseNote.objects.get().body == "Finished note"
    assert not Draft.objects.exists()


def test_management_oversight_is_for_managers_only(client, child, social_worker, team_manager):
    client.force_login(social_worker)
    url = reverse("casework:oversight_create", args=[child.pk])
    assert client.get(url).status_code == 403
    client.force_login(team_manager)
    response = client.post(url, {"reasoning": "Risks understood", "direction": "Visit weekly"})
    assert response.status_code == 302
    assert ManagementOversight.objects.get().manager == team_manager


def test_records_of_a_child_the_user_cannot_see_are_refused(client, child, social_worker, partner):
    note = CaseNote.objects.create(
        person=child, author=social_worker, subject="s", body="b", occurred_at=timezone.now()
    )
    client.force_login(partner)
    assert client.get(reverse("casework:note_detail", args=[note.pk])).status_code == 403
    assert client.get(reverse("casework:note_detail", args=[999999])).status_code == 403


def test_closure_is_blocked_while_the_child_is_missing(episode, social_worker, child):
    MissingEpisode.objects.create(
        person=child, missing_from="home", reported_missing_at=timezone.now() - timedelta(hours=5)
    )
    with pytest.raises(ValidationError) as error:
        closure_request(
            episode=episode,
            closure_date=weeks_ago(0),
            closure_reason="RC8",
            closure_basis="no_further_action",
            summary="No needs",
            requested_by=social_worker,
        )
    assert "not yet found or returned" in error.value.message_dict["override_reasons"][0]
