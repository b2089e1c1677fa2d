from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.access.selectors import person_get_for_user
from safeguard.casework.models import Plan, PlanAction
from safeguard.core.forms import form_save
from safeguard.missing import off_the_radar as radar
from safeguard.missing.forms import (
    MissingEpisodeForm,
    MissingReturnForm,
    ReturnHomeInterviewForm,
    StrategyDiscussionDecisionForm,
)
from safeguard.missing.models import MissingEpisode, RepeatMissingFlag
from safeguard.missing.services import (
    missing_episode_record,
    missing_episode_return,
    repeat_missing_flag_consider,
    return_home_interview_findings_to_plan,
    return_home_interview_record,
)


def _require(request, permission: Permission) -> None:
    if not user_has_permission(request.user, permission):
        raise PermissionDenied


def _episode_for_user(request, pk: int, purpose: str = "view") -> MissingEpisode:
    """Return the episode if the user may see the child; refuse unknown ids the same way."""
    episode = MissingEpisode.objects.active().filter(pk=pk).first()
    if episode is None:
        raise PermissionDenied("You do not have access to this record.")
    episode.person = person_get_for_user(
        user=request.user, person_id=episode.person_id, purpose=purpose
    )
    return episode


def _form_page(request, form, *, title, person):
    return render(request, "missing/form.html", {"form": form, "title": title, "person": person})


@require_http_methods(["GET", "POST"])
def episode_create(request, person_id):
    """Record that a child has been reported missing (or away without authorisation)."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="edit")
    form = MissingEpisodeForm(request.POST or None)
    saved, episode = form_save(
        request, form, partial(missing_episode_record, person=person, acting_user=request.user)
    )
    if saved:
        messages.success(request, "Missing episode recorded")
        return redirect(episode)
    title = f"Record a missing episode for {person.full_name}"
    return _form_page(request, form, title=title, person=person)


def episode(request, pk):
    """Show a missing episode and its return-home interview."""
    episode = _episode_for_user(request, pk)
    rhi = getattr(episode, "return_home_interview", None)
    return render(
        request,
        "missing/episode.html",
        {
            "episode": episode,
            "rhi": rhi,
            "can_edit": user_has_permission(request.user, Permission.EDIT_CASE_RECORDS),
        },
    )


@require_http_methods(["GET", "POST"])
def episode_return(request, pk):
    """Record when and where the child was found or came back."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    episode = _episode_for_user(request, pk, purpose="edit")
    form = MissingReturnForm(request.POST or None)
    saved, _ = form_save(
        request, form, partial(missing_episode_return, episode=episode, acting_user=request.user)
    )
    if saved:
        messages.success(request, "Return recorded: offer a return-home interview within 72 hours")
        return redirect(episode)
    title = f"Record the return of {episode.person.full_name}"
    return _form_page(request, form, title=title, person=episode.person)


@require_http_methods(["GET", "POST"])
def interview(request, pk):
    """Record the return-home interview offer and what the child said."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    episode = _episode_for_user(request, pk, purpose="edit")
    existing = getattr(episode, "return_home_interview", None)
    initial = {}
    if existing is not None:
        initial = {
            f: getattr(existing, f)
            for f in (
                "offered_at",
                "response",
                "conducted_at",
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
        }
    plans = Plan.objects.active().filter(person_id=episode.person_id)
    actions = PlanAction.objects.filter(plan__person_id=episode.person_id).select_related("plan")
    form = ReturnHomeInterviewForm(
        request.POST or None, initial=initial, plans=plans, actions=actions
    )

    # One save: the interview and the action from its findings, or neither.
    @transaction.atomic
    def record(*, add_to_plan, action_worker, action_due, **data):
        if data.get("conducted_at") and not data.get("conducted_by_name"):
            data["conducted_by"] = request.user
        rhi = return_home_interview_record(episode=episode, acting_user=request.user, **data)
        if add_to_plan:
            return_home_interview_findings_to_plan(
                interview=rhi,
                acting_user=request.user,
                plan=data["plan"],
                due_date=action_due,
                responsible_worker=action_worker,
            )

    saved, _ = form_save(request, form, record)
    if saved:
        messages.success(request, "Return-home interview recorded")
        return redirect(episode)
    title = f"Return-home interview: {episode.person.full_name}"
    return _form_page(request, form, title=title, person=episode.person)


@require_http_methods(["GET", "POST"])
def flag_consider(request, pk):
    """Record the decision on a strategy discussion after repeat missing episodes."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    flag = RepeatMissingFlag.objects.active().filter(pk=pk).first()
    if flag is None:
        raise PermissionDenied("You do not have access to this record.")
    person = person_get_for_user(user=request.user, person_id=flag.person_id, purpose="edit")
    form = StrategyDiscussionDecisionForm(
        request.POST or None, initial={"considered_on": timezone.localdate()}
    )
    saved, _ = form_save(
        request, form, partial(repeat_missing_flag_consider, flag=flag, acting_user=request.user)
    )
    if saved:
        messages.success(request, "Decision recorded")
        return redirect(person)
    title = f"Strategy discussion after repeat missing episodes: {person.full_name}"
    return _form_page(request, form, title=title, person=person)


def off_the_radar(request):
    """List every child the system knows of whom no one is currently keeping in view."""
    _require(request, Permission.VIEW_TEAM_WORK)
    rows = radar.off_the_radar(as_of=timezone.now(), user=request.user)
    return render(request, "missing/off_the_radar.html", {"rows": rows, "reasons": radar.Reason})
