"""The single assessment clock: 45 working days from referral, met by authorisation."""

from safeguard.assessments.services import assessment_authorise, assessment_submit
from safeguard.assessments.tests.conftest import ALL_ADEQUATE, write
from safeguard.compliance.models import Clock
from safeguard.compliance.services import clocks_recompute


def test_referral_starts_the_clock_and_authorisation_completes_it(
    child, episode, assessment, social_worker, team_manager
):
    # Given a referral ten weeks ago (more than 45 working days)
    clocks_recompute(person_ids=[child.pk])
    clock = Clock.objects.get(person=child, rule_code="SINGLE_ASSESSMENT")
    assert clock.started_on == episode.referral_date and clock.completed_on is None
    assert clock.owner == social_worker and clock.team == episode.team
    assert (clock.due_on - clock.started_on).days >= 63  # 45 working days is at least 9 weeks
    # When the assessment is authorised today
    write(assessment, social_worker)
    assessment_submit(assessment=assessment, user=social_worker)
    assessment = assessment_authorise(
        assessment=assessment, manager=team_manager, ratings=ALL_ADEQUATE
    )
    # Then the clock is completed on the authorisation date, late
    clock = Clock.objects.get(person=child, rule_code="SINGLE_ASSESSMENT")
    assert clock.completed_on == assessment.authorised_on
    assert clock.completed_on > clock.due_on
    assert clock.subject == f"assessments.assessment:{assessment.pk}"


def test_nfa_at_referral_has_no_assessment_clock(child, episode):
    episode.referral_nfa = True
    episode.save()
    clocks_recompute(person_ids=[child.pk])
    assert not Clock.objects.filter(person=child, rule_code="SINGLE_ASSESSMENT").exists()
