"""Views for child protection: they translate HTTP to a service call and back."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.access.selectors import person_get_for_user
from safeguard.accounts.choices import Role
from safeguard.accounts.models import User
from safeguard.audit.services import audit_access_denied
from safeguard.casework.choices import Service
from safeguard.casework.models import Episode, PlanAction
from safeguard.child_protection import forms, selectors, services
from safeguard.child_protection.choices import EscalationDecision, StrategyDecision
from safeguard.child_protection.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    EscalationEvent,
    EscalationRule,
    ManagerAlert,
    Section47Enquiry,
    StrategyDiscussion,
)
from safeguard.core.forms import form_save
from safeguard.people.models import Person, Relationship


def _require(request, permission: Permission) -> None:
    if not user_has_permission(request.user, permission):
        raise PermissionDenied


def _record(request, queryset, pk, *, person_field: str = "person_id", purpose: str = "view"):
    """Return the record and its child if the user may see the child; an unknown id is
    refused the same way as a record the user may not see."""
    obj = queryset.filter(pk=pk).first() if str(pk).isdigit() else None
    if obj is None:
        audit_access_denied(
            user=request.user, object_type=queryset.model._meta.label_lower, object_id=str(pk)
        )
        raise PermissionDenied
    person_id = obj
    for part in person_field.split("."):
        person_id = getattr(person_id, part)
    person = person_get_for_user(user=request.user, person_id=person_id, purpose=purpose)
    return obj, person


def _cp_plan(request, pk, *, purpose="child protection plan"):
    return _record(
        request,
        ChildProtectionPlan.objects.active().select_related("plan"),
        pk,
        person_field="plan.person_id",
        purpose=purpose,
    )


def _form_page(request, form, *, title, person, **extra):
    context = {"form": form, "title": title, "person": person, **extra}
    return render(request, "child_protection/form.html", context)


def _family(person) -> set[int]:
    ids = {person.pk}
    for a, b in Relationship.objects.filter(person=person).values_list(
        "person_id", "related_person_id"
    ):
        ids.update((a, b))
    for a, b in Relationship.objects.filter(related_person=person).values_list(
        "person_id", "related_person_id"
    ):
        ids.update((a, b))
    return ids


def _without_attendees(data: dict) -> dict:
    """Return the form's data less its per-agency attendee fields, which go as attendees."""
    return {key: value for key, value in data.items() if not key.startswith("attendee_")}


def _chairs():
    return User.objects.filter(is_active=True, role=Role.CONFERENCE_CHAIR).order_by(
        "last_name", "first_name"
    )


# Escalations


@require_http_methods(["GET", "POST"])
def escalation_create(request, person_id):
    """Record an event that may call for child protection procedures (a disclosure, an injury)."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="escalation")
    rules = EscalationRule.objects.filter(is_active=True).order_by("name")
    triggers = list(dict.fromkeys((r.trigger, r.name) for r in rules))
    form = forms.EscalationRaiseForm(request.POST or None, triggers=triggers)
    saved, events = form_save(
        request, form, partial(services.escalation_raise, person=person, acting_user=request.user)
    )
    if saved:
        if events:
            messages.success(
                request,
                "Child protection procedures: a strategy discussion is due and your manager "
                "has been told",
            )
            return redirect(events[0])
        messages.info(request, "No escalation rule applies to this child for that event")
        return redirect(person)
    return _form_page(request, form, title="Record a child protection concern", person=person)


def escalation_detail(request, pk):
    event, person = _record(request, EscalationEvent.objects.select_related("rule"), pk)
    context = {
        "event": event,
        "person": person,
        "can_decide": user_has_permission(request.user, Permission.AUTHORISE)
        and event.decision == EscalationDecision.PENDING,
        "form": forms.EscalationNotStartedForm(),
    }
    return render(request, "child_protection/escalation_detail.html", context)


@require_POST
def escalation_not_started(request, pk):
    """Record a manager's reason not to start child protection procedures."""
    _require(request, Permission.AUTHORISE)
    event, person = _record(request, EscalationEvent.objects.select_related("rule"), pk)
    form = forms.EscalationNotStartedForm(request.POST)
    saved, _ = form_save(
        request,
        form,
        partial(services.escalation_record_not_started, event=event, acting_user=request.user),
    )
    if saved:
        messages.success(request, "Your decision and reason are recorded")
        return redirect(event)
    context = {"event": event, "person": person, "can_decide": True, "form": form}
    return render(request, "child_protection/escalation_detail.html", context, status=400)


# Strategy discussions and section 47 enquiries


@require_http_methods(["GET", "POST"])
def strategy_discussion_create(request, person_id):
    """Record a strategy discussion: who took part for each agency, and the decision."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="strategy")
    episode = (
        Episode.objects.active()
        .filter(person=person, service=Service.SOCIAL_CARE, closure_date__isnull=True)
        .order_by("-referral_date")
        .first()
    )
    form = forms.StrategyDiscussionForm(
        request.POST or None, initial={"held_on": timezone.localdate()}
    )
    if episode is None:
        # add_error updates cleaned_data, which an unbound form (a GET, an empty POST) lacks.
        if not hasattr(form, "cleaned_data"):
            form.cleaned_data = {}
        form.add_error(None, "Open a social care referral for this child first.")
    else:
        saved, discussion = form_save(
            request,
            form,
            lambda **data: services.strategy_discussion_record(
                person=person,
                episode=episode,
                attendees=form.attendees(),
                acting_user=request.user,
                **_without_attendees(data),
            ),
        )
        if saved:
            messages.success(request, "Strategy discussion recorded")
            return redirect(discussion)
    return _form_page(request, form, title="Record a strategy discussion", person=person)


def strategy_discussion_detail(request, pk):
    discussion, person = _record(
        request,
        StrategyDiscussion.objects.prefetch_related("attendees", "section_47_enquiries"),
        pk,
    )
    context = {
        "discussion": discussion,
        "person": person,
        "can_start_s47": discussion.decision == StrategyDecision.SECTION_47
        and user_has_permission(request.user, Permission.EDIT_CASE_RECORDS),
    }
    return render(request, "child_protection/strategy_discussion_detail.html", context)


@require_http_methods(["GET", "POST"])
def section_47_create(request, pk):
    """Start the section 47 enquiry a strategy discussion decided on."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    discussion, person = _record(request, StrategyDiscussion.objects.all(), pk)
    form = forms.Section47StartForm(
        request.POST or None, initial={"start_date": discussion.held_on}
    )
    saved, enquiry = form_save(
        request,
        form,
        partial(
            services.section_47_start, strategy_discussion=discussion, acting_user=request.user
        ),
    )
    if saved:
        messages.success(request, "Section 47 enquiry started")
        return redirect(enquiry)
    return _form_page(request, form, title="Start a section 47 enquiry", person=person)


def section_47_detail(request, pk):
    enquiry, person = _record(
        request, Section47Enquiry.objects.select_related("strategy_discussion"), pk
    )
    census = next(
        (
            c
            for c, e in zip(
                selectors.section_47_census(person_id=person.pk),
                Section47Enquiry.objects.active()
                .filter(person=person)
                .order_by("start_date", "pk"),
                strict=True,
            )
            if e.pk == enquiry.pk
        ),
        None,
    )
    can_edit = user_has_permission(request.user, Permission.EDIT_CASE_RECORDS)
    context = {
        "enquiry": enquiry,
        "person": person,
        "census": census,
        "conferences": enquiry.conferences.all(),
        "can_edit": can_edit,
        "form": forms.Section47OutcomeForm(),
    }
    return render(request, "child_protection/section_47_detail.html", context)


@require_POST
def section_47_conclude(request, pk):
    _require(request, Permission.EDIT_CASE_RECORDS)
    enquiry, person = _record(request, Section47Enquiry.objects.all(), pk)
    form = forms.Section47OutcomeForm(request.POST)
    saved, _ = form_save(
        request,
        form,
        partial(services.section_47_conclude, enquiry=enquiry, acting_user=request.user),
    )
    if saved:
        messages.success(request, "Outcome recorded")
        return redirect(enquiry)
    return _form_page(request, form, title="Outcome of the section 47 enquiry", person=person)


# Conferences


@require_http_methods(["GET", "POST"])
def initial_conference_create(request, pk):
    """Record the initial child protection conference; a plan decision starts the plan."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    enquiry, person = _record(request, Section47Enquiry.objects.all(), pk)
    adults = Person.objects.filter(pk__in=_family(person) - {person.pk})
    form = forms.InitialConferenceForm(request.POST or None, chairs=_chairs(), people=adults)
    saved, conference = form_save(
        request,
        form,
        lambda **data: services.conference_record_initial(
            section_47=enquiry,
            attendees=form.attendees(),
            acting_user=request.user,
            **_without_attendees(data),
        ),
    )
    if saved:
        messages.success(request, "Initial child protection conference recorded")
        plan = ChildProtectionPlan.objects.filter(initial_conference=conference).first()
        return redirect(plan or conference)
    return _form_page(
        request, form, title="Record the initial child protection conference", person=person
    )


def conference_detail(request, pk):
    conference, person = _record(
        request, ChildProtectionConference.objects.select_related("chair", "section_47"), pk
    )
    context = {"conference": conference, "person": person, "attendees": conference.attendees.all()}
    return render(request, "child_protection/conference_detail.html", context)


@require_http_methods(["GET", "POST"])
def review_conference_create(request, pk):
    """Record a review child protection conference."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    cp_plan, person = _cp_plan(request, pk)
    form = forms.ReviewConferenceForm(
        request.POST or None,
        chairs=_chairs(),
        initial={"category_of_abuse": cp_plan.latest_category_of_abuse},
    )
    saved, _ = form_save(
        request,
        form,
        lambda **data: services.conference_record_review(
            cp_plan=cp_plan,
            attendees=form.attendees(),
            acting_user=request.user,
            **_without_attendees(data),
        ),
    )
    if saved:
        messages.success(request, "Review conference recorded")
        return redirect(cp_plan)
    return _form_page(request, form, title="Record a review conference", person=person)


# Plans


def plan_detail(request, pk):
    """Show the plan: its actions (who, by when, for whom), its flags, meetings and visits."""
    cp_plan, person = _cp_plan(request, pk)
    if cp_plan.plan.is_open:
        services.plan_flags_refresh(plan=cp_plan.plan)
    cp_plan = selectors.cp_plan_detail(cp_plan_id=cp_plan.pk)
    context = {
        "cp_plan": cp_plan,
        "plan": cp_plan.plan,
        "person": person,
        "can_edit": user_has_permission(request.user, Permission.EDIT_CASE_RECORDS),
        "census": next(
            (
                c
                for c in selectors.cp_plan_census(person_id=person.pk)
                if c["CPPstartDate"] == cp_plan.plan.start_date
            ),
            None,
        ),
    }
    return render(request, "child_protection/plan_detail.html", context)


@require_http_methods(["GET", "POST"])
def plan_action_create(request, pk):
    """Add an action: what, who is responsible, by when, and for which children."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    cp_plan, person = _cp_plan(request, pk)
    family = Person.objects.filter(pk__in=_family(person)).order_by("last_name", "first_name")
    form = forms.PlanActionForm(
        request.POST or None,
        people=family.exclude(pk=person.pk),
        children=family.filter(kind="child"),
        workers=User.objects.filter(is_active=True).exclude(role=Role.PARTNER),
        initial={"children": [person.pk]},
    )
    saved, action = form_save(
        request,
        form,
        partial(services.plan_action_add, plan=cp_plan.plan, acting_user=request.user),
    )
    if saved:
        flags = cp_plan.plan.flags.filter(resolved_at__isnull=True, action=action)
        for flag in flags:
            messages.warning(request, f"Action added, but the plan cannot work: {flag.message}")
        if not flags:
            messages.success(request, "Action added and the plan checked")
        return redirect(cp_plan)
    return _form_page(request, form, title="Add an action to the plan", person=person)


@require_http_methods(["GET", "POST"])
def plan_action_update(request, pk, action_id):
    _require(request, Permission.EDIT_CASE_RECORDS)
    cp_plan, person = _cp_plan(request, pk)
    action = (
        PlanAction.objects.filter(pk=action_id, plan=cp_plan.plan).first()
        if str(action_id).isdigit()
        else None
    )
    if action is None:
        raise PermissionDenied
    form = forms.PlanActionUpdateForm(
        request.POST or None,
        initial={"status": action.status, "update_on": timezone.localdate()},
    )
    saved, _ = form_save(
        request, form, partial(services.plan_action_update, action=action, acting_user=request.user)
    )
    if saved:
        messages.success(request, "Action updated")
        return redirect(cp_plan)
    return _form_page(request, form, title=f"Update: {action.description[:80]}", person=person)


@require_http_methods(["GET", "POST"])
def plan_risks(request, pk):
    """Name the people the plan records as posing a risk."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    cp_plan, person = _cp_plan(request, pk)
    people = Person.objects.filter(pk__in=_family(person) - {person.pk})
    form = forms.PersonsPosingRiskForm(
        request.POST or None,
        people=people,
        initial={"persons": list(cp_plan.persons_posing_risk.values_list("pk", flat=True))},
    )
    saved, _ = form_save(
        request,
        form,
        partial(services.plan_persons_posing_risk_set, cp_plan=cp_plan, acting_user=request.user),
    )
    if saved:
        messages.success(request, "People posing a risk updated and the plan checked")
        return redirect(cp_plan)
    return _form_page(request, form, title="People posing a risk", person=person)


@require_http_methods(["GET", "POST"])
def core_group_create(request, pk):
    _require(request, Permission.EDIT_CASE_RECORDS)
    cp_plan, person = _cp_plan(request, pk)
    form = forms.CoreGroupForm(request.POST or None)
    saved, _ = form_save(
        request,
        form,
        partial(services.core_group_record, plan=cp_plan.plan, acting_user=request.user),
    )
    if saved:
        messages.success(request, "Core group meeting recorded")
        return redirect(cp_plan)
    return _form_page(request, form, title="Record a core group meeting", person=person)


@require_http_methods(["GET", "POST"])
def visit_create(request, pk):
    """Record a child protection visit to a child on the plan, and whether seen alone."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    cp_plan, person = _cp_plan(request, pk)
    children = Person.objects.filter(pk__in=services.plan_child_ids(cp_plan.plan))
    form = forms.CPVisitForm(
        request.POST or None,
        children=children,
        initial={"child": person.pk, "visit_date": timezone.localdate()},
    )
    saved, _ = form_save(
        request,
        form,
        partial(
            services.cp_visit_record,
            plan=cp_plan.plan,
            worker=request.user,
            acting_user=request.user,
        ),
    )
    if saved:
        messages.success(request, "Visit recorded")
        return redirect(cp_plan)
    return _form_page(request, form, title="Record a child protection visit", person=person)


@require_http_methods(["GET", "POST"])
def plan_end(request, pk):
    """End the plan with its reason and start the step-down plan."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    cp_plan, person = _cp_plan(request, pk)
    form = forms.PlanEndForm(request.POST or None)
    saved, _ = form_save(
        request, form, partial(services.cp_plan_end, cp_plan=cp_plan, acting_user=request.user)
    )
    if saved:
        messages.success(request, "Plan ended")
        return redirect(cp_plan)
    return _form_page(request, form, title="End the child protection plan", person=person)


# The manager's view


def manager_view(request):
    """Show the team manager the team's flagged plans, escalations awaiting a decision,
    unread alerts and repeat plans."""
    _require(request, Permission.VIEW_TEAM_WORK)
    team = request.user.team
    if team is None:
        raise PermissionDenied
    today = timezone.localdate()
    context = {
        "team": team,
        "flagged": selectors.flagged_plans_for_team(team=team),
        "escalations": list(selectors.escalations_pending_for_manager(manager=request.user)),
        "alerts": list(selectors.alerts_for_manager(manager=request.user)),
        "repeat_plans": list(selectors.repeat_plans_for_team(team=team)),
        "repeat_counts": selectors.repeat_plans_count(
            started_from=today.replace(year=today.year - 1), started_to=today, team=team
        ),
    }
    return render(request, "child_protection/manager.html", context)


@require_POST
def alert_read(request, pk):
    alert = (
        ManagerAlert.objects.filter(pk=pk, manager=request.user).first()
        if str(pk).isdigit()
        else None
    )
    if alert is None:
        raise PermissionDenied
    services.manager_alert_mark_read(alert=alert, acting_user=request.user)
    return redirect("child_protection:manager")
