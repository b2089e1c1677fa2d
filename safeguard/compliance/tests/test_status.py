from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from safeguard.compliance.models import Clock
from safeguard.compliance.registry import ClockSpec
from safeguard.compliance.selectors import clock_status, clocks_with_status, status_of
from safeguard.compliance.services import clocks_recompute

LONDON = ZoneInfo("Europe/London")
DUE = date(2026, 1, 14)  # ICPC from Fri 19 Dec 2025


@pytest.mark.parametrize(
    ("completed", "cancelled", "as_of", "expected"),
    [
        (None, None, date(2026, 1, 13), "due"),  # the day before
        (None, None, DUE, "due"),  # on the due date: still in time
        (None, None, date(2026, 1, 15), "overdue"),  # the day after
        (date(2026, 1, 14), None, date(2026, 1, 20), "met"),  # met on the due date
        (date(2026, 1, 15), None, date(2026, 1, 20), "met_late"),
        (date(2026, 1, 15), None, date(2026, 1, 14), "due"),  # not yet met as of then
        (date(2026, 1, 15), None, date(2026, 1, 15), "met_late"),
        (None, date(2026, 1, 5), date(2026, 1, 20), "cancelled"),
        (None, date(2026, 1, 5), date(2026, 1, 4), "due"),  # not yet cancelled then
        (None, date(2026, 1, 20), date(2026, 1, 16), "overdue"),
    ],
)
def test_status_as_of_dates_in_python_and_sql(
    producer, child, completed, cancelled, as_of, expected
):
    # Given an ICPC clock started Fri 19 Dec 2025 (due Wed 14 Jan 2026),
    producer.specs = [
        ClockSpec(
            "ICPC", child.pk, "sd:1", date(2025, 12, 19), completed=completed, cancelled=cancelled
        )
    ]
    clocks_recompute(person_ids=[child.pk])
    clock = Clock.objects.get()
    assert clock.due_on == DUE
    # then the pure function and the SQL annotation agree on the status.
    assert status_of(clock, as_of) == expected
    assert clocks_with_status(Clock.objects.all(), as_of=as_of).get().status == expected


def test_clock_not_started_by_the_date_is_not_listed(producer, child):
    producer.specs = [ClockSpec("ICPC", child.pk, "sd:1", date(2025, 12, 19))]
    clocks_recompute(person_ids=[child.pk])
    assert not clocks_with_status(Clock.objects.all(), as_of=date(2025, 12, 18)).exists()


def test_hours_rule_met_late_by_minutes(producer, child):
    # Given a return at 09:00 Mon 2 Mar 2026, the offer is due 09:00 Thu 5 Mar;
    back = datetime(2026, 3, 2, 9, 0, tzinfo=LONDON)
    late = datetime(2026, 3, 5, 9, 30, tzinfo=LONDON)
    producer.specs = [ClockSpec("RHI_OFFER", child.pk, "m:1", back, completed=late)]
    clocks_recompute(person_ids=[child.pk])
    # an offer at 09:30 that day is late though on the due date.
    as_of = date(2026, 3, 6)
    assert status_of(Clock.objects.get(), as_of) == "met_late"
    assert clocks_with_status(Clock.objects.all(), as_of=as_of).get().status == "met_late"


def test_clock_status_without_times_compares_dates():
    assert clock_status(due_on=DUE, completed_on=DUE, cancelled_on=None, as_of=DUE) == "met"
