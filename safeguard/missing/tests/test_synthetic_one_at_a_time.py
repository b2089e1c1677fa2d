"""The generator never has a child go missing again before they have come back (rule 574)."""

from datetime import datetime, timedelta

from django.utils import timezone

from safeguard.missing.models import MissingEpisode
from safeguard.missing.synthetic import _one_at_a_time

T0 = timezone.make_aware(datetime(2026, 3, 26, 16, 0))


def _episode(person_id, start_hours, hours_missing):
    reported = T0 + timedelta(hours=start_hours)
    returned = None if hours_missing is None else reported + timedelta(hours=hours_missing)
    return MissingEpisode(
        person_id=person_id, reported_missing_at=reported, found_returned_at=returned
    )


def test_overlapping_and_after_an_open_episode_are_dropped():
    kept = _one_at_a_time(
        [
            _episode(1, 30, 5),  # starts after the first has ended: kept
            _episode(1, 0, 10),
            _episode(1, 8, 4),  # starts while the first is still open: dropped
            _episode(1, 40, None),  # still missing
            _episode(1, 50, 2),  # starts while the last is open: dropped
            _episode(2, 1, 3),  # another child: kept
        ]
    )
    assert [(e.person_id, e.reported_missing_at - T0) for e in kept] == [
        (1, timedelta(hours=0)),
        (1, timedelta(hours=30)),
        (1, timedelta(hours=40)),
        (2, timedelta(hours=1)),
    ]
