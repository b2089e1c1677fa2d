"""Writes to the casework record: visits, notes, oversight, plans, step-up/down, closure, drafts.

Every service validates before it saves, writes its audit row in the same transaction and
recomputes the child's clocks when it changes something a clock reads.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_change, snapshot
from safeguard.casework.choices import (
    ActionStatus,
    CaseNoteType,
    ChronologyCategory,
    ClosureBasis,
    ClosureStatus,
    EpisodeTransition,
    PlanEndReason,
    PlanKind,
    Service,
    VisitLocation,
    VisitType,
)
from safeguard.casework.closure import CAPACITY_MESSAGE, CLOSURE_CHECKS, capacity_reason_in
from safeguard.casework.models import (
    CaseClosure,
    CaseNote,
    Draft,
    Episode,
    ManagementOversight,
    ManualChronologyEntry,
    Plan,
    PlanAction,
    PlanReview,
    Visit,
)
from safeguard.compliance.models import Clock
from safeguard.compliance.services import clocks_recompute
from safeguard.core.forms import today
from safeguard.reference_data.cin_codes import ClosureReason


def _not_in_future(value: date | None, field: str, label: str) -> None:
    if value is not None and value > today():
        raise ValidationError({field: f"{label} must be today or in the past"})


def _require(user, permission: Permission, message: str) -> None:
    if not user_has_permission(user, permission):
        raise ValidationError(message)


def _save_new(instance, *, user, person_id: int, summary: str = ""):
    instance.created_by = instance.modified_by = user if user and user.pk else None
    instance.full_clean()
    instance.save()
    audit_change(
        user=user,
        instance=instance,
        action=AuditAction.CREATE,
        person_id=person_id,
        summary=summary,
    )
    return instance


# Visits, notes and oversight ----


@transaction.atomic
def visit_record(
    *,
    person,
    worker,
    visit_date: date,
    visit_type: str = VisitType.CHILD_IN_NEED,
    is_planned: bool = True,
    child_seen: bool = True,
    child_seen_alone: bool = False,
    seen_with: str = "",
    reason_not_seen: str = "",
    location: str = VisitLocation.HOME,
    location_detail: str = "",
    observations: str = "",
    childs_views: str = "",
    episode: Episode | None = None,
    acting_user=None,
) -> Visit:
    """Record a visit to a child and recompute the visit clocks it may satisfy."""
    _not_in_future(visit_date, "visit_date", "The date of the visit")
    errors = {}
    if not child_seen and not reason_not_seen.strip():
        errors["reason_not_seen"] = "Say why the child was not seen"
    if child_seen_alone and not child_seen:
        errors["child_seen_alone"] = "A child not seen cannot have been seen alone"
    if episode is not None and episode.person_id != person.pk:
        errors["episode"] = "The episode belongs to another child"
    if errors:
        raise ValidationError(errors)
    visit = Visit(
        person=person,
        episode=episode,
        worker=worker,
        visit_date=visit_date,
        visit_type=visit_type,
        is_planned=is_planned,
        child_seen=child_seen,
        child_seen_alone=child_seen_alone,
        seen_with=seen_with,
        reason_not_seen=reason_not_seen,
        location=location,
        location_detail=location_detail,
        observations=observations,
        childs_views=childs_views,
    )
    _save_new(visit, user=acting_user or worker, person_id=person.pk, summary=str(visit))
    clocks_recompute(person_ids=[person.pk])
    return visit


@transaction.atomic
def case_note_add(
    *,
    person,
    author,
    subject: str,
    body: str,
    occurred_at: datetime | None = None,
    note_type: str = CaseNoteType.CASE_NOTE,
    episode: Episode | None = None,
) -> CaseNote:
    """Add a case note to a child's record."""
    occurred_at = occurred_at or timezone.now()
    if occurred_at > timezone.now():
        raise ValidationError({"occurred_at": "A case note records something that has happened"})
    note = CaseNote(
        person=person,
        episode=episode,
        author=author,
        subject=subject,
        body=body,
        occurred_at=occurred_at,
        note_type=note_type,
    )
    return _save_new(note, user=author, person_id=person.pk, summary=str(note))


@transaction.atomic
def management_oversight_record(
    *,
    person,
    manager,
    reasoning: str,
    direction: str = "",
    review_by: date | None = None,
    episode: Episode | None = None,
) -> ManagementOversight:
    """Record a manager's oversight of a child's case."""
    _require(manager, Permission.AUTHORISE, "Only a manager can record management oversight")
    if review_by is not None and review_by < today():
        raise ValidationError({"review_by": "The review date must be today or later"})
    oversight = ManagementOversight(
        person=person,
        episode=episode,
        manager=manager,
        reasoning=reasoning,
        direction=direction,
        review_by=review_by,
        recorded_at=timezone.now(),
    )
    return _save_new(oversight, user=manager, person_id=person.pk, summary=str(oversight))


@transaction.atomic
def manual_chronology_entry_add(
    *, person, author, occurred_on: date, category: str, title: str, detail: str = ""
) -> ManualChronologyEntry:
    """Add an entry to a child's chronology for an event no other record holds."""
    _not_in_future(occurred_on, "occurred_on", "The date of the event")
    if category not in ChronologyCategory.values:
        raise ValidationError({"category": "Choose a category"})
    entry = ManualChronologyEntry(
        person=person,
        author=author,
        occurred_on=occurred_on,
        category=category,
        title=title,
        detail=detail,
    )
    return _save_new(entry, user=author, person_id=person.pk, summary=title)


# Plans ----


# Plans that belong to one service's episode.
_PLAN_SERVICE = {
    PlanKind.CHILD_IN_NEED: Service.SOCIAL_CARE,
    PlanKind.EARLY_HELP: Service.EARLY_HELP,
}


@transaction.atomic
def plan_start(
    *,
    person,
    kind: str,
    start_date: date,
    acting_user,
    episode: Episode | None = None,
    outcomes_sought: str = "",
    previous_plan: Plan | None = None,
) -> Plan:
    """Start a plan for a child and recompute the clocks it starts."""
    _not_in_future(start_date, "start_date", "The plan start date")
    if episode is not None and episode.person_id != person.pk:
        raise ValidationError({"episode": "The episode belongs to another child"})
    needs = _PLAN_SERVICE.get(kind)
    if needs and (episode is None or not episode.is_open or episode.service != needs):
        raise ValidationError(
            {
                "kind": f"A {PlanKind(kind).label.lower()} needs an open "
                f"{Service(needs).label.lower()} episode on {person.full_name}'s record"
            }
        )
    if Plan.objects.active().filter(person=person, kind=kind, end_date__isnull=True).exists():
        raise ValidationError(
            {"kind": f"{person.full_name} already has an open {PlanKind(kind).label.lower()}"}
        )
    plan = Plan(
        person=person,
        kind=kind,
        start_date=start_date,
        episode=episode,
        outcomes_sought=outcomes_sought,
        previous_plan=previous_plan,
    )
    _save_new(plan, user=acting_user, person_id=person.pk, summary=str(plan))
    clocks_recompute(person_ids=[person.pk])
    return plan


@transaction.atomic
def plan_end(*, plan: Plan, end_date: date, end_reason: str, acting_user) -> Plan:
    """End a plan with a reason; its clocks are cancelled."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.end_date is not None:
        raise ValidationError(f"This plan already ended on {plan.end_date:%d %B %Y}")
    _not_in_future(end_date, "end_date", "The plan end date")
    if end_date < plan.start_date:
        raise ValidationError({"end_date": "The plan cannot end before it started"})
    if not end_reason:
        raise ValidationError({"end_reason": "Give the reason the plan ended"})
    before = snapshot(plan)
    plan.end_date, plan.end_reason, plan.modified_by = end_date, end_reason, acting_user
    plan.full_clean()
    plan.save()
    audit_change(
        user=acting_user,
        instance=plan,
        action=AuditAction.UPDATE,
        person_id=plan.person_id,
        before=before,
        summary=f"Plan ended: {plan.get_end_reason_display()}",
    )
    clocks_recompute(person_ids=[plan.person_id])
    return plan


@transaction.atomic
def plan_action_add(
    *,
    plan: Plan,
    description: str,
    due_date: date | None,
    acting_user,
    responsible_person=None,
    responsible_worker=None,
    children=(),
) -> PlanAction:
    """Add an action to a plan: it must have one named owner and a due date."""
    errors = {}
    if not (description or "").strip():
        errors["description"] = "Say what will be done"
    if due_date is None:
        errors["due_date"] = "Enter the date the action is due by"
    if responsible_person is None and responsible_worker is None:
        errors["responsible_worker"] = "Name the person or worker responsible for the action"
    elif responsible_person is not None and responsible_worker is not None:
        errors["responsible_worker"] = "Name one person responsible, not two"
    if errors:
        raise ValidationError(errors)
    if plan.end_date is not None:
        raise ValidationError("Actions cannot be added to a plan that has ended")
    action = PlanAction(
        plan=plan,
        description=description,
        due_date=due_date,
        responsible_person=responsible_person,
        responsible_worker=responsible_worker,
    )
    action.full_clean()
    action.save()
    action.children.set(list(children) or [plan.person])
    audit_change(
        user=acting_user,
        instance=action,
        action=AuditAction.CREATE,
        person_id=plan.person_id,
        summary=f"Plan action: {description[:200]}",
    )
    return action


@transaction.atomic
def plan_action_update(*, action: PlanAction, status: str, on: date, acting_user) -> PlanAction:
    """Record progress on a plan action."""
    _not_in_future(on, "on", "The date of the update")
    before = snapshot(action)
    action.status, action.last_update_on = status, on
    action.completed_on = on if status == ActionStatus.COMPLETED else None
    action.full_clean()
    action.save()
    audit_change(
        user=acting_user,
        instance=action,
        action=AuditAction.UPDATE,
        person_id=action.plan.person_id,
        before=before,
    )
    return action


@transaction.atomic
def plan_review_record(
    *,
    plan: Plan,
    review_date: date,
    acting_user,
    progress: str = "",
    childs_views: str = "",
    decision: str = "",
) -> PlanReview:
    """Record a review of a plan; it satisfies the review clock and starts the next."""
    _not_in_future(review_date, "review_date", "The date of the review")
    if review_date < plan.start_date:
        raise ValidationError({"review_date": "A review cannot be before the plan started"})
    if plan.end_date is not None and review_date > plan.end_date:
        raise ValidationError({"review_date": "A review cannot be after the plan ended"})
    review = PlanReview(
        plan=plan,
        review_date=review_date,
        chaired_by=acting_user,
        progress=progress,
        childs_views=childs_views,
        decision=decision,
    )
    _save_new(review, user=acting_user, person_id=plan.person_id, summary=str(review))
    clocks_recompute(person_ids=[plan.person_id])
    return review


# Episodes: early help, step-up, step-down ----


def _new_episode(*, person, service, referral_date, team, acting_user, **extra) -> Episode:
    episode = Episode(
        person=person, service=service, referral_date=referral_date, team=team, **extra
    )
    return _save_new(episode, user=acting_user, person_id=person.pk, summary=str(episode))


@transaction.atomic
def early_help_episode_open(*, person, start_date: date, team, acting_user) -> Episode:
    """Open an early help episode on the child's one record."""
    _not_in_future(start_date, "start_date", "The start date")
    if Episode.objects.filter(
        person=person, service=Service.EARLY_HELP, closure_date__isnull=True
    ).exists():
        raise ValidationError(f"{person.full_name} already has open early help")
    return _new_episode(
        person=person,
        service=Service.EARLY_HELP,
        referral_date=start_date,
        team=team,
        acting_user=acting_user,
    )


def _close_episode(episode: Episode, *, on: date, reason: str, user) -> None:
    before = snapshot(episode)
    episode.closure_date, episode.closure_reason, episode.modified_by = on, reason, user
    episode.full_clean()
    episode.save()
    audit_change(
        user=user,
        instance=episode,
        action=AuditAction.UPDATE,
        person_id=episode.person_id,
        before=before,
        summary=f"Episode closed: {episode.get_closure_reason_display()}",
    )


def _end_open_plans(episode: Episode, *, on: date, reason: str, user) -> list[Plan]:
    ended = []
    for plan in Plan.objects.active().filter(episode=episode, end_date__isnull=True):
        before = snapshot(plan)
        plan.end_date, plan.end_reason, plan.modified_by = max(on, plan.start_date), reason, user
        plan.full_clean()
        plan.save()
        audit_change(
            user=user,
            instance=plan,
            action=AuditAction.UPDATE,
            person_id=plan.person_id,
            before=before,
            summary=f"Plan ended: {plan.get_end_reason_display()}",
        )
        ended.append(plan)
    return ended


@transaction.atomic
def episode_step_up(
    *, episode: Episode, referral_date: date, acting_user, team=None, primary_need: str = ""
) -> Episode:
    """Step a child up from early help to social care: the early help episode closes and a
    social care episode opens linked to it; early help plans end as stepped up."""
    episode = Episode.objects.select_for_update().get(pk=episode.pk)
    if episode.service != Service.EARLY_HELP or not episode.is_open:
        raise ValidationError("Only open early help can be stepped up to social care")
    _not_in_future(referral_date, "referral_date", "The referral date")
    if referral_date < episode.referral_date:
        raise ValidationError({"referral_date": "The referral cannot be before early help began"})
    _end_open_plans(episode, on=referral_date, reason=PlanEndReason.STEPPED_UP, user=acting_user)
    # Early help has no CIN census closure code of its own: services ceased for another reason.
    _close_episode(episode, on=referral_date, reason=ClosureReason.RC7, user=acting_user)
    new = _new_episode(
        person=episode.person,
        service=Service.SOCIAL_CARE,
        referral_date=referral_date,
        team=team or episode.team,
        acting_user=acting_user,
        previous_episode=episode,
        transition=EpisodeTransition.STEP_UP,
        primary_need=primary_need,
    )
    clocks_recompute(person_ids=[episode.person_id])
    return new


@transaction.atomic
def episode_step_down(
    *, episode: Episode, on: date, summary: str, manager, team=None, override_reasons: str = ""
) -> Episode:
    """Step a child down from social care to early help, with a manager's approval.

    The social care episode closes (a recorded, approved closure: RC9 after an assessment with
    no plan, else RC7), open plans end as stepped down, and an early help episode opens linked
    to it, with a step-down plan.
    """
    had_plan = Plan.objects.active().filter(episode=episode).exists()
    reason = ClosureReason.RC7 if had_plan else ClosureReason.RC9
    closure = closure_request(
        episode=episode,
        closure_date=on,
        closure_reason=reason,
        closure_basis=ClosureBasis.STEPPED_DOWN,
        summary=summary,
        requested_by=manager,
        override_reasons=override_reasons,
        stepping_down=True,
    )
    closure_approve(
        closure=closure,
        manager=manager,
        note="Step-down to early help",
        allow_own=True,
        plan_end_reason=PlanEndReason.STEPPED_DOWN,
    )
    new = _new_episode(
        person=episode.person,
        service=Service.EARLY_HELP,
        referral_date=on,
        team=team,
        acting_user=manager,
        previous_episode=episode,
        transition=EpisodeTransition.STEP_DOWN,
    )
    previous_plan = Plan.objects.filter(episode=episode).order_by("-start_date").first()
    plan_start(
        person=episode.person,
        kind=PlanKind.STEP_DOWN,
        start_date=on,
        acting_user=manager,
        episode=new,
        outcomes_sought=summary,
        previous_plan=previous_plan,
    )
    return new


# Closure ----


def closure_open_items(*, episode: Episode, stepping_down: bool = False) -> list[str]:
    """Return what is still open on the child's record that closing would leave behind.

    On a step-down the episode's own plans (and their clocks) end as part of the step, so they
    are not listed.
    """
    plans = Plan.objects.active().filter(person_id=episode.person_id, end_date__isnull=True)
    clocks = Clock.objects.filter(
        person_id=episode.person_id, completed_on__isnull=True, cancelled_on__isnull=True
    )
    if stepping_down:
        own = list(plans.filter(episode=episode).values_list("pk", flat=True))
        plans = plans.exclude(pk__in=own)
        clocks = clocks.exclude(subject__in=[f"casework.plan:{pk}" for pk in own])
    items = [
        f"Open {plan.get_kind_display().lower()} from {plan.start_date:%d %b %Y}" for plan in plans
    ]
    clocks = clocks.values_list("rule_code", "due_on")
    items += [f"Open clock {code}, due {due:%d %b %Y}" for code, due in clocks]
    for check in CLOSURE_CHECKS:
        items += check(episode=episode)
    return items


def _closure_text_errors(**texts: str) -> dict:
    return {field: CAPACITY_MESSAGE for field, text in texts.items() if capacity_reason_in(text)}


@transaction.atomic
def closure_request(
    *,
    episode: Episode,
    closure_date: date,
    closure_reason: str,
    closure_basis: str,
    summary: str,
    requested_by,
    override_reasons: str = "",
    stepping_down: bool = False,
) -> CaseClosure:
    """Ask a manager to close an episode. Refuse a capacity reason; anything still open on the
    record needs override reasons, which are reported to senior managers."""
    episode = Episode.objects.select_for_update().get(pk=episode.pk)
    if not episode.is_open:
        raise ValidationError(f"This episode closed on {episode.closure_date:%d %B %Y}")
    if CaseClosure.objects.filter(episode=episode, status=ClosureStatus.REQUESTED).exists():
        raise ValidationError("A closure request for this episode is already awaiting approval")
    errors = {}
    if closure_reason not in ClosureReason.values:
        errors["closure_reason"] = "Choose the CIN census closure reason"
    if closure_basis not in ClosureBasis.values:
        errors["closure_basis"] = "Choose why the case is closing"
    if not (summary or "").strip():
        errors["summary"] = "Write a closure summary"
    _not_in_future(closure_date, "closure_date", "The closure date")
    if closure_date and closure_date < episode.referral_date:
        errors["closure_date"] = "The case cannot close before the referral"
    errors.update(_closure_text_errors(summary=summary, override_reasons=override_reasons))
    if errors:
        raise ValidationError(errors)
    open_items = closure_open_items(episode=episode, stepping_down=stepping_down)
    if open_items and not override_reasons.strip():
        raise ValidationError(
            {
                "override_reasons": "These are still open; give your reasons to close anyway: "
                + "; ".join(open_items)
            }
        )
    closure = CaseClosure(
        episode=episode,
        person_id=episode.person_id,
        closure_date=closure_date,
        closure_reason=closure_reason,
        closure_basis=closure_basis,
        summary=summary,
        requested_by=requested_by,
        requested_at=timezone.now(),
        open_items=open_items,
        override_reasons=override_reasons if open_items else "",
    )
    return _save_new(
        closure, user=requested_by, person_id=episode.person_id, summary="Closure requested"
    )


@transaction.atomic
def closure_approve(
    *,
    closure: CaseClosure,
    manager,
    note: str = "",
    allow_own: bool = False,
    plan_end_reason: str = PlanEndReason.CASE_CLOSED,
) -> CaseClosure:
    """Approve a closure: close the episode, end its open plans and cancel its clocks."""
    _require(manager, Permission.AUTHORISE, "Only a manager can approve a case closure")
    closure = (
        CaseClosure.objects.select_for_update(of=("self",))
        .select_related("episode")
        .get(pk=closure.pk)
    )
    if closure.status != ClosureStatus.REQUESTED:
        raise ValidationError(f"This closure has already been {closure.get_status_display()}")
    if closure.requested_by_id == manager.pk and not allow_own:
        raise ValidationError("A manager other than the one who asked must approve the closure")
    if capacity_reason_in(note):
        raise ValidationError({"decision_note": CAPACITY_MESSAGE})
    stepping_down = plan_end_reason == PlanEndReason.STEPPED_DOWN
    now_open = closure_open_items(episode=closure.episode, stepping_down=stepping_down)
    if now_open and not closure.override_reasons:
        raise ValidationError(
            "Items have been opened since closure was requested: " + "; ".join(now_open)
        )
    before = snapshot(closure)
    closure.status, closure.decided_by = ClosureStatus.APPROVED, manager
    closure.decided_at, closure.decision_note = timezone.now(), note
    closure.open_items = sorted(set(closure.open_items) | set(now_open))
    closure.full_clean()
    closure.save()
    audit_change(
        user=manager,
        instance=closure,
        action=AuditAction.UPDATE,
        person_id=closure.person_id,
        before=before,
        summary="Closure approved" + (" with override" if closure.open_items else ""),
    )
    _end_open_plans(closure.episode, on=closure.closure_date, reason=plan_end_reason, user=manager)
    _close_episode(
        closure.episode, on=closure.closure_date, reason=closure.closure_reason, user=manager
    )
    clocks_recompute(person_ids=[closure.person_id])
    return closure


@transaction.atomic
def closure_refuse(*, closure: CaseClosure, manager, note: str) -> CaseClosure:
    """Refuse a closure, with the reasons; the case stays open."""
    _require(manager, Permission.AUTHORISE, "Only a manager can refuse a case closure")
    closure = CaseClosure.objects.select_for_update().get(pk=closure.pk)
    if closure.status != ClosureStatus.REQUESTED:
        raise ValidationError(f"This closure has already been {closure.get_status_display()}")
    if not (note or "").strip():
        raise ValidationError({"decision_note": "Give the reasons for refusing the closure"})
    before = snapshot(closure)
    closure.status, closure.decided_by = ClosureStatus.REFUSED, manager
    closure.decided_at, closure.decision_note = timezone.now(), note
    closure.full_clean()
    closure.save()
    audit_change(
        user=manager,
        instance=closure,
        action=AuditAction.UPDATE,
        person_id=closure.person_id,
        before=before,
        summary="Closure refused",
    )
    return closure


# Drafts ----


def draft_save(*, user, form_key: str, object_key: str, data: dict, reason: str = "") -> Draft:
    """Save (or replace) the user's draft of a form; called as they type."""
    draft, _ = Draft.objects.update_or_create(
        user=user,
        form_key=form_key[:60],
        object_key=object_key[:60],
        defaults={"data": data, "reason": reason[:200]},
    )
    return draft


def draft_get(*, user, form_key: str, object_key: str) -> Draft | None:
    """Return the user's draft of the form for the record, if there is one."""
    return Draft.objects.filter(user=user, form_key=form_key, object_key=object_key).first()


def draft_discard(*, user, form_key: str, object_key: str) -> None:
    """Remove the user's draft once the form has been saved."""
    Draft.objects.filter(user=user, form_key=form_key, object_key=object_key).delete()
