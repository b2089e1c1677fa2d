"""Every rule in the catalogue: started, satisfied and cancelled through a producer.

The expected due date is counted here with the scalar calendar helpers, independently of the
engine's vectorised counting.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from safeguard.compliance.calendar import (
    add_calendar_days,
    add_hours,
    add_months,
    add_school_days,
    add_weeks,
    add_working_days,
)
from safeguard.compliance.choices import Unit
from safeguard.compliance.models import Clock
from safeguard.compliance.registry import ClockSpec
from safeguard.compliance.rules import RULES
from safeguard.compliance.selectors import clocks_with_status, status_of
from safeguard.compliance.services import clocks_recompute

LONDON = ZoneInfo("Europe/London")
# Fri 19 Dec 2025: Christmas, Boxing Day and New Year's Day follow.
START = date(2025, 12, 19)
START_AT = datetime(2025, 12, 19, 16, 45, tzinfo=LONDON)


def expected_due(rule) -> date:
    n = rule.period
    return {
        Unit.WORKING_DAYS: lambda: add_working_days(START, n),
        Unit.SCHOOL_DAYS: lambda: add_school_days(START, n),
        Unit.CALENDAR_DAYS: lambda: add_calendar_days(START, n),
        Unit.WEEKS: lambda: add_weeks(START, n),
        Unit.MONTHS: lambda: add_months(START, n),
        Unit.HOURS: lambda: add_hours(START_AT, n).date(),
    }[rule.unit]()


def _status(clock, as_of):
    sql = clocks_with_status(Clock.objects.filter(pk=clock.pk), as_of=as_of).get().status
    assert sql == status_of(clock, as_of)
    return sql


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_starts_satisfies_and_cancels(producer, child, code):
    rule = RULES[code]
    start = START_AT if rule.unit == Unit.HOURS else START
    due = expected_due(rule)

    # Given the start event, the clock is due when the rule says, and runs due then overdue.
    producer.specs = [ClockSpec(code, child.pk, "k", start)]
    clocks_recompute(person_ids=[child.pk])
    clock = Clock.objects.get()
    assert clock.due_on == due
    assert _status(clock, due) == "due"
    assert _status(clock, due + timedelta(days=1)) == "overdue"

    # When the satisfying event happens on the due date, it is met; a day later, met late.
    producer.specs = [ClockSpec(code, child.pk, "k", start, completed=due)]
    clocks_recompute(person_ids=[child.pk])
    clock = Clock.objects.get()
    if rule.unit != Unit.HOURS:  # a date on the due day may be after the due time
        assert _status(clock, due + timedelta(days=5)) == "met"
    producer.specs = [ClockSpec(code, child.pk, "k", start, completed=due + timedelta(days=1))]
    clocks_recompute(person_ids=[child.pk])
    assert _status(Clock.objects.get(), due + timedelta(days=5)) == "met_late"

    # When the case closes first, the clock is cancelled, not deleted.
    producer.specs = [ClockSpec(code, child.pk, "k", start, cancelled=START + timedelta(days=1))]
    clocks_recompute(person_ids=[child.pk])
    assert _status(Clock.objects.get(), due + timedelta(days=1)) == "cancelled"

    # When the producer stops yielding it (the record is gone), so is the derived clock.
    producer.specs = []
    clocks_recompute(person_ids=[child.pk])
    assert not Clock.objects.exists()
