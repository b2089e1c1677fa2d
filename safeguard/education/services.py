"""Writes for the children missing education register and EHC needs assessments."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_change, snapshot
from safeguard.education.choices import EHCDecision
from safeguard.education.models import (
    CMEEnquiry,
    CMEEntry,
    CMEEscalation,
    EHCNeedsAssessment,
)


def _recompute(person_id: int) -> None:
    from safeguard.compliance.services import clocks_recompute

    clocks_recompute(person_ids=[person_id])


def _not_future(value: date | None, field: str) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError({field: "The date must be today or in the past"})


def _open_entry(entry: CMEEntry) -> CMEEntry:
    locked = CMEEntry.objects.select_for_update().get(pk=entry.pk)
    if locked.closed_on is not None:
        raise ValidationError("This entry has left the register; reopen it with a new referral")
    return locked


@transaction.atomic
def cme_entry_create(
    *,
    person,
    acting_user,
    reason: str,
    referred_on: date,
    officer,
    school_name: str = "",
    school_urn: str = "",
    last_attended_on: date | None = None,
    referred_by: str = "",
) -> CMEEntry:
    """Put a child on the children missing education register with a named officer."""
    _not_future(referred_on, "referred_on")
    if officer is None:
        raise ValidationError({"officer": "Name the officer responsible for finding the child"})
    if last_attended_on is not None and last_attended_on > referred_on:
        raise ValidationError({"last_attended_on": "The last day attended is before the referral"})
    if CMEEntry.objects.filter(person=person, closed_on__isnull=True).exists():
        raise ValidationError("This child is already on the register")
    entry = CMEEntry(
        person=person,
        reason=reason,
        referred_on=referred_on,
        officer=officer,
        school_name=school_name,
        school_urn=school_urn,
        last_attended_on=last_attended_on,
        referred_by=referred_by,
        created_by=acting_user,
        modified_by=acting_user,
    )
    entry.full_clean()
    entry.save()
    audit_change(
        user=acting_user,
        instance=entry,
        action=AuditAction.CREATE,
        person_id=person.pk,
        summary="Added to the children missing education register",
    )
    _recompute(person.pk)
    return entry


@transaction.atomic
def cme_enquiry_record(
    *, entry: CMEEntry, acting_user, made_on: date, kind: str, result: str
) -> CMEEnquiry:
    """Record an enquiry made to find the child."""
    entry = _open_entry(entry)
    _not_future(made_on, "made_on")
    if made_on < entry.referred_on:
        raise ValidationError({"made_on": "The enquiry is made on or after the referral"})
    enquiry = CMEEnquiry(
        entry=entry, made_on=made_on, kind=kind, result=result, made_by=acting_user
    )
    enquiry.full_clean()
    enquiry.save()
    audit_change(
        user=acting_user,
        instance=enquiry,
        action=AuditAction.CREATE,
        person_id=entry.person_id,
        summary="Children missing education enquiry",
    )
    _recompute(entry.person_id)
    return enquiry


@transaction.atomic
def cme_escalation_record(
    *,
    entry: CMEEntry,
    acting_user,
    stage: str,
    escalated_on: date,
    escalated_to: str,
    notes: str = "",
) -> CMEEscalation:
    """Record the escalation of an entry still open at 10 or 20 school days."""
    entry = _open_entry(entry)
    _not_future(escalated_on, "escalated_on")
    if escalated_on < entry.referred_on:
        raise ValidationError({"escalated_on": "The escalation is on or after the referral"})
    if entry.escalations.filter(stage=stage).exists():
        raise ValidationError({"stage": "This entry has already been escalated at this stage"})
    escalation = CMEEscalation(
        entry=entry,
        stage=stage,
        escalated_on=escalated_on,
        escalated_to=escalated_to,
        escalated_by=acting_user,
        notes=notes,
    )
    escalation.full_clean()
    escalation.save()
    audit_change(
        user=acting_user,
        instance=escalation,
        action=AuditAction.CREATE,
        person_id=entry.person_id,
        summary="Children missing education escalated",
    )
    _recompute(entry.person_id)
    return escalation


@transaction.atomic
def cme_officer_change(*, entry: CMEEntry, acting_user, officer) -> CMEEntry:
    """Give an open entry a different named officer."""
    entry = _open_entry(entry)
    if officer is None:
        raise ValidationError({"officer": "Name the officer responsible for finding the child"})
    before = snapshot(entry)
    entry.officer = officer
    entry.modified_by = acting_user
    entry.full_clean()
    entry.save()
    audit_change(
        user=acting_user,
        instance=entry,
        action=AuditAction.UPDATE,
        person_id=entry.person_id,
        before=before,
        summary="Named officer changed",
    )
    _recompute(entry.person_id)
    return entry


@transaction.atomic
def cme_entry_close(
    *, entry: CMEEntry, acting_user, closed_on: date, outcome: str, outcome_detail: str = ""
) -> CMEEntry:
    """Take a child off the register: only with an outcome saying where they now are."""
    entry = _open_entry(entry)
    if not outcome:
        raise ValidationError(
            {
                "outcome": "Choose an outcome: a child leaves the register only when we know where "
                "they are, or after every reasonable enquiry"
            }
        )
    if closed_on is None:
        raise ValidationError({"closed_on": "Enter the date the child left the register"})
    _not_future(closed_on, "closed_on")
    if closed_on < entry.referred_on:
        raise ValidationError({"closed_on": "The entry closes on or after the referral"})
    before = snapshot(entry)
    entry.closed_on = closed_on
    entry.outcome = outcome
    entry.outcome_detail = outcome_detail
    entry.modified_by = acting_user
    entry.full_clean()
    entry.save()
    audit_change(
        user=acting_user,
        instance=entry,
        action=AuditAction.UPDATE,
        person_id=entry.person_id,
        before=before,
        summary=f"Left the register: {entry.get_outcome_display()}",
    )
    _recompute(entry.person_id)
    return entry


@transaction.atomic
def ehc_needs_assessment_request(
    *, person, acting_user, request_received_on: date, requested_by: str, case_officer=None
) -> EHCNeedsAssessment:
    """Record a request for an EHC needs assessment: the 6- and 20-week clocks start."""
    _not_future(request_received_on, "request_received_on")
    assessment = EHCNeedsAssessment(
        person=person,
        request_received_on=request_received_on,
        requested_by=requested_by,
        case_officer=case_officer,
        created_by=acting_user,
        modified_by=acting_user,
    )
    assessment.full_clean()
    assessment.save()
    audit_change(
        user=acting_user,
        instance=assessment,
        action=AuditAction.CREATE,
        person_id=person.pk,
        summary="EHC needs assessment requested",
    )
    _recompute(person.pk)
    return assessment


@transaction.atomic
def ehc_needs_assessment_decide(
    *, assessment: EHCNeedsAssessment, acting_user, decision: str, decision_on: date
) -> EHCNeedsAssessment:
    """Record the decision whether to assess (a decision not to assess stops the 20 weeks)."""
    _not_future(decision_on, "decision_on")
    if decision_on < assessment.request_received_on:
        raise ValidationError({"decision_on": "The decision is on or after the request"})
    before = snapshot(assessment)
    assessment.decision, assessment.decision_on = decision, decision_on
    assessment.modified_by = acting_user
    assessment.full_clean()
    assessment.save()
    audit_change(
        user=acting_user,
        instance=assessment,
        action=AuditAction.UPDATE,
        person_id=assessment.person_id,
        before=before,
        summary="EHC assessment decision",
    )
    _recompute(assessment.person_id)
    return assessment


@transaction.atomic
def ehc_needs_assessment_conclude(
    *, assessment: EHCNeedsAssessment, acting_user, outcome: str, outcome_on: date
) -> EHCNeedsAssessment:
    """Record the final plan issued (or the decision not to issue one): the 20 weeks stop."""
    _not_future(outcome_on, "outcome_on")
    if assessment.decision != EHCDecision.ASSESS:
        raise ValidationError({"outcome": "Record the decision to assess first"})
    if outcome_on < assessment.decision_on:
        raise ValidationError({"outcome_on": "The outcome is on or after the decision to assess"})
    before = snapshot(assessment)
    assessment.outcome, assessment.outcome_on = outcome, outcome_on
    assessment.modified_by = acting_user
    assessment.full_clean()
    assessment.save()
    audit_change(
        user=acting_user,
        instance=assessment,
        action=AuditAction.UPDATE,
        person_id=assessment.person_id,
        before=before,
        summary="EHC assessment concluded",
    )
    _recompute(assessment.person_id)
    return assessment
