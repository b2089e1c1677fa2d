"""Writes for missing episodes and return-home interviews. Each audits in its transaction."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_change, snapshot
from safeguard.missing.choices import InterviewResponse, MissingFrom, MissingType
from safeguard.missing.models import MissingEpisode, RepeatMissingFlag, ReturnHomeInterview

# Local settings: the authority decides what "repeatedly missing" means (default 3 in 90 days).
DEFAULT_REPEAT_EPISODES = 3
DEFAULT_REPEAT_WINDOW_DAYS = 90


def repeat_missing_threshold() -> tuple[int, int]:
    """Return (episodes, days): this many episodes within this many days raise a flag."""
    return (
        int(getattr(settings, "SAFEGUARD_REPEAT_MISSING_EPISODES", DEFAULT_REPEAT_EPISODES)),
        int(getattr(settings, "SAFEGUARD_REPEAT_MISSING_DAYS", DEFAULT_REPEAT_WINDOW_DAYS)),
    )


def _recompute(person_id: int) -> None:
    from safeguard.compliance.services import clocks_recompute

    clocks_recompute(person_ids=[person_id])


def _check_not_future(value: datetime | None, field: str, label: str) -> None:
    if value is not None and value > timezone.now() + timedelta(minutes=5):
        raise ValidationError({field: f"{label} must be now or in the past"})


def _repeat_missing_check(*, episode: MissingEpisode, acting_user) -> RepeatMissingFlag | None:
    """Raise a flag when this episode makes N episodes in D days and none is raised yet."""
    count_needed, days = repeat_missing_threshold()
    window_start = episode.reported_missing_at - timedelta(days=days)
    in_window = MissingEpisode.objects.active().filter(
        person_id=episode.person_id,
        reported_missing_at__gt=window_start,
        reported_missing_at__lte=episode.reported_missing_at,
    )
    count = in_window.count()
    if count < count_needed:
        return None
    already = RepeatMissingFlag.objects.active().filter(
        person_id=episode.person_id,
        triggering_episode__reported_missing_at__gt=window_start,
        triggering_episode__reported_missing_at__lte=episode.reported_missing_at,
    )
    if already.exists():
        return None
    flag = RepeatMissingFlag(
        person_id=episode.person_id,
        raised_at=timezone.now(),
        triggering_episode=episode,
        episode_count=count,
        window_days=days,
        created_by=acting_user,
        modified_by=acting_user,
    )
    flag.full_clean()
    flag.save()
    audit_change(
        user=acting_user,
        instance=flag,
        action=AuditAction.CREATE,
        person_id=episode.person_id,
        summary=f"Repeat missing: {count} episodes in {days} days; strategy discussion prompted",
    )
    return flag


def _escalate(*, episode: MissingEpisode, acting_user) -> list:
    """Tell child protection a child went missing; its escalation rules decide what follows
    (a child on a child protection plan going missing starts a strategy discussion clock)."""
    from safeguard.child_protection.services import escalation_raise

    return escalation_raise(
        person=episode.person,
        trigger="missing",
        occurred_at=episode.reported_missing_at,
        acting_user=acting_user,
        detail=f"Reported missing from {episode.get_missing_from_display().lower()}",
    )


@transaction.atomic
def missing_episode_record(
    *,
    person,
    acting_user,
    missing_from: str,
    reported_missing_at: datetime,
    missing_type: str = "M",
    risk_level: str = "medium",
    police_reference: str = "",
    circumstances: str = "",
    found_returned_at: datetime | None = None,
    where_found: str = "",
) -> MissingEpisode:
    """Record that a child was reported missing; check for repeat episodes."""
    _check_not_future(reported_missing_at, "reported_missing_at", "The time reported missing")
    _check_not_future(found_returned_at, "found_returned_at", "The time found or returned")
    if found_returned_at is not None and found_returned_at < reported_missing_at:
        raise ValidationError(
            {"found_returned_at": "The return must be after the child was reported missing"}
        )
    if missing_type == MissingType.AWAY and missing_from != MissingFrom.CARE:
        raise ValidationError(
            {"missing_type": "Away without authorisation applies only to a child in care"}
        )
    episode = MissingEpisode(
        person=person,
        missing_from=missing_from,
        missing_type=missing_type,
        reported_missing_at=reported_missing_at,
        found_returned_at=found_returned_at,
        where_found=where_found,
        police_reference=police_reference,
        risk_level=risk_level,
        circumstances=circumstances,
        created_by=acting_user,
        modified_by=acting_user,
    )
    episode.full_clean()
    episode.save()
    audit_change(
        user=acting_user,
        instance=episode,
        action=AuditAction.CREATE,
        person_id=person.pk,
        summary="Missing episode recorded",
    )
    _repeat_missing_check(episode=episode, acting_user=acting_user)
    _escalate(episode=episode, acting_user=acting_user)
    _recompute(person.pk)
    return episode


@transaction.atomic
def missing_episode_return(
    *, episode: MissingEpisode, acting_user, found_returned_at: datetime, where_found: str = ""
) -> MissingEpisode:
    """Record that the child was found or came back; this starts the 72-hour RHI clock."""
    _check_not_future(found_returned_at, "found_returned_at", "The time found or returned")
    if found_returned_at < episode.reported_missing_at:
        raise ValidationError(
            {"found_returned_at": "The return must be after the child was reported missing"}
        )
    before = snapshot(MissingEpisode.objects.select_for_update().get(pk=episode.pk))
    episode.found_returned_at = found_returned_at
    episode.where_found = where_found
    episode.modified_by = acting_user
    episode.full_clean()
    episode.save()
    audit_change(
        user=acting_user,
        instance=episode,
        action=AuditAction.UPDATE,
        person_id=episode.person_id,
        before=before,
        summary="Child found or returned",
    )
    _recompute(episode.person_id)
    return episode


_INTERVIEW_FIELDS = (
    "offered_at",
    "response",
    "conducted_at",
    "conducted_by",
    "conducted_by_name",
    "where_child_was",
    "who_with",
    "push_factors",
    "pull_factors",
    "child_account",
    "findings",
    "plan",
    "plan_action",
)


@transaction.atomic
def return_home_interview_record(
    *, episode: MissingEpisode, acting_user, offered_at: datetime, **fields
) -> ReturnHomeInterview:
    """Record the offer of a return-home interview and, when held, what the child said.

    Findings are linked into the child's plan by naming the plan and, where the findings
    became an action, that action.
    """
    unknown = set(fields) - set(_INTERVIEW_FIELDS)
    if unknown:
        raise TypeError(f"Unknown interview fields: {', '.join(sorted(unknown))}")
    if episode.found_returned_at is None:
        raise ValidationError(
            {"offered_at": "Record when the child was found or returned before the interview"}
        )
    _check_not_future(offered_at, "offered_at", "The time of the offer")
    if offered_at < episode.found_returned_at:
        raise ValidationError(
            {"offered_at": "The interview is offered after the child is found or returned"}
        )
    conducted_at = fields.get("conducted_at")
    if conducted_at is not None:
        _check_not_future(conducted_at, "conducted_at", "The time of the interview")
        if fields.get("response") != InterviewResponse.ACCEPTED:
            raise ValidationError({"response": "An interview held must have been accepted"})
        if conducted_at < offered_at:
            raise ValidationError({"conducted_at": "The interview is held after it is offered"})
        if not fields.get("conducted_by") and not fields.get("conducted_by_name"):
            raise ValidationError({"conducted_by": "Say who conducted the interview"})
    plan, action = fields.get("plan"), fields.get("plan_action")
    if plan is not None and plan.person_id != episode.person_id:
        raise ValidationError({"plan": "Choose one of this child's plans"})
    if action is not None and (plan is None or action.plan_id != plan.pk):
        raise ValidationError({"plan_action": "Choose an action from the linked plan"})

    interview = (
        ReturnHomeInterview.objects.select_for_update().filter(missing_episode=episode).first()
    )
    before = snapshot(interview) if interview else None
    if interview is None:
        interview = ReturnHomeInterview(missing_episode=episode, created_by=acting_user)
    interview.offered_at = offered_at
    for name in _INTERVIEW_FIELDS[1:]:
        if name in fields:
            setattr(
                interview,
                name,
                fields[name]
                if fields[name] is not None
                else (
                    None if name in {"conducted_at", "conducted_by", "plan", "plan_action"} else ""
                ),
            )
    interview.modified_by = acting_user
    interview.full_clean()
    interview.save()
    audit_change(
        user=acting_user,
        instance=interview,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        person_id=episode.person_id,
        before=before,
        summary="Return-home interview recorded",
    )
    _recompute(episode.person_id)
    return interview


@transaction.atomic
def repeat_missing_flag_consider(
    *, flag: RepeatMissingFlag, acting_user, considered_on, decision: str
) -> RepeatMissingFlag:
    """Close the strategy-discussion prompt with what was decided and why."""
    if not decision.strip():
        raise ValidationError({"strategy_discussion_decision": "Say what was decided and why"})
    if considered_on > timezone.localdate():
        raise ValidationError(
            {"considered_on": "The date it was considered must be today or in the past"}
        )
    before = snapshot(flag)
    flag.strategy_discussion_considered_on = considered_on
    flag.strategy_discussion_decision = decision
    flag.modified_by = acting_user
    flag.full_clean()
    flag.save()
    audit_change(
        user=acting_user,
        instance=flag,
        action=AuditAction.UPDATE,
        person_id=flag.person_id,
        before=before,
        summary="Strategy discussion considered after repeat missing episodes",
    )
    return flag


@transaction.atomic
def return_home_interview_findings_to_plan(
    *,
    interview: ReturnHomeInterview,
    acting_user,
    plan,
    due_date,
    responsible_worker=None,
    responsible_person=None,
    description: str = "",
):
    """Turn the interview's findings into an action on the child's plan, and link the two.

    The action names who is responsible and by when, like every plan action.
    """
    from safeguard.casework.models import PlanAction

    episode = interview.missing_episode
    if plan is None or plan.person_id != episode.person_id:
        raise ValidationError({"plan": "Choose one of this child's plans"})
    if not plan.is_open:
        raise ValidationError({"plan": "Choose a plan that is still open"})
    text = (description or interview.findings).strip()
    if not text:
        raise ValidationError({"findings": "Record the findings before adding them to the plan"})
    if due_date is None:
        raise ValidationError({"due_date": "Give a date the action is due by"})
    if (responsible_worker is None) == (responsible_person is None):
        raise ValidationError({"responsible_worker": "Name one person responsible"})
    action = PlanAction(
        plan=plan,
        description=f"From the return-home interview: {text}",
        responsible_worker=responsible_worker,
        responsible_person=responsible_person,
        due_date=due_date,
    )
    action.full_clean()
    action.save()
    action.children.add(episode.person_id)
    audit_change(
        user=acting_user,
        instance=action,
        action=AuditAction.CREATE,
        person_id=episode.person_id,
        summary="Plan action from a return-home interview",
    )
    before = snapshot(interview)
    interview.plan, interview.plan_action = plan, action
    interview.modified_by = acting_user
    interview.full_clean()
    interview.save()
    audit_change(
        user=acting_user,
        instance=interview,
        action=AuditAction.UPDATE,
        person_id=episode.person_id,
        before=before,
        summary="Findings linked into the plan",
    )
    _recompute(episode.person_id)
    return action
