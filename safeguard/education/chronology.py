"""Missing education and EHC needs assessments on the child's chronology."""

from collections.abc import Iterator

from safeguard.casework.chronology import ChronologyEntry, chronology_source
from safeguard.education.models import CMEEntry, EHCNeedsAssessment


@chronology_source
def education_events(person_id: int) -> Iterator[ChronologyEntry]:
    """Yield register entries, their closure, and EHC requests and outcomes."""
    for e in CMEEntry.objects.active().filter(person_id=person_id):
        source, url = f"education.cmeentry:{e.pk}", e.get_absolute_url()
        yield ChronologyEntry(
            e.referred_on,
            "education",
            "Added to the children missing education register",
            e.get_reason_display(),
            url,
            source,
        )
        if e.closed_on:
            yield ChronologyEntry(
                e.closed_on,
                "education",
                "Left the children missing education register",
                e.get_outcome_display(),
                url,
                source,
            )
    for a in EHCNeedsAssessment.objects.active().filter(person_id=person_id):
        source, url = f"education.ehcneedsassessment:{a.pk}", a.get_absolute_url()
        yield ChronologyEntry(
            a.request_received_on,
            "education",
            "EHC needs assessment requested",
            a.get_requested_by_display(),
            url,
            source,
        )
        if a.decision_on:
            yield ChronologyEntry(
                a.decision_on, "education", a.get_decision_display(), "", url, source
            )
        if a.outcome_on:
            yield ChronologyEntry(
                a.outcome_on, "education", a.get_outcome_display(), "", url, source
            )
