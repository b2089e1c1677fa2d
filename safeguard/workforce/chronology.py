"""Significant events on a child's chronology from the workforce records."""

from collections.abc import Iterable

from django.urls import reverse

from safeguard.casework.chronology import ChronologyEntry, chronology_source


@chronology_source
def supervision_and_audit_events(person_id: int) -> Iterable[ChronologyEntry]:
    """Yield the child's case discussions in supervision and the case file audits."""
    from safeguard.workforce.models import CaseAudit, SupervisionCaseDiscussion

    for row in (
        SupervisionCaseDiscussion.objects.filter(
            person_id=person_id, session__archived_at__isnull=True
        )
        .select_related("session__supervisor")
        .order_by("session__session_date")
    ):
        yield ChronologyEntry(
            when=row.session.session_date,
            category="supervision",
            title=f"Case discussed in supervision with {row.session.supervisor}",
            detail=row.decision,
            source=f"workforce.supervisioncasediscussion:{row.pk}",
        )
    for audit in CaseAudit.objects.active().filter(person_id=person_id).select_related("tool"):
        yield ChronologyEntry(
            when=audit.audit_date,
            category="audit",
            title=f"Case file audit ({audit.tool}): {audit.get_overall_grade_display()}",
            detail=audit.summary,
            url=reverse("workforce:audit_detail", args=[audit.pk]),
            source=f"workforce.caseaudit:{audit.pk}",
        )
