from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.access.selectors import person_get_for_user
from safeguard.audit.selectors import record_history, record_viewers
from safeguard.core.forms import form_save
from safeguard.people.forms import PersonForm, PersonSearchForm
from safeguard.people.panels import panels_for
from safeguard.people.selectors import person_record, person_search
from safeguard.people.services import person_create, person_update


def search(request):
    """Find a person by name, date of birth, NHS number or LA child ID."""
    if not user_has_permission(request.user, Permission.VIEW_ALL_CHILDREN):
        raise PermissionDenied
    form = PersonSearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        results = list(person_search(user=request.user, **form.cleaned_data))
    # A search typed into the page comes by HTMX and swaps in only the results, so the
    # results part carries the form's errors too (the whole page shows them at the top).
    if request.headers.get("HX-Request"):
        return render(
            request, "people/_results.html", {"form": form, "results": results, "partial": True}
        )
    return render(request, "people/search.html", {"form": form, "results": results})


def record(request, person_id):
    """Show a child's or adult's record; the view is written to the audit log."""
    person = person_get_for_user(user=request.user, person_id=person_id)
    context = person_record(person=person)
    if user_has_permission(request.user, Permission.VIEW_AUDIT):
        context["viewers"] = list(record_viewers(person_id=person.pk))
        context["history"] = list(record_history(person_id=person.pk, limit=20))
    context["can_edit"] = user_has_permission(request.user, Permission.EDIT_CASE_RECORDS)
    context["panels"] = panels_for(person=person, user=request.user)
    return render(request, "people/record.html", context)


@require_http_methods(["GET", "POST"])
def create(request):
    """Add a child or adult to the system."""
    if not user_has_permission(request.user, Permission.EDIT_CASE_RECORDS):
        raise PermissionDenied
    form = PersonForm(request.POST or None)
    saved, person = form_save(request, form, partial(person_create, acting_user=request.user))
    if saved:
        messages.success(request, f"{person.full_name} has been added")
        return redirect(person)
    return render(request, "people/person_form.html", {"form": form, "title": "Add a person"})


@require_http_methods(["GET", "POST"])
def edit(request, person_id):
    """Change a person's details."""
    if not user_has_permission(request.user, Permission.EDIT_CASE_RECORDS):
        raise PermissionDenied
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="edit")
    initial = {"disabilities": list(person.disabilities.values_list("code", flat=True))}
    form = PersonForm(request.POST or None, instance=person, initial=initial)
    saved, _ = form_save(
        request, form, partial(person_update, person=person, acting_user=request.user)
    )
    if saved:
        messages.success(request, "Details updated")
        return redirect(person)
    title = f"Change details for {person.full_name}"
    return render(request, "people/person_form.html", {"form": form, "title": title})
