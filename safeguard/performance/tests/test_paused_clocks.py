"""A visit clock paused at the period's end has not fallen due; the figure and its lists agree."""

from datetime import date

import pytest

from safeguard.performance.measures import MEASURES, Scope
from safeguard.performance.selectors import DENOMINATOR, NOT_MET, NUMERATOR, measure_rows
from safeguard.performance.tests.conftest import PERIOD, clock
from safeguard.performance.tests.test_measures import figure

pytestmark = pytest.mark.django_db


def test_visit_paused_at_the_period_end_is_not_counted_as_due(children, worker_w):
    c = children
    # Given, for the year to Tue 31 Mar 2026, three CP visit clocks:
    # met on time;
    clock(c[0], "CP_VISIT", due=date(2025, 6, 1), completed=date(2025, 5, 30), owner=worker_w)
    # paused since 20 Feb 2026 (the child still missing on 31 Mar): its due date of 1 Mar is
    # only the date before the pause, and moves on when the child is found;
    paused = clock(c[1], "CP_VISIT", due=date(2026, 3, 1), owner=worker_w)
    paused.pauses = [{"start": "2026-02-20", "end": None, "reason": "missing from home"}]
    paused.paused_from = date(2026, 2, 20)
    paused.save()
    # paused 2 to 4 Mar and then not visited by its moved due date of 10 Mar: overdue.
    late = clock(c[2], "CP_VISIT", due=date(2026, 3, 10), owner=worker_w)
    late.pauses = [
        {"start": "2026-03-02", "end": "2026-03-04", "reason": "missing from home", "added": 2}
    ]
    late.paused_from = date(2026, 3, 2)
    late.save()
    # Then fell due = the met one and the overdue one = 2; met on time = 1.
    assert figure("CP_VISITS") == (1, 2)
    # And the lists behind the figure say the same.
    measure = MEASURES["CP_VISITS"]
    parts = {
        part: sorted(
            r["pk"] for r in measure_rows(measure=measure, scope=Scope(), period=PERIOD, part=part)
        )
        for part in (NUMERATOR, DENOMINATOR, NOT_MET)
    }
    assert len(parts[NUMERATOR]) == 1 and len(parts[DENOMINATOR]) == 2
    assert parts[NOT_MET] == [late.pk]
