"""Workforce pages: translate HTTP to selectors and services and back."""

from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.access.selectors import people_visible_to, person_get_for_user
from safeguard.accounts.models import Team, User
from safeguard.core.forms import form_save, today
from safeguard.workforce import selectors, services
from safeguard.workforce.forms import (
    AppraisalForm,
    CaseAuditForm,
    CaseDiscussionFormSet,
    ModerationForm,
    PolicyForm,
    SupervisionForm,
)
from safeguard.workforce.models import (
    Appraisal,
    AuditTool,
    CaseAudit,
    CaseAuditAction,
    SupervisionSession,
)
from safeguard.workforce.worker_clocks import (
    appraisal_clocks_for_workers,
    open_clock,
    supervision_clocks_for_workers,
)


def _require(user, permission: Permission) -> None:
    if not user_has_permission(user, permission):
        raise PermissionDenied


def _managed_team_ids(user) -> list[int]:
    _require(user, Permission.VIEW_TEAM_WORK)
    return selectors.teams_for_manager(user=user)


def _worker_for(request, user_id, *, manage: bool = False) -> User:
    """Return the worker if the user is them (reading only) or manages their team."""
    worker = User.objects.filter(pk=user_id).select_related("team").first()
    if worker is None:
        raise PermissionDenied
    if not manage and worker.pk == request.user.pk:
        return worker
    if not user_has_permission(request.user, Permission.VIEW_TEAM_WORK):
        raise PermissionDenied
    if manage:
        _require(request.user, Permission.AUTHORISE)
    if worker.team_id not in selectors.teams_for_manager(user=request.user):
        raise PermissionDenied
    return worker


def _form_page(request, form, title):
    return render(request, "workforce/form.html", {"form": form, "title": title})


def _names(user, person_ids) -> dict[int, str]:
    """Return names of the children the user may see; others show as restricted."""
    visible = people_visible_to(user).filter(pk__in=list(person_ids))
    return {p.pk: p.full_name for p in visible}


def _clock_rows(capacities, as_of):
    worker_ids = [w.user.pk for c in capacities for w in c.workers]
    supervision = supervision_clocks_for_workers(worker_ids=worker_ids, as_of=as_of)
    appraisal = appraisal_clocks_for_workers(worker_ids=worker_ids, as_of=as_of)
    return (
        {wid: open_clock(clocks) for wid, clocks in supervision.items()},
        {wid: open_clock(clocks) for wid, clocks in appraisal.items()},
    )


def overview(request):
    """Show managers their teams' establishment, staffing, caseloads and what needs action."""
    team_ids = _managed_team_ids(request.user)
    as_of = today()
    capacities = selectors.team_capacities(team_ids=team_ids, as_of=as_of)
    supervision, appraisal = _clock_rows(capacities, as_of)
    results = selectors.case_audit_results(
        date_from=as_of - timedelta(days=365), date_to=as_of, team_ids=team_ids
    )
    context = {
        "as_of": as_of,
        "capacities": capacities,
        "alerts": selectors.alerts_from_capacities(capacities),
        "supervision_overdue": sum(1 for c in supervision.values() if c and c.is_overdue(as_of)),
        "appraisal_overdue": sum(1 for c in appraisal.values() if c and c.is_overdue(as_of)),
        "oversight_gaps": len(selectors.children_without_oversight(team_ids=team_ids, as_of=as_of)),
        "results": results,
        "policy": selectors.policy_in_force(as_of=as_of),
    }
    return render(request, "workforce/overview.html", context)


def team_capacity(request, team_id: int):
    """Show one team's capacity: each worker's caseload against their limit."""
    if team_id not in _managed_team_ids(request.user):
        raise PermissionDenied
    team = get_object_or_404(Team, pk=team_id)
    as_of = today()
    capacity = selectors.team_capacity(team=team, as_of=as_of)
    supervision, appraisal = _clock_rows([capacity], as_of)
    rows = [
        {"w": w, "supervision": supervision.get(w.user.pk), "appraisal": appraisal.get(w.user.pk)}
        for w in capacity.workers
    ]
    context = {
        "capacity": capacity,
        "rows": rows,
        "as_of": as_of,
        "alerts": selectors.alerts_from_capacities([capacity]),
    }
    return render(request, "workforce/team_capacity.html", context)


def worker(request, user_id: int):
    """Show a worker's caseload, supervision and appraisal clocks, and audit actions."""
    person = _worker_for(request, user_id)
    as_of = today()
    caseload = selectors.caseloads_for_workers(worker_ids=[person.pk], as_of=as_of)[person.pk]
    names = _names(request.user, [c.person_id for c in caseload.items])
    supervision = supervision_clocks_for_workers(worker_ids=[person.pk], as_of=as_of)[person.pk]
    appraisals = appraisal_clocks_for_workers(worker_ids=[person.pk], as_of=as_of)[person.pk]
    employment = selectors.employments_current(as_of=as_of, user_ids=[person.pk]).first()
    sessions = list(
        SupervisionSession.objects.active()
        .filter(worker=person)
        .select_related("supervisor")
        .prefetch_related("case_discussions")[:6]
    )
    discussion_names = _names(
        request.user, [d.person_id for s in sessions for d in s.case_discussions.all()]
    )
    context = {
        "person": person,
        "as_of": as_of,
        "employment": employment,
        "absence": selectors.absence_on(employment, as_of) if employment else None,
        "caseload": caseload,
        "children": [(c, names.get(c.person_id)) for c in caseload.items],
        "weights": selectors.case_weights(),
        "supervision": list(reversed(supervision[-6:])),
        "supervision_open": open_clock(supervision),
        "appraisal_open": open_clock(appraisals),
        "sessions": [
            (s, [(discussion_names.get(d.person_id), d) for d in s.case_discussions.all()])
            for s in sessions
        ],
        "appraisals": list(Appraisal.objects.active().filter(worker=person)[:3]),
        "actions": list(
            CaseAuditAction.objects.filter(
                assigned_to=person, completed_on__isnull=True
            ).select_related("audit")
        ),
        "can_manage": user_has_permission(request.user, Permission.AUTHORISE)
        and person.pk != request.user.pk,
        "tools": list(AuditTool.objects.filter(is_active=True)),
    }
    return render(request, "workforce/worker.html", context)


@require_http_methods(["POST"])
def audit_action_complete(request, pk: int):
    """Mark an audit action done: by the worker it was sent to, or their manager."""
    action = get_object_or_404(CaseAuditAction.objects.select_related("audit"), pk=pk)
    if action.assigned_to_id != request.user.pk:
        _worker_for(request, action.assigned_to_id, manage=True)
    try:
        services.case_audit_action_complete(
            acting_user=request.user, action=action, completed_on=today()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Audit action marked as done")
    return redirect("workforce:worker", user_id=action.assigned_to_id)


@require_http_methods(["GET", "POST"])
def supervision_create(request, user_id: int):
    """Record a supervision session: the date, and each child's case, decision and actions."""
    person = _worker_for(request, user_id, manage=True)
    as_of = today()
    caseload = selectors.caseloads_for_workers(worker_ids=[person.pk], as_of=as_of)[person.pk]
    names = _names(request.user, [c.person_id for c in caseload.items])
    children = [(pid, name) for pid, name in sorted(names.items(), key=lambda kv: kv[1])]
    form = SupervisionForm(request.POST or None)
    formset = CaseDiscussionFormSet(
        request.POST or None, prefix="case", form_kwargs={"children": children}
    )

    def record(**session):
        people = {p.pk: p for p in people_visible_to(request.user).filter(pk__in=list(names))}
        discussions = [
            {
                **{k: v for k, v in f.cleaned_data.items() if k != "person"},
                "person": people[f.cleaned_data["person"]],
            }
            for f in formset.forms
            if f.cleaned_data.get("person")
        ]
        services.supervision_record(
            acting_user=request.user,
            worker=person,
            supervisor=request.user,
            discussions=discussions,
            **session,
        )

    if request.method == "POST" and formset.is_valid():
        saved, _ = form_save(request, form, record)
        if saved:
            messages.success(request, f"Supervision of {person} recorded")
            return redirect("workforce:worker", user_id=person.pk)
    context = {"form": form, "formset": formset, "person": person}
    return render(request, "workforce/supervision_form.html", context)


def oversight(request):
    """Show the children in the manager's teams with no management oversight in the interval."""
    team_ids = _managed_team_ids(request.user)
    as_of = today()
    gaps = selectors.children_without_oversight(team_ids=team_ids, as_of=as_of)
    names = _names(request.user, [g.person_id for g in gaps])
    workers = {u.pk: u for u in User.objects.filter(pk__in={g.worker_id for g in gaps})}
    rows = [
        {"gap": g, "name": names.get(g.person_id), "worker": workers.get(g.worker_id)} for g in gaps
    ]
    return render(request, "workforce/oversight.html", {"rows": rows, "as_of": as_of})


def audits(request):
    """List recent case file audits in the manager's teams, with the year's results."""
    team_ids = _managed_team_ids(request.user)
    as_of = today()
    recent = list(
        CaseAudit.objects.active()
        .filter(team_id__in=team_ids)
        .select_related("tool", "auditor", "worker", "moderator")[:50]
    )
    names = _names(request.user, [a.person_id for a in recent])
    context = {
        "rows": [(a, names.get(a.person_id)) for a in recent],
        "results": selectors.case_audit_results(
            date_from=as_of - timedelta(days=365), date_to=as_of, team_ids=team_ids
        ),
    }
    return render(request, "workforce/audits.html", context)


@require_http_methods(["GET", "POST"])
def audit_create(request, person_id: str, tool_id: int):
    """Audit a child's case file against an audit tool."""
    _require(request.user, Permission.AUTHORISE)
    child = person_get_for_user(user=request.user, person_id=person_id, purpose="case audit")
    tool = get_object_or_404(AuditTool, pk=tool_id, is_active=True)
    form = CaseAuditForm(request.POST or None, sections=tool.sections.all())

    def record(*, audit_date, overall_grade, summary, action, action_due, **_sections):
        return services.case_audit_record(
            acting_user=request.user,
            tool=tool,
            person=child,
            audit_date=audit_date,
            grades=form.grades(),
            overall_grade=overall_grade,
            summary=summary,
            actions=[{"description": action, "due_date": action_due}] if action else [],
        )

    saved, audit = form_save(request, form, record)
    if saved:
        messages.success(request, "Case file audit recorded")
        return redirect("workforce:audit_detail", pk=audit.pk)
    return _form_page(request, form, f"Audit {child.full_name}'s case file: {tool}")


def _audit_for(request, pk: int) -> CaseAudit:
    audit = get_object_or_404(
        CaseAudit.objects.active().select_related("tool", "auditor", "moderator", "worker"), pk=pk
    )
    if audit.worker_id != request.user.pk and audit.team_id not in _managed_team_ids(request.user):
        raise PermissionDenied
    person_get_for_user(user=request.user, person_id=audit.person_id, purpose="case audit")
    return audit


def audit_detail(request, pk: int):
    """Show an audit's grades, moderation and actions."""
    audit = _audit_for(request, pk)
    context = {
        "audit": audit,
        "grades": list(audit.grades.select_related("section")),
        "actions": list(audit.actions.select_related("assigned_to")),
        "can_moderate": user_has_permission(request.user, Permission.AUTHORISE)
        and request.user.pk != audit.auditor_id
        and not audit.moderator_id,
    }
    return render(request, "workforce/audit_detail.html", context)


@require_http_methods(["GET", "POST"])
def audit_moderate(request, pk: int):
    """Moderate an audit as a second auditor: a grade for each section and overall."""
    _require(request.user, Permission.AUTHORISE)
    audit = _audit_for(request, pk)
    form = ModerationForm(request.POST or None, grades=audit.grades.select_related("section"))
    saved, _ = form_save(
        request,
        form,
        lambda *, moderated_overall_grade, comment, **_sections: services.case_audit_moderate(
            acting_user=request.user,
            audit=audit,
            moderated_grades=form.grades(),
            moderated_overall_grade=moderated_overall_grade,
            comment=comment,
        ),
    )
    if saved:
        messages.success(request, "Moderation recorded")
        return redirect("workforce:audit_detail", pk=audit.pk)
    return _form_page(request, form, f"Moderate: {audit}")


def appraisals(request):
    """List the workers in the manager's teams with their appraisal clocks."""
    team_ids = _managed_team_ids(request.user)
    as_of = today()
    capacities = selectors.team_capacities(team_ids=team_ids, as_of=as_of)
    _, appraisal = _clock_rows(capacities, as_of)
    rows = sorted(
        ((w.user, c.team, appraisal.get(w.user.pk)) for c in capacities for w in c.workers),
        key=lambda r: r[2].due if r[2] else as_of + timedelta(days=3650),
    )
    return render(request, "workforce/appraisals.html", {"rows": rows, "as_of": as_of})


@require_http_methods(["GET", "POST"])
def appraisal_create(request, user_id: int):
    """Record a worker's appraisal (personal development review)."""
    person = _worker_for(request, user_id, manage=True)
    form = AppraisalForm(request.POST or None)
    saved, _ = form_save(
        request, form, partial(services.appraisal_record, acting_user=request.user, worker=person)
    )
    if saved:
        messages.success(request, f"Appraisal of {person} recorded")
        return redirect("workforce:worker", user_id=person.pk)
    return _form_page(request, form, f"Record an appraisal for {person}")


@require_http_methods(["GET", "POST"])
def policy_edit(request):
    """Set the authority's caseload limit and newly qualified supervision weeks."""
    _require(request.user, Permission.ADMINISTER)
    current = selectors.policy_in_force(as_of=today())
    form = PolicyForm(
        request.POST or None,
        initial={
            "effective_from": today(),
            "caseload_limit": current.caseload_limit,
            "nqsw_weekly_supervision_weeks": current.nqsw_weekly_supervision_weeks,
        },
    )
    saved, _ = form_save(
        request, form, partial(services.workforce_policy_set, acting_user=request.user)
    )
    if saved:
        messages.success(request, "Workforce settings saved")
        return redirect("workforce:policy")
    return _form_page(request, form, "Caseload limit and supervision settings")
