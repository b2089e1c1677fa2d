"""Threshold consistency: shares of each outcome, and the decision-maker who differs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from safeguard.accounts.choices import Role
from safeguard.conftest import make_child, make_user
from safeguard.front_door.selectors import consistency_drilldown, threshold_consistency
from safeguard.front_door.services import screening_decide
from safeguard.front_door.tests.conftest import new_contact


@pytest.fixture
def decided(levels, mash_team):
    """Given three screeners: two refer 20% of contacts, one refers 70%."""
    screeners = [
        make_user(Role.MASH_SCREENER, team=mash_team, last_name=n)
        for n in ("Adams", "Baker", "Clark")
    ]
    referral_rates = {"Adams": 2, "Baker": 2, "Clark": 7}
    for screener in screeners:
        for i in range(10):
            contact = new_contact(user=screener, children=[make_child()])
            outcome = "referral" if i < referral_rates[screener.last_name] else "advice"
            screening_decide(
                contact=contact,
                level=levels["targeted"],
                outcome=outcome,
                rationale="Recorded rationale",
                acting_user=screener,
            )
    return {s.last_name: s for s in screeners}


def _period():
    today = timezone.localdate()
    return {"date_from": today - timedelta(days=7), "date_to": today}


def test_outlier_share_is_flagged(decided):
    report = threshold_consistency(**_period(), by="screener", gap_points=25, min_count=10)
    rows = {r.label.split()[-1]: r for r in report.rows}
    assert report.total == 30
    assert rows["Clark"].shares["referral"] == 70.0
    # 70% against the rest's 20%: 50 points, flagged; the others differ by 25 points, not more
    assert rows["Clark"].outliers["referral"] == 50.0
    assert rows["Adams"].outliers == {}
    assert report.rows[0].label.endswith("Clark")


def test_too_few_decisions_are_not_flagged(decided):
    report = threshold_consistency(**_period(), by="screener", gap_points=25, min_count=11)
    assert all(r.outliers == {} for r in report.rows)


def test_report_by_team_and_drilldown(decided, mash_team):
    report = threshold_consistency(**_period(), by="team")
    assert [(r.label, r.total) for r in report.rows] == [(mash_team.name, 30)]
    cell = consistency_drilldown(
        **_period(), by="screener", maker_id=decided["Clark"].pk, outcome="referral"
    )
    assert cell.count() == 7
    assert {d.decided_by_id for d in cell} == {decided["Clark"].pk}


def test_period_excludes_older_decisions(decided):
    today = timezone.localdate()
    report = threshold_consistency(
        date_from=today - timedelta(days=30), date_to=today - timedelta(days=8)
    )
    assert report.total == 0 and report.rows == []
