"""Supervision: the per-worker clock, the newly qualified schedule, and bad input."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from safeguard.compliance.choices import ClockStatus
from safeguard.compliance.models import LocalRuleSetting
from safeguard.conftest import make_child
from safeguard.workforce.models import SupervisionCaseDiscussion, SupervisionSession
from safeguard.workforce.services import (
    employment_end,
    supervision_record,
    workforce_policy_set,
)
from safeguard.workforce.tests.conftest import employ
from safeguard.workforce.worker_clocks import (
    open_clock,
    overdue_worker_clocks,
    supervision_clocks_for_workers,
)


def supervise(worker, manager, day, **extra):
    return supervision_record(
        acting_user=manager,
        worker=worker,
        supervisor=manager,
        session_date=day,
        kind="individual",
        **extra,
    )


def clocks_of(worker, as_of):
    return supervision_clocks_for_workers(worker_ids=[worker.pk], as_of=as_of)[worker.pk]


def test_an_experienced_worker_is_supervised_monthly(social_worker, team_manager):
    # Given Sasha started on 5 January 2026 and was supervised on 2 February
    employ(social_worker, start=date(2026, 1, 5))
    supervise(social_worker, team_manager, date(2026, 2, 2))
    # When her clocks are read on 10 March
    clocks = clocks_of(social_worker, date(2026, 3, 10))
    # Then the first (from her start) was met, and the next ran from 2 Feb to 2 Mar: overdue
    assert [(c.rule_code, c.start, c.due, c.completed) for c in clocks] == [
        ("SUPERVISION", date(2026, 1, 5), date(2026, 2, 5), date(2026, 2, 2)),
        ("SUPERVISION", date(2026, 2, 2), date(2026, 3, 2), None),
    ]
    assert clocks[0].status(date(2026, 3, 10)) == ClockStatus.MET
    assert clocks[1].status(date(2026, 3, 10)) == ClockStatus.OVERDUE
    assert clocks[1].status(date(2026, 3, 2)) == ClockStatus.DUE


def test_a_late_session_meets_the_clock_late(social_worker, team_manager):
    employ(social_worker, start=date(2026, 1, 5))
    supervise(social_worker, team_manager, date(2026, 2, 20))
    first = clocks_of(social_worker, date(2026, 2, 21))[0]
    assert first.status(date(2026, 2, 21)) == ClockStatus.MET_LATE


def test_newly_qualified_worker_weekly_for_six_weeks_then_monthly(social_worker, team_manager):
    # Given a newly qualified worker whose ASYE began on Monday 2 March 2026
    employ(social_worker, start=date(2026, 3, 2), nqsw=True, asye_start=date(2026, 3, 2))
    # and weekly sessions on the Fridays of the first six weeks, then one on 17 April
    fridays = [
        date(2026, 3, 6),
        date(2026, 3, 13),
        date(2026, 3, 20),
        date(2026, 3, 27),
        date(2026, 4, 3),
        date(2026, 4, 10),
        date(2026, 4, 17),
    ]
    for day in fridays:
        supervise(social_worker, team_manager, day)
    clocks = clocks_of(social_worker, date(2026, 4, 20))
    # Then each cycle starting within the six weeks (2 March to 12 April) is weekly, and the
    # cycle starting on 17 April (after the six weeks) is monthly
    assert [(c.rule_code, c.start, c.due) for c in clocks] == [
        ("SUPERVISION_NQSW", date(2026, 3, 2), date(2026, 3, 9)),
        ("SUPERVISION_NQSW", date(2026, 3, 6), date(2026, 3, 13)),
        ("SUPERVISION_NQSW", date(2026, 3, 13), date(2026, 3, 20)),
        ("SUPERVISION_NQSW", date(2026, 3, 20), date(2026, 3, 27)),
        ("SUPERVISION_NQSW", date(2026, 3, 27), date(2026, 4, 3)),
        ("SUPERVISION_NQSW", date(2026, 4, 3), date(2026, 4, 10)),
        ("SUPERVISION_NQSW", date(2026, 4, 10), date(2026, 4, 17)),
        ("SUPERVISION", date(2026, 4, 17), date(2026, 5, 17)),
    ]
    assert all(c.status(date(2026, 4, 20)) == ClockStatus.MET for c in clocks[:-1])


def test_newly_qualified_missed_week_is_overdue_after_seven_days(social_worker, team_manager):
    employ(social_worker, start=date(2026, 3, 2), nqsw=True, asye_start=date(2026, 3, 2))
    supervise(social_worker, team_manager, date(2026, 3, 6))
    overdue = overdue_worker_clocks(worker_ids=[social_worker.pk], as_of=date(2026, 3, 16))
    assert [(c.rule_code, c.due) for c in overdue] == [("SUPERVISION_NQSW", date(2026, 3, 13))]


def test_the_weekly_weeks_and_the_periods_are_configurable(social_worker, team_manager):
    # Given the authority sets weekly supervision for only the first 2 weeks
    workforce_policy_set(
        acting_user=team_manager,
        effective_from=date(2026, 1, 1),
        caseload_limit=18,
        nqsw_weekly_supervision_weeks=2,
    )
    # and a local NQSW supervision period of 2 weeks (the rule's unit stays weeks)
    LocalRuleSetting.objects.create(
        rule_code="SUPERVISION_NQSW",
        period=2,
        decided_by="Principal social worker",
        decided_on=date(2026, 1, 1),
    )
    employ(social_worker, start=date(2026, 3, 2), nqsw=True, asye_start=date(2026, 3, 2))
    supervise(social_worker, team_manager, date(2026, 3, 13))
    supervise(social_worker, team_manager, date(2026, 3, 20))
    clocks = clocks_of(social_worker, date(2026, 3, 21))
    # Then the NQSW clock is fortnightly (local period 2 weeks) and after 16 March monthly
    assert [(c.rule_code, c.start, c.due) for c in clocks] == [
        ("SUPERVISION_NQSW", date(2026, 3, 2), date(2026, 3, 16)),
        ("SUPERVISION_NQSW", date(2026, 3, 13), date(2026, 3, 27)),
        ("SUPERVISION", date(2026, 3, 20), date(2026, 4, 20)),
    ]


def test_a_leavers_open_clock_is_cancelled(social_worker, team_manager):
    employment = employ(social_worker, start=date(2026, 1, 5))
    employment_end(
        acting_user=team_manager,
        employment=employment,
        end_date=date(2026, 1, 30),
        leaving_reason="resignation",
    )
    clock = clocks_of(social_worker, date(2026, 3, 1))[-1]
    assert clock.status(date(2026, 3, 1)) == ClockStatus.CANCELLED
    assert open_clock(clocks_of(social_worker, date(2026, 3, 1))) is None


def test_supervision_records_each_childs_decision_and_actions(social_worker, team_manager):
    employ(social_worker, start=date(2026, 1, 5))
    child = make_child()
    session = supervise(
        social_worker,
        team_manager,
        date(2026, 2, 2),
        discussions=[
            {
                "person": child,
                "discussion": "Home visit findings",
                "decision": "Convene a strategy discussion",
                "actions": "Ring the school",
                "actions_due": date(2026, 2, 6),
            }
        ],
    )
    row = session.case_discussions.get()
    assert (row.person, row.decision, row.actions_due) == (
        child,
        "Convene a strategy discussion",
        date(2026, 2, 6),
    )


def test_a_supervision_dated_before_the_worker_joined_is_refused(social_worker, team_manager):
    # Given Sasha joined on 5 January 2026
    employ(social_worker, start=date(2026, 1, 5))
    # When a supervision dated 4 January is recorded, Then a clear error, nothing saved
    with pytest.raises(ValidationError) as error:
        supervise(
            social_worker,
            team_manager,
            date(2026, 1, 4),
            discussions=[{"person": make_child(), "decision": "Close"}],
        )
    assert "before" in error.value.message_dict["session_date"][0]
    assert "5 January 2026" in error.value.message_dict["session_date"][0]
    assert not SupervisionSession.objects.exists()
    assert not SupervisionCaseDiscussion.objects.exists()


def test_a_case_discussion_without_a_decision_saves_nothing(social_worker, team_manager):
    employ(social_worker, start=date(2026, 1, 5))
    with pytest.raises(ValidationError):
        supervise(
            social_worker,
            team_manager,
            date(2026, 2, 2),
            discussions=[{"person": make_child(), "decision": "  "}],
        )
    assert not SupervisionSession.objects.exists()


def test_only_a_manager_can_record_supervision(social_worker, team, team_manager):
    from safeguard.accounts.choices import Role
    from safeguard.conftest import make_user

    employ(social_worker, start=date(2026, 1, 5))
    colleague = make_user(Role.SOCIAL_WORKER, team=team)
    with pytest.raises(ValidationError, match="Only a manager"):
        supervision_record(
            acting_user=colleague,
            worker=social_worker,
            supervisor=colleague,
            session_date=date(2026, 2, 2),
            kind="individual",
        )
    assert not SupervisionSession.objects.exists()
