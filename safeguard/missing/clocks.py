"""Clocks implied by missing episodes: the return-home interview offer (72 hours), and the
pauses of the rules that stand still while the child is missing (the "child_missing" pause
condition in the rule catalogue, switched on or off by the authority)."""

from collections.abc import Iterator

from safeguard.compliance.registry import ClockSpec, Pause, clock_producer, pause_source
from safeguard.missing.choices import MissingFrom, MissingType
from safeguard.missing.models import MissingEpisode
from safeguard.missing.selectors import lead_workers


@clock_producer(sources=[(MissingEpisode, "person")])
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


_PAUSE_REASONS = {
    MissingFrom.HOME: "missing from home",
    MissingFrom.CARE: "missing from care",
    MissingFrom.OTHER: "missing (from school, hospital or elsewhere)",
}


@pause_source("child_missing")
def missing_pauses(person_ids: list[int] | None) -> Iterator[tuple[int, Pause]]:
    """Yield a pause per missing episode, from the report until found (open while missing).

    Only episodes of type missing: a child "away" from placement without authorisation is
    somewhere known, so a visit can still be made.
    """
    rows = MissingEpisode.objects.active().filter(missing_type=MissingType.MISSING)
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    for person_id, missing_from, reported, found in rows.values_list(
        "person_id", "missing_from", "reported_missing_at", "found_returned_at"
    ):
        yield person_id, Pause(reported, found, _PAUSE_REASONS.get(missing_from, "missing"))
