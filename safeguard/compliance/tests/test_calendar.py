"""The working-day and school-day calendars, pinned with hand-worked examples.

Convention: day 1 is the first working day AFTER the start.
"""

from datetime import date, timedelta

import numpy as np
import pytest

from safeguard.compliance.calendar import (
    add_months,
    add_months_array,
    add_school_days,
    add_working_days,
    bank_holidays,
    school_calendar,
    school_days_between,
    working_calendar,
    working_days_between,
)
from safeguard.compliance.models import LocalClosureDay, SchoolTerm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Fri 19 Dec 2025 + 1: Sat 20, Sun 21 skipped -> Mon 22 Dec (the convention itself).
        (date(2025, 12, 19), 1, date(2025, 12, 22)),
        # Fri 19 Dec 2025 + 15: Mon 22 (1), Tue 23 (2), Wed 24 (3), [Thu 25 Christmas Day,
        # Fri 26 Boxing Day, weekend], Mon 29 (4), Tue 30 (5), Wed 31 (6), [Thu 1 Jan New
        # Year's Day], Fri 2 (7), Mon 5 (8), Tue 6 (9), Wed 7 (10), Thu 8 (11), Fri 9 (12),
        # Mon 12 (13), Tue 13 (14), Wed 14 Jan 2026 (15).
        (date(2025, 12, 19), 15, date(2026, 1, 14)),
        # Easter 2025: Good Friday 18 Apr, Easter Monday 21 Apr. Thu 17 + 1 -> Tue 22 Apr.
        (date(2025, 4, 17), 1, date(2025, 4, 22)),
        # Easter 2026: Good Friday 3 Apr, Easter Monday 6 Apr. Thu 2 Apr + 2: Tue 7 (1),
        # Wed 8 (2).
        (date(2026, 4, 2), 2, date(2026, 4, 8)),
        # 2022: spring bank holiday moved to Thu 2 Jun and the Platinum Jubilee Fri 3 Jun.
        # Wed 1 Jun + 1: Thu 2, Fri 3 and the weekend skipped -> Mon 6 Jun.
        (date(2022, 6, 1), 1, date(2022, 6, 6)),
        # ... so Mon 30 May 2022, the usual late-May bank holiday, was a working day.
        (date(2022, 5, 27), 1, date(2022, 5, 30)),
        # State funeral of Queen Elizabeth II, Mon 19 Sep 2022: Fri 16 Sep + 1 -> Tue 20 Sep.
        (date(2022, 9, 16), 1, date(2022, 9, 20)),
        # Coronation of King Charles III, Mon 8 May 2023 (and May Day Mon 1 May). Fri 28 Apr
        # + 5: [Mon 1 May], Tue 2 (1), Wed 3 (2), Thu 4 (3), Fri 5 (4), [Mon 8], Tue 9 May (5).
        (date(2023, 4, 28), 5, date(2023, 5, 9)),
        # 2021: Christmas Day (Sat) and Boxing Day (Sun) fall at the weekend; substitute days
        # Mon 27 and Tue 28 Dec. Fri 24 Dec + 1 -> Wed 29 Dec.
        (date(2021, 12, 24), 1, date(2021, 12, 29)),
        # New Year's Day 2022 is a Saturday; substitute Mon 3 Jan. Fri 24 Dec 2021 + 4:
        # Wed 29 (1), Thu 30 (2), Fri 31 (3), [Mon 3 Jan], Tue 4 Jan 2022 (4).
        (date(2021, 12, 24), 4, date(2022, 1, 4)),
        # 2022: Christmas Day is a Sunday, substitute Tue 27 Dec; Boxing Day Mon 26 Dec.
        # Fri 23 Dec + 1 -> Wed 28 Dec.
        (date(2022, 12, 23), 1, date(2022, 12, 28)),
        # New Year's Day 2023 is a Sunday; substitute Mon 2 Jan. Fri 30 Dec 2022 + 1 -> Tue 3.
        (date(2022, 12, 30), 1, date(2023, 1, 3)),
        # A start on a Saturday: day 1 is the next working day, Monday.
        (date(2025, 12, 6), 1, date(2025, 12, 8)),
        # A start on a bank holiday (Christmas Day 2025, Thu): day 1 is Mon 29 Dec.
        (date(2025, 12, 25), 1, date(2025, 12, 29)),
        # An ordinary week: Mon 3 Nov 2025 + 45 working days, no holidays until 25 Dec:
        # 9 whole weeks -> Mon 5 Jan 2026 would be 45 if none were skipped, but 25, 26 Dec
        # and 1 Jan fall in that span, so 3 more: Tue 6 (43), Wed 7 (44), Thu 8 Jan (45).
        (date(2025, 11, 3), 45, date(2026, 1, 8)),
        # n = 0 is the start itself.
        (date(2025, 12, 20), 0, date(2025, 12, 20)),
    ],
)
def test_add_working_days_hand_worked(start, n, expected):
    # Given the England bank holidays, when counting n working days, then the due day is:
    assert add_working_days(start, n) == expected


def test_bank_holidays_are_england_and_wales():
    # Given the holiday source, then England's days are there and Scotland's are not.
    days = bank_holidays()
    assert date(2022, 9, 19) in days
    assert date(2023, 5, 8) in days
    assert date(2025, 8, 25) in days  # English late summer bank holiday
    assert date(2025, 8, 4) not in days  # Scotland's summer bank holiday
    assert date(2025, 1, 2) not in days  # Scotland's 2 January


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 12, 19), date(2025, 12, 22), 1),
        (date(2025, 12, 19), date(2026, 1, 14), 15),
        (date(2025, 12, 19), date(2025, 12, 19), 0),
        # Mon 22 Dec 2025 to Fri 2 Jan 2026: 23, 24, 29, 30, 31 Dec, 2 Jan = 6.
        (date(2025, 12, 22), date(2026, 1, 2), 6),
        (date(2026, 1, 14), date(2025, 12, 19), -15),
    ],
)
def test_working_days_between(start, end, expected):
    assert working_days_between(start, end) == expected


def test_between_inverts_add_over_several_years():
    # Given every start in 2021-2023, when adding 1..60 working days, then counting back
    # gives the same number.
    cal = working_calendar()
    start = date(2021, 1, 1)
    for offset in range(0, 3 * 365, 7):
        s = start + timedelta(days=offset)
        for n in (1, 10, 15, 20, 45, 60):
            assert cal.between(s, cal.add(s, n)) == n


def test_local_closure_days_are_not_working_days():
    # Given the authority closes 29-31 Dec 2025,
    for day in (29, 30, 31):
        LocalClosureDay.objects.create(date=date(2025, 12, day), reason="Christmas closure")
    # when counting 4 working days from Fri 19 Dec: Mon 22 (1), Tue 23 (2), Wed 24 (3),
    # [25, 26 bank holidays, 29-31 closure days, 1 Jan bank holiday], Fri 2 Jan (4).
    assert add_working_days(date(2025, 12, 19), 4) == date(2026, 1, 2)
    # then without the closure days it would have been Mon 29 Dec.
    assert working_calendar(closures=()).add(date(2025, 12, 19), 4) == date(2025, 12, 29)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 8, 31), 3, date(2025, 11, 30)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 3, 15), 6, date(2025, 9, 15)),
        (date(2025, 12, 19), 12, date(2026, 12, 19)),
    ],
)
def test_add_months_clamps_to_month_end(start, n, expected):
    assert add_months(start, n) == expected
    assert add_months_array(np.array([start], dtype="datetime64[D]"), n)[0] == np.datetime64(
        expected
    )


def test_add_months_array_matches_scalar():
    starts = [date(2023, 1, 1) + timedelta(days=i) for i in range(800)]
    for n in (1, 3, 6, 12):
        vector = add_months_array(np.array(starts, dtype="datetime64[D]"), n).tolist()
        assert vector == [add_months(s, n) for s in starts]


@pytest.fixture
def terms_2025(db):
    # Given 2025/26 term dates entered as half terms (autumn half term 27-31 Oct).
    rows = [
        ("autumn_1", date(2025, 9, 3), date(2025, 10, 24)),
        ("autumn_2", date(2025, 11, 3), date(2025, 12, 19)),
        ("spring_1", date(2026, 1, 5), date(2026, 2, 13)),
        ("spring_2", date(2026, 2, 23), date(2026, 3, 27)),
        ("summer_1", date(2026, 4, 13), date(2026, 5, 22)),
        ("summer_2", date(2026, 6, 1), date(2026, 7, 22)),
    ]
    for name, start, end in rows:
        SchoolTerm.objects.create(academic_year=2025, name=name, start_date=start, end_date=end)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Thu 23 Oct + 2: Fri 24 Oct (1), [half term 27-31 Oct], Mon 3 Nov (2).
        (date(2025, 10, 23), 2, date(2025, 11, 3)),
        # Thu 18 Dec + 2: Fri 19 Dec (1), [Christmas holidays to Fri 2 Jan], Mon 5 Jan (2).
        (date(2025, 12, 18), 2, date(2026, 1, 5)),
        # A start in the holidays: Sat 20 Dec + 1 -> Mon 5 Jan.
        (date(2025, 12, 20), 1, date(2026, 1, 5)),
        # 20 school days from Mon 1 Sep 2025 (before term): Wed 3 Sep is day 1; 3-5 Sep (3),
        # 8-12 (8), 15-19 (13), 22-26 (18), Mon 29 (19), Tue 30 Sep (20).
        (date(2025, 9, 1), 20, date(2025, 9, 30)),
    ],
)
def test_add_school_days(terms_2025, start, n, expected):
    assert add_school_days(start, n) == expected


def test_year_without_terms_counts_working_days(terms_2025):
    # Given no term dates for 2026/27, school days there are working days:
    # Fri 18 Dec 2026 + 1 -> Mon 21 Dec 2026.
    assert add_school_days(date(2026, 12, 18), 1) == date(2026, 12, 21)
    assert school_days_between(date(2025, 10, 23), date(2025, 11, 3)) == 2
    assert school_calendar().is_counting_day(date(2025, 10, 29)) is False


def test_term_outside_its_academic_year_is_refused():
    from django.core.exceptions import ValidationError

    term = SchoolTerm(
        academic_year=2025, name="autumn", start_date=date(2024, 9, 3), end_date=date(2024, 12, 19)
    )
    with pytest.raises(ValidationError, match="must fall between 2025-08-01 and 2026-07-31"):
        term.full_clean()
