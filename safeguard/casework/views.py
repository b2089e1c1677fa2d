"""Casework pages: visits, notes, oversight, plans, chronology, step-up/down, closure, drafts.

Views translate HTTP to a service call and back; a child's record is reached only through the
access selectors, and a record by id only after its child's record is.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.access.selectors import person_get_for_user
from safeguard.accounts.models import User
from safeguard.audit.services import audit_access_denied
from safeguard.casework import services
from safeguard.casework.choices import ClosureStatus, PlanKind, Service
from safeguard.casework.forms import (
    CaseNoteForm,
    ChronologyFilterForm,
    ClosureDecisionForm,
    ClosureRequestForm,
    EarlyHelpOpenForm,
    ManualEntryForm,
    OversightForm,
    PlanActionForm,
    PlanActionUpdateForm,
    PlanEndForm,
    PlanForm,
    PlanReviewForm,
    StepDownForm,
    StepUpForm,
    VisitForm,
)
from safeguard.casework.models import (
    CaseClosure,
    CaseNote,
    Episode,
    ManagementOversight,
    Plan,
    PlanAction,
    Visit,
)
from safeguard.casework.selectors import (
    caseload_person_ids,
    chronology_for_person,
    closure_overrides,
    closures_awaiting_approval,
    plan_detail,
    visits_overview,
)
from safeguard.core.forms import form_save
from safeguard.people.models import Person, Relationship


def _require(request, permission: Permission) -> None:
    if not user_has_permission(request.user, permission):
        raise PermissionDenied


def _record(request, model, pk, *, purpose="view"):
    """Return the record and its child if the user may see the child; else PermissionDenied
    (an unknown id is refused the same way, so a refusal reveals nothing)."""
    obj = model.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if obj is None:
        audit_access_denied(
            user=request.user, object_type=model._meta.label_lower, object_id=str(pk)
        )
        raise PermissionDenied
    person = person_get_for_user(user=request.user, person_id=obj.person_id, purpose=purpose)
    return obj, person


def _with_draft(request, form_class, *, form_key, object_key, initial=None, **kwargs):
    """Bind the form to the POST, or on GET to the user's saved draft if there is one.

    Return the form and the drafting context its page needs: the draft's keys and the draft.
    """
    keys = {"form_key": form_key, "object_key": object_key}
    if request.method == "POST":
        return form_class(request.POST, **kwargs), {**keys, "draft": None}
    draft = services.draft_get(user=request.user, **keys)
    if draft:
        initial = {**(initial or {}), **draft.data}
    return form_class(initial=initial, **kwargs), {**keys, "draft": draft}


def _draft_discard(request, drafting) -> None:
    """Drop the user's draft once what it held is saved."""
    services.draft_discard(
        user=request.user, form_key=drafting["form_key"], object_key=drafting["object_key"]
    )


def _form_page(request, form, *, title, person, form_key="", object_key="", draft=None, **extra):
    context = {
        "form": form,
        "title": title,
        "person": person,
        "form_key": form_key,
        "object_key": object_key,
        "draft": draft,
        **extra,
    }
    return render(request, "casework/form.html", context)


def _current_episode(person, service=None):
    episodes = Episode.objects.active().filter(person=person, closure_date__isnull=True)
    if service:
        episodes = episodes.filter(service=service)
    return episodes.order_by("-referral_date").first()


# Drafts ----

_NOT_DRAFT = {"csrfmiddlewaretoken", "form_key", "object_key"}


@login_not_required
@require_POST
def draft_save(request):
    """Save what the user has typed so far (called by HTMX as they type).

    After a session times out, the page still open in the browser keeps calling this; it says
    so in the status line (rather than swapping the sign-in page into it). Everything saved
    before the time-out is kept and comes back when the form is opened again.
    """
    if not request.user.is_authenticated:
        return HttpResponse(
            "Your session has ended. What you typed before is kept as your draft: sign in "
            "again and re-open this form to carry on."
        )
    _require(request, Permission.EDIT_CASE_RECORDS)
    form_key = request.POST.get("form_key", "")
    object_key = request.POST.get("object_key", "")
    if not form_key or not object_key:
        return HttpResponse("Draft not saved", status=400)
    data = {
        key: values if len(values) > 1 else values[0]
        for key, values in request.POST.lists()
        if key not in _NOT_DRAFT
    }
    services.draft_save(user=request.user, form_key=form_key, object_key=object_key, data=data)
    stamp = timezone.localtime()
    return HttpResponse(f"Draft saved at {stamp:%H:%M:%S}")


# Visits, notes, oversight ----


@require_http_methods(["GET", "POST"])
def visit_create(request, person_id):
    """Record a visit to a child."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="record visit")
    form, drafting = _with_draft(
        request,
        VisitForm,
        form_key="casework.visit_create",
        object_key=f"person:{person.pk}",
        initial={"visit_date": timezone.localdate()},
    )
    saved, visit = form_save(
        request,
        form,
        lambda **data: services.visit_record(
            person=person,
            worker=request.user,
            acting_user=request.user,
            episode=_current_episode(person),
            **data,
        ),
    )
    if saved:
        _draft_discard(request, drafting)
        messages.success(request, "Visit recorded")
        return redirect(visit)
    title = f"Record a visit to {person.full_name}"
    return _form_page(request, form, title=title, person=person, **drafting)


def visit_detail(request, pk):
    visit, person = _record(request, Visit, pk)
    return render(request, "casework/visit_detail.html", {"visit": visit, "person": person})


@require_http_methods(["GET", "POST"])
def note_create(request, person_id):
    """Add a case note."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="add note")
    form, drafting = _with_draft(
        request, CaseNoteForm, form_key="casework.note_create", object_key=f"person:{person.pk}"
    )
    saved, note = form_save(
        request,
        form,
        lambda **data: services.case_note_add(
            person=person, author=request.user, episode=_current_episode(person), **data
        ),
    )
    if saved:
        _draft_discard(request, drafting)
        messages.success(request, "Case note added")
        return redirect(note)
    title = f"Add a case note for {person.full_name}"
    return _form_page(request, form, title=title, person=person, **drafting)


def note_detail(request, pk):
    note, person = _record(request, CaseNote, pk)
    return render(request, "casework/note_detail.html", {"note": note, "person": person})


@require_http_methods(["GET", "POST"])
def oversight_create(request, person_id):
    """Record management oversight of a child's case."""
    _require(request, Permission.AUTHORISE)
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="oversight")
    form, drafting = _with_draft(
        request,
        OversightForm,
        form_key="casework.oversight_create",
        object_key=f"person:{person.pk}",
    )
    saved, oversight = form_save(
        request,
        form,
        lambda **data: services.management_oversight_record(
            person=person, manager=request.user, episode=_current_episode(person), **data
        ),
    )
    if saved:
        _draft_discard(request, drafting)
        messages.success(request, "Management oversight recorded")
        return redirect(oversight)
    title = f"Management oversight for {person.full_name}"
    return _form_page(request, form, title=title, person=person, **drafting)


def oversight_detail(request, pk):
    oversight, person = _record(request, ManagementOversight, pk)
    return render(
        request, "casework/oversight_detail.html", {"oversight": oversight, "person": person}
    )


def visits(request):
    """Children on my caseload (or my team's) with when they were last seen and next due;
    disabled children not seen within their visit interval are highlighted first."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    rows = visits_overview(person_ids=caseload_person_ids(user=request.user))
    context = {"rows": rows}
    if user_has_permission(request.user, Permission.AUTHORISE):
        from safeguard.assessments.selectors import assessments_awaiting_authorisation

        team = request.user.team
        context["awaiting_assessments"] = list(assessments_awaiting_authorisation(team=team)[:50])
        context["awaiting_closures"] = list(closures_awaiting_approval(team=team)[:50])
    return render(request, "casework/visits.html", context)


# Chronology ----


def chronology(request, person_id):
    """The child's chronology, filterable by category and date; prints cleanly."""
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="chronology")
    form = ChronologyFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {
            "categories": form.cleaned_data["category"],
            "date_from": form.cleaned_data["date_from"],
            "date_to": form.cleaned_data["date_to"],
        }
    failures: list[str] = []
    entries = chronology_for_person(person_id=person.pk, failures=failures, **filters)
    context = {
        "person": person,
        "form": form,
        "entries": entries,
        "failures": failures,
        "can_edit": user_has_permission(request.user, Permission.EDIT_CASE_RECORDS),
        "printed_at": timezone.localtime(),
    }
    return render(request, "casework/chronology.html", context)


@require_http_methods(["GET", "POST"])
def manual_entry_create(request, person_id):
    """Add a manual entry to the child's chronology."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="chronology")
    form = ManualEntryForm(request.POST or None)
    saved, _ = form_save(
        request,
        form,
        partial(services.manual_chronology_entry_add, person=person, author=request.user),
    )
    if saved:
        messages.success(request, "Chronology entry added")
        return redirect("casework:chronology", person_id=person.pk)
    return _form_page(request, form, title="Add a chronology entry", person=person)


# Plans ----


@require_http_methods(["GET", "POST"])
def plan_create(request, person_id):
    """Start a child in need or early help plan."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="plan")
    form, drafting = _with_draft(
        request, PlanForm, form_key="casework.plan_create", object_key=f"person:{person.pk}"
    )

    def start(**data):
        service = Service.EARLY_HELP if data["kind"] == "early_help" else Service.SOCIAL_CARE
        return services.plan_start(
            person=person,
            acting_user=request.user,
            episode=_current_episode(person, service),
            **data,
        )

    saved, plan = form_save(request, form, start)
    if saved:
        _draft_discard(request, drafting)
        messages.success(request, f"{plan.get_kind_display()} started: now add its actions")
        return redirect(plan)
    title = f"Start a plan for {person.full_name}"
    return _form_page(request, form, title=title, person=person, **drafting)


def _child_protection_page(plan):
    """Return a redirect to the child protection plan's own page, or None for other plans.

    A child protection plan is worked on its own pages, where its actions are checked against
    the record and it ends with a step-down plan; casework's generic plan pages must not
    bypass that.
    """
    if plan.kind != PlanKind.CHILD_PROTECTION:
        return None
    detail = getattr(plan, "child_protection", None)
    return redirect("child_protection:plan", pk=detail.pk) if detail is not None else None


def plan_view(request, pk):
    plan, person = _record(request, Plan, pk)
    if elsewhere := _child_protection_page(plan):
        return elsewhere
    context = {
        "plan": plan_detail(plan_id=plan.pk),
        "person": person,
        "can_edit": user_has_permission(request.user, Permission.EDIT_CASE_RECORDS),
    }
    return render(request, "casework/plan_detail.html", context)


def _household(person):
    ids = set(
        Relationship.objects.filter(related_person=person).values_list("person_id", flat=True)
    ) | set(Relationship.objects.filter(person=person).values_list("related_person_id", flat=True))
    return Person.objects.filter(pk__in=ids | {person.pk}).order_by("last_name", "first_name")


@require_http_methods(["GET", "POST"])
def plan_action_create(request, pk):
    """Add an action to a plan, with a named person responsible and a due date."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    plan, person = _record(request, Plan, pk, purpose="plan")
    if elsewhere := _child_protection_page(plan):
        return elsewhere
    kwargs = {
        "workers": User.objects.filter(is_active=True).order_by("last_name", "first_name"),
        "people": _household(person),
    }
    form = PlanActionForm(request.POST or None, **kwargs)
    saved, _ = form_save(
        request, form, partial(services.plan_action_add, plan=plan, acting_user=request.user)
    )
    if saved:
        messages.success(request, "Action added")
        return redirect(plan)
    return _form_page(request, form, title=f"Add an action to the {plan}", person=person)


@require_http_methods(["GET", "POST"])
def plan_action_update(request, pk):
    _require(request, Permission.EDIT_CASE_RECORDS)
    action = (
        PlanAction.objects.select_related("plan").filter(pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if action is None:
        raise PermissionDenied
    plan, person = _record(request, Plan, action.plan_id, purpose="plan")
    form = PlanActionUpdateForm(
        request.POST or None, initial={"status": action.status, "on": timezone.localdate()}
    )
    saved, _ = form_save(
        request, form, partial(services.plan_action_update, action=action, acting_user=request.user)
    )
    if saved:
        messages.success(request, "Action updated")
        return redirect(plan)
    return _form_page(request, form, title=f"Update: {action.description[:80]}", person=person)


@require_http_methods(["GET", "POST"])
def plan_review_create(request, pk):
    """Record a review of a plan."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    plan, person = _record(request, Plan, pk, purpose="plan")
    if elsewhere := _child_protection_page(plan):
        return elsewhere
    form, drafting = _with_draft(
        request, PlanReviewForm, form_key="casework.plan_review", object_key=f"plan:{plan.pk}"
    )
    saved, _ = form_save(
        request, form, partial(services.plan_review_record, plan=plan, acting_user=request.user)
    )
    if saved:
        _draft_discard(request, drafting)
        messages.success(request, "Review recorded")
        return redirect(plan)
    return _form_page(request, form, title=f"Review of the {plan}", person=person, **drafting)


@require_http_methods(["GET", "POST"])
def plan_end(request, pk):
    _require(request, Permission.EDIT_CASE_RECORDS)
    plan, person = _record(request, Plan, pk, purpose="plan")
    if elsewhere := _child_protection_page(plan):
        return elsewhere
    form = PlanEndForm(request.POST or None)
    saved, _ = form_save(
        request, form, partial(services.plan_end, plan=plan, acting_user=request.user)
    )
    if saved:
        messages.success(request, "Plan ended")
        return redirect(plan)
    return _form_page(request, form, title=f"End the {plan}", person=person)


# Episodes: early help, step-up, step-down ----


@require_http_methods(["GET", "POST"])
def early_help_open(request, person_id):
    """Open early help on the child's record."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="early help")
    form = EarlyHelpOpenForm(request.POST or None, initial={"start_date": timezone.localdate()})
    saved, _ = form_save(
        request,
        form,
        partial(
            services.early_help_episode_open,
            person=person,
            team=request.user.team,
            acting_user=request.user,
        ),
    )
    if saved:
        messages.success(request, "Early help opened")
        return redirect(person)
    return _form_page(request, form, title=f"Open early help for {person.full_name}", person=person)


@require_http_methods(["GET", "POST"])
def step_up(request, pk):
    """Step a child up from early help to social care, keeping the history."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    episode, person = _record(request, Episode, pk, purpose="step up")
    form = StepUpForm(request.POST or None, initial={"referral_date": timezone.localdate()})
    saved, _ = form_save(
        request, form, partial(services.episode_step_up, episode=episode, acting_user=request.user)
    )
    if saved:
        messages.success(request, "Stepped up to children's social care")
        return redirect(person)
    return _form_page(request, form, title="Step up to children's social care", person=person)


@require_http_methods(["GET", "POST"])
def step_down(request, pk):
    """Step a child down from social care to early help (a manager's decision)."""
    _require(request, Permission.AUTHORISE)
    episode, person = _record(request, Episode, pk, purpose="step down")
    form = StepDownForm(request.POST or None, initial={"on": timezone.localdate()})
    saved, _ = form_save(
        request, form, partial(services.episode_step_down, episode=episode, manager=request.user)
    )
    if saved:
        messages.success(request, "Stepped down to early help")
        return redirect(person)
    return _form_page(request, form, title="Step down to early help", person=person)


# Closure ----


@require_http_methods(["GET", "POST"])
def closure_request(request, pk):
    """Ask a manager to close a case."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    episode, person = _record(request, Episode, pk, purpose="close case")
    form, drafting = _with_draft(
        request,
        ClosureRequestForm,
        form_key="casework.closure_request",
        object_key=f"episode:{episode.pk}",
        initial={"closure_date": timezone.localdate()},
    )
    saved, closure = form_save(
        request,
        form,
        partial(services.closure_request, episode=episode, requested_by=request.user),
    )
    if saved:
        _draft_discard(request, drafting)
        messages.success(request, "Closure sent to your manager for approval")
        return redirect(closure)
    open_items = services.closure_open_items(episode=episode) if episode.is_open else []
    title = f"Close the case for {person.full_name}"
    return _form_page(request, form, title=title, person=person, open_items=open_items, **drafting)


@require_http_methods(["GET", "POST"])
def closure_detail(request, pk):
    """A closure request; a manager approves or refuses it here."""
    closure, person = _record(request, CaseClosure, pk)
    can_decide = (
        user_has_permission(request.user, Permission.AUTHORISE)
        and closure.status == ClosureStatus.REQUESTED
    )
    form = ClosureDecisionForm(request.POST or None) if can_decide else None
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied

        def decide(*, decision, decision_note):
            if decision == "approve":
                services.closure_approve(closure=closure, manager=request.user, note=decision_note)
                return "Closure approved: the case is closed"
            services.closure_refuse(closure=closure, manager=request.user, note=decision_note)
            return "Closure refused: the case stays open"

        saved, message = form_save(request, form, decide)
        if saved:
            messages.success(request, message)
            return redirect(closure)
    context = {"closure": closure, "person": person, "form": form}
    return render(request, "casework/closure_detail.html", context)


def closure_override_report(request):
    """Closures approved with items still open: the report for senior managers."""
    _require(request, Permission.VIEW_PERFORMANCE)
    return render(
        request, "casework/closure_overrides.html", {"closures": list(closure_overrides()[:500])}
    )
