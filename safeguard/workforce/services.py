"""Writes for the workforce. Each validates everything, saves, and audits in one transaction."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_change, snapshot
from safeguard.workforce.choices import AuditGrade, AuditStatus
from safeguard.workforce.models import (
    Absence,
    Appraisal,
    AuditTool,
    AuditToolSection,
    CaseAudit,
    CaseAuditAction,
    CaseAuditGrade,
    CaseWeighting,
    Employment,
    Post,
    SupervisionCaseDiscussion,
    SupervisionSession,
    WorkforcePolicy,
)

_GRADE_WORDS = ", ".join(label.lower() for label in AuditGrade.labels)


def _require_manager(user, what: str) -> None:
    if not user_has_permission(user, Permission.AUTHORISE):
        raise ValidationError({"__all__": f"Only a manager can record {what}."})


def _not_in_future(value: date, field: str, label: str) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: f"{label} must be today or in the past."})


def _after_joining(*, worker, on: date, field: str, what: str) -> None:
    from safeguard.workforce.selectors import worker_join_date

    joined = worker_join_date(user=worker)
    if on < joined:
        raise ValidationError(
            {field: f"{what} cannot be dated before {worker} joined on {joined:%d %B %Y}."}
        )


def _check_grade(value: str, field: str) -> None:
    if value not in AuditGrade.values:
        raise ValidationError(
            {field: f"{value!r} is not an audit grade. Choose one of: {_GRADE_WORDS}."}
        )


# Posts, employment and absence


@transaction.atomic
def post_create(
    *,
    acting_user,
    team,
    fte: Decimal,
    funded_from: date,
    title: str = "Social worker",
    is_case_holding: bool = True,
) -> Post:
    """Add a funded post to a team's establishment."""
    post = Post(
        team=team, title=title, fte=fte, funded_from=funded_from, is_case_holding=is_case_holding
    )
    post.full_clean()
    post.save()
    audit_change(user=acting_user, instance=post, action=AuditAction.CREATE, person_id=None)
    return post


@transaction.atomic
def employment_start(
    *,
    acting_user,
    user,
    team,
    start_date: date,
    contract_type: str,
    fte: Decimal = Decimal("1.00"),
    post: Post | None = None,
    is_case_holding: bool = True,
    is_newly_qualified: bool = False,
    asye_start_date: date | None = None,
) -> Employment:
    """Record a worker starting in a team, permanent or agency, in a post or not."""
    if post is not None and post.employments.filter(end_date__isnull=True).exists():
        raise ValidationError({"post": f"{post} is already filled."})
    employment = Employment(
        user=user,
        team=team,
        post=post,
        contract_type=contract_type,
        start_date=start_date,
        fte=fte,
        is_case_holding=is_case_holding,
        is_newly_qualified=is_newly_qualified,
        asye_start_date=asye_start_date,
    )
    employment.full_clean()
    employment.save()
    audit_change(user=acting_user, instance=employment, action=AuditAction.CREATE, person_id=None)
    return employment


@transaction.atomic
def employment_end(
    *, acting_user, employment: Employment, end_date: date, leaving_reason: str
) -> Employment:
    """Record a leaver: the leaving date and reason. The post becomes a vacancy."""
    before = snapshot(employment)
    employment.end_date = end_date
    employment.leaving_reason = leaving_reason
    employment.full_clean()
    employment.save()
    audit_change(
        user=acting_user,
        instance=employment,
        action=AuditAction.UPDATE,
        person_id=None,
        before=before,
    )
    return employment


@transaction.atomic
def absence_record(
    *,
    acting_user,
    employment: Employment,
    absence_type: str,
    start_date: date,
    end_date: date | None = None,
) -> Absence:
    """Record a period of absence; an absence still going on has no end date."""
    absence = Absence(
        employment=employment, absence_type=absence_type, start_date=start_date, end_date=end_date
    )
    absence.full_clean()
    if start_date < employment.start_date:
        raise ValidationError({"start_date": "The absence cannot start before the employment."})
    absence.save()
    audit_change(user=acting_user, instance=absence, action=AuditAction.CREATE, person_id=None)
    return absence


# Caseload settings


@transaction.atomic
def case_weighting_set(*, acting_user, case_type: str, weight, note: str = "") -> CaseWeighting:
    """Set how much a child of a case type counts towards a caseload."""
    weighting = CaseWeighting.objects.filter(case_type=case_type).first()
    before = snapshot(weighting) if weighting else None
    weighting = weighting or CaseWeighting(case_type=case_type)
    weighting.weight = weight
    weighting.note = note
    try:
        negative = Decimal(str(weight)) < 0
    except InvalidOperation:
        raise ValidationError({"weight": "Enter the weight as a number, e.g. 1.5."}) from None
    if negative:
        raise ValidationError({"weight": "A case weighting cannot be below zero."})
    weighting.full_clean()
    weighting.save()
    audit_change(
        user=acting_user,
        instance=weighting,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        person_id=None,
        before=before,
    )
    return weighting


@transaction.atomic
def workforce_policy_set(
    *,
    acting_user,
    effective_from: date,
    caseload_limit,
    nqsw_weekly_supervision_weeks: int = 6,
    decided_by: str = "",
) -> WorkforcePolicy:
    """Set the authority's caseload limit (and NQSW supervision weeks) from a date."""
    try:
        limit = Decimal(str(caseload_limit))
    except InvalidOperation:
        raise ValidationError(
            {"caseload_limit": "Enter the caseload limit as a number, e.g. 18."}
        ) from None
    if limit < 0:
        raise ValidationError({"caseload_limit": "The caseload limit cannot be below zero."})
    policy = WorkforcePolicy.objects.filter(effective_from=effective_from).first()
    before = snapshot(policy) if policy else None
    policy = policy or WorkforcePolicy(effective_from=effective_from)
    policy.caseload_limit = limit
    policy.nqsw_weekly_supervision_weeks = nqsw_weekly_supervision_weeks
    policy.decided_by = decided_by
    policy.full_clean()
    policy.save()
    audit_change(
        user=acting_user,
        instance=policy,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        person_id=None,
        before=before,
    )
    return policy


# Supervision


@transaction.atomic
def supervision_record(
    *,
    acting_user,
    worker,
    supervisor,
    session_date: date,
    kind: str,
    reflection: str = "",
    discussions: list[dict] | tuple = (),
) -> SupervisionSession:
    """Record a supervision session and each child's case discussed, decision and actions.

    discussions: dicts with person, decision, and optionally discussion, actions, actions_due.
    """
    _require_manager(acting_user, "supervision")
    if worker.pk == supervisor.pk:
        raise ValidationError({"supervisor": "A worker cannot supervise themselves."})
    _not_in_future(session_date, "session_date", "The supervision date")
    _after_joining(worker=worker, on=session_date, field="session_date", what="Supervision")
    session = SupervisionSession(
        worker=worker,
        supervisor=supervisor,
        session_date=session_date,
        kind=kind,
        reflection=reflection,
        created_by=acting_user,
        modified_by=acting_user,
    )
    session.full_clean()
    seen = set()
    rows = []
    for item in discussions:
        person = item["person"]
        if person.pk in seen:
            raise ValidationError(
                {"discussions": f"{person.full_name}'s case is listed twice; record it once."}
            )
        seen.add(person.pk)
        if not (item.get("decision") or "").strip():
            raise ValidationError(
                {"discussions": f"Record the decision made on {person.full_name}'s case."}
            )
        due = item.get("actions_due")
        if due is not None and due < session_date:
            raise ValidationError(
                {
                    "discussions": f"The actions for {person.full_name} cannot be due before "
                    "the session."
                }
            )
        rows.append(
            SupervisionCaseDiscussion(
                person=person,
                discussion=item.get("discussion", ""),
                decision=item["decision"],
                actions=item.get("actions", ""),
                actions_due=due,
            )
        )
    session.save()
    for row in rows:
        row.session = session
        row.full_clean()
    SupervisionCaseDiscussion.objects.bulk_create(rows)
    audit_change(
        user=acting_user,
        instance=session,
        action=AuditAction.CREATE,
        person_id=None,
        summary=f"Supervision of {worker}; {len(rows)} cases discussed",
    )
    for row in rows:
        audit_change(
            user=acting_user,
            instance=row,
            action=AuditAction.CREATE,
            person_id=row.person_id,
            summary="Case discussed in supervision",
        )
    return session


# Case file audits


@transaction.atomic
def audit_tool_create(
    *, acting_user, name: str, sections: list[str], description: str = ""
) -> AuditTool:
    """Create an audit tool with its sections, in order."""
    titles = [s.strip() for s in sections if s and s.strip()]
    if not titles:
        raise ValidationError({"sections": "An audit tool needs at least one section."})
    tool = AuditTool(name=name, description=description)
    tool.full_clean()
    tool.save()
    AuditToolSection.objects.bulk_create(
        [AuditToolSection(tool=tool, position=i, title=t) for i, t in enumerate(titles, 1)]
    )
    audit_change(user=acting_user, instance=tool, action=AuditAction.CREATE, person_id=None)
    return tool


def _current_lead(person) -> tuple:
    from safeguard.casework.choices import AllocationRole
    from safeguard.casework.models import Allocation

    lead = (
        Allocation.objects.filter(
            episode__person=person,
            role=AllocationRole.LEAD,
            end_at__isnull=True,
            episode__closure_date__isnull=True,
        )
        .order_by("-start_at")
        .first()
    )
    return (lead.worker_id, lead.team_id) if lead else (None, None)


@transaction.atomic
def case_audit_record(
    *,
    acting_user,
    tool: AuditTool,
    person,
    audit_date: date,
    grades: dict[int, tuple[str, str]],
    overall_grade: str,
    summary: str = "",
    actions: list[dict] | tuple = (),
) -> CaseAudit:
    """Record a case file audit: a grade for every section of the tool, and actions.

    grades: {section_id: (grade, commentary)}. actions: dicts with description, due_date and
    optionally assigned_to (default: the child's allocated worker).
    """
    _require_manager(acting_user, "a case file audit")
    _not_in_future(audit_date, "audit_date", "The audit date")
    _check_grade(overall_grade, "overall_grade")
    sections = {s.pk: s for s in tool.sections.all()}
    missing = [s.title for pk, s in sections.items() if pk not in grades]
    if missing:
        raise ValidationError({"grades": f"Grade every section: {', '.join(missing)}."})
    unknown = set(grades) - set(sections)
    if unknown:
        raise ValidationError({"grades": "A grade was given for a section not in this tool."})
    for pk, (grade, _) in grades.items():
        _check_grade(grade, f"grade_{pk}")
    worker_id, team_id = _current_lead(person)
    audit = CaseAudit(
        tool=tool,
        person=person,
        worker_id=worker_id,
        team_id=team_id,
        auditor=acting_user,
        audit_date=audit_date,
        overall_grade=overall_grade,
        summary=summary,
        created_by=acting_user,
        modified_by=acting_user,
    )
    audit.full_clean()
    action_rows = []
    for item in actions:
        assignee_id = item["assigned_to"].pk if item.get("assigned_to") else worker_id
        if assignee_id is None:
            raise ValidationError(
                {"actions": "The child has no allocated worker: name who the action is for."}
            )
        if item["due_date"] < audit_date:
            raise ValidationError({"actions": "An action cannot be due before the audit."})
        action_rows.append(
            CaseAuditAction(
                description=item["description"],
                assigned_to_id=assignee_id,
                due_date=item["due_date"],
            )
        )
    audit.save()
    grade_rows = [
        CaseAuditGrade(audit=audit, section_id=pk, grade=grade, commentary=commentary)
        for pk, (grade, commentary) in grades.items()
    ]
    CaseAuditGrade.objects.bulk_create(grade_rows)
    for row in action_rows:
        row.audit = audit
        row.full_clean()
    CaseAuditAction.objects.bulk_create(action_rows)
    audit_change(
        user=acting_user,
        instance=audit,
        action=AuditAction.CREATE,
        person_id=person.pk,
        summary=f"Case file audit graded {overall_grade}",
    )
    return audit


@transaction.atomic
def case_audit_moderate(
    *,
    acting_user,
    audit: CaseAudit,
    moderated_grades: dict[int, str],
    moderated_overall_grade: str,
    comment: str = "",
    moderated_on: date | None = None,
) -> CaseAudit:
    """Record a second auditor's moderation: their grade for each section and overall."""
    _require_manager(acting_user, "a moderation")
    audit = CaseAudit.objects.select_for_update().get(pk=audit.pk)
    if acting_user.pk == audit.auditor_id:
        raise ValidationError(
            {"moderator": "Moderation must be by a second auditor, not the auditor."}
        )
    if audit.status == AuditStatus.MODERATED:
        raise ValidationError({"moderator": "This audit has already been moderated."})
    moderated_on = moderated_on or timezone.localdate()
    if moderated_on < audit.audit_date:
        raise ValidationError({"moderated_on": "Moderation cannot be dated before the audit."})
    _check_grade(moderated_overall_grade, "moderated_overall_grade")
    rows = list(audit.grades.all())
    missing = [r for r in rows if r.section_id not in moderated_grades]
    if missing:
        raise ValidationError({"grades": "Give a moderated grade for every section."})
    for row in rows:
        _check_grade(moderated_grades[row.section_id], f"grade_{row.section_id}")
    before = snapshot(audit)
    for row in rows:
        row.moderated_grade = moderated_grades[row.section_id]
    CaseAuditGrade.objects.bulk_update(rows, ["moderated_grade"])
    audit.moderator = acting_user
    audit.moderated_on = moderated_on
    audit.moderated_overall_grade = moderated_overall_grade
    audit.moderation_comment = comment
    audit.status = AuditStatus.MODERATED
    audit.modified_by = acting_user
    audit.full_clean()
    audit.save()
    agreed = "agreed" if audit.moderation_agrees else "changed"
    audit_change(
        user=acting_user,
        instance=audit,
        action=AuditAction.UPDATE,
        person_id=audit.person_id,
        before=before,
        summary=f"Audit moderated: overall grade {agreed}",
    )
    return audit


@transaction.atomic
def case_audit_action_complete(
    *, acting_user, action: CaseAuditAction, completed_on: date
) -> CaseAuditAction:
    """Mark an audit action done."""
    if completed_on < action.audit.audit_date:
        raise ValidationError({"completed_on": "An action cannot be done before the audit."})
    _not_in_future(completed_on, "completed_on", "The completion date")
    before = snapshot(action)
    action.completed_on = completed_on
    action.full_clean()
    action.save()
    audit_change(
        user=acting_user,
        instance=action,
        action=AuditAction.UPDATE,
        person_id=action.audit.person_id,
        before=before,
    )
    return action


# Appraisals


@transaction.atomic
def appraisal_record(
    *, acting_user, worker, appraisal_date: date, objectives: str, development_plan: str = ""
) -> Appraisal:
    """Record a worker's appraisal (personal development review); it restarts the yearly clock."""
    _require_manager(acting_user, "an appraisal")
    if worker.pk == acting_user.pk:
        raise ValidationError({"appraiser": "A worker cannot appraise themselves."})
    _not_in_future(appraisal_date, "appraisal_date", "The appraisal date")
    _after_joining(worker=worker, on=appraisal_date, field="appraisal_date", what="An appraisal")
    appraisal = Appraisal(
        worker=worker,
        appraiser=acting_user,
        appraisal_date=appraisal_date,
        objectives=objectives,
        development_plan=development_plan,
        created_by=acting_user,
        modified_by=acting_user,
    )
    appraisal.full_clean()
    appraisal.save()
    audit_change(user=acting_user, instance=appraisal, action=AuditAction.CREATE, person_id=None)
    return appraisal
