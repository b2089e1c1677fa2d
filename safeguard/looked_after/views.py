from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.access.selectors import people_visible_to, person_get_for_user
from safeguard.accounts.choices import Role
from safeguard.core.forms import form_save, today
from safeguard.looked_after import forms, services
from safeguard.looked_after.selectors import (
    children_for_iro,
    children_with_three_or_more_placements,
    current_episode,
    looked_after_record,
    review_clocks_for_iro,
    stability_counts,
)


def _require(request, permission):
    if not user_has_permission(request.user, permission):
        raise PermissionDenied


def child(request, person_id):
    """Show the child's episodes, placements, reviews, health, PEPs and care leaver records."""
    person = person_get_for_user(user=request.user, person_id=person_id)
    context = looked_after_record(person=person)
    context["person"] = person
    context["can_edit"] = user_has_permission(request.user, Permission.EDIT_CASE_RECORDS)
    context["current"] = next((e for e in context["episodes"] if e.is_open), None)
    return render(request, "looked_after/child.html", context)


def _form_page(request, person_id, *, form_class, title, save, initial=None):
    """Show a form for the child; on a valid POST call save(person=, acting_user=, **data) and go
    back to the child's record."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="edit")
    form = form_class(request.POST or None, initial=initial)
    saved, _ = form_save(request, form, partial(save, person=person, acting_user=request.user))
    if saved:
        messages.success(request, f"{title}: saved")
        return redirect(reverse("looked_after:child", args=[person.pk]))
    context = {"form": form, "title": title, "person": person}
    return render(request, "looked_after/form.html", context)


@require_http_methods(["GET", "POST"])
def episode_start(request, person_id):
    """Record that the child became looked after."""
    return _form_page(
        request,
        person_id,
        form_class=forms.EpisodeStartForm,
        title="Record that the child became looked after",
        save=services.care_episode_start,
    )


def _open_episode(person):
    episode = current_episode(person=person)
    if episode is None:
        raise ValidationError("The child is not looked after now.")
    return episode


@require_http_methods(["GET", "POST"])
def episode_change(request, person_id):
    """Record a placement move or a change of legal status (a new 903 episode)."""

    def save(*, person, acting_user, change_date, reason_new_episode, reason_place_change, **new):
        services.care_episode_change(
            episode=_open_episode(person),
            acting_user=acting_user,
            change_date=change_date,
            reason_new_episode=reason_new_episode,
            reason_place_change=reason_place_change,
            # A field left blank means no change to it.
            **{name: value for name, value in new.items() if value not in ("", None)},
        )

    return _form_page(
        request,
        person_id,
        form_class=forms.EpisodeChangeForm,
        title="Record a change of placement or legal status",
        save=save,
    )


@require_http_methods(["GET", "POST"])
def episode_cease(request, person_id):
    """Record that the child ceased to be looked after."""
    return _form_page(
        request,
        person_id,
        form_class=forms.EpisodeCeaseForm,
        title="Record that the child ceased to be looked after",
        save=lambda *, person, **data: services.care_episode_cease(
            episode=_open_episode(person), **data
        ),
    )


@require_http_methods(["GET", "POST"])
def review_create(request, person_id):
    """Record a looked-after review."""

    def save(*, acting_user, **data):
        chair = acting_user if acting_user.role == Role.CONFERENCE_CHAIR else None
        services.looked_after_review_record(acting_user=acting_user, chaired_by=chair, **data)

    return _form_page(
        request,
        person_id,
        form_class=forms.ReviewForm,
        title="Record a looked-after review",
        save=save,
    )


@require_http_methods(["GET", "POST"])
def health_create(request, person_id):
    """Record a health assessment, dental check, immunisation check or SDQ."""
    return _form_page(
        request,
        person_id,
        form_class=forms.HealthForm,
        title="Record health",
        save=services.health_event_record,
    )


@require_http_methods(["GET", "POST"])
def pep_create(request, person_id):
    """Record a personal education plan meeting."""
    return _form_page(
        request,
        person_id,
        form_class=forms.PersonalEducationPlanForm,
        title="Record a personal education plan",
        save=services.personal_education_plan_record,
    )


@require_http_methods(["GET", "POST"])
def iro_assign(request, person_id):
    """Name the child's independent reviewing officer."""
    return _form_page(
        request,
        person_id,
        form_class=forms.IROForm,
        title="Name the independent reviewing officer",
        save=services.iro_assign,
    )


@require_http_methods(["GET", "POST"])
def care_leaver_edit(request, person_id):
    """Record the young person's care leaver category, personal adviser and assessment."""
    return _form_page(
        request,
        person_id,
        form_class=forms.CareLeaverForm,
        title="Care leaver details",
        save=services.care_leaver_record,
    )


@require_http_methods(["GET", "POST"])
def pathway_plan_create(request, person_id):
    """Record a pathway plan or its review."""
    return _form_page(
        request,
        person_id,
        form_class=forms.PathwayPlanForm,
        title="Record a pathway plan",
        save=services.pathway_plan_record,
    )


@require_http_methods(["GET", "POST"])
def birthday_create(request, person_id):
    """Record a care leaver's circumstances at a birthday from 17 to 21."""
    return _form_page(
        request,
        person_id,
        form_class=forms.CareLeaverBirthdayForm,
        title="Record a care leaver's birthday information",
        save=services.care_leaver_birthday_record,
    )


def iro(request):
    """Show the IRO their children and the review clocks that are open for them."""
    _require(request, Permission.CHAIR_CONFERENCES)
    visible = set(people_visible_to(request.user).values_list("pk", flat=True))
    children = [c for c in children_for_iro(user=request.user) if c.pk in visible]
    clocks = [c for c in review_clocks_for_iro(user=request.user) if c.person_id in visible]
    context = {"children": children, "clocks": clocks, "today": today()}
    return render(request, "looked_after/iro.html", context)


def overview(request):
    """Show placement stability counts for children looked after today."""
    if not (
        user_has_permission(request.user, Permission.VIEW_TEAM_WORK)
        or user_has_permission(request.user, Permission.CHAIR_CONFERENCES)
    ):
        raise PermissionDenied
    unstable = children_with_three_or_more_placements()
    return render(
        request,
        "looked_after/overview.html",
        {
            "counts": stability_counts(),
            "unstable": people_visible_to(request.user).filter(pk__in=unstable),
            "is_iro": user_has_permission(request.user, Permission.CHAIR_CONFERENCES),
        },
    )
