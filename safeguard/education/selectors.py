"""Reads for the children missing education register and EHC needs assessments."""

from django.db.models import Count, Max, QuerySet

from safeguard.education.models import CMEEntry, EHCNeedsAssessment


def cme_register(*, include_closed: bool = False) -> QuerySet[CMEEntry]:
    """Return the register: open entries (or all), oldest referral first, with activity."""
    entries = CMEEntry.objects.active()
    if not include_closed:
        entries = entries.filter(closed_on__isnull=True)
    return (
        entries.select_related("person", "officer")
        .annotate(
            enquiry_count=Count("enquiries", distinct=True),
            last_enquiry_on=Max("enquiries__made_on"),
        )
        .order_by("referred_on", "pk")
    )


def cme_entries_for_person(*, person_id: int) -> QuerySet[CMEEntry]:
    return CMEEntry.objects.active().filter(person_id=person_id).select_related("officer")


def ehc_assessments_for_person(*, person_id: int) -> QuerySet[EHCNeedsAssessment]:
    return EHCNeedsAssessment.objects.active().filter(person_id=person_id)
