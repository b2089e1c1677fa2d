"""Plan actions need an owner and a due date; step-up and step-down keep the whole history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguard.casework.choices import (
    ClosureStatus,
    EpisodeTransition,
    PlanEndReason,
    PlanKind,
    Service,
)
from safeguard.casework.models import CaseClosure, Episode, Plan, PlanAction
from safeguard.casework.selectors import chronology_for_person, episodes_for_person
from safeguard.casework.services import (
    episode_step_down,
    episode_step_up,
    plan_action_add,
    plan_start,
)
from safeguard.casework.tests.conftest import weeks_ago
from safeguard.compliance.models import Clock


@pytest.mark.parametrize(
    ("owner", "due", "field"),
    [("none", True, "responsible_worker"), ("worker", False, "due_date")],
)
def test_plan_action_without_owner_or_due_date_is_refused(
    cin_plan, social_worker, owner, due, field
):
    with pytest.raises(ValidationError) as error:
        plan_action_add(
            plan=cin_plan,
            description="Register with a GP",
            acting_user=social_worker,
            due_date=weeks_ago(-2) if due else None,
            responsible_worker=social_worker if owner == "worker" else None,
        )
    assert field in error.value.message_dict
    assert not PlanAction.objects.exists()


def test_plan_action_form_names_the_missing_owner(client, cin_plan, social_worker):
    client.force_login(social_worker)
    response = client.post(
        reverse("casework:plan_action_create", args=[cin_plan.pk]),
        {"description": "Attend parenting course", "due_date": ""},
    )
    page = response.content.decode()
    assert "Name the person or worker responsible" in page
    assert "Enter the date the action is due by" in page
    assert not PlanAction.objects.exists()


def test_plan_action_with_a_family_member_as_owner(cin_plan, social_worker, child):
    action = plan_action_add(
        plan=cin_plan,
        description="Take Amelia to the dentist",
        due_date=weeks_ago(-3),
        responsible_person=child,
        acting_user=social_worker,
    )
    assert action.responsible == child and list(action.children.all()) == [child]


def test_step_up_closes_early_help_and_links_the_social_care_episode(
    child, social_worker, early_help_episode
):
    # Given early help with an early help plan
    eh_plan = plan_start(
        person=child,
        kind=PlanKind.EARLY_HELP,
        start_date=weeks_ago(18),
        episode=early_help_episode,
        acting_user=social_worker,
    )
    # When the child is stepped up to social care
    new = episode_step_up(
        episode=early_help_episode, referral_date=weeks_ago(4), acting_user=social_worker
    )
    # Then early help is closed, its plan ended as stepped up, and the new episode links back
    early_help_episode.refresh_from_db()
    eh_plan.refresh_from_db()
    assert early_help_episode.closure_date == weeks_ago(4)
    assert (eh_plan.end_date, eh_plan.end_reason) == (weeks_ago(4), PlanEndReason.STEPPED_UP)
    assert new.service == Service.SOCIAL_CARE and new.previous_episode == early_help_episode
    assert new.transition == EpisodeTransition.STEP_UP
    # And the social care referral starts the single assessment clock
    assert Clock.objects.filter(
        person=child, rule_code="SINGLE_ASSESSMENT", started_on=weeks_ago(4)
    ).exists()


def test_step_down_closes_social_care_with_approval_and_keeps_history(
    child, social_worker, team_manager, episode, cin_plan
):
    # When a manager steps the child down to early help
    new = episode_step_down(
        episode=episode,
        on=weeks_ago(1),
        manager=team_manager,
        summary="Needs met at early help level; family engaged",
    )
    # Then the social care episode closed with a recorded, approved closure
    episode.refresh_from_db()
    closure = CaseClosure.objects.get(episode=episode)
    assert closure.status == ClosureStatus.APPROVED and closure.closure_basis == "stepped_down"
    assert episode.closure_date == weeks_ago(1) and episode.closure_reason == "RC7"
    cin_plan.refresh_from_db()
    assert cin_plan.end_reason == PlanEndReason.STEPPED_DOWN
    # And an early help episode with a step-down plan follows on from it
    assert new.previous_episode == episode and new.transition == EpisodeTransition.STEP_DOWN
    step_down_plan = Plan.objects.get(episode=new)
    assert step_down_plan.kind == PlanKind.STEP_DOWN and step_down_plan.previous_plan == cin_plan
    # And the child's one record shows both, in one history
    assert [e.pk for e in episodes_for_person(person=child)] == [new.pk, episode.pk]
    # (other apps' sources may be mid-build; ours must all read)
    failures = []
    titles = [e.title for e in chronology_for_person(person_id=child.pk, failures=failures)]
    assert not [f for f in failures if "casework" in f or "assessments" in f]
    assert "Stepped down from children's social care to early help" in titles
    assert "Case closed" in titles


def test_step_down_needs_a_manager(child, social_worker, episode):
    with pytest.raises(ValidationError):
        episode_step_down(
            episode=episode, on=weeks_ago(1), manager=social_worker, summary="Needs met"
        )
    episode.refresh_from_db()
    assert episode.is_open and Episode.objects.filter(person=child).count() == 1


def test_child_in_need_plan_needs_an_open_social_care_episode(
    child, social_worker, early_help_episode
):
    with pytest.raises(ValidationError) as error:
        plan_start(
            person=child,
            kind=PlanKind.CHILD_IN_NEED,
            start_date=weeks_ago(1),
            episode=early_help_episode,
            acting_user=social_worker,
        )
    assert "needs an open children's social care episode" in error.value.message_dict["kind"][0]
    assert not Plan.objects.exists()


def test_plan_form_starts_a_cin_plan_on_the_open_episode(client, child, social_worker, episode):
    client.force_login(social_worker)
    response = client.post(
        reverse("casework:plan_create", args=[child.pk]),
        {
            "kind": "child_in_need",
            "start_date": weeks_ago(1).isoformat(),
            "outcomes_sought": "Attends school daily",
        },
    )
    plan = Plan.objects.get()
    assert response.url == reverse("casework:plan_detail", args=[plan.pk])
    assert plan.episode == episode


def test_plan_action_page_with_a_malformed_id_is_refused_not_a_server_error(client, social_worker):
    # Given a social worker, when they open a plan action whose id is not a number
    client.raise_request_exception = False
    client.force_login(social_worker)
    response = client.get(reverse("casework:plan_action_update", args=["not-an-id"]))
    # Then they are refused as for any unknown record, not shown a server error
    assert response.status_code == 403
