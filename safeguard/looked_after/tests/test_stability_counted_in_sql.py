"""The stability measures counted in SQL give, child by child, what periods.py gives."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from safeguard.conftest import make_child
from safeguard.looked_after.models import CareEpisode
from safeguard.looked_after.periods import (
    EPISODE_FIELDS,
    current_period,
    group_by_person,
    long_term_stability,
    placements_in_year,
)
from safeguard.looked_after.stability import latest_birth_reaching, stability_on
from safeguard.looked_after.tests.conftest import make_episode, make_history
from safeguard.people.models import Person
from safeguard.synthetic.services import authority_generate

AS_OF = date(2026, 3, 31)


def stability_read_child_by_child(as_of: date) -> tuple[list, list, list, list]:
    """Return the four lists as periods.py reads them, one child's history at a time."""
    rows = CareEpisode.objects.active().filter(start_date__lte=as_of).values(*EPISODE_FIELDS)
    histories = group_by_person(rows)
    births = dict(Person.objects.values_list("pk", "date_of_birth"))
    looked_after, three, cohort, stable = [], [], [], []
    for person_id, periods in histories.items():
        period = current_period(periods, as_of=as_of)
        if period is not None and not period.is_short_breaks:
            looked_after.append(person_id)
            if placements_in_year(periods, as_of=as_of) >= 3:
                three.append(person_id)
        in_cohort, is_stable = long_term_stability(
            periods, date_of_birth=births[person_id], as_of=as_of
        )
        if in_cohort:
            cohort.append(person_id)
            if is_stable:
                stable.append(person_id)
    return sorted(looked_after), sorted(three), sorted(cohort), sorted(stable)


def counted_in_sql(as_of: date) -> tuple[list, list, list, list]:
    found = stability_on(as_of=as_of)
    return (
        found.looked_after,
        found.three_or_more_placements,
        found.long_term_cohort,
        found.long_term_stable,
    )


def test_latest_birth_reaching_an_age_counts_a_leap_day_birthday_on_28_february():
    assert latest_birth_reaching(16 * 12, as_of=date(2026, 3, 31)) == date(2010, 3, 31)
    # a child born on 29 February 2008 is 16 on 29 February 2024, not the day before
    assert latest_birth_reaching(16 * 12, as_of=date(2024, 2, 28)) == date(2008, 2, 28)
    assert latest_birth_reaching(16 * 12, as_of=date(2024, 2, 29)) == date(2008, 2, 29)
    # and one born on 29 February 2008 is 17 on 28 February 2025 (no 29th that year)
    assert latest_birth_reaching(17 * 12, as_of=date(2025, 2, 28)) == date(2008, 2, 29)


@pytest.mark.django_db
def test_awkward_histories_are_counted_as_periods_py_counts_them():
    def moves(*steps):
        return [(day, rne, fields) for day, rne, fields in steps]

    home = {"placement_postcode": "B1 1AA", "urn": ""}
    # Temporary moves away and back to the same carer, twice, then a real move
    a = make_child(date_of_birth=date(2014, 5, 1))
    make_history(
        a,
        moves(
            (date(2023, 6, 1), "S", home),
            (date(2025, 5, 1), "P", {"placement_type": "T1", "placement_postcode": "X1 1AA"}),
            (date(2025, 5, 9), "P", home),
            (date(2025, 8, 1), "T", {"placement_type": "T3", "placement_postcode": "X2 1AA"}),
            (date(2025, 8, 4), "P", home),
            (date(2026, 1, 2), "P", {"placement_postcode": "C3 3CC"}),
        ),
    )
    # Now in a temporary placement: the last counted placement is the one before
    b = make_child(date_of_birth=date(2016, 1, 1))
    make_history(
        b,
        moves(
            (date(2022, 1, 1), "S", {}),
            (date(2026, 3, 1), "P", {"placement_type": "T0", "placement_postcode": "T1 1TT"}),
        ),
    )
    # Short breaks, then a full care period starting the next day; and a child on short
    # breaks only
    c = make_child(date_of_birth=date(2012, 2, 29))
    make_episode(c, date(2023, 1, 1), end=date(2023, 6, 1), rec="E8", legal_status="V3")
    make_history(c, moves((date(2023, 6, 2), "S", {}), (date(2025, 4, 1), "P", {})))
    d = make_child(date_of_birth=date(2015, 1, 1))
    make_history(d, moves((date(2024, 1, 1), "S", {"legal_status": "V4"})))
    # A short-break episode inside a period with a legal status change: not a move
    e = make_child(date_of_birth=date(2013, 7, 1))
    make_history(
        e,
        moves(
            (date(2023, 1, 1), "S", home),
            (date(2024, 1, 1), "L", {**home, "legal_status": "V3"}),
            (date(2024, 6, 1), "L", home),
        ),
    )
    # Left care and came back: two periods, placements of both in the year
    f = make_child(date_of_birth=date(2011, 3, 31))
    make_history(f, moves((date(2024, 6, 1), "S", {})), ceased=(date(2025, 6, 1), "E4A"))
    make_history(f, moves((date(2025, 9, 1), "S", {}), (date(2025, 12, 1), "P", {})))
    # An episode that begins without S and does not follow an X1: a new period anyway
    g = make_child(date_of_birth=None)
    make_episode(g, date(2023, 3, 1), end=date(2024, 3, 1), rec="X1")
    make_episode(g, date(2024, 3, 5), reason_new_episode="P")
    # Placed for adoption after a long foster placement; and adoption straight from care
    h = make_child(date_of_birth=date(2020, 1, 1))
    make_history(
        h,
        moves(
            (date(2023, 1, 1), "S", {}),
            (date(2023, 6, 1), "P", {}),
            (date(2025, 9, 1), "P", {"placement_type": "A4"}),
        ),
    )
    i = make_child(date_of_birth=date(2021, 1, 1))
    make_history(i, moves((date(2023, 6, 1), "S", {"placement_type": "A3"})))
    # Two episodes starting on one day, and a future one the day after as_of
    j = make_child(date_of_birth=date(2012, 1, 1))
    make_history(
        j,
        moves(
            (date(2025, 2, 1), "S", {}),
            (date(2025, 7, 1), "P", {}),
            (date(2025, 7, 1), "P", {"placement_postcode": "Z9 9ZZ"}),
            (AS_OF + timedelta(days=1), "P", {}),
        ),
    )
    # An archived episode is not a record
    archived = make_episode(make_child(date_of_birth=date(2014, 1, 1)), date(2025, 1, 1))
    CareEpisode.objects.filter(pk=archived.pk).update(archived_at=timezone.now())

    for day in [AS_OF - timedelta(days=n) for n in range(0, 1200, 29)] + [AS_OF]:
        assert counted_in_sql(day) == stability_read_child_by_child(day), day
    # and the awkward cases are really exercised on the day
    looked_after, three, cohort, stable = counted_in_sql(AS_OF)
    assert {b.pk, e.pk, h.pk, i.pk} <= set(stable)
    assert {a.pk, c.pk} <= set(cohort) - set(stable)
    assert {f.pk, j.pk} <= set(three)
    assert d.pk not in looked_after


@pytest.fixture
def no_clock_rebuild(monkeypatch):
    """Leave the clocks out: stability reads care episodes only."""
    monkeypatch.setattr("safeguard.synthetic.services._clocks_rebuild", lambda **kw: None)


@pytest.mark.django_db
def test_a_generated_authority_is_counted_as_periods_py_counts_it(no_clock_rebuild):
    # Given a generated authority with four years of care histories
    authority_generate(children=2500, seed=7, years=4, as_of=AS_OF)
    # Then on every month end of the last three years SQL and periods.py agree child by child
    day, checked = AS_OF, 0
    while day > AS_OF - timedelta(days=3 * 365):
        expected = stability_read_child_by_child(day)
        assert counted_in_sql(day) == expected, day
        checked += sum(len(ids) for ids in expected)
        day = day.replace(day=1) - timedelta(days=1)
    # and there were children in every part of the measures to compare
    looked_after, three, cohort, stable = stability_read_child_by_child(AS_OF)
    assert looked_after and three and cohort and stable, (len(three), len(cohort), len(stable))
