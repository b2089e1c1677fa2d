"""Missing episodes and return-home interviews on the child's chronology."""

from collections.abc import Iterator

from safeguard.casework.chronology import ChronologyEntry, chronology_source
from safeguard.missing.models import MissingEpisode, RepeatMissingFlag


@chronology_source
def missing_events(person_id: int) -> Iterator[ChronologyEntry]:
    """Yield each report, return, interview offer and repeat-missing flag."""
    episodes = (
        MissingEpisode.objects.active()
        .filter(person_id=person_id)
        .select_related("return_home_interview")
    )
    for e in episodes:
        source = f"missing.missingepisode:{e.pk}"
        url = e.get_absolute_url()
        yield ChronologyEntry(
            e.reported_missing_at,
            "missing",
            f"Reported {e.get_missing_type_display().lower()} "
            f"from {e.get_missing_from_display().lower()}",
            f"Risk: {e.get_risk_level_display()}. Police reference {e.police_reference or 'none'}.",
            url,
            source,
        )
        if e.found_returned_at:
            yield ChronologyEntry(
                e.found_returned_at, "missing", "Found or returned", e.where_found, url, source
            )
        rhi = getattr(e, "return_home_interview", None)
        if rhi is not None:
            yield ChronologyEntry(
                rhi.offered_at,
                "missing",
                "Return-home interview offered "
                f"({rhi.get_response_display() or 'no response yet'})",
                rhi.findings,
                url,
                source,
            )
    for flag in RepeatMissingFlag.objects.active().filter(person_id=person_id):
        yield ChronologyEntry(
            flag.raised_at,
            "missing",
            "Repeat missing: strategy discussion prompted",
            str(flag),
            "",
            f"missing.repeatmissingflag:{flag.pk}",
        )
