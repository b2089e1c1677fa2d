"""Management oversight gaps, availability, absence flags, appraisals."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from safeguard.casework.models import ManagementOversight
from safeguard.conftest import make_child
from safeguard.workforce.models import Appraisal
from safeguard.workforce.selectors import children_without_oversight, worker_is_available
from safeguard.workforce.services import absence_record, appraisal_record, supervision_record
from safeguard.workforce.tests.conftest import at, employ, open_case
from safeguard.workforce.worker_clocks import appraisal_clocks_for_workers

AS_OF = date(2026, 6, 30)


def oversee(child, manager, day):
    ManagementOversight.objects.create(
        person=child, manager=manager, recorded_at=at(day), reasoning="Plan reviewed; risk remains"
    )


def test_children_with_no_oversight_within_the_interval_show(
    team, team_manager, social_worker, other_team_worker
):
    employ(social_worker, start=date(2025, 1, 6))
    # Rule MANAGEMENT_OVERSIGHT: every 3 months from the last oversight (or the referral)
    stale = make_child(first_name="Stale")  # last oversight 1 March: due 1 June, overdue
    open_case(stale, social_worker, referred=date(2026, 1, 5))
    oversee(stale, team_manager, date(2026, 3, 1))
    fresh = make_child(first_name="Fresh")  # oversight 1 June: due 1 September
    open_case(fresh, social_worker, referred=date(2026, 1, 5))
    oversee(fresh, team_manager, date(2026, 6, 1))
    new = make_child(first_name="New")  # referred 1 May, none yet: due 1 August
    open_case(new, social_worker, referred=date(2026, 5, 1))
    never = make_child(first_name="Never")  # referred in January, none: due 5 April
    open_case(never, social_worker, referred=date(2026, 1, 5))
    discussed = make_child(first_name="Discussed")  # discussed in supervision on 20 June
    open_case(discussed, social_worker, referred=date(2026, 1, 5))
    supervision_record(
        acting_user=team_manager,
        worker=social_worker,
        supervisor=team_manager,
        session_date=date(2026, 6, 20),
        kind="individual",
        discussions=[{"person": discussed, "decision": "Continue the plan"}],
    )
    elsewhere = make_child(first_name="Elsewhere")  # another team's child: not shown
    open_case(elsewhere, other_team_worker, referred=date(2026, 1, 5))

    gaps = children_without_oversight(team_ids=[team.pk], as_of=AS_OF)

    assert [(g.person_name.split()[0], g.due, g.last_oversight) for g in gaps] == [
        ("Never", date(2026, 4, 5), None),
        ("Stale", date(2026, 6, 1), date(2026, 3, 1)),
    ]
    assert gaps[0].worker_id == social_worker.pk


def test_absent_worker_is_not_available(social_worker, team_manager):
    employment = employ(social_worker, start=date(2025, 1, 6))
    absence = absence_record(
        acting_user=team_manager,
        employment=employment,
        absence_type="sickness",
        start_date=date(2026, 3, 2),
        end_date=date(2026, 6, 19),
    )
    assert worker_is_available(user=social_worker, on=date(2026, 3, 1)) is True
    assert worker_is_available(user=social_worker, on=date(2026, 4, 1)) is False
    assert worker_is_available(user=social_worker, on=date(2026, 6, 22)) is True
    # 2 March to 19 June is 110 days: over 4 weeks and over 14 weeks by then
    assert absence.is_long_term(date(2026, 3, 29)) is False  # 28 days: not yet over 4 weeks
    assert absence.is_long_term(date(2026, 3, 30)) is True
    assert absence.is_very_long_term(date(2026, 6, 7)) is False  # 98 days
    assert absence.is_very_long_term(date(2026, 6, 8)) is True


def test_an_inactive_account_without_employment_is_not_available(social_worker):
    social_worker.is_active = False
    social_worker.save()
    assert worker_is_available(user=social_worker, on=date(2026, 6, 1)) is False


def test_a_worker_without_an_employment_record_is_available(social_worker):
    assert worker_is_available(user=social_worker, on=date(2026, 6, 1)) is True


def test_a_leaver_is_not_available(social_worker, team_manager):
    from safeguard.workforce.services import employment_end

    employment = employ(social_worker, start=date(2025, 1, 6))
    employment_end(
        acting_user=team_manager,
        employment=employment,
        end_date=date(2026, 5, 31),
        leaving_reason="resignation",
    )
    assert worker_is_available(user=social_worker, on=date(2026, 6, 1)) is False


def test_a_leaver_needs_a_reason(social_worker, team_manager):
    from safeguard.workforce.services import employment_end

    employment = employ(social_worker, start=date(2025, 1, 6))
    with pytest.raises(ValidationError) as error:
        employment_end(
            acting_user=team_manager,
            employment=employment,
            end_date=date(2026, 5, 31),
            leaving_reason="",
        )
    assert "reason" in error.value.message_dict["leaving_reason"][0]


def test_appraisal_clock_is_yearly(social_worker, team_manager):
    employ(social_worker, start=date(2025, 1, 6))
    appraisal_record(
        acting_user=team_manager,
        worker=social_worker,
        appraisal_date=date(2025, 4, 1),
        objectives="Complete ASYE portfolio",
    )
    clocks = appraisal_clocks_for_workers(worker_ids=[social_worker.pk], as_of=AS_OF)
    assert [(c.start, c.due, c.completed) for c in clocks[social_worker.pk]] == [
        (date(2025, 1, 6), date(2026, 1, 6), date(2025, 4, 1)),
        (date(2025, 4, 1), date(2026, 4, 1), None),
    ]
    assert clocks[social_worker.pk][-1].is_overdue(AS_OF)


def test_an_appraisal_before_the_worker_joined_is_refused(social_worker, team_manager):
    employ(social_worker, start=date(2025, 1, 6))
    with pytest.raises(ValidationError):
        appraisal_record(
            acting_user=team_manager,
            worker=social_worker,
            appraisal_date=date(2024, 12, 1),
            objectives="x",
        )
    assert not Appraisal.objects.exists()


def test_supervision_discussions_and_audits_are_on_the_childs_chronology(
    social_worker, team_manager
):
    from safeguard.workforce.chronology import supervision_and_audit_events
    from safeguard.workforce.services import audit_tool_create, case_audit_record

    employ(social_worker, start=date(2025, 1, 6))
    child = make_child()
    open_case(child, social_worker)
    supervision_record(
        acting_user=team_manager,
        worker=social_worker,
        supervisor=team_manager,
        session_date=date(2026, 2, 2),
        kind="individual",
        discussions=[{"person": child, "decision": "Refer to legal gateway"}],
    )
    tool = audit_tool_create(acting_user=team_manager, name="Audit", sections=["Plans"])
    audit = case_audit_record(
        acting_user=team_manager,
        tool=tool,
        person=child,
        audit_date=date(2026, 3, 2),
        grades={tool.sections.get().pk: ("good", "")},
        overall_grade="good",
    )
    entries = list(supervision_and_audit_events(child.pk))
    assert [(e.when, e.category) for e in entries] == [
        (date(2026, 2, 2), "supervision"),
        (date(2026, 3, 2), "audit"),
    ]
    assert entries[0].detail == "Refer to legal gateway"
    assert entries[1].url == f"/workforce/audits/{audit.pk}/"


def test_newly_qualified_count_is_only_those_in_their_assessed_year(team, team_manager):
    from safeguard.accounts.choices import Role
    from safeguard.conftest import make_user
    from safeguard.workforce.selectors import team_capacity

    in_year = make_user(Role.SOCIAL_WORKER, team=team)
    employ(in_year, start=date(2025, 9, 1), nqsw=True, asye_start=date(2025, 9, 1))
    finished = make_user(Role.SOCIAL_WORKER, team=team)
    employ(finished, start=date(2025, 6, 1), nqsw=True, asye_start=date(2025, 6, 1))
    # On 30 June 2026 the first is in month 10 of the ASYE; the second finished on 31 May
    assert team_capacity(team=team, as_of=AS_OF).newly_qualified == 1
