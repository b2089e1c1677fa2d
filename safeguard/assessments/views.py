"""Assessment pages: start, write (drafts kept, no silent overwrites), submit, manager's gate."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.access.selectors import person_get_for_user
from safeguard.assessments import services
from safeguard.assessments.choices import AssessmentStatus
from safeguard.assessments.forms import AssessmentForm, ManagerDecisionForm, StartAssessmentForm
from safeguard.assessments.models import Assessment
from safeguard.assessments.selectors import (
    assessment_checklist,
    assessment_detail,
    assessments_awaiting_authorisation,
    previous_assessments,
)
from safeguard.audit.services import audit_access_denied
from safeguard.casework.models import Episode
from safeguard.casework.services import draft_discard, draft_get, draft_save
from safeguard.core.forms import add_service_errors, form_save
from safeguard.people.selectors import person_record

FORM_KEY = "assessments.assessment_edit"


def _require(request, permission: Permission) -> None:
    if not user_has_permission(request.user, permission):
        raise PermissionDenied


def _assessment(request, pk, *, purpose="view assessment"):
    exists = str(pk).isdigit() and Assessment.objects.filter(pk=pk).exists()
    if not exists:
        audit_access_denied(
            user=request.user, object_type="assessments.assessment", object_id=str(pk)
        )
        raise PermissionDenied
    assessment = assessment_detail(assessment_id=pk)
    person = person_get_for_user(user=request.user, person_id=assessment.person_id, purpose=purpose)
    return assessment, person


@require_http_methods(["GET", "POST"])
def start(request, episode_id):
    """Start an assessment on an episode (single assessment, or early help assessment)."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    episode = Episode.objects.filter(pk=episode_id).first() if str(episode_id).isdigit() else None
    if episode is None:
        raise PermissionDenied
    person = person_get_for_user(user=request.user, person_id=episode.person_id, purpose="assess")
    form = StartAssessmentForm(request.POST or None, initial={"start_date": episode.referral_date})
    saved, assessment = form_save(
        request, form, partial(services.assessment_start, episode=episode, worker=request.user)
    )
    if saved:
        return redirect("assessments:edit", pk=assessment.pk)
    return render(
        request, "assessments/start.html", {"form": form, "person": person, "episode": episode}
    )


def detail(request, pk):
    """The whole assessment, its checklist and every manager decision: prints cleanly."""
    assessment, person = _assessment(request, pk)
    context = {
        "assessment": assessment,
        "person": person,
        "checklist": assessment_checklist(assessment=assessment),
        "can_edit": user_has_permission(request.user, Permission.EDIT_CASE_RECORDS)
        and assessment.status in (AssessmentStatus.IN_PROGRESS, AssessmentStatus.RETURNED),
        "can_decide": user_has_permission(request.user, Permission.AUTHORISE)
        and assessment.status == AssessmentStatus.SUBMITTED,
    }
    return render(request, "assessments/detail.html", context)


def _initial(assessment: Assessment) -> dict:
    initial = {field: getattr(assessment, field) for field in services.EDITABLE_FIELDS}
    initial["factors"] = [f.code for f in assessment.factors.all()]
    initial["version"] = assessment.version
    return initial


def _post_data(request) -> dict:
    return {
        key: values if key == "factors" or len(values) > 1 else values[0]
        for key, values in request.POST.lists()
        if key != "csrfmiddlewaretoken"
    }


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    """Write the assessment. Typing is saved as a draft; a save over someone else's newer save
    is refused and the typed text kept as this user's draft."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    assessment, person = _assessment(request, pk, purpose="edit assessment")
    object_key = f"assessment:{assessment.pk}"
    if assessment.status not in (AssessmentStatus.IN_PROGRESS, AssessmentStatus.RETURNED):
        messages.info(request, f"This assessment is {assessment.get_status_display().lower()}")
        return redirect(assessment)
    draft, conflict = None, None
    if request.method == "POST":
        form = AssessmentForm(request.POST, kind=assessment.kind)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version, factors = data.pop("version"), data.pop("factors", None)
            try:
                services.assessment_update(
                    assessment_id=assessment.pk,
                    expected_version=version,
                    user=request.user,
                    data=data,
                    factors=factors,
                )
            except services.EditConflict as error:
                conflict = error.assessment
                kept = _post_data(request)
                # Their text is kept, now against the version they have been shown.
                kept["version"] = str(conflict.version)
                draft = draft_save(
                    user=request.user,
                    form_key=FORM_KEY,
                    object_key=object_key,
                    data=kept,
                    reason="kept after an edit conflict",
                )
                bound = request.POST.copy()
                bound["version"] = str(conflict.version)
                form = AssessmentForm(bound, kind=assessment.kind)
                form.is_valid()
                form.add_error(None, error.messages)
                assessment = assessment_detail(assessment_id=assessment.pk)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                draft_discard(user=request.user, form_key=FORM_KEY, object_key=object_key)
                messages.success(request, "Assessment saved")
                if "submit" in request.POST:
                    return redirect("assessments:submit", pk=assessment.pk)
                return redirect(assessment)
    else:
        draft = draft_get(user=request.user, form_key=FORM_KEY, object_key=object_key)
        initial = _initial(assessment)
        if draft:
            initial.update(draft.data)
        form = AssessmentForm(initial=initial, kind=assessment.kind)
    known = person_record(person=person)
    context = {
        "form": form,
        "assessment": assessment,
        "person": person,
        "draft": draft,
        "conflict": conflict,
        "form_key": FORM_KEY,
        "object_key": object_key,
        "known": known,
        "previous": previous_assessments(assessment=assessment),
        "returns": [d for d in assessment.manager_decisions.all() if d.decision == "returned"],
    }
    return render(request, "assessments/edit.html", context)


@require_http_methods(["GET", "POST"])
def submit(request, pk):
    """Confirm and send the assessment to a manager."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    assessment, person = _assessment(request, pk, purpose="submit assessment")
    error = None
    if request.method == "POST":
        try:
            services.assessment_submit(assessment=assessment, user=request.user)
        except ValidationError as exc:
            error = exc
        else:
            messages.success(request, "Sent to your manager for authorisation")
            return redirect(assessment)
    context = {
        "assessment": assessment,
        "person": person,
        "error": error,
        "checklist": assessment_checklist(assessment=assessment),
    }
    return render(request, "assessments/submit.html", context)


@require_http_methods(["GET", "POST"])
def review(request, pk):
    """The manager's quality gate: rate each part, authorise, or return with reasons."""
    _require(request, Permission.AUTHORISE)
    assessment, person = _assessment(request, pk, purpose="authorise assessment")
    checklist = assessment_checklist(assessment=assessment)
    form = ManagerDecisionForm(request.POST or None, checklist=checklist)

    def decide(*, decision, reasons, **_ratings):
        if decision == "authorise":
            services.assessment_authorise(
                assessment=assessment, manager=request.user, ratings=form.ratings(), note=reasons
            )
            return "Assessment authorised"
        services.assessment_return(
            assessment=assessment, manager=request.user, reasons=reasons, ratings=form.ratings()
        )
        return "Assessment returned to the worker"

    saved, message = form_save(request, form, decide)
    if saved:
        messages.success(request, message)
        return redirect(assessment)
    context = {"form": form, "assessment": assessment, "person": person, "checklist": checklist}
    return render(request, "assessments/review.html", context)


def awaiting(request):
    """Assessments waiting for a manager's decision, oldest first."""
    _require(request, Permission.AUTHORISE)
    rows = list(assessments_awaiting_authorisation(team=request.user.team)[:200])
    return render(request, "assessments/awaiting.html", {"rows": rows, "now": timezone.now()})
