"""Periods of care and placements, derived from SSDA903 episodes.

Pure functions over plain rows (from `values()`), shared by the clocks and the child record, so
every page counts placements the same way. The authority-wide stability measures count the same
rules in SQL (`stability.py`); a test holds the two equal, child by child.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from safeguard.looked_after.choices import (
    ADOPTION_PLACEMENTS,
    PLACEMENT_STARTS,
    SHORT_BREAK_STATUSES,
    TEMPORARY_PLACEMENTS,
    ReasonEpisodeCeased,
)

EPISODE_FIELDS = (
    "pk",
    "person_id",
    "start_date",
    "end_date",
    "reason_new_episode",
    "legal_status",
    "placement_type",
    "placement_postcode",
    "urn",
    "reason_episode_ceased",
    "placement_intended_until_18",
    "placed_with_parent_before_assessment",
    "connected_person_temporary_approval",
)


@dataclass
class Placement:
    """A stay in one placement: the episodes from a change of placement to the next."""

    start: date
    end: date | None
    episodes: list[dict] = field(default_factory=list)

    @property
    def placement_type(self) -> str:
        return self.episodes[0]["placement_type"]

    @property
    def is_temporary(self) -> bool:
        return self.placement_type in TEMPORARY_PLACEMENTS

    @property
    def is_short_break(self) -> bool:
        return all(e["legal_status"] in SHORT_BREAK_STATUSES for e in self.episodes)

    def same_place_as(self, other: "Placement") -> bool:
        """Return True if both are the same carer or home (type, postcode and URN agree)."""
        first, theirs = self.episodes[0], other.episodes[0]
        return all(first[k] == theirs[k] for k in ("placement_type", "placement_postcode", "urn"))

    def episode_on(self, day: date) -> dict:
        """Return the episode in force on `day` (the last one if day is past the end)."""
        current = self.episodes[0]
        for episode in self.episodes:
            if episode["start_date"] <= day:
                current = episode
        return current


@dataclass
class PeriodOfCare:
    """A continuous period of being looked after, from RNE S to a reason other than X1."""

    start: date
    end: date | None
    placements: list[Placement] = field(default_factory=list)

    @property
    def episodes(self) -> list[dict]:
        return [e for p in self.placements for e in p.episodes]

    @property
    def first_episode(self) -> dict:
        return self.placements[0].episodes[0]

    @property
    def is_short_breaks(self) -> bool:
        return all(p.is_short_break for p in self.placements)

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def periods_of_care(episodes: Iterable[dict]) -> list[PeriodOfCare]:
    """Group one child's episodes (any order) into periods of care and placements."""
    periods: list[PeriodOfCare] = []
    previous = None
    for episode in sorted(episodes, key=lambda e: (e["start_date"], e["pk"])):
        continues = (
            previous is not None
            and episode["reason_new_episode"] != "S"
            and previous["reason_episode_ceased"] == ReasonEpisodeCeased.X1
            and previous["end_date"] == episode["start_date"]
        )
        if not continues:
            periods.append(PeriodOfCare(start=episode["start_date"], end=None))
        period = periods[-1]
        if not continues or episode["reason_new_episode"] in PLACEMENT_STARTS:
            period.placements.append(Placement(start=episode["start_date"], end=None))
        placement = period.placements[-1]
        placement.episodes.append(episode)
        placement.end = episode["end_date"]
        period.end = episode["end_date"]
        previous = episode
    return periods


def group_by_person(episodes: Iterable[dict]) -> dict[int, list[PeriodOfCare]]:
    """Return {person_id: periods of care} for rows of many children."""
    rows: dict[int, list[dict]] = {}
    for episode in episodes:
        rows.setdefault(episode["person_id"], []).append(episode)
    return {person_id: periods_of_care(found) for person_id, found in rows.items()}


def _counted_placements(periods: list[PeriodOfCare]) -> list[Placement]:
    """Return the placements the DfE counts: no temporary moves, no short breaks.

    A return to the same carer after a temporary move (T0-T4) is the same placement, not a
    new one, so it is merged with the placement before the move.
    """
    counted: list[Placement] = []
    for period in periods:
        last_real = None
        for placement in period.placements:
            if placement.is_short_break:
                continue
            if placement.is_temporary:
                continue
            if last_real is not None and placement.same_place_as(last_real):
                last_real.end = placement.end
                continue
            merged = Placement(start=placement.start, end=placement.end)
            merged.episodes = list(placement.episodes)
            counted.append(merged)
            last_real = merged
    return counted


def placements_in_year(periods: list[PeriodOfCare], *, as_of: date) -> int:
    """Return how many placements the child had in the 12 months to `as_of` (DfE count)."""
    year_start = minus_months(as_of, 12)
    return sum(
        1
        for p in _counted_placements(periods)
        if p.start <= as_of and (p.end is None or p.end > year_start)
    )


def current_placement(periods: list[PeriodOfCare], *, as_of: date) -> Placement | None:
    """Return the placement the child is in on `as_of` (temporary returns merged), or None."""
    for placement in _counted_placements(periods):
        if placement.start <= as_of and (placement.end is None or placement.end > as_of):
            return placement
    return None


def current_period(periods: list[PeriodOfCare], *, as_of: date) -> PeriodOfCare | None:
    """Return the period of care open on `as_of`, or None."""
    for period in periods:
        if period.start <= as_of and (period.end is None or period.end > as_of):
            return period
    return None


def long_term_stability(
    periods: list[PeriodOfCare], *, date_of_birth: date | None, as_of: date
) -> tuple[bool, bool]:
    """Return (in the cohort, stable) for the DfE long-term placement stability measure.

    The cohort: under 16 on `as_of`, looked after continuously for at least two and a half
    years. Stable: in the same placement for at least two years, or placed for adoption where
    the adoptive placement and the one before it together last two years.
    """
    period = current_period(periods, as_of=as_of)
    if period is None or period.is_short_breaks or date_of_birth is None:
        return False, False
    if as_of >= plus_months(date_of_birth, 16 * 12):
        return False, False
    if period.start > minus_months(as_of, 30):
        return False, False
    counted = [p for p in _counted_placements([period]) if p.start <= as_of]
    if not counted:
        return True, False
    since = counted[-1].start
    if counted[-1].placement_type in ADOPTION_PLACEMENTS and len(counted) > 1:
        since = counted[-2].start
    return True, since <= minus_months(as_of, 24)


def plus_months(day: date, months: int) -> date:
    """Return the same day `months` later (the last day of a shorter month)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def minus_months(day: date, months: int) -> date:
    return plus_months(day, -months)
