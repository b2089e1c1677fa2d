from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.access.selectors import people_visible_to, person_get_for_user
from safeguard.core.forms import add_service_errors
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


def _submit(request, form, call, success, target):
    if request.method == "POST" and form.is_valid():
        try:
            result = call(**form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(target or result)
    return None


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
    done = _submit(
        request,
        form,
        lambda **data: services.cme_entry_create(person=person, acting_user=request.user, **data),
        "Added to the children missing education register",
        None,
    )
    return done or _form_page(
        request, form, f"Children missing education: {person.full_name}", person
    )


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


def _entry_action(request, pk, form_class, service, success, title):
    _require(request, Permission.EDIT_CASE_RECORDS)
    entry = _for_user(request, CMEEntry, pk, purpose="edit")
    form = form_class(request.POST or None)
    done = _submit(
        request,
        form,
        lambda **data: service(entry=entry, acting_user=request.user, **data),
        success,
        entry,
    )
    return done or _form_page(request, form, f"{title}: {entry.person.full_name}", entry.person)


@require_http_methods(["GET", "POST"])
def cme_enquiry(request, pk):
    """Record an enquiry made to find the child."""
    return _entry_action(
        request,
        pk,
        f.CMEEnquiryForm,
        services.cme_enquiry_record,
        "Enquiry recorded",
        "Record an enquiry",
    )


@require_http_methods(["GET", "POST"])
def cme_escalate(request, pk):
    """Record an escalation at 10 or 20 school days."""
    return _entry_action(
        request,
        pk,
        f.CMEEscalationForm,
        services.cme_escalation_record,
        "Escalation recorded",
        "Escalate",
    )


@require_http_methods(["GET", "POST"])
def cme_close(request, pk):
    """Take the child off the register, with an outcome."""
    return _entry_action(
        request,
        pk,
        f.CMECloseForm,
        services.cme_entry_close,
        "The child has left the register",
        "Leave the register",
    )


@require_http_methods(["GET", "POST"])
def ehcna_create(request, person_id):
    """Record a request for an EHC needs assessment."""
    _require(request, Permission.EDIT_CASE_RECORDS)
    person = person_get_for_user(user=request.user, person_id=person_id, purpose="edit")
    form = f.EHCRequestForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda **data: services.ehc_needs_assessment_request(
            person=person, acting_user=request.user, **data
        ),
        "EHC needs assessment request recorded",
        None,
    )
    return done or _form_page(request, form, f"EHC needs assessment: {person.full_name}", person)


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


def _ehc_action(request, pk, form_class, service, success, title):
    _require(request, Permission.EDIT_CASE_RECORDS)
    assessment = _for_user(request, EHCNeedsAssessment, pk, purpose="edit")
    form = form_class(request.POST or None)
    done = _submit(
        request,
        form,
        lambda **data: service(assessment=assessment, acting_user=request.user, **data),
        success,
        assessment,
    )
    return done or _form_page(
        request, form, f"{title}: {assessment.person.full_name}", assessment.person
    )


@require_http_methods(["GET", "POST"])
def ehcna_decide(request, pk):
    return _ehc_action(
        request,
        pk,
        f.EHCDecisionForm,
        services.ehc_needs_assessment_decide,
        "Decision recorded",
        "Decision whether to assess",
    )


@require_http_methods(["GET", "POST"])
def ehcna_conclude(request, pk):
    return _ehc_action(
        request,
        pk,
        f.EHCOutcomeForm,
        services.ehc_needs_assessment_conclude,
        "Outcome recorded",
        "Outcome of the assessment",
    )
