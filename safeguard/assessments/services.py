"""Writes to assessments: start, save (guarded against overwriting), submit, authorise, return."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.assessments.choices import (
    OUTCOMES_BY_KIND,
    AssessmentKind,
    AssessmentStatus,
    ManagerDecision,
    SectionRating,
)
from safeguard.assessments.models import (
    Assessment,
    AssessmentFactorIdentified,
    AssessmentManagerDecision,
)
from safeguard.assessments.selectors import assessment_checklist
from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_change, snapshot
from safeguard.casework.choices import Service
from safeguard.compliance.services import clocks_recompute
from safeguard.core.forms import today
from safeguard.reference_data.cin_codes import AssessmentFactor

# The parts of an assessment a worker writes; everything else is set by the workflow.
EDITABLE_FIELDS = (
    "child_seen_on",
    "child_seen_alone",
    "childs_wishes_and_feelings",
    "parents_and_carers_views",
    "partner_agency_information",
    "analysis_of_needs_and_risks",
    "outcome",
    "outcome_reasoning",
)


class EditConflict(ValidationError):
    """Someone else saved the assessment after this user opened it."""

    def __init__(self, assessment: Assessment):
        who = assessment.modified_by.get_full_name() if assessment.modified_by else "Someone"
        when = timezone.localtime(assessment.modified_at)
        super().__init__(
            f"{who} saved this assessment at {when:%H:%M on %d %B %Y}, after you opened it. "
            "Your changes have not been saved over theirs: they are kept as your draft. "
            "Read their version, then add your changes and save again.",
            code="edit_conflict",
        )
        self.assessment = assessment


def _kind_for(episode) -> str:
    return (
        AssessmentKind.EARLY_HELP
        if episode.service == Service.EARLY_HELP
        else AssessmentKind.SINGLE
    )


@transaction.atomic
def assessment_start(*, episode, worker, start_date: date | None = None) -> Assessment:
    """Start an assessment on an open episode: a single assessment in social care, an early help
    assessment in early help."""
    start_date = start_date or today()
    if not episode.is_open:
        raise ValidationError("Assessments can only be started on an open episode")
    if start_date > today():
        raise ValidationError({"start_date": "The start date must be today or in the past"})
    if start_date < episode.referral_date:
        raise ValidationError({"start_date": "The assessment cannot start before the referral"})
    unfinished = (
        Assessment.objects.active()
        .filter(episode=episode)
        .exclude(status=AssessmentStatus.AUTHORISED)
    )
    if unfinished.exists():
        raise ValidationError("This episode already has an assessment in progress")
    assessment = Assessment(
        person_id=episode.person_id,
        episode=episode,
        kind=_kind_for(episode),
        worker=worker,
        start_date=start_date,
        created_by=worker,
        modified_by=worker,
    )
    assessment.full_clean()
    assessment.save()
    audit_change(
        user=worker,
        instance=assessment,
        action=AuditAction.CREATE,
        person_id=assessment.person_id,
        summary=str(assessment),
    )
    return assessment


def _validate_content(assessment: Assessment, factors: list[str] | None) -> dict:
    errors = {}
    if assessment.child_seen_on and assessment.child_seen_on > today():
        errors["child_seen_on"] = "The date the child was seen must be today or in the past"
    elif assessment.child_seen_on and assessment.child_seen_on < assessment.start_date:
        errors["child_seen_on"] = (
            "The date the child was seen cannot be before the assessment started"
        )
    if assessment.child_seen_alone and not assessment.child_seen_on:
        errors["child_seen_alone"] = "Enter the date the child was seen"
    if assessment.outcome and assessment.outcome not in OUTCOMES_BY_KIND[assessment.kind]:
        errors["outcome"] = f"That outcome is not open to an {assessment.get_kind_display()}"
    unknown = set(factors or []) - set(AssessmentFactor.values)
    if unknown:
        errors["factors"] = f"Unknown factor codes: {', '.join(sorted(unknown))}"
    return errors


@transaction.atomic
def assessment_update(
    *,
    assessment_id: int,
    expected_version: int,
    user,
    data: dict,
    factors: list[str] | None = None,
) -> Assessment:
    """Save a worker's changes, refusing them if someone saved since the worker opened it.

    expected_version is the version the worker's form was opened at; a mismatch raises
    EditConflict and nothing is saved. The row is locked while it is checked and written.
    """
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("modified_by")
        .get(pk=assessment_id)
    )
    if assessment.version != expected_version:
        raise EditConflict(assessment)
    if assessment.status in (AssessmentStatus.SUBMITTED, AssessmentStatus.AUTHORISED):
        raise ValidationError(
            f"This assessment is {assessment.get_status_display().lower()} and cannot be changed"
        )
    before = snapshot(assessment)
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(assessment, field, data[field])
    errors = _validate_content(assessment, factors)
    if errors:
        raise ValidationError(errors)
    assessment.modified_by = user
    assessment.version = F("version") + 1
    assessment.full_clean(exclude=["version"])
    assessment.save()
    assessment.refresh_from_db()
    if factors is not None:
        existing = set(assessment.factors.values_list("code", flat=True))
        assessment.factors.exclude(code__in=factors).delete()
        AssessmentFactorIdentified.objects.bulk_create(
            [
                AssessmentFactorIdentified(assessment=assessment, code=c)
                for c in set(factors) - existing
            ]
        )
    audit_change(
        user=user,
        instance=assessment,
        action=AuditAction.UPDATE,
        person_id=assessment.person_id,
        before=before,
    )
    return assessment


def _bump(assessment: Assessment, *, user, status: str, **fields) -> None:
    before = snapshot(assessment)
    assessment.status, assessment.modified_by = status, user
    for name, value in fields.items():
        setattr(assessment, name, value)
    assessment.version += 1
    assessment.full_clean()
    assessment.save()
    audit_change(
        user=user,
        instance=assessment,
        action=AuditAction.UPDATE,
        person_id=assessment.person_id,
        before=before,
        summary=f"Assessment {assessment.get_status_display().lower()}",
    )


@transaction.atomic
def assessment_submit(*, assessment: Assessment, user) -> Assessment:
    """Send the assessment to a manager for authorisation."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status not in (AssessmentStatus.IN_PROGRESS, AssessmentStatus.RETURNED):
        raise ValidationError(
            f"This assessment is {assessment.get_status_display().lower()} and cannot be submitted"
        )
    if not assessment.outcome:
        raise ValidationError({"outcome": "Choose the recommended outcome before submitting"})
    _bump(assessment, user=user, status=AssessmentStatus.SUBMITTED, submitted_at=timezone.now())
    return assessment


def _locked_for_decision(assessment: Assessment, manager) -> Assessment:
    if not user_has_permission(manager, Permission.AUTHORISE):
        raise ValidationError("Only a manager can authorise or return an assessment")
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("authorised_by")
        .get(pk=assessment.pk)
    )
    if assessment.status == AssessmentStatus.AUTHORISED:
        who = assessment.authorised_by.get_full_name() if assessment.authorised_by else "a manager"
        raise ValidationError(
            f"This assessment was already authorised on {assessment.authorised_on:%d %B %Y} "
            f"by {who}. It cannot be authorised or returned again.",
            code="already_authorised",
        )
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError("Only an assessment submitted for authorisation can be decided")
    return assessment


def _clean_ratings(ratings: dict | None) -> dict:
    return {code: r for code, r in (ratings or {}).items() if r in SectionRating.values}


@transaction.atomic
def assessment_authorise(
    *, assessment: Assessment, manager, ratings: dict[str, str] | None = None, note: str = ""
) -> Assessment:
    """Authorise a submitted assessment that passes the quality gate.

    The gate: the child has been seen (always, whatever the checklist says); every required
    part on the checklist is written and rated adequate by the manager.
    """
    assessment = _locked_for_decision(assessment, manager)
    ratings = _clean_ratings(ratings)
    problems = []
    if assessment.child_seen_on is None:
        problems.append("The child has not been seen: an assessment is never authorised without it")
    for row in assessment_checklist(assessment=assessment):
        item = row["item"]
        if not item.is_required:
            continue
        if not row["present"] and item.code != "child_seen":
            problems.append(f"{item.label}: missing")
        elif ratings.get(item.code) == SectionRating.INADEQUATE:
            problems.append(f"{item.label}: marked inadequate")
        elif ratings.get(item.code) != SectionRating.ADEQUATE:
            problems.append(f"{item.label}: not yet rated by the manager")
    if problems:
        raise ValidationError(
            "This assessment cannot be authorised. Return it to the worker with your reasons. "
            + "; ".join(problems),
            code="quality_gate",
        )
    authorised_on = max(today(), assessment.start_date)
    _bump(
        assessment,
        user=manager,
        status=AssessmentStatus.AUTHORISED,
        authorised_on=authorised_on,
        authorised_by=manager,
    )
    AssessmentManagerDecision.objects.create(
        assessment=assessment,
        manager=manager,
        decision=ManagerDecision.AUTHORISED,
        decided_at=timezone.now(),
        reasons=note,
        ratings=ratings,
    )
    clocks_recompute(person_ids=[assessment.person_id])
    return assessment


@transaction.atomic
def assessment_return(
    *, assessment: Assessment, manager, reasons: str, ratings: dict[str, str] | None = None
) -> AssessmentManagerDecision:
    """Return a submitted assessment to the worker with reasons; the return is kept."""
    assessment = _locked_for_decision(assessment, manager)
    if not (reasons or "").strip():
        raise ValidationError({"reasons": "Give the reasons for returning the assessment"})
    _bump(assessment, user=manager, status=AssessmentStatus.RETURNED)
    decision = AssessmentManagerDecision(
        assessment=assessment,
        manager=manager,
        decision=ManagerDecision.RETURNED,
        decided_at=timezone.now(),
        reasons=reasons,
        ratings=_clean_ratings(ratings),
    )
    decision.full_clean()
    decision.save()
    return decision
