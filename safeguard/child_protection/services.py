"""Writes for child protection. Each validates, saves, audits in one transaction and then
recomputes the clocks and plan flags its change affects."""

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_change, snapshot
from safeguard.casework.choices import (
    ActionStatus,
    AllocationRole,
    PlanKind,
    VisitLocation,
    VisitType,
)
from safeguard.casework.choices import PlanEndReason as CaseworkPlanEndReason
from safeguard.casework.models import Allocation, Episode, Plan, PlanAction, Visit
from safeguard.casework.services import plan_end as casework_plan_end
from safeguard.child_protection import plan_checks
from safeguard.child_protection.choices import (
    DECISIONS_WITH_PLAN,
    INITIAL_DECISIONS,
    REVIEW_DECISIONS,
    ConferenceDecision,
    ConferenceKind,
    EscalationCondition,
    EscalationDecision,
    PlanEndReason,
    Section47Outcome,
    StepDownKind,
    StrategyDecision,
)
from safeguard.child_protection.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    ConferenceAttendee,
    CoreGroupMeeting,
    EscalationEvent,
    EscalationRule,
    ManagerAlert,
    PlanFlag,
    Section47Enquiry,
    StrategyDiscussion,
    StrategyDiscussionAttendee,
)
from safeguard.compliance.services import clocks_recompute
from safeguard.people.models import Person, PersonDisability, Relationship
from safeguard.reference_data.cin_codes import CategoryOfAbuse, Disability

# An injury to a baby this young is treated as an injury to a non-mobile child.
NON_MOBILE_UNDER_MONTHS = 6

# How the child protection end reason reads on the shared plan record.
_CASEWORK_END_REASON = {
    PlanEndReason.NO_LONGER_AT_RISK: CaseworkPlanEndReason.OUTCOMES_ACHIEVED,
    PlanEndReason.LOOKED_AFTER: CaseworkPlanEndReason.STEPPED_UP,
    PlanEndReason.TRANSFERRED: CaseworkPlanEndReason.TRANSFERRED,
    PlanEndReason.REACHED_18: CaseworkPlanEndReason.CASE_CLOSED,
    PlanEndReason.DIED: CaseworkPlanEndReason.CASE_CLOSED,
    PlanEndReason.OTHER: CaseworkPlanEndReason.OTHER,
}


def _today() -> date:
    return timezone.localdate()


def _not_in_future(value: date, field: str, label: str) -> None:
    if value > _today():
        raise ValidationError({field: f"{label} must be today or in the past."})


def _audit_create(user, instance, person_id: int, summary: str = "") -> None:
    audit_change(
        user=user,
        instance=instance,
        action=AuditAction.CREATE,
        person_id=person_id,
        summary=summary,
    )


def _save_new(instance, *, acting_user):
    if hasattr(instance, "created_by_id"):
        instance.created_by = acting_user
        instance.modified_by = acting_user
    instance.full_clean()
    instance.save()
    return instance


# Strategy discussions and section 47 enquiries


@transaction.atomic
def strategy_discussion_record(
    *,
    person: Person,
    episode: Episode,
    held_on: date,
    concern: str,
    decision: str,
    decision_reason: str = "",
    attendees: Iterable[dict],
    acting_user,
) -> StrategyDiscussion:
    """Record a strategy discussion, who took part for each agency, and its decision.

    Any escalation awaiting a strategy discussion for the child is marked as started: the
    discussion is the start of child protection procedures.
    """
    if episode.person_id != person.pk:
        raise ValidationError({"episode": "That episode belongs to another child."})
    _not_in_future(held_on, "held_on", "The date of the strategy discussion")
    attendees = [a for a in attendees if (a.get("name") or "").strip()]
    if not attendees:
        raise ValidationError({"attendees": "Name at least one person who took part."})
    pending = list(
        EscalationEvent.objects.select_for_update().filter(
            person=person, decision=EscalationDecision.PENDING, occurred_at__date__lte=held_on
        )
    )
    discussion = _save_new(
        StrategyDiscussion(
            person=person,
            episode=episode,
            held_on=held_on,
            concern=concern,
            decision=decision,
            decision_reason=decision_reason,
            escalation=pending[0] if pending else None,
        ),
        acting_user=acting_user,
    )
    rows = []
    for a in attendees:
        row = StrategyDiscussionAttendee(
            strategy_discussion=discussion,
            agency=a.get("agency", ""),
            name=a["name"].strip(),
            role=(a.get("role") or "").strip(),
        )
        row.full_clean()
        rows.append(row)
    StrategyDiscussionAttendee.objects.bulk_create(rows)
    _audit_create(acting_user, discussion, person.pk, f"decision: {decision}")
    for event in pending:
        before = snapshot(event)
        event.decision = EscalationDecision.PROCEDURES_STARTED
        event.decided_on = held_on
        event.save(update_fields=["decision", "decided_on", "modified_at"])
        audit_change(
            user=acting_user,
            instance=event,
            action=AuditAction.UPDATE,
            person_id=person.pk,
            before=before,
            summary="strategy discussion held",
        )
    clocks_recompute(person_ids=[person.pk])
    return discussion


@transaction.atomic
def section_47_start(
    *, strategy_discussion: StrategyDiscussion, start_date: date, acting_user
) -> Section47Enquiry:
    """Start a section 47 enquiry decided at a strategy discussion."""
    if strategy_discussion.decision != StrategyDecision.SECTION_47:
        raise ValidationError(
            {
                "strategy_discussion": "This strategy discussion did not decide on a section 47 "
                "enquiry."
            }
        )
    if start_date < strategy_discussion.held_on:
        raise ValidationError(
            {
                "start_date": "A section 47 enquiry cannot start before its strategy discussion "
                f"({strategy_discussion.held_on:%d %B %Y})."
            }
        )
    _not_in_future(start_date, "start_date", "The start date")
    enquiry = _save_new(
        Section47Enquiry(
            person_id=strategy_discussion.person_id,
            episode_id=strategy_discussion.episode_id,
            strategy_discussion=strategy_discussion,
            start_date=start_date,
        ),
        acting_user=acting_user,
    )
    _audit_create(acting_user, enquiry, enquiry.person_id)
    clocks_recompute(person_ids=[enquiry.person_id])
    return enquiry


@transaction.atomic
def section_47_conclude(
    *, enquiry: Section47Enquiry, outcome: str, outcome_date: date, acting_user
) -> Section47Enquiry:
    """Record the outcome of a section 47 enquiry (and so the census ICPCnotRequired)."""
    if outcome_date < enquiry.start_date:
        raise ValidationError(
            {
                "outcome_date": "The outcome cannot be before the enquiry started "
                f"({enquiry.start_date:%d %B %Y})."
            }
        )
    _not_in_future(outcome_date, "outcome_date", "The outcome date")
    if enquiry.conferences.filter(kind=ConferenceKind.INITIAL).exists() and (
        outcome != Section47Outcome.ICPC
    ):
        raise ValidationError({"outcome": "An initial conference has already been held."})
    before = snapshot(enquiry)
    enquiry.outcome = outcome
    enquiry.outcome_date = outcome_date
    enquiry.modified_by = acting_user
    enquiry.full_clean()
    enquiry.save()
    audit_change(
        user=acting_user,
        instance=enquiry,
        action=AuditAction.UPDATE,
        person_id=enquiry.person_id,
        before=before,
    )
    clocks_recompute(person_ids=[enquiry.person_id])
    return enquiry


# Conferences and plans


def _check_chair(chair) -> None:
    if chair is None or not user_has_permission(chair, Permission.CHAIR_CONFERENCES):
        raise ValidationError({"chair": "The chair must be a conference chair."})


def _check_category(decision: str, category: str) -> None:
    if decision in DECISIONS_WITH_PLAN:
        if category not in CategoryOfAbuse.values:
            raise ValidationError(
                {
                    "category_of_abuse": "Choose the category of abuse from the DfE codes "
                    f"({', '.join(CategoryOfAbuse.values)})."
                }
            )
    elif category:
        raise ValidationError(
            {"category_of_abuse": "Give a category of abuse only when the child is on a plan."}
        )


def _conference_attendees(conference, attendees: Iterable[dict]) -> None:
    rows = []
    for a in attendees:
        if not (a.get("name") or "").strip():
            continue
        row = ConferenceAttendee(
            conference=conference,
            agency=a.get("agency", ""),
            name=a["name"].strip(),
            attended=a.get("attended", True),
            report_submitted=a.get("report_submitted", False),
        )
        row.full_clean()
        rows.append(row)
    ConferenceAttendee.objects.bulk_create(rows)


@transaction.atomic
def conference_record_initial(
    *,
    section_47: Section47Enquiry,
    held_on: date,
    chair,
    decision: str,
    category_of_abuse: str = "",
    child_attended: bool = False,
    parents_attended: bool = False,
    summary: str = "",
    attendees: Iterable[dict] = (),
    persons_posing_risk: Iterable[Person] = (),
    acting_user,
) -> ChildProtectionConference:
    """Record an initial child protection conference; on a plan decision, start the plan.

    The plan is a casework.Plan of kind child_protection with its ChildProtectionPlan detail:
    category, number of previous plans (a repeat plan is flagged) and the people it names as
    posing a risk. A child in need plan open at the time ends: the two cannot run together.
    """
    discussion = section_47.strategy_discussion
    if held_on < discussion.held_on:
        raise ValidationError(
            {
                "held_on": "A conference cannot be held before its strategy discussion "
                f"({discussion.held_on:%d %B %Y})."
            }
        )
    if held_on < section_47.start_date:
        raise ValidationError(
            {
                "held_on": "A conference cannot be held before the section 47 enquiry started "
                f"({section_47.start_date:%d %B %Y})."
            }
        )
    _not_in_future(held_on, "held_on", "The date of the conference")
    if section_47.conferences.filter(kind=ConferenceKind.INITIAL).exists():
        raise ValidationError({"section_47": "This enquiry already has an initial conference."})
    if section_47.outcome and section_47.outcome != Section47Outcome.ICPC:
        raise ValidationError(
            {"section_47": "This enquiry concluded that no conference was needed."}
        )
    if decision not in INITIAL_DECISIONS:
        raise ValidationError({"decision": "Choose whether the child needs a plan."})
    _check_chair(chair)
    _check_category(decision, category_of_abuse)

    conference = _save_new(
        ChildProtectionConference(
            person_id=section_47.person_id,
            kind=ConferenceKind.INITIAL,
            section_47=section_47,
            held_on=held_on,
            chair=chair,
            decision=decision,
            category_of_abuse=category_of_abuse,
            child_attended=child_attended,
            parents_attended=parents_attended,
            summary=summary,
        ),
        acting_user=acting_user,
    )
    _conference_attendees(conference, attendees)
    _audit_create(acting_user, conference, conference.person_id, f"decision: {decision}")
    if not section_47.outcome:
        before = snapshot(section_47)
        section_47.outcome = Section47Outcome.ICPC
        section_47.outcome_date = held_on
        section_47.save(update_fields=["outcome", "outcome_date", "modified_at"])
        audit_change(
            user=acting_user,
            instance=section_47,
            action=AuditAction.UPDATE,
            person_id=section_47.person_id,
            before=before,
            summary="concluded by the initial conference",
        )
    if decision == ConferenceDecision.PLAN:
        _plan_start(
            conference=conference,
            episode_id=section_47.episode_id,
            category=category_of_abuse,
            persons_posing_risk=persons_posing_risk,
            acting_user=acting_user,
        )
    clocks_recompute(person_ids=[conference.person_id])
    return conference


def _plan_start(
    *, conference, episode_id, category, persons_posing_risk, acting_user
) -> ChildProtectionPlan:
    person_id = conference.person_id
    previous = ChildProtectionPlan.objects.filter(plan__person_id=person_id)
    if previous.filter(plan__end_date__isnull=True).exists():
        raise ValidationError({"decision": "This child is already on a child protection plan."})
    last_end = previous.aggregate(last=Max("plan__end_date"))["last"]
    # Step-up: a child in need plan ends the day a protection plan starts (CIN census rules
    # 4001 and 4017 forbid the two running together); casework's service ends it and audits it.
    for cin_plan in Plan.objects.filter(
        person_id=person_id, kind=PlanKind.CHILD_IN_NEED, end_date__isnull=True
    ):
        casework_plan_end(
            plan=cin_plan,
            end_date=max(conference.held_on, cin_plan.start_date),
            end_reason=CaseworkPlanEndReason.STEPPED_UP,
            acting_user=acting_user,
        )
    plan = _save_new(
        Plan(
            person_id=person_id,
            episode_id=episode_id,
            kind=PlanKind.CHILD_PROTECTION,
            start_date=conference.held_on,
        ),
        acting_user=acting_user,
    )
    _audit_create(acting_user, plan, person_id, "child protection plan started")
    detail = _save_new(
        ChildProtectionPlan(
            plan=plan,
            initial_conference=conference,
            initial_category_of_abuse=category,
            latest_category_of_abuse=category,
            number_of_previous_plans=previous.count(),
            previous_plan_ended_on=last_end,
        ),
        acting_user=acting_user,
    )
    risks = [p.pk for p in persons_posing_risk]
    if risks:
        detail.persons_posing_risk.set(risks)
    _audit_create(acting_user, detail, person_id)
    return detail


@transaction.atomic
def conference_record_review(
    *,
    cp_plan: ChildProtectionPlan,
    held_on: date,
    chair,
    decision: str,
    category_of_abuse: str = "",
    child_attended: bool = False,
    parents_attended: bool = False,
    summary: str = "",
    attendees: Iterable[dict] = (),
    end_reason: str = "",
    step_down: str = StepDownKind.CHILD_IN_NEED,
    acting_user,
) -> ChildProtectionConference:
    """Record a review conference: the plan continues (category may change) or ends."""
    plan = cp_plan.plan
    if not plan.is_open:
        raise ValidationError({"plan": "This plan has ended."})
    last = ChildProtectionConference.objects.filter(
        Q(plan=plan) | Q(pk=cp_plan.initial_conference_id)
    ).aggregate(last=Max("held_on"))["last"]
    if held_on <= last:
        raise ValidationError(
            {"held_on": f"A review must follow the last conference ({last:%d %B %Y})."}
        )
    _not_in_future(held_on, "held_on", "The date of the conference")
    if decision not in REVIEW_DECISIONS:
        raise ValidationError({"decision": "Choose whether the plan continues or ends."})
    _check_chair(chair)
    _check_category(decision, category_of_abuse)
    conference = _save_new(
        ChildProtectionConference(
            person_id=plan.person_id,
            kind=ConferenceKind.REVIEW,
            plan=plan,
            held_on=held_on,
            chair=chair,
            decision=decision,
            category_of_abuse=category_of_abuse,
            child_attended=child_attended,
            parents_attended=parents_attended,
            summary=summary,
        ),
        acting_user=acting_user,
    )
    _conference_attendees(conference, attendees)
    _audit_create(acting_user, conference, plan.person_id, f"decision: {decision}")
    if decision == ConferenceDecision.CONTINUE_PLAN:
        if category_of_abuse != cp_plan.latest_category_of_abuse:
            before = snapshot(cp_plan)
            cp_plan.latest_category_of_abuse = category_of_abuse
            cp_plan.modified_by = acting_user
            cp_plan.save()
            audit_change(
                user=acting_user,
                instance=cp_plan,
                action=AuditAction.UPDATE,
                person_id=plan.person_id,
                before=before,
                summary="category changed at review",
            )
    else:
        cp_plan_end(
            cp_plan=cp_plan,
            end_date=held_on,
            end_reason=end_reason,
            step_down=step_down,
            acting_user=acting_user,
        )
    clocks_recompute(person_ids=[plan.person_id])
    return conference


@transaction.atomic
def cp_plan_end(
    *,
    cp_plan: ChildProtectionPlan,
    end_date: date,
    end_reason: str,
    step_down: str,
    acting_user,
) -> ChildProtectionPlan:
    """End a child protection plan with its reason, and start the step-down plan.

    A child no longer at risk steps down to a child in need or early help plan; choosing no
    step-down plan is allowed only when the reason makes one impossible or pointless (the
    child became looked after, moved away, reached 18 or died).
    """
    plan = Plan.objects.select_for_update().get(pk=cp_plan.plan_id)
    if not plan.is_open:
        raise ValidationError({"end_date": "This plan has already ended."})
    if end_reason not in PlanEndReason.values:
        raise ValidationError({"end_reason": "Choose why the plan is ending."})
    if step_down not in StepDownKind.values:
        raise ValidationError({"step_down": "Choose the step-down plan."})
    if step_down == StepDownKind.NONE and end_reason in {
        PlanEndReason.NO_LONGER_AT_RISK,
        PlanEndReason.OTHER,
    }:
        raise ValidationError(
            {
                "step_down": "A child no longer at risk steps down to a child in need or early "
                "help plan."
            }
        )
    if end_date <= plan.start_date:
        # CIN census rule 8840: a plan cannot start and end on the same day.
        raise ValidationError(
            {"end_date": f"The plan must end after it started ({plan.start_date:%d %B %Y})."}
        )
    _not_in_future(end_date, "end_date", "The end date")
    before = snapshot(plan)
    plan.end_date = end_date
    plan.end_reason = _CASEWORK_END_REASON[end_reason]
    if step_down != StepDownKind.NONE and end_reason == PlanEndReason.NO_LONGER_AT_RISK:
        plan.end_reason = CaseworkPlanEndReason.STEPPED_DOWN
    plan.modified_by = acting_user
    plan.full_clean()
    plan.save()
    audit_change(
        user=acting_user,
        instance=plan,
        action=AuditAction.UPDATE,
        person_id=plan.person_id,
        before=before,
        summary="child protection plan ended",
    )
    step_down_plan = None
    if step_down != StepDownKind.NONE:
        step_down_plan = _save_new(
            Plan(
                person_id=plan.person_id,
                episode_id=plan.episode_id,
                kind=step_down,
                start_date=end_date,
                previous_plan=plan,
            ),
            acting_user=acting_user,
        )
        _audit_create(acting_user, step_down_plan, plan.person_id, "step-down plan")
    before = snapshot(cp_plan)
    cp_plan.end_reason = end_reason
    cp_plan.step_down_plan = step_down_plan
    cp_plan.modified_by = acting_user
    cp_plan.full_clean()
    cp_plan.save()
    audit_change(
        user=acting_user,
        instance=cp_plan,
        action=AuditAction.UPDATE,
        person_id=plan.person_id,
        before=before,
        summary=f"ended: {end_reason}",
    )
    PlanFlag.objects.filter(plan=plan, resolved_at__isnull=True).update(resolved_at=timezone.now())
    clocks_recompute(person_ids=[plan.person_id])
    return cp_plan


@transaction.atomic
def core_group_record(
    *, plan: Plan, held_on: date, attendees: str = "", notes: str = "", acting_user
) -> CoreGroupMeeting:
    """Record a core group meeting of a child protection plan."""
    if plan.kind != PlanKind.CHILD_PROTECTION:
        raise ValidationError({"plan": "Core groups belong to child protection plans."})
    if held_on < plan.start_date:
        raise ValidationError(
            {
                "held_on": "A core group cannot meet before the plan started "
                f"({plan.start_date:%d %B %Y})."
            }
        )
    if plan.end_date and held_on > plan.end_date:
        raise ValidationError({"held_on": "The plan had ended by then."})
    _not_in_future(held_on, "held_on", "The date of the meeting")
    meeting = _save_new(
        CoreGroupMeeting(plan=plan, held_on=held_on, attendees=attendees, notes=notes),
        acting_user=acting_user,
    )
    _audit_create(acting_user, meeting, plan.person_id)
    clocks_recompute(person_ids=[plan.person_id])
    return meeting


@transaction.atomic
def cp_visit_record(
    *,
    plan: Plan,
    child: Person,
    visit_date: date,
    child_seen: bool,
    child_seen_alone: bool,
    worker,
    seen_with: str = "",
    reason_not_seen: str = "",
    location: str = VisitLocation.HOME,
    observations: str = "",
    childs_views: str = "",
    acting_user,
) -> Visit:
    """Record a child protection visit to a child on the plan (a casework.Visit)."""
    if child.pk not in plan_child_ids(plan):
        raise ValidationError({"child": "That child is not on this plan."})
    if visit_date < plan.start_date:
        raise ValidationError({"visit_date": "The visit is before the plan started."})
    _not_in_future(visit_date, "visit_date", "The date of the visit")
    if not child_seen and not reason_not_seen.strip():
        raise ValidationError({"reason_not_seen": "Say why the child was not seen."})
    visit = _save_new(
        Visit(
            person=child,
            episode_id=plan.episode_id,
            visit_date=visit_date,
            visit_type=VisitType.CHILD_PROTECTION,
            child_seen=child_seen,
            child_seen_alone=child_seen and child_seen_alone,
            seen_with=seen_with,
            reason_not_seen=reason_not_seen,
            location=location,
            worker=worker,
            observations=observations,
            childs_views=childs_views,
        ),
        acting_user=acting_user,
    )
    _audit_create(acting_user, visit, child.pk, "child protection visit")
    clocks_recompute(person_ids=[child.pk])
    plan_flags_refresh_for_people(person_ids=[child.pk])
    return visit


# Plan actions and flags


def plan_child_ids(plan: Plan) -> set[int]:
    ids = {plan.person_id}
    ids.update(
        PlanAction.children.through.objects.filter(planaction__plan=plan).values_list(
            "person_id", flat=True
        )
    )
    return ids


def _related_ids(person_ids: set[int]) -> set[int]:
    """Return everyone the record relates to these people, either way round."""
    related = set()
    for a, b in Relationship.objects.filter(
        Q(person_id__in=person_ids) | Q(related_person_id__in=person_ids)
    ).values_list("person_id", "related_person_id"):
        related.update((a, b))
    return related - person_ids


@transaction.atomic
def plan_action_add(
    *,
    plan: Plan,
    description: str,
    due_date: date | None,
    children: Iterable[Person],
    responsible_person: Person | None = None,
    responsible_worker=None,
    acting_user,
) -> PlanAction:
    """Add an action: what, who (a professional or a family member on the record), by when,
    and for which children. Then recheck the plan; a flaw is flagged, not refused.
    """
    if not plan.is_open:
        raise ValidationError({"plan": "This plan has ended."})
    children = list(children)
    errors = {}
    if not description.strip():
        errors["description"] = "Say what will be done."
    if due_date is None:
        errors["due_date"] = "Give the date the action is due by."
    elif due_date < plan.start_date:
        errors["due_date"] = "The due date is before the plan started."
    if (responsible_person is None) == (responsible_worker is None):
        errors["responsible_person"] = (
            "Name one person responsible: a professional or a family member on the record."
        )
    if not children:
        errors["children"] = "Choose the children the action is for."
    family = {plan.person_id} | _related_ids({plan.person_id})
    strangers = [c for c in children if c.pk not in family]
    if strangers:
        errors["children"] = (
            f"{', '.join(c.full_name for c in strangers)} is not on this child's record."
        )
    if responsible_person is not None:
        on_record = family | _related_ids({c.pk for c in children})
        if responsible_person.pk not in on_record or responsible_person.pk in {
            c.pk for c in children
        }:
            errors["responsible_person"] = (
                f"{responsible_person.full_name} is not a family member or other person on "
                "this child's record. Add them to the record first."
            )
    if responsible_worker is not None and not responsible_worker.is_active:
        errors["responsible_worker"] = "That worker's account is not active."
    if errors:
        raise ValidationError(errors)
    action = PlanAction(
        plan=plan,
        description=description.strip(),
        due_date=due_date,
        responsible_person=responsible_person,
        responsible_worker=responsible_worker,
    )
    action.full_clean()
    action.save()
    action.children.set(children)
    _audit_create(acting_user, action, plan.person_id, "plan action added")
    clocks_recompute(person_ids=list({plan.person_id} | {c.pk for c in children}))
    plan_flags_refresh(plan=plan)
    return action


@transaction.atomic
def plan_action_update(
    *, action: PlanAction, status: str, update_on: date, acting_user
) -> PlanAction:
    """Record progress on an action: its status, as at the date of the update."""
    _not_in_future(update_on, "update_on", "The date of the update")
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Choose the action's status."})
    before = snapshot(action)
    action.status = status
    action.last_update_on = update_on
    action.completed_on = update_on if status == ActionStatus.COMPLETED else None
    action.full_clean()
    action.save()
    audit_change(
        user=acting_user,
        instance=action,
        action=AuditAction.UPDATE,
        person_id=action.plan.person_id,
        before=before,
        summary="plan action updated",
    )
    plan_flags_refresh(plan=action.plan)
    return action


@transaction.atomic
def plan_persons_posing_risk_set(
    *, cp_plan: ChildProtectionPlan, persons: Iterable[Person], acting_user
) -> ChildProtectionPlan:
    """Name the people the plan records as posing a risk, and recheck the plan."""
    before = sorted(cp_plan.persons_posing_risk.values_list("pk", flat=True))
    ids = sorted(p.pk for p in persons)
    cp_plan.persons_posing_risk.set(ids)
    audit_change(
        user=acting_user,
        instance=cp_plan,
        action=AuditAction.UPDATE,
        person_id=cp_plan.plan.person_id,
        summary=f"persons posing risk: {before} -> {ids}",
    )
    plan_flags_refresh(plan=cp_plan.plan)
    return cp_plan


def _plan_risk_ids(plan: Plan) -> set[int]:
    return set(
        ChildProtectionPlan.persons_posing_risk.through.objects.filter(
            childprotectionplan__plan=plan
        ).values_list("person_id", flat=True)
    )


@transaction.atomic
def plan_flags_refresh(
    *,
    plan: Plan,
    as_of: date | None = None,
    persons_posing_risk: Iterable[int] = (),
    visit_due_for=None,
) -> list[PlanFlag]:
    """Run every plan check and make the plan's open flags match what they find.

    A flag that no longer applies is resolved (kept, with the time), never deleted.
    """
    now = timezone.now()
    if not plan.is_open:
        return []
    facts = plan_checks.plan_facts(
        plan=plan,
        as_of=as_of or _today(),
        persons_posing_risk=_plan_risk_ids(plan) | set(persons_posing_risk),
        visit_due_for=visit_due_for,
    )
    found = {(f.code, f.action_id, f.child_id): f for f in plan_checks.plan_check(facts)}
    open_flags = {
        (f.code, f.action_id, f.child_id): f
        for f in PlanFlag.objects.select_for_update().filter(plan=plan, resolved_at__isnull=True)
    }
    gone = [f.pk for key, f in open_flags.items() if key not in found]
    if gone:
        PlanFlag.objects.filter(pk__in=gone).update(resolved_at=now)
    PlanFlag.objects.bulk_create(
        [
            PlanFlag(
                plan=plan,
                code=f.code,
                action_id=f.action_id,
                child_id=f.child_id,
                message=f.message[:400],
                raised_at=now,
            )
            for key, f in found.items()
            if key not in open_flags
        ]
    )
    for key, flag in open_flags.items():
        if key in found and flag.message != found[key].message[:400]:
            flag.message = found[key].message[:400]
            flag.save(update_fields=["message"])
    return list(PlanFlag.objects.filter(plan=plan, resolved_at__isnull=True))


def plan_flags_refresh_for_people(*, person_ids: list[int], as_of: date | None = None) -> int:
    """Recheck every open plan that names these people (child, action child or owner).

    Call after a change to the record a check reads: an address, a relationship, a visit.
    Return the number of plans rechecked.
    """
    plans = Plan.objects.filter(
        Q(person_id__in=person_ids)
        | Q(actions__children__in=person_ids)
        | Q(actions__responsible_person_id__in=person_ids)
        | Q(child_protection__persons_posing_risk__in=person_ids),
        end_date__isnull=True,
        archived_at__isnull=True,
    ).distinct()
    count = 0
    for plan in plans:
        plan_flags_refresh(plan=plan, as_of=as_of)
        count += 1
    return count


# Escalation


def _is_non_mobile_or_disabled(person: Person, on: date) -> bool:
    disabled = PersonDisability.objects.filter(person=person).exclude(code=Disability.NONE)
    if disabled.exists():
        return True
    if person.date_of_birth is None:
        # An unborn child or a newborn without a recorded date of birth is non-mobile.
        return person.expected_date_of_birth is not None
    months = (on.year - person.date_of_birth.year) * 12 + on.month - person.date_of_birth.month
    if on.day < person.date_of_birth.day:
        months -= 1
    return months < NON_MOBILE_UNDER_MONTHS


def _is_on_cp_plan(person: Person, on: date) -> bool:
    return Plan.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on),
        person=person,
        kind=PlanKind.CHILD_PROTECTION,
        start_date__lte=on,
    ).exists()


CONDITION_TESTS = {
    EscalationCondition.ANY_CHILD: lambda person, on: True,
    EscalationCondition.NON_MOBILE_OR_DISABLED: _is_non_mobile_or_disabled,
    EscalationCondition.ON_CHILD_PROTECTION_PLAN: _is_on_cp_plan,
}


def _responsible_team_and_manager(person: Person, acting_user):
    lead = (
        Allocation.objects.filter(
            episode__person=person,
            episode__closure_date__isnull=True,
            role=AllocationRole.LEAD,
            end_at__isnull=True,
        )
        .select_related("team__manager")
        .order_by("-start_at")
        .first()
    )
    if lead is not None:
        return lead.team, lead.team.manager
    episode = (
        Episode.objects.filter(person=person, closure_date__isnull=True, team__isnull=False)
        .select_related("team__manager")
        .first()
    )
    if episode is not None:
        return episode.team, episode.team.manager
    team = getattr(acting_user, "team", None)
    return team, (team.manager if team else None)


def _send_alert_email(manager_id: int, subject: str, body: str) -> None:
    from safeguard.accounts.models import User

    manager = User.objects.filter(pk=manager_id).first()
    if manager is not None and manager.email:
        # The email carries no names: the manager reads the detail in the system.
        send_mail(subject, body, None, [manager.email], fail_silently=True)


@transaction.atomic
def escalation_raise(
    *,
    person: Person,
    trigger: str,
    occurred_at: datetime,
    acting_user,
    detail: str = "",
) -> list[EscalationEvent]:
    """Apply the escalation rules to an event; return the escalations it started.

    Each active rule for this trigger whose condition the child meets starts a strategy
    discussion clock (rule STRATEGY_DISCUSSION, the rule's own working days) and alerts the
    team manager (a ManagerAlert row now; an email once the transaction commits). Returns []
    when no rule applies. Other apps call this (the missing app with trigger "missing").
    """
    if timezone.is_naive(occurred_at):
        occurred_at = timezone.make_aware(occurred_at)
    if occurred_at > timezone.now():
        raise ValidationError({"occurred_at": "The event must have happened: enter a past time"})
    on = timezone.localdate(occurred_at)
    rules = [
        rule
        for rule in EscalationRule.objects.filter(trigger=trigger, is_active=True)
        if CONDITION_TESTS[rule.condition](person, on)
    ]
    if not rules:
        return []
    team, manager = _responsible_team_and_manager(person, acting_user)
    events = []
    for rule in rules:
        if EscalationEvent.objects.filter(
            person=person, rule=rule, occurred_at=occurred_at
        ).exists():
            continue  # the same event reported twice starts one escalation
        event = _save_new(
            EscalationEvent(
                person=person,
                rule=rule,
                trigger=trigger,
                occurred_at=occurred_at,
                detail=detail,
                raised_by=acting_user if getattr(acting_user, "pk", None) else None,
                team=team,
                manager=manager,
            ),
            acting_user=acting_user if getattr(acting_user, "pk", None) else None,
        )
        _audit_create(acting_user, event, person.pk, f"escalation: {rule.code}")
        if manager is not None:
            message = (
                f"{rule.name}: {person.full_name}. A strategy discussion is due within "
                f"{rule.strategy_discussion_within_working_days} working day(s)."
            )
            ManagerAlert.objects.create(
                manager=manager, person=person, escalation=event, message=message[:400]
            )
            transaction.on_commit(
                lambda m=manager.pk, r=rule.name: _send_alert_email(
                    m,
                    "Child protection escalation",
                    f"{r}: a strategy discussion is due. Open Safeguard to see the child.",
                )
            )
        events.append(event)
    clocks_recompute(person_ids=[person.pk])
    return events


@transaction.atomic
def escalation_record_not_started(
    *, event: EscalationEvent, reason: str, acting_user
) -> EscalationEvent:
    """Record a manager's decision and reason not to start child protection procedures."""
    if not user_has_permission(acting_user, Permission.AUTHORISE):
        raise ValidationError(
            {
                "decision_reason": "Only a manager may decide not to start "
                "child protection procedures."
            }
        )
    if event.decision != EscalationDecision.PENDING:
        raise ValidationError({"decision": "This escalation has already been decided."})
    if len(reason.strip()) < 20:
        raise ValidationError(
            {"decision_reason": "Give the reason in full: why procedures are not needed."}
        )
    before = snapshot(event)
    event.decision = EscalationDecision.NOT_STARTED
    event.decision_reason = reason.strip()
    event.decided_by = acting_user
    event.decided_on = _today()
    event.modified_by = acting_user
    event.full_clean()
    event.save()
    audit_change(
        user=acting_user,
        instance=event,
        action=AuditAction.UPDATE,
        person_id=event.person_id,
        before=before,
        summary="procedures not started",
    )
    ManagerAlert.objects.filter(escalation=event, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    clocks_recompute(person_ids=[event.person_id])
    return event


@transaction.atomic
def manager_alert_mark_read(*, alert: ManagerAlert, acting_user) -> ManagerAlert:
    """Mark an alert as read by its manager."""
    if alert.manager_id != acting_user.pk:
        raise ValidationError("This alert is for another manager.")
    alert.read_at = timezone.now()
    alert.save(update_fields=["read_at"])
    return alert
