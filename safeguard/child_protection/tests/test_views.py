"""Through HTTP with named personas: the journey from a concern to a plan, bad input, access."""

from datetime import date

import pytest
from django.urls import reverse

from safeguard.casework.models import PlanAction, Visit
from safeguard.child_protection.choices import EscalationDecision, PlanFlagCode
from safeguard.child_protection.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    CoreGroupMeeting,
    EscalationEvent,
    ManagerAlert,
    PlanFlag,
    Section47Enquiry,
    StrategyDiscussion,
)
from safeguard.child_protection.tests.conftest import live_at, make_adult, move_in
from safeguard.people.models import PersonDisability


def post(client, name, args, data):
    return client.post(reverse(f"child_protection:{name}", args=args), data)


def test_journey_from_a_disabled_childs_disclosure_to_a_plan_that_is_checked(
    client, child, sibling, mother, episode, social_worker, team_manager, chair
):
    # Given Amelia, who has a learning disability, lives with her mother; her brother Leo
    # lives with his grandmother
    PersonDisability.objects.create(person=child, code="LD")
    home = live_at(child, "1 High Street")
    move_in(mother, home)
    live_at(sibling, "22 Elm Grove")
    client.force_login(social_worker)

    # When the social worker records Amelia's disclosure of an assault
    response = post(
        client,
        "escalation_create",
        [child.pk],
        {
            "trigger": "physical_abuse_disclosure",
            "occurred_at": "2026-10-01T09:30",
            "detail": "Amelia told her teacher her mother's partner hit her.",
        },
    )
    event = EscalationEvent.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    # Then the team manager is alerted and sees it in their view
    assert ManagerAlert.objects.filter(manager=team_manager, escalation=event).exists()
    client.force_login(team_manager)
    page = client.get(reverse("child_protection:manager")).content.decode()
    assert "Disclosure or allegation of physical abuse" in page
    client.force_login(social_worker)

    # When the strategy discussion is held with police, health and social care
    response = post(
        client,
        "strategy_discussion_create",
        [child.pk],
        {
            "held_on": "2026-10-01",
            "concern": "Disclosure of assault",
            "decision": "s47",
            "decision_reason": "Reasonable cause to suspect significant harm",
            "attendee_police": "DC Patel",
            "attendee_health": "Nurse Okafor",
            "attendee_social_care": "Sasha Worker",
        },
    )
    discussion = StrategyDiscussion.objects.get()
    assert response["Location"] == discussion.get_absolute_url()
    assert discussion.attendees.count() == 3
    event.refresh_from_db()
    assert event.decision == EscalationDecision.PROCEDURES_STARTED

    # And the section 47 enquiry starts
    post(client, "section_47_create", [discussion.pk], {"start_date": "2026-10-01"})
    enquiry = Section47Enquiry.objects.get()
    page = client.get(enquiry.get_absolute_url()).content.decode()
    assert "22 October 2026" in page  # InitialCPCtarget: 15 working days

    # And the initial conference decides on a plan for physical abuse
    response = post(
        client,
        "initial_conference_create",
        [enquiry.pk],
        {
            "held_on": "2026-10-20",
            "chair": chair.pk,
            "decision": "plan",
            "category_of_abuse": "PHY",
            "child_attended": "yes",
            "parents_attended": "yes",
            "attendee_police": "DC Patel",
            "attendee_education": "Ms Reid",
        },
    )
    cp_plan = ChildProtectionPlan.objects.get()
    assert response["Location"] == cp_plan.get_absolute_url()
    conference = ChildProtectionConference.objects.get()
    assert conference.attendees.count() == 2

    # And an action asks the mother to keep both children safe, though they live apart
    response = post(
        client,
        "plan_action_create",
        [cp_plan.pk],
        {
            "description": "Keep both children away from Mr Stone",
            "responsible_person": mother.pk,
            "due_date": "2026-12-31",
            "children": [child.pk, sibling.pk],
        },
    )
    assert response.status_code == 302
    # Then the plan is flagged, on the plan and in the manager's view
    page = client.get(cp_plan.get_absolute_url()).content.decode()
    assert "This plan cannot work as written" in page
    assert "live at different addresses" in page
    client.force_login(team_manager)
    page = client.get(reverse("child_protection:manager")).content.decode()
    assert "live at different addresses" in page
    client.force_login(social_worker)

    # And visits and the core group are recorded; the child seen alone
    post(
        client,
        "visit_create",
        [cp_plan.pk],
        {
            "child": child.pk,
            "visit_date": "2026-10-23",
            "child_seen": "yes",
            "child_seen_alone": "yes",
            "location": "home",
        },
    )
    assert Visit.objects.get(person=child).child_seen_alone
    post(client, "core_group_create", [cp_plan.pk], {"held_on": "2026-10-30"})
    assert CoreGroupMeeting.objects.count() == 1

    # And the child's record shows the plan and its flag
    page = client.get(reverse("people:record", args=[child.pk])).content.decode()
    assert "Child protection plans" in page and "live at different addresses" in page


def test_conference_before_its_strategy_discussion_shows_an_error_and_saves_nothing(
    client, enquiry, chair, social_worker
):
    client.force_login(social_worker)
    response = post(
        client,
        "initial_conference_create",
        [enquiry.pk],
        {
            "held_on": "2026-09-01",
            "chair": chair.pk,
            "decision": "plan",
            "category_of_abuse": "PHY",
            "child_attended": "no",
            "parents_attended": "no",
        },
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "before its strategy discussion" in response.content.decode()
    assert not ChildProtectionConference.objects.exists()


def test_category_outside_the_dfe_codes_shows_an_error_and_saves_nothing(
    client, enquiry, chair, social_worker
):
    client.force_login(social_worker)
    response = post(
        client,
        "initial_conference_create",
        [enquiry.pk],
        {
            "held_on": "2026-10-20",
            "chair": chair.pk,
            "decision": "plan",
            "category_of_abuse": "CSE",
            "child_attended": "no",
            "parents_attended": "no",
        },
    )
    assert "There is a problem" in response.content.decode()
    assert not ChildProtectionPlan.objects.exists()


def test_action_for_someone_not_on_the_record_shows_an_error_and_saves_nothing(
    client, child, cp_plan, social_worker
):
    stranger = make_adult(first_name="Unknown", last_name="Caller")
    client.force_login(social_worker)
    response = post(
        client,
        "plan_action_create",
        [cp_plan.pk],
        {
            "description": "Supervise contact",
            "responsible_person": stranger.pk,
            "due_date": "2026-12-31",
            "children": [child.pk],
        },
    )
    assert "There is a problem" in response.content.decode()
    assert not PlanAction.objects.exists()


def test_manager_records_why_procedures_are_not_started(
    client, child, episode, social_worker, team_manager
):
    client.force_login(social_worker)
    post(
        client,
        "escalation_create",
        [child.pk],
        {
            "trigger": "sexual_abuse_disclosure",
            "occurred_at": "2026-11-02T10:00",
            "detail": "An allegation",
        },
    )
    event = EscalationEvent.objects.get()
    # A social worker cannot record the decision
    assert (
        post(client, "escalation_not_started", [event.pk], {"reason": "x" * 30}).status_code == 403
    )
    client.force_login(team_manager)
    response = post(client, "escalation_not_started", [event.pk], {"reason": "Too short"})
    assert response.status_code == 400
    post(
        client,
        "escalation_not_started",
        [event.pk],
        {"reason": "The allegation was about a different child in another authority."},
    )
    event.refresh_from_db()
    assert event.decision == EscalationDecision.NOT_STARTED


def test_plan_end_through_the_view_with_step_down(client, cp_plan, social_worker):
    client.force_login(social_worker)
    post(
        client,
        "plan_end",
        [cp_plan.pk],
        {
            "end_date": "2026-11-20",
            "end_reason": "no_longer_at_risk",
            "step_down": "child_in_need",
        },
    )
    cp_plan.refresh_from_db()
    assert cp_plan.plan.end_date == date(2026, 11, 20) and cp_plan.step_down_plan is not None


@pytest.mark.parametrize("persona", ["partner", "other_team_worker"])
def test_access_to_a_plan(client, cp_plan, persona, request):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    response = client.get(cp_plan.get_absolute_url())
    # Any practitioner may see an unrestricted record; a partner may not
    assert response.status_code == (403 if persona == "partner" else 200)


def test_unknown_plan_is_refused_like_a_forbidden_one(client, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("child_protection:plan", args=[999999])).status_code == 403


def test_manager_view_is_for_managers(client, social_worker, team_manager):
    client.force_login(social_worker)
    assert client.get(reverse("child_protection:manager")).status_code == 403
    client.force_login(team_manager)
    assert client.get(reverse("child_protection:manager")).status_code == 200


def test_overdue_action_flag_shows_in_the_manager_view(
    client, child, mother, cp_plan, social_worker, team_manager
):
    action = PlanAction.objects.create(
        plan=cp_plan.plan,
        description="Attend GP",
        due_date=date(2026, 11, 1),
        responsible_person=mother,
    )
    action.children.set([child])
    from safeguard.child_protection.services import plan_flags_refresh

    plan_flags_refresh(plan=cp_plan.plan)
    assert PlanFlag.objects.filter(code=PlanFlagCode.ACTION_OVERDUE_NO_UPDATE).exists()
    client.force_login(team_manager)
    assert "Attend GP" in client.get(reverse("child_protection:manager")).content.decode()


def test_chronology_lists_the_child_protection_events(child, cp_plan, social_worker):
    from safeguard.child_protection.chronology import child_protection_events

    titles = [e.title for e in sorted(child_protection_events(child.pk), key=lambda e: str(e.when))]
    assert titles == [
        "Strategy discussion",
        "Section 47 enquiry started",
        "Initial child protection conference",
        "Child protection plan started",
    ]


def test_adding_a_flawed_action_warns_at_once(client, child, cp_plan, social_worker):
    stepfather = make_adult(first_name="Mark", last_name="Stone")
    from safeguard.child_protection.tests.conftest import relate
    from safeguard.people.choices import RelationshipKind

    relate(stepfather, RelationshipKind.PERSON_POSING_RISK, child)
    client.force_login(social_worker)
    response = post(
        client,
        "plan_action_create",
        [cp_plan.pk],
        {
            "description": "Bath time",
            "responsible_person": stepfather.pk,
            "due_date": "2026-12-31",
            "children": [child.pk],
        },
    )
    page = client.get(response["Location"]).content.decode()
    assert "the plan cannot work" in page and "names them as a risk" in page


@pytest.mark.parametrize("method", ["get", "post"])
def test_strategy_discussion_without_a_referral_says_so_instead_of_failing(
    client, child, social_worker, method
):
    # Given a child with no open social care episode
    client.raise_request_exception = False
    client.force_login(social_worker)
    # When the social worker opens (or posts an empty) strategy discussion form
    url = reverse("child_protection:strategy_discussion_create", args=[child.pk])
    response = getattr(client, method)(url)
    # Then the page says what to do first, and nothing is recorded
    assert response.status_code == 200
    assert "Open a social care referral for this child first." in response.content.decode()
    assert not StrategyDiscussion.objects.exists()
