"""Counting days for clocks: working days, school days, calendar days, weeks, months, hours.

Convention (the DfE's "working days from referral to authorisation"): day 1 is the first
working day AFTER the start. So add_working_days(Fri 19 Dec 2025, 1) is Mon 22 Dec 2025, and
a start on a non-working day (a Saturday) counts its day 1 as the next working day (Monday).
working_days_between(start, end) counts the working days in (start, end], so that
working_days_between(s, add_working_days(s, n)) == n.

Working days are Monday to Friday less England and Wales bank holidays (the `holidays`
package, subdivision England, including one-off days and substitute days) and the authority's
local closure days. School days are Monday to Friday, in term, less bank holidays; an academic
year with no term dates entered counts every weekday that is not a bank holiday.

Everything is done with numpy's business-day functions so that a whole column of start dates
is counted in one call (the rebuild of every clock depends on it).
"""

import calendar as _stdlib_calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

import holidays as _holidays
import numpy as np
from django.utils import timezone

# Bank holidays are loaded for this span; outside it only weekends are skipped.
FIRST_YEAR = 1990
LAST_YEAR = 2060
_WEEKMASK = "1111100"


@lru_cache(maxsize=1)
def bank_holidays() -> dict[date, str]:
    """Return England and Wales bank holidays (England subdivision) with their names."""
    found = _holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1))
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class DayCalendar:
    """A calendar of days that count: weekdays less the listed non-counting weekdays."""

    name: str
    # Weekdays that do not count, with the reason (bank holiday name, closure, out of term).
    skipped: dict[date, str]
    busdaycal: np.busdaycalendar

    @classmethod
    def build(cls, name: str, skipped: dict[date, str]) -> "DayCalendar":
        weekdays = {d: why for d, why in skipped.items() if d.weekday() < 5}
        holidays = np.array(sorted(weekdays), dtype="datetime64[D]")
        return cls(name, weekdays, np.busdaycalendar(weekmask=_WEEKMASK, holidays=holidays))

    def add(self, start: date, n: int) -> date:
        """Return the nth counting day after start (n=0 returns start)."""
        if n < 0:
            raise ValueError("Count forwards: n must be 0 or more.")
        if n == 0:
            return start
        return self.offset(np.array([start], dtype="datetime64[D]"), n)[0].astype(date)

    def offset(self, starts: np.ndarray, n) -> np.ndarray:
        """Return, for each start (datetime64[D]), the nth counting day after it (n >= 1).

        roll="backward" moves a non-counting start back to the last counting day, so that
        adding n lands on the nth counting day strictly after the start.
        """
        return np.busday_offset(starts, n, roll="backward", busdaycal=self.busdaycal)

    def between(self, start: date, end: date) -> int:
        """Return the number of counting days in (start, end]; negative if end < start."""
        if end < start:
            return -self.between(end, start)
        one = timedelta(days=1)
        return int(np.busday_count(start + one, end + one, busdaycal=self.busdaycal))

    def is_counting_day(self, day: date) -> bool:
        return bool(np.is_busday(np.datetime64(day, "D"), busdaycal=self.busdaycal))

    def skipped_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """Return the weekdays in (start, end] that did not count, with why."""
        return sorted((d, why) for d, why in self.skipped.items() if start < d <= end)


@lru_cache(maxsize=8)
def _working_calendar(closures: tuple[tuple[date, str], ...]) -> DayCalendar:
    skipped = dict(bank_holidays())
    for day, reason in closures:
        skipped.setdefault(day, f"local closure: {reason}")
    return DayCalendar.build("working days", skipped)


def working_calendar(closures: tuple[tuple[date, str], ...] | None = None) -> DayCalendar:
    """Return the working-day calendar: bank holidays plus the authority's closure days.

    With closures None the closure days are read from the database (one small query) so
    every process sees a closure day as soon as it is added.
    """
    if closures is None:
        from safeguard.compliance.models import LocalClosureDay

        closures = tuple(LocalClosureDay.objects.order_by("date").values_list("date", "reason"))
    return _working_calendar(tuple(closures))


@lru_cache(maxsize=8)
def _school_calendar(terms: tuple[tuple[int, date, date], ...]) -> DayCalendar:
    skipped = {d: name for d, name in bank_holidays().items()}
    by_year: dict[int, list[tuple[date, date]]] = {}
    for year, start, end in terms:
        by_year.setdefault(year, []).append((start, end))
    for year, spans in by_year.items():
        day, last = date(year, 8, 1), date(year + 1, 7, 31)
        while day <= last:
            if day.weekday() < 5 and not any(s <= day <= e for s, e in spans):
                skipped.setdefault(day, "school holiday")
            day += timedelta(days=1)
    return DayCalendar.build("school days", skipped)


def school_calendar(terms: tuple[tuple[int, date, date], ...] | None = None) -> DayCalendar:
    """Return the school-day calendar from the term dates entered (read from the database)."""
    if terms is None:
        from safeguard.compliance.models import SchoolTerm

        terms = tuple(
            SchoolTerm.objects.order_by("start_date").values_list(
                "academic_year", "start_date", "end_date"
            )
        )
    return _school_calendar(tuple(terms))


def add_working_days(start: date, n: int, *, calendar: DayCalendar | None = None) -> date:
    """Return the nth working day after start (day 1 is the first working day after it)."""
    return (calendar or working_calendar()).add(start, n)


def working_days_between(start: date, end: date, *, calendar: DayCalendar | None = None) -> int:
    """Return the number of working days in (start, end]."""
    return (calendar or working_calendar()).between(start, end)


def add_school_days(start: date, n: int, *, calendar: DayCalendar | None = None) -> date:
    """Return the nth school day after start."""
    return (calendar or school_calendar()).add(start, n)


def school_days_between(start: date, end: date, *, calendar: DayCalendar | None = None) -> int:
    """Return the number of school days in (start, end]."""
    return (calendar or school_calendar()).between(start, end)


def add_calendar_days(start: date, n: int) -> date:
    return start + timedelta(days=n)


def add_weeks(start: date, n: int) -> date:
    return start + timedelta(weeks=n)


def add_months(start: date, n: int) -> date:
    """Return the same day n calendar months later, clamped to the month's end.

    31 Jan + 1 month is 28 Feb (29 Feb in a leap year); 31 Aug + 3 months is 30 Nov.
    """
    month_index = start.year * 12 + start.month - 1 + n
    year, month = divmod(month_index, 12)
    last = _stdlib_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def add_months_array(starts: np.ndarray, n: int) -> np.ndarray:
    """Vectorised add_months over a datetime64[D] array."""
    months = starts.astype("datetime64[M]")
    day_index = starts - months.astype("datetime64[D]")
    target = months + n
    length = (target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")
    return target.astype("datetime64[D]") + np.minimum(day_index, length - 1)


def add_hours(start: datetime, n: int) -> datetime:
    """Return start plus n elapsed hours, across a change of the clocks.

    Arithmetic on a datetime with a zoneinfo tzinfo is wall-clock arithmetic (22:30 GMT + 72 h
    would be 22:30 BST, 71 elapsed hours), so count in UTC and convert back.
    """
    if timezone.is_naive(start):
        return start + timedelta(hours=n)
    zone = start.tzinfo
    return (start.astimezone(UTC) + timedelta(hours=n)).astimezone(zone)


def as_aware(value: date | datetime) -> datetime:
    """Return an aware datetime: a date becomes local midnight; a naive time is local."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def as_local_date(value: date | datetime) -> date:
    """Return the local calendar date of a date or datetime."""
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value
