"""The workforce generator stage: rates close to the DfE's, and records that hang together."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from safeguard.accounts.choices import Role
from safeguard.conftest import make_child, make_user
from safeguard.synthetic.context import GenerationContext, StaffRow, TeamRow
from safeguard.workforce.choices import ContractType
from safeguard.workforce.models import (
    CaseAudit,
    CaseAuditGrade,
    Employment,
    Post,
    SupervisionCaseDiscussion,
    SupervisionSession,
)
from safeguard.workforce.synthetic import generate_workforce
from safeguard.workforce.tests.conftest import open_case
from safeguard.workforce.worker_clocks import supervision_clocks_for_workers


@pytest.mark.django_db
def test_a_generated_authority_has_a_plausible_workforce():
    call_command(
        "generate_authority", children="3000", seed="3", no_progress=True, stdout=StringIO()
    )
    current = Employment.objects.filter(end_date__isnull=True, is_case_holding=True)
    total = sum(e.fte for e in current)
    agency = sum(e.fte for e in current if e.contract_type == ContractType.AGENCY)
    assert 0.06 < agency / total < 0.30  # DfE: 16.2%
    holding_posts = Post.objects.filter(is_case_holding=True)
    vacant = holding_posts.filter(employments__isnull=True).count()
    assert 0.08 < vacant / holding_posts.count() < 0.30  # DfE: 18.9%
    assert current.filter(is_newly_qualified=True).exists()
    assert Employment.objects.filter(end_date__isnull=False).exclude(leaving_reason="").exists()
    assert SupervisionSession.objects.exists()
    # Every generated session is dated on or after the worker joined
    for session in SupervisionSession.objects.select_related("worker")[:200]:
        joined = min(e.start_date for e in session.worker.employments.all())
        assert session.session_date >= joined


@pytest.mark.django_db
def test_the_stage_supervises_and_audits_the_workers_children(team, team_manager, social_worker):
    # Given a team whose worker leads two children's cases, and a senior manager to moderate
    senior = make_user(Role.SENIOR_MANAGER, username="head")
    for _ in range(2):
        open_case(make_child(), social_worker, referred=date(2025, 6, 1))
    as_of = date(2026, 3, 31)
    ctx = GenerationContext(seed=11, children=10, years=1, as_of=as_of)
    ctx.begin_stage("workforce")
    ctx.teams = [TeamRow(team.pk, team.name, team.kind, team.service_area, team_manager.pk)]
    ctx.staff = [
        StaffRow(team_manager.pk, team_manager.username, Role.TEAM_MANAGER, team.pk),
        StaffRow(social_worker.pk, social_worker.username, Role.SOCIAL_WORKER, team.pk),
        StaffRow(senior.pk, senior.username, Role.SENIOR_MANAGER, None),
    ]
    # When the stage runs
    generate_workforce(ctx)
    # Then the worker is supervised by the manager, about monthly, discussing their children
    sessions = SupervisionSession.objects.filter(worker=social_worker)
    assert sessions.count() >= 8
    assert set(sessions.values_list("supervisor", flat=True)) == {team_manager.pk}
    assert SupervisionCaseDiscussion.objects.filter(session__worker=social_worker).exists()
    clocks = supervision_clocks_for_workers(worker_ids=[social_worker.pk], as_of=as_of)
    assert len(clocks[social_worker.pk]) >= 8
    # and their cases are audited, every section graded
    audits = CaseAudit.objects.filter(worker=social_worker)
    assert audits.exists()
    assert CaseAuditGrade.objects.filter(audit__in=audits).count() == audits.count() * 5
    assert all(a.audit_date <= as_of for a in audits)
    assert all(a.moderated_on is None or a.moderated_on <= as_of for a in audits)
    assert all(s.session_date > as_of - timedelta(days=400) for s in sessions)
