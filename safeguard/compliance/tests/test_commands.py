import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safeguard.compliance.docs import DOCS_PATH, render_timescales
from safeguard.compliance.models import Clock
from safeguard.compliance.registry import ClockSpec
from safeguard.compliance.services import clocks_recompute

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("clocks", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def clocks(producer, child, social_worker, team):
    producer.specs = [
        ClockSpec(
            "ICPC", child.pk, "sd:1", date(2025, 12, 19), owner_id=social_worker.pk, team_id=team.pk
        ),
        ClockSpec(
            "SINGLE_ASSESSMENT",
            child.pk,
            "ep:1",
            date(2025, 11, 3),
            completed=date(2026, 1, 9),
            team_id=team.pk,
        ),
    ]
    clocks_recompute(person_ids=[child.pk])
    return producer


def test_list_json_as_of(clocks, child, social_worker):
    rows = json.loads(run("list", "--json", "--as-of", "2026-01-15", "--child", str(child.pk)))
    by_rule = {r["rule_code"]: r for r in rows}
    assert by_rule["ICPC"] | {} == by_rule["ICPC"]
    icpc = by_rule["ICPC"]
    assert {k: icpc[k] for k in ("child", "started", "due", "completed", "owner", "status")} == {
        "child": child.pk,
        "started": "2025-12-19",
        "due": "2026-01-14",
        "completed": None,
        "owner": social_worker.username,
        "status": "overdue",
    }
    # 45 working days from Mon 3 Nov 2025 is Thu 8 Jan 2026; met on Fri 9 Jan: late.
    assert by_rule["SINGLE_ASSESSMENT"]["due"] == "2026-01-08"
    assert by_rule["SINGLE_ASSESSMENT"]["status"] == "met_late"


def test_list_overdue_and_team_filters(clocks, team):
    rows = json.loads(
        run("list", "--json", "--overdue", "--as-of", "2026-01-15", "--team", team.name)
    )
    assert [r["rule_code"] for r in rows] == ["ICPC"]
    assert json.loads(run("list", "--json", "--as-of", "2026-01-14", "--overdue")) == []


def test_list_plain_text(clocks):
    lines = run("list", "--as-of", "2026-01-15").splitlines()
    assert lines[0].split("\t") == [
        "child",
        "rule_code",
        "started",
        "due",
        "completed",
        "owner",
        "status",
    ]
    assert len(lines) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("list", "--as-of", "15/01/2026"), "--as-of must be a date as YYYY-MM-DD"),
        (("list", "--as-of", "2026-02-30"), "--as-of must be a date"),
        (("list", "--child", "999999"), "There is no child with id 999999"),
        (("list", "--team", "Nowhere"), "There is no team 'Nowhere'"),
        (("explain", "999999"), "There is no clock with id 999999"),
        (("explain", "abc"), "There is no clock with id abc"),
    ],
)
def test_bad_input_is_a_clear_error(clocks, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_explain_shows_the_counting(clocks):
    clock = Clock.objects.get(rule_code="ICPC")
    text = run("explain", str(clock.pk), "--as-of", "2026-01-15")
    assert "Initial child protection conference (ICPC)" in text
    assert "Source: Working Together to Safeguard Children (2018)" in text
    assert (
        "15 working days from Fri 19 Dec 2025, skipping weekends and 25, 26 Dec and 1 Jan "
        "→ Wed 14 Jan 2026." in text
    )
    assert "Status as of Thu 15 Jan 2026: overdue." in text


def test_rebuild_bad_spec_writes_nothing(clocks, child):
    clocks.specs.append(
        ClockSpec("ICPC", child.pk, "bad", date(2026, 1, 5), completed=date(2026, 1, 1))
    )
    Clock.objects.all().delete()
    with pytest.raises(CommandError, match="Nothing written: .*satisfied on 2026-01-01"):
        run("rebuild", "--no-progress")
    assert not Clock.objects.exists()


def test_rebuild_reports_counts(clocks):
    assert "0 created, 0 updated, 0 deleted, 2 unchanged" in run("rebuild", "--no-progress")


def test_committed_timescales_document_matches_the_catalogue():
    # If this fails after adding a rule: python manage.py clocks docs
    assert DOCS_PATH.read_text() == render_timescales()
    assert "`ICPC`" in render_timescales()


def test_list_json_lets_a_reviewer_rederive_due_dates(clocks):
    # Given the JSON rows, a reviewer re-derives each due date from the catalogue alone.
    from safeguard.compliance.calendar import add_working_days

    for row in json.loads(run("list", "--json", "--as-of", "2026-01-15")):
        assert row["unit"] == "working_days"
        started = date.fromisoformat(row["started"])
        assert add_working_days(started, row["period"]).isoformat() == row["due"]
