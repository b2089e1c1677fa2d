"""Case file audits: grading against the tool, moderation by a second auditor, results."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from safeguard.accounts.choices import Role
from safeguard.conftest import make_child, make_user
from safeguard.workforce.choices import AuditGrade, AuditStatus
from safeguard.workforce.models import CaseAudit, CaseAuditAction, CaseAuditGrade
from safeguard.workforce.selectors import case_audit_results
from safeguard.workforce.services import (
    audit_tool_create,
    case_audit_moderate,
    case_audit_record,
)
from safeguard.workforce.tests.conftest import open_case

G, RI, OUT, INAD = (
    AuditGrade.GOOD,
    AuditGrade.REQUIRES_IMPROVEMENT,
    AuditGrade.OUTSTANDING,
    AuditGrade.INADEQUATE,
)


@pytest.fixture
def tool(team_manager):
    return audit_tool_create(
        acting_user=team_manager,
        name="Practice audit",
        sections=["Voice of the child", "Assessment and analysis", "Management oversight"],
    )


@pytest.fixture
def moderator(team):
    return make_user(Role.SENIOR_MANAGER, team=team, username="moderator")


@pytest.fixture
def audited_child(social_worker):
    child = make_child()
    open_case(child, social_worker)
    return child


def grade(tool, *grades):
    return {
        s.pk: (g, f"Commentary {i}")
        for i, (s, g) in enumerate(zip(tool.sections.all(), grades, strict=True))
    }


def test_an_audit_grades_every_section_and_sends_actions_to_the_worker(
    tool, team_manager, social_worker, audited_child
):
    audit = case_audit_record(
        acting_user=team_manager,
        tool=tool,
        person=audited_child,
        audit_date=date(2026, 6, 1),
        grades=grade(tool, G, RI, G),
        overall_grade=G,
        actions=[{"description": "Record the child's wishes", "due_date": date(2026, 6, 15)}],
    )
    assert audit.worker == social_worker
    assert audit.team == social_worker.team
    assert audit.grades.count() == 3
    assert CaseAuditAction.objects.get().assigned_to == social_worker


def test_moderation_by_a_second_auditor_records_agreement(
    tool, team_manager, moderator, audited_child
):
    # Given an audit graded good overall
    audit = case_audit_record(
        acting_user=team_manager,
        tool=tool,
        person=audited_child,
        audit_date=date(2026, 6, 1),
        grades=grade(tool, G, RI, G),
        overall_grade=G,
    )
    sections = list(tool.sections.all())
    # When the moderator agrees with two sections but grades management oversight inadequate
    # and the overall grade requires improvement
    case_audit_moderate(
        acting_user=moderator,
        audit=audit,
        moderated_grades={sections[0].pk: G, sections[1].pk: RI, sections[2].pk: INAD},
        moderated_overall_grade=RI,
        comment="No oversight since March",
        moderated_on=date(2026, 6, 3),
    )
    audit.refresh_from_db()
    # Then the moderated grades stand, and the moderation is recorded as a disagreement
    assert audit.status == AuditStatus.MODERATED
    assert audit.moderator == moderator
    assert audit.final_grade == RI
    assert audit.moderation_agrees is False
    finals = {g.section.title: (g.grade, g.final_grade) for g in audit.grades.all()}
    assert finals["Management oversight"] == (G, INAD)
    assert finals["Voice of the child"] == (G, G)
    # And the results count the moderated grade
    results = case_audit_results(date_from=date(2026, 6, 1), date_to=date(2026, 6, 30))
    assert results.audits == 1
    assert results.by_grade[RI] == 1 and results.by_grade[G] == 0
    assert results.moderated == 1 and results.moderation_agreed == 0
    assert results.by_section["Management oversight"][INAD] == 1
    assert results.good_or_better_percent == 0


def test_the_auditor_cannot_moderate_their_own_audit(tool, team_manager, audited_child):
    audit = case_audit_record(
        acting_user=team_manager,
        tool=tool,
        person=audited_child,
        audit_date=date(2026, 6, 1),
        grades=grade(tool, G, G, G),
        overall_grade=G,
    )
    with pytest.raises(ValidationError) as error:
        case_audit_moderate(
            acting_user=team_manager,
            audit=audit,
            moderated_grades={s.pk: G for s in tool.sections.all()},
            moderated_overall_grade=G,
        )
    assert "second auditor" in error.value.message_dict["moderator"][0]
    audit.refresh_from_db()
    assert audit.status == AuditStatus.GRADED and audit.moderator is None


def test_results_agreement_and_good_or_better(tool, team_manager, moderator, social_worker):
    # Two audits: one moderated in agreement (outstanding), one unmoderated (inadequate)
    first, second = make_child(), make_child()
    open_case(first, social_worker)
    open_case(second, social_worker)
    a = case_audit_record(
        acting_user=team_manager,
        tool=tool,
        person=first,
        audit_date=date(2026, 6, 1),
        grades=grade(tool, OUT, OUT, OUT),
        overall_grade=OUT,
    )
    case_audit_record(
        acting_user=team_manager,
        tool=tool,
        person=second,
        audit_date=date(2026, 6, 2),
        grades=grade(tool, INAD, INAD, INAD),
        overall_grade=INAD,
    )
    case_audit_moderate(
        acting_user=moderator,
        audit=a,
        moderated_grades={s.pk: OUT for s in tool.sections.all()},
        moderated_overall_grade=OUT,
        moderated_on=date(2026, 6, 5),
    )
    results = case_audit_results(date_from=date(2026, 6, 1), date_to=date(2026, 6, 30))
    assert results.good_or_better_percent == 50
    assert results.moderation_agreement_percent == 100
    assert results.by_grade == {OUT: 1, G: 0, RI: 0, INAD: 1}


@pytest.mark.parametrize("bad", ["excellent", "3", ""])
def test_a_grade_outside_the_scale_is_refused_and_nothing_saved(
    tool, team_manager, audited_child, bad
):
    sections = list(tool.sections.all())
    grades = {sections[0].pk: (G, ""), sections[1].pk: (bad, ""), sections[2].pk: (G, "")}
    with pytest.raises(ValidationError) as error:
        case_audit_record(
            acting_user=team_manager,
            tool=tool,
            person=audited_child,
            audit_date=date(2026, 6, 1),
            grades=grades,
            overall_grade=G,
        )
    message = error.value.message_dict[f"grade_{sections[1].pk}"][0]
    assert "is not an audit grade" in message and "outstanding" in message
    assert not CaseAudit.objects.exists()
    assert not CaseAuditGrade.objects.exists()


def test_an_ungraded_section_is_refused(tool, team_manager, audited_child):
    first = tool.sections.first()
    with pytest.raises(ValidationError):
        case_audit_record(
            acting_user=team_manager,
            tool=tool,
            person=audited_child,
            audit_date=date(2026, 6, 1),
            grades={first.pk: (G, "")},
            overall_grade=G,
        )
    assert not CaseAudit.objects.exists()
