"""Closure: a coded reason, a summary, a manager's approval; never for capacity; overrides."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguard.casework.choices import ClosureStatus, PlanEndReason
from safeguard.casework.closure import capacity_reason_in
from safeguard.casework.models import CaseClosure
from safeguard.casework.selectors import closure_overrides
from safeguard.casework.services import closure_approve, closure_refuse, closure_request
from safeguard.casework.tests.conftest import weeks_ago
from safeguard.compliance.models import Clock
from safeguard.compliance.services import clocks_recompute


def _request(episode, worker, **overrides):
    fields = {
        "closure_date": weeks_ago(0),
        "closure_reason": "RC8",
        "closure_basis": "no_further_action",
        "summary": "Assessment found no needs.",
    }
    fields.update(overrides)
    return closure_request(episode=episode, requested_by=worker, **fields)


def test_closure_without_reason_or_summary_is_refused(episode, social_worker):
    with pytest.raises(ValidationError) as error:
        _request(episode, social_worker, closure_reason="", summary=" ")
    assert set(error.value.message_dict) >= {"closure_reason", "summary"}
    assert not CaseClosure.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "Closing as there is no worker available",
        "No social worker to allocate at present",
        "Team at capacity, close and re-refer if needed",
        "Caseloads too high",
        "Unable to allocate due to staff shortage",
        "Case remains unallocated so closing",
    ],
)
def test_capacity_reasons_are_refused_with_a_clear_message(episode, social_worker, text):
    with pytest.raises(ValidationError) as error:
        _request(episode, social_worker, summary=text)
    assert "no worker is available" in error.value.message_dict["summary"][0]
    assert not CaseClosure.objects.exists()


def test_no_capacity_option_exists_and_ordinary_words_pass():
    from safeguard.casework.choices import ClosureBasis

    labels = " ".join(ClosureBasis.labels).lower()
    assert "capacity" not in labels and "worker" not in labels
    assert capacity_reason_in("Mother now working with the family support worker") is None
    assert capacity_reason_in("School attendance 98%; child happy") is None


def test_capacity_is_not_a_choice_in_the_form(client, episode, social_worker):
    client.force_login(social_worker)
    response = client.post(
        reverse("casework:closure_request", args=[episode.pk]),
        {
            "closure_basis": "no_capacity",
            "closure_reason": "RC7",
            "summary": "x",
            "closure_date": weeks_ago(0).isoformat(),
        },
    )
    assert "Select a valid choice" in response.content.decode()
    assert not CaseClosure.objects.exists()


def test_open_plan_needs_override_reasons(episode, social_worker, cin_plan):
    with pytest.raises(ValidationError) as error:
        _request(episode, social_worker, closure_reason="RC7", closure_basis="needs_met")
    assert "Open child in need plan" in error.value.message_dict["override_reasons"][0]
    assert not CaseClosure.objects.exists()


def test_override_closure_is_approved_cancels_clocks_and_is_reported(
    client, child, episode, social_worker, team_manager, senior_manager, cin_plan
):
    # Given an open plan and open clocks
    clocks_recompute(person_ids=[child.pk])
    assert Clock.objects.filter(person=child, completed_on=None, cancelled_on=None).exists()
    # When the worker asks to close with override reasons and the manager approves
    closure = _request(
        episode,
        social_worker,
        closure_reason="RC5",
        closure_basis="moved_away",
        summary="Family moved to Leeds; case transferred",
        override_reasons="Leeds have accepted the plan at transfer-in",
    )
    with pytest.raises(ValidationError):
        closure_approve(closure=closure, manager=social_worker)
    closure_approve(closure=closure, manager=team_manager)
    # Then the episode is closed with its code, the plan ended and no clock left open
    episode.refresh_from_db()
    cin_plan.refresh_from_db()
    assert (episode.closure_date, episode.closure_reason) == (weeks_ago(0), "RC5")
    assert cin_plan.end_reason == PlanEndReason.CASE_CLOSED
    assert not Clock.objects.filter(person=child, completed_on=None, cancelled_on=None).exists()
    # And the override is reported to senior managers
    assert list(closure_overrides()) == [closure]
    client.force_login(senior_manager)
    page = client.get(reverse("casework:closure_overrides")).content.decode()
    assert "Leeds have accepted the plan" in page


def test_requester_cannot_approve_their_own_closure_and_refusal_keeps_case_open(
    episode, team_manager, second_manager
):
    closure = _request(episode, team_manager)
    with pytest.raises(ValidationError, match="other than the one who asked"):
        closure_approve(closure=closure, manager=team_manager)
    with pytest.raises(ValidationError):
        closure_refuse(closure=closure, manager=second_manager, note="")
    closure_refuse(closure=closure, manager=second_manager, note="Visit the child first")
    episode.refresh_from_db()
    assert episode.is_open
    assert CaseClosure.objects.get().status == ClosureStatus.REFUSED


def test_manager_approves_through_the_page(client, episode, social_worker, team_manager):
    closure = _request(episode, social_worker)
    client.force_login(team_manager)
    url = reverse("casework:closure_detail", args=[closure.pk])
    response = client.post(url, {"decision": "approve", "decision_note": "Agreed"})
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.closure_reason == "RC8"
    # A second decision is refused: the page no longer offers one
    assert client.post(url, {"decision": "approve"}).status_code == 403
