"""The manager's quality gate: nothing missing, nothing inadequate, the child always seen."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguard.assessments.choices import AssessmentStatus, ManagerDecision
from safeguard.assessments.models import AssessmentChecklistItem, AssessmentManagerDecision
from safeguard.assessments.services import (
    assessment_authorise,
    assessment_return,
    assessment_submit,
)
from safeguard.assessments.tests.conftest import ALL_ADEQUATE, write


def _submitted(assessment, worker, **kwargs):
    write(assessment, worker, **kwargs)
    return assessment_submit(assessment=assessment, user=worker)


def test_complete_assessment_rated_adequate_is_authorised(assessment, social_worker, team_manager):
    assessment = _submitted(assessment, social_worker)
    assessment = assessment_authorise(
        assessment=assessment, manager=team_manager, ratings=ALL_ADEQUATE
    )
    assert assessment.status == AssessmentStatus.AUTHORISED
    assert assessment.authorised_by == team_manager and assessment.authorised_on is not None


def test_missing_part_blocks_authorisation(assessment, social_worker, team_manager):
    assessment = _submitted(assessment, social_worker, partner_agency_information="  ")
    with pytest.raises(ValidationError) as error:
        assessment_authorise(assessment=assessment, manager=team_manager, ratings=ALL_ADEQUATE)
    assert "Information from partner agencies: missing" in error.value.messages[0]
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert not AssessmentManagerDecision.objects.exists()


def test_part_rated_inadequate_blocks_authorisation(assessment, social_worker, team_manager):
    assessment = _submitted(assessment, social_worker)
    ratings = {**ALL_ADEQUATE, "analysis_of_needs_and_risks": "inadequate"}
    with pytest.raises(ValidationError, match="Analysis of needs and risks: marked inadequate"):
        assessment_authorise(assessment=assessment, manager=team_manager, ratings=ratings)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED


def test_child_not_seen_blocks_authorisation_even_if_checklist_drops_it(
    assessment, social_worker, team_manager
):
    # Given an authority that (wrongly) removed "child seen" from its checklist
    AssessmentChecklistItem.objects.filter(code="child_seen").update(is_active=False)
    assessment = _submitted(assessment, social_worker, seen=False)
    # Then the manager still cannot authorise
    with pytest.raises(ValidationError, match="The child has not been seen"):
        assessment_authorise(assessment=assessment, manager=team_manager, ratings=ALL_ADEQUATE)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED


def test_checklist_is_configurable(assessment, social_worker, team_manager):
    # Given the authority makes partner information optional
    AssessmentChecklistItem.objects.filter(code="partner_agency_information").update(
        is_required=False
    )
    assessment = _submitted(assessment, social_worker, partner_agency_information="")
    ratings = {k: v for k, v in ALL_ADEQUATE.items() if k != "partner_agency_information"}
    assessment_authorise(assessment=assessment, manager=team_manager, ratings=ratings)
    assessment.refresh_from_db()
    assert assessment.is_authorised


def test_return_keeps_history_and_resubmission_can_then_be_authorised(
    assessment, social_worker, team_manager
):
    assessment = _submitted(assessment, social_worker)
    with pytest.raises(ValidationError):
        assessment_return(assessment=assessment, manager=team_manager, reasons="")
    assessment_return(
        assessment=assessment,
        manager=team_manager,
        reasons="Analysis does not weigh father's history",
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.RETURNED
    write(assessment, social_worker, analysis_of_needs_and_risks="Father's history weighed.")
    assessment_submit(assessment=assessment, user=social_worker)
    assessment_return(assessment=assessment, manager=team_manager, reasons="Add the child's view")
    write(assessment.__class__.objects.get(pk=assessment.pk), social_worker)
    assessment_submit(assessment=assessment, user=social_worker)
    assessment_authorise(assessment=assessment, manager=team_manager, ratings=ALL_ADEQUATE)
    history = list(assessment.manager_decisions.order_by("decided_at", "pk"))
    assert [d.decision for d in history] == [
        ManagerDecision.RETURNED,
        ManagerDecision.RETURNED,
        ManagerDecision.AUTHORISED,
    ]
    assert history[0].reasons == "Analysis does not weigh father's history"


def test_authorised_twice_gives_a_clear_error(
    assessment, social_worker, team_manager, second_manager
):
    assessment = _submitted(assessment, social_worker)
    assessment_authorise(assessment=assessment, manager=team_manager, ratings=ALL_ADEQUATE)
    with pytest.raises(ValidationError) as error:
        assessment_authorise(assessment=assessment, manager=second_manager, ratings=ALL_ADEQUATE)
    assert "already authorised on" in error.value.messages[0]
    assert "Morgan" in error.value.messages[0]
    assert assessment.manager_decisions.count() == 1


def test_social_worker_cannot_authorise(assessment, social_worker):
    assessment = _submitted(assessment, social_worker)
    with pytest.raises(ValidationError, match="Only a manager"):
        assessment_authorise(assessment=assessment, manager=social_worker, ratings=ALL_ADEQUATE)


def test_manager_gate_page_shows_why_it_cannot_authorise(
    client, assessment, social_worker, team_manager
):
    assessment = _submitted(assessment, social_worker, seen=False)
    client.force_login(team_manager)
    url = reverse("assessments:review", args=[assessment.pk])
    data = {f"rating_{code}": rating for code, rating in ALL_ADEQUATE.items()}
    page = client.post(url, {**data, "decision": "authorise"}).content.decode()
    assert "There is a problem" in page and "The child has not been seen" in page
    response = client.post(url, {**data, "decision": "return", "reasons": "See the child"})
    assert response.status_code == 302
    detail = client.get(reverse("assessments:detail", args=[assessment.pk])).content.decode()
    assert "See the child" in detail and "Returned to the worker" in detail
