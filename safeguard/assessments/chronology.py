"""Assessments' significant events for the child's chronology."""

from collections.abc import Iterator

from safeguard.assessments.models import Assessment, AssessmentManagerDecision
from safeguard.casework.chronology import ChronologyEntry, chronology_source


@chronology_source
def assessment_events(person_id: int) -> Iterator[ChronologyEntry]:
    """Yield each assessment's start, the child seen, returns and authorisation with outcome."""
    assessments = list(Assessment.objects.active().filter(person_id=person_id))
    for a in assessments:
        url, source = a.get_absolute_url(), f"assessments.assessment:{a.pk}"
        yield ChronologyEntry(
            a.start_date, "assessment", f"{a.get_kind_display()} started", url=url, source=source
        )
        if a.child_seen_on:
            alone = " and seen alone" if a.child_seen_alone else ""
            yield ChronologyEntry(
                a.child_seen_on,
                "assessment",
                f"Child seen for the assessment{alone}",
                url=url,
                source=source,
            )
    decisions = AssessmentManagerDecision.objects.filter(
        assessment__person_id=person_id
    ).select_related("assessment", "manager")
    for d in decisions:
        a = d.assessment
        if d.decision == "authorised":
            title = f"{a.get_kind_display()} authorised: {a.get_outcome_display() or 'no outcome'}"
        else:
            title = "Assessment returned to the worker by the manager"
        yield ChronologyEntry(
            d.decided_at,
            "assessment",
            title,
            detail=d.reasons,
            url=a.get_absolute_url(),
            source=f"assessments.assessmentmanagerdecision:{d.pk}",
        )
