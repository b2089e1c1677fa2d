"""Early help assessments on the same record, and the manager's queue."""

from django.urls import reverse

from safeguard.assessments.choices import AssessmentKind, AssessmentStatus
from safeguard.assessments.services import (
    assessment_authorise,
    assessment_start,
    assessment_submit,
)
from safeguard.assessments.tests.conftest import ALL_ADEQUATE, write
from safeguard.compliance.models import Clock
from safeguard.compliance.services import clocks_recompute


def test_early_help_assessment_on_the_same_record_and_step_up(
    client, child, early_help_episode, social_worker, team_manager
):
    # Given early help on the child's record, assessed through the same pages
    client.force_login(social_worker)
    response = client.post(
        reverse("assessments:start", args=[early_help_episode.pk]),
        {"start_date": early_help_episode.referral_date.isoformat()},
    )
    assessment = child.assessments.get()
    assert response.url == reverse("assessments:edit", args=[assessment.pk])
    assert assessment.kind == AssessmentKind.EARLY_HELP
    page = client.get(response.url).content.decode()
    assert "Step up to children&#x27;s social care" in page
    assert "Factors identified" not in page  # DfE factors belong to single assessments
    # When it is written with a step-up outcome and authorised without factor codes
    ratings = {k: v for k, v in ALL_ADEQUATE.items() if k != "factors"}
    write(assessment, social_worker, factors=(), outcome="step_up_social_care")
    assessment_submit(assessment=assessment, user=social_worker)
    assessment = assessment_authorise(assessment=assessment, manager=team_manager, ratings=ratings)
    assert assessment.status == AssessmentStatus.AUTHORISED
    # Then no single assessment clock runs for early help
    clocks_recompute(person_ids=[child.pk])
    assert not Clock.objects.filter(person=child, rule_code="SINGLE_ASSESSMENT").exists()
    # And the step-up links social care to it on the one record
    response = client.post(
        reverse("casework:step_up", args=[early_help_episode.pk]),
        {"referral_date": early_help_episode.referral_date.isoformat()},
    )
    assert response.status_code == 302
    social_care = child.episodes.get(service="social_care")
    assert social_care.previous_episode == early_help_episode


def test_outcome_must_fit_the_kind_of_assessment(early_help_episode, social_worker):
    import pytest
    from django.core.exceptions import ValidationError

    assessment = assessment_start(episode=early_help_episode, worker=social_worker)
    with pytest.raises(ValidationError) as error:
        write(assessment, social_worker, outcome="strategy_discussion")
    assert "outcome" in error.value.message_dict


def test_manager_sees_decisions_waiting(client, assessment, social_worker, team_manager):
    write(assessment, social_worker)
    assessment_submit(assessment=assessment, user=social_worker)
    client.force_login(team_manager)
    page = client.get(reverse("casework:visits")).content.decode()
    assert reverse("assessments:review", args=[assessment.pk]) in page
