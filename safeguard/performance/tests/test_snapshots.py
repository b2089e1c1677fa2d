"""Month-end snapshots: from the records, equal to the live figure, backfilled, re-run safely."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from safeguard.performance.measures import MEASURES, TEAM, Period, Scope
from safeguard.performance.models import MonthEndSnapshot
from safeguard.performance.selectors import figures_compute
from safeguard.performance.services import month_ends_before, snapshot_take
from safeguard.performance.tests.conftest import clock, episode

pytestmark = pytest.mark.django_db


def test_month_ends_before_counts_back_whole_months():
    assert month_ends_before(date(2026, 3, 15), 3) == [
        date(2025, 12, 31),
        date(2026, 1, 31),
        date(2026, 2, 28),
    ]
    assert month_ends_before(date(2026, 3, 31), 1) == [date(2026, 3, 31)]


def test_snapshot_stores_every_measure_for_every_scope_as_the_live_figure(
    children, team_a, team_b, worker_w
):
    # Given re-referrals 1 of 2 in team A and a CP visit met, in the year to 31 March 2026
    episode(children[0], team_a, referred=date(2025, 5, 1), worker=worker_w)
    episode(children[1], team_a, referred=date(2025, 6, 1), is_re_referral=True)
    clock(children[0], "CP_VISIT", due=date(2025, 6, 1), completed=date(2025, 6, 1), owner=worker_w)
    # When the month-end snapshot is taken by the command
    out = StringIO()
    call_command("performance", "snapshot", "--month-end", "2026-03-31", stdout=out)
    # Then every measure is kept for the authority, each service area in use and each team
    scopes = 1 + 2 + 2
    assert MonthEndSnapshot.objects.count() == len(MEASURES) * scopes
    assert f"{len(MEASURES) * scopes} figures" in out.getvalue()
    row = MonthEndSnapshot.objects.get(
        measure_code="RE_REFERRALS", scope_key=f"team:{team_a.pk}", month_end=date(2026, 3, 31)
    )
    assert (row.numerator, row.denominator, float(row.value)) == (1, 2, 50.0)
    # And each stored figure is the live figure for the twelve months to the month end
    period = Period(start=date(2025, 4, 1), end=date(2026, 3, 31))
    live = figures_compute(scope=Scope(TEAM, str(team_a.pk)), period=period)
    for code, figure in live.items():
        kept = MonthEndSnapshot.objects.get(
            measure_code=code, scope_key=f"team:{team_a.pk}", month_end=period.end
        )
        assert (kept.numerator, kept.denominator) == (figure.numerator, figure.denominator)


def test_snapshot_again_replaces_the_month(children, team_a):
    episode(children[0], team_a, referred=date(2025, 5, 1))
    snapshot_take(month_end=date(2026, 3, 31))
    episode(children[1], team_a, referred=date(2025, 6, 1))
    snapshot_take(month_end=date(2026, 3, 31))
    rows = MonthEndSnapshot.objects.filter(measure_code="REFERRALS", scope_key="authority")
    assert [(r.month_end, r.numerator) for r in rows] == [(date(2026, 3, 31), 2)]


def test_backfill_takes_each_month_from_the_records(children, team_a):
    # referrals on 15 Jan and 15 Feb 2026: the year to January counts 1, to February 2
    episode(children[0], team_a, referred=date(2026, 1, 15))
    episode(children[1], team_a, referred=date(2026, 2, 15))
    call_command(
        "performance", "backfill", "--months", "3", "--until", "2026-03-15", stdout=StringIO()
    )
    rows = MonthEndSnapshot.objects.filter(measure_code="REFERRALS", scope_key="authority")
    assert [(r.month_end, r.numerator) for r in rows] == [
        (date(2025, 12, 31), 0),
        (date(2026, 1, 31), 1),
        (date(2026, 2, 28), 2),
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["snapshot", "--month-end", "2026-03-30"], "is not the last day of a month"),
        (["snapshot", "--month-end", "31/03/2026"], "is not a date: write it as YYYY-MM-DD"),
        (["snapshot", "--month-end", "2999-12-31"], "cannot be in the future"),
        (["backfill", "--months", "0"], "--months must be between 1 and 120"),
    ],
)
def test_bad_command_input_is_refused_with_a_message(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("performance", *args, stdout=StringIO())
    assert not MonthEndSnapshot.objects.exists()
