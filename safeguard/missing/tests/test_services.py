"""Missing episodes, return-home interviews and the repeat-missing trigger."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from safeguard.audit.models import AuditEvent
from safeguard.casework.choices import PlanKind
from safeguard.casework.models import Plan, PlanAction
from safeguard.compliance.models import Clock
from safeguard.conftest import make_child
from safeguard.missing.choices import InterviewResponse, MissingFrom, MissingType
from safeguard.missing.models import MissingEpisode, RepeatMissingFlag, ReturnHomeInterview
from safeguard.missing.selectors import rhi_offer_overdue
from safeguard.missing.services import (
    missing_episode_record,
    missing_episode_return,
    repeat_missing_flag_consider,
    return_home_interview_findings_to_plan,
    return_home_interview_record,
)
from safeguard.missing.tests.conftest import at, open_episode

pytestmark = pytest.mark.django_db


def record(child, user, reported, returned=None, **extra):
    return missing_episode_record(
        person=child,
        acting_user=user,
        missing_from=extra.pop("missing_from", MissingFrom.HOME),
        reported_missing_at=reported,
        found_returned_at=returned,
        **extra,
    )


def rhi_clock(child):
    return Clock.objects.get(person=child, rule_code="RHI_OFFER")


class TestReturnHomeInterviewClock:
    def test_return_on_a_friday_evening_is_due_72_clock_hours_later_on_monday(
        self, runaway, social_worker
    ):
        # Given a child who came back at 18:30 on Friday 6 March 2026
        returned = at(2026, 3, 6, 18, 30)
        # When the episode is recorded
        record(runaway, social_worker, at(2026, 3, 5, 22, 0), returned)
        # Then the offer is due at 18:30 on Monday, not three working days later (Wednesday)
        clock = rhi_clock(runaway)
        assert clock.due_at == at(2026, 3, 9, 18, 30)
        assert clock.due_on == date(2026, 3, 9)

    @pytest.mark.parametrize(
        ("returned", "due"),
        [
            # Maundy Thursday evening: Good Friday and Easter Monday do not stop the clock.
            ((2026, 4, 2, 21, 15), (2026, 4, 5, 21, 15)),
            # Christmas Eve: 72 hours later is the evening of the Boxing Day bank holiday.
            ((2025, 12, 24, 20, 0), (2025, 12, 27, 20, 0)),
            # The Friday before the late May bank holiday.
            ((2026, 5, 22, 23, 45), (2026, 5, 25, 23, 45)),
        ],
    )
    def test_bank_holidays_do_not_extend_the_72_hours(self, runaway, social_worker, returned, due):
        record(runaway, social_worker, at(*returned) - timedelta(hours=6), at(*returned))
        assert rhi_clock(runaway).due_at == at(*due)

    def test_the_clock_is_met_by_an_offer_within_72_hours(self, runaway, social_worker):
        episode = record(runaway, social_worker, at(2026, 3, 5, 22, 0), at(2026, 3, 6, 18, 30))
        return_home_interview_record(
            episode=episode, acting_user=social_worker, offered_at=at(2026, 3, 9, 18, 0)
        )
        clock = rhi_clock(runaway)
        assert clock.completed_at == at(2026, 3, 9, 18, 0)
        assert clock.completed_at <= clock.due_at

    def test_the_clock_belongs_to_the_childs_allocated_worker(self, runaway, social_worker, team):
        open_episode(runaway, team=team, worker=social_worker)
        record(runaway, social_worker, at(2026, 3, 5, 22, 0), at(2026, 3, 6, 18, 30))
        assert rhi_clock(runaway).owner == social_worker

    def test_no_clock_while_the_child_is_still_missing(self, runaway, social_worker):
        record(runaway, social_worker, at(2026, 3, 5, 22, 0))
        assert not Clock.objects.filter(person=runaway, rule_code="RHI_OFFER").exists()

    def test_overdue_after_72_hours_and_not_a_minute_before(self, runaway, social_worker):
        returned = at(2026, 3, 6, 18, 30)
        episode = record(runaway, social_worker, at(2026, 3, 5, 22, 0), returned)
        limit = returned + timedelta(hours=72)
        assert episode not in rhi_offer_overdue(as_of=limit - timedelta(minutes=1))
        assert episode in rhi_offer_overdue(as_of=limit + timedelta(minutes=1))


class TestBadInput:
    def test_a_return_before_the_child_went_missing_is_refused_and_nothing_saved(
        self, runaway, social_worker
    ):
        with pytest.raises(ValidationError) as error:
            record(runaway, social_worker, at(2026, 3, 6, 22, 0), at(2026, 3, 6, 21, 0))
        assert "after the child was reported missing" in str(error.value.message_dict)
        assert not MissingEpisode.objects.exists()
        assert not AuditEvent.objects.filter(object_type="missing.missingepisode").exists()

    def test_recording_a_return_before_the_report_leaves_the_episode_open(
        self, runaway, social_worker
    ):
        episode = record(runaway, social_worker, at(2026, 3, 6, 22, 0))
        with pytest.raises(ValidationError) as error:
            missing_episode_return(
                episode=episode, acting_user=social_worker, found_returned_at=at(2026, 3, 6, 8, 0)
            )
        assert "found_returned_at" in error.value.message_dict
        episode.refresh_from_db()
        assert episode.found_returned_at is None

    def test_an_interview_cannot_be_offered_before_the_return(self, runaway, social_worker):
        episode = record(runaway, social_worker, at(2026, 3, 5, 22, 0), at(2026, 3, 6, 18, 30))
        with pytest.raises(ValidationError):
            return_home_interview_record(
                episode=episode, acting_user=social_worker, offered_at=at(2026, 3, 6, 9, 0)
            )
        assert not ReturnHomeInterview.objects.exists()

    def test_a_held_interview_must_have_been_accepted(self, runaway, social_worker):
        episode = record(runaway, social_worker, at(2026, 3, 5, 22, 0), at(2026, 3, 6, 18, 30))
        with pytest.raises(ValidationError) as error:
            return_home_interview_record(
                episode=episode,
                acting_user=social_worker,
                offered_at=at(2026, 3, 7, 10, 0),
                response=InterviewResponse.DECLINED,
                conducted_at=at(2026, 3, 7, 11, 0),
                conducted_by=social_worker,
            )
        assert "response" in error.value.message_dict

    def test_away_without_authorisation_is_only_from_care(self, runaway, social_worker):
        with pytest.raises(ValidationError) as error:
            record(runaway, social_worker, at(2026, 3, 5, 22, 0), missing_type=MissingType.AWAY)
        assert "missing_type" in error.value.message_dict
        assert not MissingEpisode.objects.exists()

    def test_a_future_report_is_refused(self, runaway, social_worker):
        from django.utils import timezone

        with pytest.raises(ValidationError):
            record(runaway, social_worker, timezone.now() + timedelta(days=1))


class TestReturnHomeInterview:
    def test_what_the_child_said_is_kept_and_the_findings_linked_into_the_plan(
        self, runaway, social_worker, rhi_worker
    ):
        # Given a child on a child in need plan with an action about where they go at night
        plan = Plan.objects.create(
            person=runaway, kind=PlanKind.CHILD_IN_NEED, start_date=date(2026, 1, 10)
        )
        action = PlanAction.objects.create(
            plan=plan,
            description="Youth worker to meet Jordan twice a week",
            responsible_worker=rhi_worker,
            due_date=date(2026, 4, 1),
        )
        episode = record(
            runaway,
            social_worker,
            at(2026, 3, 5, 22, 0),
            at(2026, 3, 6, 18, 30),
            missing_type=MissingType.MISSING,
        )
        # When the interview is recorded
        rhi = return_home_interview_record(
            episode=episode,
            acting_user=social_worker,
            offered_at=at(2026, 3, 7, 10, 0),
            response=InterviewResponse.ACCEPTED,
            conducted_at=at(2026, 3, 8, 16, 0),
            conducted_by=rhi_worker,
            where_child_was="A flat in Newtown",
            who_with="Two older boys from the estate",
            push_factors="Arguments at home",
            pull_factors="Money and trainers offered",
            child_account="I was just chilling",
            findings="Possible criminal exploitation",
            plan=plan,
            plan_action=action,
        )
        # Then it is stored with its links, and audited
        rhi.refresh_from_db()
        assert (rhi.plan, rhi.plan_action, rhi.conducted_by) == (plan, action, rhi_worker)
        assert rhi.pull_factors == "Money and trainers offered"
        assert AuditEvent.objects.filter(object_type="missing.returnhomeinterview").count() == 1

    def test_the_findings_become_an_action_on_the_plan_naming_who_and_when(
        self, runaway, social_worker, rhi_worker
    ):
        plan = Plan.objects.create(
            person=runaway, kind=PlanKind.CHILD_IN_NEED, start_date=date(2026, 1, 10)
        )
        episode = record(runaway, social_worker, at(2026, 3, 5, 22, 0), at(2026, 3, 6, 18, 30))
        rhi = return_home_interview_record(
            episode=episode,
            acting_user=social_worker,
            offered_at=at(2026, 3, 7, 10, 0),
            response=InterviewResponse.ACCEPTED,
            findings="Staying at an older man's flat",
        )
        with pytest.raises(ValidationError):
            return_home_interview_findings_to_plan(
                interview=rhi,
                acting_user=social_worker,
                plan=plan,
                due_date=None,
                responsible_worker=rhi_worker,
            )
        action = return_home_interview_findings_to_plan(
            interview=rhi,
            acting_user=social_worker,
            plan=plan,
            due_date=date(2026, 3, 20),
            responsible_worker=rhi_worker,
        )
        rhi.refresh_from_db()
        assert (rhi.plan, rhi.plan_action) == (plan, action)
        assert action.description.endswith("Staying at an older man's flat")
        assert (action.responsible_worker, list(action.children.all())) == (rhi_worker, [runaway])

    def test_the_findings_cannot_go_into_another_childs_plan(self, runaway, social_worker):
        other = make_child()
        plan = Plan.objects.create(
            person=other, kind=PlanKind.CHILD_IN_NEED, start_date=date(2026, 1, 10)
        )
        episode = record(runaway, social_worker, at(2026, 3, 5, 22, 0), at(2026, 3, 6, 18, 30))
        with pytest.raises(ValidationError) as error:
            return_home_interview_record(
                episode=episode,
                acting_user=social_worker,
                offered_at=at(2026, 3, 7, 10, 0),
                plan=plan,
            )
        assert "plan" in error.value.message_dict

    def test_a_second_record_updates_the_one_interview(self, runaway, social_worker):
        episode = record(runaway, social_worker, at(2026, 3, 5, 22, 0), at(2026, 3, 6, 18, 30))
        return_home_interview_record(
            episode=episode, acting_user=social_worker, offered_at=at(2026, 3, 7, 10, 0)
        )
        return_home_interview_record(
            episode=episode,
            acting_user=social_worker,
            offered_at=at(2026, 3, 7, 10, 0),
            response=InterviewResponse.DECLINED,
        )
        assert ReturnHomeInterview.objects.get().response == InterviewResponse.DECLINED


class TestRepeatMissing:
    def test_three_episodes_in_90_days_raise_a_flag_and_a_strategy_discussion_prompt(
        self, runaway, social_worker
    ):
        for day in (1, 30, 80):
            start = at(2026, 1, 1, 20, 0) + timedelta(days=day)
            record(runaway, social_worker, start, start + timedelta(hours=5))
        flag = RepeatMissingFlag.objects.get(person=runaway)
        assert (flag.episode_count, flag.window_days) == (3, 90)
        assert flag.strategy_discussion_prompt_open

    def test_three_episodes_spread_over_more_than_90_days_raise_nothing(
        self, runaway, social_worker
    ):
        for day in (1, 50, 92):
            start = at(2026, 1, 1, 20, 0) + timedelta(days=day)
            record(runaway, social_worker, start, start + timedelta(hours=5))
        assert not RepeatMissingFlag.objects.exists()

    def test_a_fourth_episode_in_the_same_window_does_not_raise_a_second_flag(
        self, runaway, social_worker
    ):
        for day in (1, 10, 20, 30):
            start = at(2026, 1, 1, 20, 0) + timedelta(days=day)
            record(runaway, social_worker, start, start + timedelta(hours=5))
        assert RepeatMissingFlag.objects.count() == 1

    def test_the_threshold_is_a_local_setting(self, runaway, social_worker, settings):
        settings.SAFEGUARD_REPEAT_MISSING_EPISODES = 2
        settings.SAFEGUARD_REPEAT_MISSING_DAYS = 30
        for day in (1, 25):
            start = at(2026, 1, 1, 20, 0) + timedelta(days=day)
            record(runaway, social_worker, start, start + timedelta(hours=5))
        flag = RepeatMissingFlag.objects.get()
        assert (flag.episode_count, flag.window_days) == (2, 30)

    def test_the_prompt_closes_only_with_a_decision(self, runaway, social_worker):
        for day in (1, 2, 3):
            start = at(2026, 1, 1, 20, 0) + timedelta(days=day)
            record(runaway, social_worker, start, start + timedelta(hours=5))
        flag = RepeatMissingFlag.objects.get()
        with pytest.raises(ValidationError):
            repeat_missing_flag_consider(
                flag=flag, acting_user=social_worker, considered_on=date(2026, 1, 6), decision=" "
            )
        repeat_missing_flag_consider(
            flag=flag,
            acting_user=social_worker,
            considered_on=date(2026, 1, 6),
            decision="Strategy discussion held with police; section 47 enquiry started",
        )
        flag.refresh_from_db()
        assert not flag.strategy_discussion_prompt_open

    def test_a_decision_dated_in_the_future_is_refused(self, runaway, social_worker):
        # Given an open prompt after three missing episodes
        for day in (1, 2, 3):
            start = at(2026, 1, 1, 20, 0) + timedelta(days=day)
            record(runaway, social_worker, start, start + timedelta(hours=5))
        flag = RepeatMissingFlag.objects.get()
        # When the decision is dated far in the future, then it is refused and not recorded
        with pytest.raises(ValidationError) as error:
            repeat_missing_flag_consider(
                flag=flag,
                acting_user=social_worker,
                considered_on=date(9999, 12, 31),
                decision="Strategy discussion held with police",
            )
        assert "considered_on" in error.value.message_dict
        flag.refresh_from_db()
        assert flag.strategy_discussion_prompt_open


class TestEscalation:
    def test_a_child_on_a_child_protection_plan_going_missing_is_escalated(
        self, runaway, social_worker, team
    ):
        from safeguard.child_protection.models import EscalationEvent

        open_episode(runaway, team=team, worker=social_worker)
        Plan.objects.create(
            person=runaway, kind=PlanKind.CHILD_PROTECTION, start_date=date(2026, 1, 10)
        )
        record(runaway, social_worker, at(2026, 3, 5, 22, 0))
        assert EscalationEvent.objects.filter(person=runaway).count() == 1

    def test_a_child_not_on_a_plan_going_missing_is_not_escalated(self, runaway, social_worker):
        from safeguard.child_protection.models import EscalationEvent

        record(runaway, social_worker, at(2026, 3, 5, 22, 0))
        assert not EscalationEvent.objects.filter(person=runaway).exists()


def test_episodes_from_care_are_listed_for_the_903_return(runaway, social_worker):
    from safeguard.missing.selectors import missing_episodes_from_care

    away = record(
        runaway,
        social_worker,
        at(2026, 3, 5, 22, 0),
        at(2026, 3, 6, 2, 0),
        missing_from=MissingFrom.CARE,
        missing_type=MissingType.AWAY,
    )
    record(runaway, social_worker, at(2026, 3, 8, 22, 0), missing_from=MissingFrom.HOME)
    listed = list(missing_episodes_from_care(start=at(2025, 4, 1, 0, 0), end=at(2026, 4, 1, 0, 0)))
    assert listed == [away] and listed[0].missing_type == "A"
