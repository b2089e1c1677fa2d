"""Services: bad input refused with nothing saved; plans started, flagged, ended, repeated."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from safeguard.audit.models import AuditEvent
from safeguard.casework.choices import PlanKind
from safeguard.casework.models import Plan, PlanAction
from safeguard.child_protection import selectors, services
from safeguard.child_protection.choices import (
    ConferenceDecision,
    PlanFlagCode,
    StrategyDecision,
)
from safeguard.child_protection.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    PlanFlag,
    StrategyDiscussion,
)
from safeguard.child_protection.tests.conftest import (
    ATTENDEES,
    live_at,
    make_adult,
    relate,
)
from safeguard.people.choices import RelationshipKind


def test_strategy_discussion_records_attendees_by_agency_and_is_audited(child, discussion):
    agencies = set(discussion.attendees.values_list("agency", flat=True))
    assert agencies == {"police", "health", "social_care"}
    assert AuditEvent.objects.filter(object_type="child_protection.strategydiscussion").exists()


def test_strategy_discussion_needs_someone_who_took_part(child, episode, social_worker):
    with pytest.raises(ValidationError) as error:
        services.strategy_discussion_record(
            person=child,
            episode=episode,
            held_on=date(2026, 10, 1),
            concern="x",
            decision=StrategyDecision.SECTION_47,
            attendees=[{"agency": "police", "name": ""}],
            acting_user=social_worker,
        )
    assert "attendees" in error.value.message_dict
    assert not StrategyDiscussion.objects.exists()


def test_conference_before_its_strategy_discussion_is_refused(enquiry, chair, social_worker):
    with pytest.raises(ValidationError) as error:
        services.conference_record_initial(
            section_47=enquiry,
            held_on=date(2026, 9, 30),
            chair=chair,
            decision=ConferenceDecision.PLAN,
            category_of_abuse="PHY",
            acting_user=social_worker,
        )
    assert "before its strategy discussion" in error.value.message_dict["held_on"][0]
    assert not ChildProtectionConference.objects.exists()
    assert not Plan.objects.exists()


def test_plan_with_a_category_outside_the_dfe_codes_is_refused(enquiry, chair, social_worker):
    with pytest.raises(ValidationError) as error:
        services.conference_record_initial(
            section_47=enquiry,
            held_on=date(2026, 10, 20),
            chair=chair,
            decision=ConferenceDecision.PLAN,
            category_of_abuse="CSE",
            acting_user=social_worker,
        )
    assert "DfE codes" in error.value.message_dict["category_of_abuse"][0]
    assert not ChildProtectionConference.objects.exists()
    assert not ChildProtectionPlan.objects.exists()


def test_conference_chair_must_be_a_chair(enquiry, social_worker):
    with pytest.raises(ValidationError) as error:
        services.conference_record_initial(
            section_47=enquiry,
            held_on=date(2026, 10, 20),
            chair=social_worker,
            decision=ConferenceDecision.PLAN,
            category_of_abuse="PHY",
            acting_user=social_worker,
        )
    assert "chair" in error.value.message_dict


def test_action_whose_responsible_person_is_not_on_the_record_is_refused(
    child, cp_plan, social_worker
):
    stranger = make_adult(first_name="Unknown", last_name="Person")
    with pytest.raises(ValidationError) as error:
        services.plan_action_add(
            plan=cp_plan.plan,
            description="Supervise contact",
            due_date=date(2026, 12, 1),
            children=[child],
            responsible_person=stranger,
            acting_user=social_worker,
        )
    assert "not a family member" in error.value.message_dict["responsible_person"][0]
    assert not PlanAction.objects.exists()


def test_action_needs_an_owner_a_due_date_and_children(cp_plan, social_worker):
    with pytest.raises(ValidationError) as error:
        services.plan_action_add(
            plan=cp_plan.plan,
            description="Do it",
            due_date=None,
            children=[],
            acting_user=social_worker,
        )
    assert set(error.value.message_dict) == {"due_date", "responsible_person", "children"}
    assert not PlanAction.objects.exists()


def test_initial_conference_starts_the_plan_with_census_fields(child, enquiry, cp_plan):
    assert cp_plan.plan.kind == PlanKind.CHILD_PROTECTION
    assert cp_plan.plan.start_date == date(2026, 10, 20)
    [census] = selectors.cp_plan_census(person_id=child.pk)
    assert census == {
        "CPPstartDate": date(2026, 10, 20),
        "CPPendDate": None,
        "InitialCategoryOfAbuse": "PHY",
        "LatestCategoryOfAbuse": "PHY",
        "NumberOfPreviousCPP": 0,
        "CPPreviewDate": [],
    }
    [s47] = selectors.section_47_census(person_id=child.pk)
    assert s47 == {
        "S47ActualStartDate": date(2026, 10, 1),
        "InitialCPCtarget": date(2026, 10, 22),
        "DateOfInitialCPC": date(2026, 10, 20),
        "ICPCnotRequired": False,
    }


def test_review_changes_the_latest_category_and_is_a_census_review(
    child, cp_plan, chair, social_worker
):
    services.conference_record_review(
        cp_plan=cp_plan,
        held_on=date(2026, 11, 25),
        chair=chair,
        decision=ConferenceDecision.CONTINUE_PLAN,
        category_of_abuse="NEG",
        acting_user=social_worker,
    )
    [census] = selectors.cp_plan_census(person_id=child.pk)
    assert (census["InitialCategoryOfAbuse"], census["LatestCategoryOfAbuse"]) == ("PHY", "NEG")
    assert census["CPPreviewDate"] == [date(2026, 11, 25)]


def test_ending_a_plan_records_the_reason_and_starts_a_step_down_plan(
    child, cp_plan, social_worker
):
    services.cp_plan_end(
        cp_plan=cp_plan,
        end_date=date(2026, 11, 20),
        end_reason="no_longer_at_risk",
        step_down="child_in_need",
        acting_user=social_worker,
    )
    cp_plan.refresh_from_db()
    assert cp_plan.plan.end_date == date(2026, 11, 20)
    assert cp_plan.end_reason == "no_longer_at_risk"
    assert cp_plan.step_down_plan.kind == PlanKind.CHILD_IN_NEED
    assert cp_plan.step_down_plan.previous_plan == cp_plan.plan


def test_a_child_no_longer_at_risk_must_step_down_to_a_plan(cp_plan, social_worker):
    with pytest.raises(ValidationError) as error:
        services.cp_plan_end(
            cp_plan=cp_plan,
            end_date=date(2026, 11, 20),
            end_reason="no_longer_at_risk",
            step_down="none",
            acting_user=social_worker,
        )
    assert "step_down" in error.value.message_dict
    cp_plan.plan.refresh_from_db()
    assert cp_plan.plan.end_date is None


def test_review_deciding_to_end_ends_the_plan(cp_plan, chair, social_worker):
    services.conference_record_review(
        cp_plan=cp_plan,
        held_on=date(2026, 11, 25),
        chair=chair,
        decision=ConferenceDecision.END_PLAN,
        end_reason="no_longer_at_risk",
        step_down="early_help",
        acting_user=social_worker,
    )
    cp_plan.refresh_from_db()
    assert cp_plan.plan.end_date == date(2026, 11, 25)
    assert cp_plan.step_down_plan.kind == PlanKind.EARLY_HELP


def _second_plan(child, episode, chair, social_worker, held_on):
    discussion = services.strategy_discussion_record(
        person=child,
        episode=episode,
        held_on=held_on,
        concern="Again",
        decision=StrategyDecision.SECTION_47,
        attendees=ATTENDEES,
        acting_user=social_worker,
    )
    enquiry = services.section_47_start(
        strategy_discussion=discussion, start_date=held_on, acting_user=social_worker
    )
    conference = services.conference_record_initial(
        section_47=enquiry,
        held_on=held_on,
        chair=chair,
        decision=ConferenceDecision.PLAN,
        category_of_abuse="NEG",
        acting_user=social_worker,
    )
    return conference.started_plan


def test_repeat_plan_within_two_years_is_flagged_and_counted(
    child, episode, cp_plan, chair, social_worker
):
    services.cp_plan_end(
        cp_plan=cp_plan,
        end_date=date(2026, 10, 27),
        end_reason="other",
        step_down="child_in_need",
        acting_user=social_worker,
    )
    second = _second_plan(child, episode, chair, social_worker, date(2026, 11, 16))
    assert second.number_of_previous_plans == 1
    assert second.is_repeat and second.is_repeat_within_two_years
    # The step-down child in need plan ends: it cannot run alongside a protection plan.
    step_down = Plan.objects.get(kind=PlanKind.CHILD_IN_NEED)
    assert step_down.end_date == date(2026, 11, 16)
    counts = selectors.repeat_plans_count(
        started_from=date(2026, 10, 1), started_to=date(2026, 11, 30)
    )
    assert counts == {"started": 2, "repeat": 1, "repeat_within_two_years": 1}


def test_a_second_plan_while_one_is_open_is_refused(child, episode, cp_plan, chair, social_worker):
    with pytest.raises(ValidationError):
        _second_plan(child, episode, chair, social_worker, date(2026, 11, 16))
    assert ChildProtectionPlan.objects.count() == 1


def test_flags_are_stored_on_the_plan_and_resolved_when_fixed(
    child, sibling, mother, cp_plan, social_worker, team
):
    # Given an action for a mother to keep safe two children at different addresses
    home = live_at(child, "1 High Street")
    live_at(sibling, "9 Low Road")
    services.plan_action_add(
        plan=cp_plan.plan,
        description="Keep both children safe",
        due_date=date(2026, 12, 20),
        children=[child, sibling],
        responsible_person=mother,
        acting_user=social_worker,
    )
    # Then the plan is flagged and the team's manager sees it
    codes = set(PlanFlag.objects.filter(resolved_at__isnull=True).values_list("code", flat=True))
    assert PlanFlagCode.ONE_CARER_TWO_ADDRESSES in codes
    [row] = selectors.flagged_plans_for_team(team=team)
    assert row["plan"] == cp_plan.plan
    # When the sibling moves home and the record changes, the flag is resolved
    sibling.addresses.update(end_date=date(2026, 11, 1))
    from safeguard.people.models import PersonAddress

    PersonAddress.objects.create(person=sibling, address=home, start_date=date(2026, 11, 1))
    services.plan_flags_refresh_for_people(person_ids=[sibling.pk])
    flag = PlanFlag.objects.get(code=PlanFlagCode.ONE_CARER_TWO_ADDRESSES)
    assert flag.resolved_at is not None


def test_naming_a_person_posing_risk_on_the_plan_flags_their_actions(
    child, mother, cp_plan, social_worker
):
    action = services.plan_action_add(
        plan=cp_plan.plan,
        description="Take to nursery",
        due_date=date(2026, 12, 20),
        children=[child],
        responsible_person=mother,
        acting_user=social_worker,
    )
    services.plan_persons_posing_risk_set(
        cp_plan=cp_plan, persons=[mother], acting_user=social_worker
    )
    assert PlanFlag.objects.filter(
        code=PlanFlagCode.ACTION_OWNER_POSES_RISK, action=action, resolved_at__isnull=True
    ).exists()


def test_relationship_added_later_flags_the_action_on_commit(
    child, mother, cp_plan, social_worker, django_capture_on_commit_callbacks
):
    action = services.plan_action_add(
        plan=cp_plan.plan,
        description="Supervise",
        due_date=date(2026, 12, 20),
        children=[child],
        responsible_person=mother,
        acting_user=social_worker,
    )
    with django_capture_on_commit_callbacks(execute=True):
        relate(mother, RelationshipKind.PERSON_POSING_RISK, child)
    assert PlanFlag.objects.filter(
        code=PlanFlagCode.ACTION_OWNER_POSES_RISK, action=action, resolved_at__isnull=True
    ).exists()


def test_protection_plan_start_ends_open_cin_plan_as_stepped_up(
    child, episode, enquiry, chair, social_worker
):
    """Given a child on a child in need plan, when an initial conference decides a protection
    plan, then the CIN plan ends that day, stepped up, audited, and only the protection plan is
    open (CIN census rules 4001 and 4017)."""
    from safeguard.casework.choices import PlanEndReason
    from safeguard.casework.services import plan_start

    cin = plan_start(
        person=child,
        kind=PlanKind.CHILD_IN_NEED,
        start_date=date(2026, 9, 20),
        episode=episode,
        acting_user=social_worker,
    )

    conference = services.conference_record_initial(
        section_47=enquiry,
        held_on=date(2026, 10, 20),
        chair=chair,
        decision=ConferenceDecision.PLAN,
        category_of_abuse="PHY",
        acting_user=social_worker,
    )

    cin.refresh_from_db()
    assert cin.end_date == date(2026, 10, 20)
    assert cin.end_reason == PlanEndReason.STEPPED_UP
    assert AuditEvent.objects.filter(object_id=str(cin.pk), action="update").exists()
    open_plans = Plan.objects.filter(person=child, end_date__isnull=True)
    assert list(open_plans) == [conference.started_plan.plan]
