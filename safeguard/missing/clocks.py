"""Clocks implied by missing episodes: the return-home interview offer (72 hours)."""

from collections.abc import Iterator

from safeguard.compliance.registry import ClockSpec, clock_producer
from safeguard.missing.models import MissingEpisode
from safeguard.missing.selectors import lead_workers


@clock_producer
def return_home_interview_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield one RHI_OFFER clock per return, started at the time the child was found."""
    rows = MissingEpisode.objects.active().filter(found_returned_at__isnull=False)
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    rows = list(
        rows.values("pk", "person_id", "found_returned_at", "return_home_interview__offered_at")
    )
    leads = lead_workers(sorted({r["person_id"] for r in rows}))
    for row in rows:
        owner_id, team_id = leads.get(row["person_id"], (None, None))
        yield ClockSpec(
            rule_code="RHI_OFFER",
            person_id=row["person_id"],
            key=f"missing:{row['pk']}",
            start=row["found_returned_at"],
            completed=row["return_home_interview__offered_at"],
            owner_id=owner_id,
            team_id=team_id,
            subject=f"missing.missingepisode:{row['pk']}",
            start_event="child found or returned from a missing episode",
        )
