from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.access.selectors import people_visible_to, person_get_for_user
from safeguard.core.forms import form_save
from safeguard.education import forms as f
from safeguard.education import services
from safeguard.education.models import CMEEntry, EHCNeedsAssessment
from safeguard.education.selectors import cme_register


def _require(request, permission: Permission) -> None:
    if not user_has_permission(request.user, permission):
        raise PermissionDenied


def _for_user(request, model, pk, purpose="view"):
    """Return the record if the user may see its child; refuse unknown ids the same way."""
    record = model.objects.active().filter(pk=pk).first()
    if record is None:
        raise PermissionDenied("You do not have access to this record.")
    record.person = person_get_for_user(
        user=request.user, person_id=record.person_id, purpose=purpose
    )
    return record


def _form_page(request, form, title, person):
    return render(request, "education/form.html", {"form": form, "title": title, "person": person})


def _record_action(request, record, *, form_class, save, success, title):
    """Show a form that acts on a record; on a valid POST save it and go back to the record."""
    form = form_class(request.POST or None)
    saved, _ = form_save(request, form, save)
    if saved:
        messages.success(request, success)
        return redirect(record)
    return _form_page(request, form, f"{title}: {record.person.full_name}", record.person)


def _entry_action(request, pk, *, form_class, service, success, title):
    """Act on a children missing education register entry through service(entry=...)."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    entry = _for_user(request, CMEEntry, pk, purpose="edit")
    save = partial(service, entry=entry, acting_user=request.user)
    return _record_action(
        request, entry, form_class=form_class, save=save, success=success, title=title
    )


def _ehc_action(request, pk, *, form_class, service, success, title):
    """Act on an EHC needs assessment through service(assessment=...)."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    assessment = _for_user(request, EHCNeedsAssessment, pk, purpose="edit")
    save = partial(service, assessment=assessment, acting_user=request.user)
    return _record_action(
        request, assessment, form_class=form_class, save=save, success=success, title=title
    )


def register(request):
    """List the children missing education register: every open entry and its officer."""
    _require(request, Permission.VIEW_ALL_CHILDREN)
    entries = cme_register().filter(person__in=people_visible_to(request.user))
    return render(request, "education/register.html", {"entries": entries})


@require_http_methods(["GET", "POST"])
def cme_create(request, person_id):
    """Put a child on the register."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="edit")
    form = f.CMEEntryForm(request.POST or None, initial={"officer": request.user})
    saved, entry = form_save(
        request, form, partial(services.cme_entry_create, person=person, acting_user=request.user)
    )
    if saved:
        messages.success(request, "Added to the children missing education register")
        return redirect(entry)
    return _form_page(request, form, f"Children missing education: {person.full_name}", person)


def cme_entry(request, pk):
    """Show a register entry with its enquiries and escalations."""
    entry = _for_user(request, CMEEntry, pk)
    return render(
        request,
        "education/cme_entry.html",
        {
            "entry": entry,
            "enquiries": entry.enquiries.select_related("made_by"),
            "escalations": entry.escalations.select_related("escalated_by"),
            "can_edit": user_has_permission(request.user, Permission.EDIT_CASE_RECORDS),
        },
    )


@require_http_methods(["GET", "POST"])
def cme_enquiry(request, pk):
    """Record an enquiry made to find the child."""
    return _entry_action(
        request,
        pk,
        form_class=f.CMEEnquiryForm,
        service=services.cme_enquiry_record,
        success="Enquiry recorded",
        title="Record an enquiry",
    )


@require_http_methods(["GET", "POST"])
def cme_escalate(request, pk):
    """Record an escalation at 10 or 20 school days."""
    return _entry_action(
        request,
        pk,
        form_class=f.CMEEscalationForm,
        service=services.cme_escalation_record,
        success="Escalation recorded",
        title="Escalate",
    )


@require_http_methods(["GET", "POST"])
def cme_close(request, pk):
    """Take the child off the register, with an outcome."""
    return _entry_action(
        request,
        pk,
        form_class=f.CMECloseForm,
        service=services.cme_entry_close,
        success="The child has left the register",
        title="Leave the register",
    )


@require_http_methods(["GET", "POST"])
def ehcna_create(request, person_id):
    """Record a request for an EHC needs assessment."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="edit")
    form = f.EHCRequestForm(request.POST or None)
    saved, assessment = form_save(
        request,
        form,
        partial(services.ehc_needs_assessment_request, person=person, acting_user=request.user),
    )
    if saved:
        messages.success(request, "EHC needs assessment request recorded")
        return redirect(assessment)
    return _form_page(request, form, f"EHC needs assessment: {person.full_name}", person)


def ehcna(request, pk):
    """Show an EHC needs assessment and where it stands against its clocks."""
    assessment = _for_user(request, EHCNeedsAssessment, pk)
    return render(
        request,
        "education/ehcna.html",
        {
            "assessment": assessment,
            "can_edit": user_has_permission(request.user, Permission.EDIT_CASE_RECORDS),
        },
    )


@require_http_methods(["GET", "POST"])
def ehcna_decide(request, pk):
    return _ehc_action(
        request,
        pk,
        form_class=f.EHCDecisionForm,
        service=services.ehc_needs_assessment_decide,
        success="Decision recorded",
        title="Decision whether to assess",
    )


@require_http_methods(["GET", "POST"])
def ehcna_conclude(request, pk):
    return _ehc_action(
        request,
        pk,
        form_class=f.EHCOutcomeForm,
        service=services.ehc_needs_assessment_conclude,
        success="Outcome recorded",
        title="Outcome of the assessment",
    )
