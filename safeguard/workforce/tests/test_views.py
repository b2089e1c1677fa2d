"""The workforce pages, through HTTP, with named personas."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from safeguard.accounts.choices import Role
from safeguard.casework.models import ManagementOversight
from safeguard.conftest import make_user
from safeguard.core.forms import today
from safeguard.workforce.models import (
    Appraisal,
    CaseAudit,
    SupervisionCaseDiscussion,
    SupervisionSession,
    WorkforcePolicy,
)
from safeguard.workforce.services import audit_tool_create, workforce_policy_set
from safeguard.workforce.tests.conftest import at, employ, open_case


@pytest.fixture
def sasha(social_worker):
    employ(social_worker, start=today() - timedelta(days=400))
    return social_worker


@pytest.fixture
def amelia(child, sasha):
    open_case(child, sasha, referred=today() - timedelta(days=200))
    return child


@pytest.fixture
def admin_user(db):
    return make_user(Role.SYSTEM_ADMINISTRATOR, username="admin")


def test_manager_sees_the_overview_with_an_alert(client, team_manager, sasha, amelia):
    workforce_policy_set(
        acting_user=team_manager, effective_from=date(2020, 1, 1), caseload_limit=0
    )
    client.force_login(team_manager)
    response = client.get(reverse("workforce:overview"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Assessment Team North" in body
    assert "1 caseload alert" in body
    assert "against a limit of 0.00" in body


def test_a_social_worker_cannot_see_the_overview(client, sasha):
    client.force_login(sasha)
    assert client.get(reverse("workforce:overview")).status_code == 403


def test_team_capacity_shows_each_worker(client, team_manager, sasha, amelia, team):
    client.force_login(team_manager)
    response = client.get(reverse("workforce:team_capacity", args=[team.pk]))
    assert response.status_code == 200
    assert str(sasha) in response.content.decode()


def test_a_manager_cannot_see_another_teams_capacity(client, team_manager, other_team_worker):
    client.force_login(team_manager)
    url = reverse("workforce:team_capacity", args=[other_team_worker.team_id])
    assert client.get(url).status_code == 403


def test_a_worker_sees_their_own_caseload_but_not_a_colleagues(client, sasha, amelia, team):
    colleague = make_user(Role.SOCIAL_WORKER, team=team)
    client.force_login(sasha)
    response = client.get(reverse("workforce:worker", args=[sasha.pk]))
    assert response.status_code == 200
    assert "Amelia Hartley" in response.content.decode()
    assert client.get(reverse("workforce:worker", args=[colleague.pk])).status_code == 403


def test_manager_records_supervision_with_a_childs_decision(client, team_manager, sasha, amelia):
    client.force_login(team_manager)
    url = reverse("workforce:supervision_create", args=[sasha.pk])
    assert "Amelia Hartley" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "session_date": today().isoformat(),
            "kind": "individual",
            "reflection": "Workload",
            "case-TOTAL_FORMS": "1",
            "case-INITIAL_FORMS": "0",
            "case-0-person": str(amelia.pk),
            "case-0-decision": "Step down to early help",
            "case-0-actions": "Refer to family hub",
            "case-0-actions_due": "",
        },
    )
    assert response.status_code == 302
    discussion = SupervisionCaseDiscussion.objects.get()
    assert (discussion.person, discussion.decision) == (amelia, "Step down to early help")
    assert discussion.session.supervisor == team_manager
    page = client.get(reverse("workforce:worker", args=[sasha.pk])).content.decode()
    assert "Amelia Hartley: Step down to early help" in page


def test_supervision_before_the_worker_joined_shows_an_error(client, team_manager, sasha):
    client.force_login(team_manager)
    response = client.post(
        reverse("workforce:supervision_create", args=[sasha.pk]),
        {
            "session_date": (today() - timedelta(days=401)).isoformat(),
            "kind": "individual",
            "case-TOTAL_FORMS": "0",
            "case-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "cannot be dated before" in response.content.decode()
    assert not SupervisionSession.objects.exists()


def test_a_social_worker_cannot_record_supervision(client, sasha, team):
    colleague = make_user(Role.SOCIAL_WORKER, team=team)
    client.force_login(sasha)
    url = reverse("workforce:supervision_create", args=[colleague.pk])
    assert client.get(url).status_code == 403


def test_a_negative_caseload_limit_in_the_form_is_refused(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("workforce:policy"),
        {
            "effective_from": today().isoformat(),
            "caseload_limit": "-3",
            "nqsw_weekly_supervision_weeks": "6",
            "decided_by": "Director",
        },
    )
    assert response.status_code == 200
    assert "The caseload limit cannot be below zero." in response.content.decode()
    assert not WorkforcePolicy.objects.exists()


def test_a_team_manager_cannot_change_the_authority_limit(client, team_manager):
    client.force_login(team_manager)
    assert client.get(reverse("workforce:policy")).status_code == 403


def test_audit_and_moderation_through_the_pages(client, team_manager, sasha, amelia, team):
    tool = audit_tool_create(
        acting_user=team_manager, name="Practice audit", sections=["Voice of the child", "Plans"]
    )
    first, second = tool.sections.all()
    client.force_login(team_manager)
    response = client.post(
        reverse("workforce:audit_create", args=[amelia.pk, tool.pk]),
        {
            "audit_date": today().isoformat(),
            f"grade_{first.pk}": "good",
            f"grade_{second.pk}": "requires_improvement",
            "overall_grade": "good",
            "action": "Update the plan",
            "action_due": (today() + timedelta(days=14)).isoformat(),
        },
    )
    assert response.status_code == 302
    audit = CaseAudit.objects.get()
    assert audit.worker == sasha and audit.actions.get().assigned_to == sasha
    # The auditor cannot moderate their own audit
    response = client.post(
        reverse("workforce:audit_moderate", args=[audit.pk]),
        {
            f"grade_{first.pk}": "good",
            f"grade_{second.pk}": "good",
            "moderated_overall_grade": "good",
        },
    )
    assert "second auditor" in response.content.decode()
    # A second auditor can
    moderator = make_user(Role.SENIOR_MANAGER, team=team, username="moderator")
    client.force_login(moderator)
    response = client.post(
        reverse("workforce:audit_moderate", args=[audit.pk]),
        {
            f"grade_{first.pk}": "good",
            f"grade_{second.pk}": "inadequate",
            "moderated_overall_grade": "requires_improvement",
            "comment": "Plan is out of date",
        },
    )
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.moderator == moderator and audit.moderation_agrees is False
    page = client.get(reverse("workforce:audits")).content.decode()
    assert "(changed)" in page


def test_an_audit_grade_outside_the_scale_is_refused_in_the_form(client, team_manager, amelia):
    tool = audit_tool_create(acting_user=team_manager, name="Practice audit", sections=["Plans"])
    section = tool.sections.get()
    client.force_login(team_manager)
    response = client.post(
        reverse("workforce:audit_create", args=[amelia.pk, tool.pk]),
        {
            "audit_date": today().isoformat(),
            f"grade_{section.pk}": "excellent",
            "overall_grade": "good",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CaseAudit.objects.exists()


def test_oversight_page_lists_the_child_without_oversight(client, team_manager, amelia):
    ManagementOversight.objects.create(
        person=amelia,
        manager=team_manager,
        recorded_at=at(today() - timedelta(days=150)),
        reasoning="Reviewed",
    )
    client.force_login(team_manager)
    body = client.get(reverse("workforce:oversight")).content.decode()
    assert "Amelia Hartley" in body
    assert reverse("casework:oversight_create", args=[amelia.pk]) in body


def test_manager_records_an_appraisal(client, team_manager, sasha):
    client.force_login(team_manager)
    response = client.post(
        reverse("workforce:appraisal_create", args=[sasha.pk]),
        {
            "appraisal_date": today().isoformat(),
            "objectives": "Lead on court work",
        },
    )
    assert response.status_code == 302
    assert Appraisal.objects.get().appraiser == team_manager
    assert client.get(reverse("workforce:appraisals")).status_code == 200


def test_the_child_record_shows_supervision_discussions(client, team_manager, sasha, amelia):
    from safeguard.workforce.services import supervision_record

    supervision_record(
        acting_user=team_manager,
        worker=sasha,
        supervisor=team_manager,
        session_date=today(),
        kind="individual",
        discussions=[{"person": amelia, "decision": "Hold a family meeting"}],
    )
    client.force_login(team_manager)
    body = client.get(reverse("people:record", args=[amelia.pk])).content.decode()
    assert "Hold a family meeting" in body


def test_the_worker_marks_an_audit_action_done(client, team_manager, sasha, amelia):
    from safeguard.workforce.services import case_audit_record

    tool = audit_tool_create(acting_user=team_manager, name="Practice audit", sections=["Plans"])
    audit = case_audit_record(
        acting_user=team_manager,
        tool=tool,
        person=amelia,
        audit_date=today(),
        grades={tool.sections.get().pk: ("inadequate", "")},
        overall_grade="inadequate",
        actions=[{"description": "Update the plan", "due_date": today()}],
    )
    action = audit.actions.get()
    client.force_login(sasha)
    assert (
        "Update the plan"
        in client.get(reverse("workforce:worker", args=[sasha.pk])).content.decode()
    )
    response = client.post(reverse("workforce:audit_action_complete", args=[action.pk]))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.completed_on == today()


def test_a_colleague_cannot_mark_anothers_audit_action(client, team_manager, sasha, amelia, team):
    from safeguard.workforce.services import case_audit_record

    tool = audit_tool_create(acting_user=team_manager, name="Practice audit", sections=["Plans"])
    audit = case_audit_record(
        acting_user=team_manager,
        tool=tool,
        person=amelia,
        audit_date=today(),
        grades={tool.sections.get().pk: ("good", "")},
        overall_grade="good",
        actions=[{"description": "Update the plan", "due_date": today()}],
    )
    client.force_login(make_user(Role.SOCIAL_WORKER, team=team))
    url = reverse("workforce:audit_action_complete", args=[audit.actions.get().pk])
    assert client.post(url).status_code == 403
    assert audit.actions.get().completed_on is None


def test_the_administrator_sets_the_caseload_limit(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("workforce:policy"),
        {
            "effective_from": today().isoformat(),
            "caseload_limit": "16.5",
            "nqsw_weekly_supervision_weeks": "6",
            "decided_by": "Director",
        },
    )
    assert response.status_code == 302
    policy = WorkforcePolicy.objects.get()
    assert (policy.caseload_limit, policy.decided_by) == (Decimal("16.50"), "Director")
