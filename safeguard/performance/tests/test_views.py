"""Pages through HTTP: permissions, drill-down links, exports, bad input, self-evaluation."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from safeguard.performance.models import MonthEndSnapshot, SelfEvaluationStatement
from safeguard.performance.tests.conftest import clock, episode

pytestmark = pytest.mark.django_db

FLAG = 'govuk-tag--orange">optimistic?<'
QUERY = {"scope": "authority", "start": "2025-04-01", "end": "2026-03-31"}


@pytest.fixture
def visits(children, worker_w):
    # 3 CP visits fell due: 1 met, 1 late, 1 overdue
    clock(
        children[0], "CP_VISIT", due=date(2025, 6, 1), completed=date(2025, 5, 30), owner=worker_w
    )
    clock(children[1], "CP_VISIT", due=date(2025, 7, 1), completed=date(2025, 7, 9), owner=worker_w)
    clock(children[2], "CP_VISIT", due=date(2025, 8, 1), owner=worker_w)
    return children


@pytest.mark.parametrize(
    "persona, status",
    [
        ("analyst", 200),
        ("senior", 200),
        ("team_manager", 200),
        ("social_worker", 403),
        ("screener", 403),
        ("partner", 403),
    ],
)
def test_only_analysts_and_managers_see_performance(client, request, persona, status):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    for name in (
        "performance:dashboard",
        "performance:data_quality",
        "performance:self_evaluation",
    ):
        assert client.get(reverse(name)).status_code == status, name
    drill = reverse("performance:drilldown", args=["CP_VISITS"])
    assert client.get(drill, QUERY).status_code == status


def test_dashboard_links_each_number_to_its_list_and_the_list_to_the_child(client, analyst, visits):
    client.force_login(analyst)
    page = client.get(reverse("performance:dashboard"), QUERY).content.decode()
    drill = reverse("performance:drilldown", args=["CP_VISITS"])
    assert (
        f'{drill}?scope=authority&amp;start=2025-04-01&amp;end=2026-03-31&amp;part=numerator">1<'
        in page
    )
    assert 'part=denominator">3<' in page
    # the list behind "not in timescale": the late one and the overdue one
    listing = client.get(drill, {**QUERY, "part": "not_met"}).content.decode()
    assert reverse("people:record", args=[visits[1].pk]) in listing
    assert reverse("people:record", args=[visits[2].pk]) in listing
    assert reverse("people:record", args=[visits[0].pk]) not in listing
    assert "<strong>2</strong>" in listing


def test_dashboard_says_when_a_domain_holds_no_records(client, analyst):
    client.force_login(analyst)
    page = client.get(reverse("performance:dashboard"), QUERY).content.decode()
    assert "No records held" in page
    assert "Statistical neighbour averages: the reference data holds England figures only" in page


def test_dashboard_defaults_to_the_last_twelve_months(client, analyst):
    client.force_login(analyst)
    response = client.get(reverse("performance:dashboard"))
    assert response.status_code == 200
    from django.utils import timezone

    period = response.context["period"]
    today = timezone.localdate()
    assert period.end == today
    assert period.start == today.replace(year=today.year - 1) + timedelta(days=1)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"start": "2026-03-31", "end": "2025-04-01"}, "must be on or before its end"),
        ({"start": "not-a-date"}, "Enter a valid date"),
        ({"end": "2999-01-01"}, "cannot be in the future"),
        ({"scope": "team:999999"}, "Choose the authority, a service area, a team or a worker"),
        ({"scope": "galaxy"}, "Choose the authority, a service area, a team or a worker"),
    ],
)
def test_bad_period_or_scope_gives_a_clear_message(client, analyst, params, message):
    client.force_login(analyst)
    response = client.get(reverse("performance:dashboard"), {**QUERY, **params})
    assert response.status_code == 400
    assert message in response.content.decode()
    drill = client.get(reverse("performance:drilldown", args=["CP_VISITS"]), {**QUERY, **params})
    assert drill.status_code == 400


def test_unknown_measure_and_unknown_list_part(client, analyst):
    client.force_login(analyst)
    assert client.get(reverse("performance:drilldown", args=["NOPE"]), QUERY).status_code == 404
    bad = client.get(reverse("performance:drilldown", args=["CP_VISITS"]), {**QUERY, "part": "x"})
    assert bad.status_code == 400


def test_drill_down_exports_csv_and_excel_with_the_same_rows(client, analyst, visits):
    client.force_login(analyst)
    drill = reverse("performance:drilldown", args=["CP_VISITS"])
    response = client.get(drill, {**QUERY, "part": "denominator", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Person ID", "Name", "Row ID"]
    assert sorted(int(r[0]) for r in rows[1:]) == sorted(c.pk for c in visits[:3])
    assert {r[rows[0].index("Status")] for r in rows[1:]} == {"met", "met_late", "overdue"}
    response = client.get(drill, {**QUERY, "part": "denominator", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    lines = list(sheet.iter_rows(values_only=True))
    assert list(lines[0][:3]) == ["Person ID", "Name", "Row ID"]
    assert sorted(line[0] for line in lines[1:]) == sorted(c.pk for c in visits[:3])
    assert client.get(drill, {**QUERY, "format": "pdf"}).status_code == 404


def test_csv_export_neutralises_spreadsheet_formulas(client, analyst, team_a):
    from safeguard.conftest import make_child

    child = make_child(first_name="=HYPERLINK(1)", last_name="X")
    episode(child, team_a, referred=date(2025, 5, 1))
    client.force_login(analyst)
    response = client.get(
        reverse("performance:drilldown", args=["REFERRALS"]), {**QUERY, "format": "csv"}
    )
    assert "'=HYPERLINK(1) X" in response.content.decode()


def test_drill_down_is_paginated(client, analyst, worker_w):
    from safeguard.conftest import make_child

    for _ in range(55):
        clock(make_child(), "CP_VISIT", due=date(2025, 6, 1), owner=worker_w)
    client.force_login(analyst)
    drill = reverse("performance:drilldown", args=["CP_VISITS"])
    first = client.get(drill, {**QUERY, "part": "denominator"})
    assert len(first.context["lines"]) == 50
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(drill, {**QUERY, "part": "denominator", "page": 2})
    assert len(second.context["lines"]) == 5


def test_trend_draws_an_accessible_chart_with_its_data_and_the_england_line(client, analyst):
    for month_end, value in [(date(2025, 1, 31), "20.0"), (date(2025, 2, 28), "25.5")]:
        MonthEndSnapshot.objects.create(
            measure_code="RE_REFERRALS",
            scope_key="authority",
            month_end=month_end,
            numerator=1,
            denominator=4,
            value=value,
        )
    client.force_login(analyst)
    url = reverse("performance:trend", args=["RE_REFERRALS"])
    page = client.get(url, {"scope": "authority"}).content.decode()
    assert 'role="img"' in page and '<title id="chart-title">' in page
    assert "Jan 25: 20, Feb 25: 25.5" in page  # the description carries the data
    assert "England 22.6" in page  # the reference line from the DfE figure
    assert "not in the reference data we hold" in page  # statistical neighbours
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">25.5' in page
    rows = list(csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode())))
    assert rows == [
        ["Month end", "Numerator", "Denominator", "Value"],
        ["2025-01-31", "1", "4", "20.0"],
        ["2025-02-28", "1", "4", "25.5"],
    ]


def test_a_manager_writes_a_statement_and_an_optimistic_claim_is_flagged(
    client, senior, analyst, children, team_a
):
    # Given re-referrals of 2 in 3 (66.7%), far worse than England's 22.6%
    episode(children[0], team_a, referred=date.today().replace(day=1), is_re_referral=True)
    episode(children[1], team_a, referred=date.today().replace(day=1), is_re_referral=True)
    episode(children[2], team_a, referred=date.today().replace(day=1))
    client.force_login(senior)
    response = client.post(
        reverse("performance:self_evaluation"),
        {
            "heading": "Front door",
            "claim": "Families rarely come back to us.",
            "measure_codes": ["RE_REFERRALS"],
        },
    )
    assert response.status_code == 302
    statement = SelfEvaluationStatement.objects.get()
    assert statement.written_by == senior
    page = client.get(reverse("performance:self_evaluation")).content.decode()
    assert FLAG in page
    assert "worse than England (22.6)" in page
    assert "66.7%" in page
    # An analyst reads it but may not write
    client.force_login(analyst)
    assert client.get(reverse("performance:self_evaluation")).status_code == 200
    refused = client.post(
        reverse("performance:self_evaluation"),
        {"heading": "x", "claim": "y", "measure_codes": ["RE_REFERRALS"]},
    )
    assert refused.status_code == 403
    assert SelfEvaluationStatement.objects.count() == 1


def test_a_claim_the_figures_bear_out_is_not_flagged(client, senior, children, worker_w):
    clock(
        children[0],
        "CP_VISIT",
        due=date.today().replace(day=1),
        started=date.today().replace(day=1),
        completed=date.today().replace(day=1),
        owner=worker_w,
    )
    client.force_login(senior)
    client.post(
        reverse("performance:self_evaluation"),
        {
            "heading": "Visits",
            "claim": "Children are seen.",
            "measure_codes": ["CP_VISITS"],
            "target": "90",
        },
    )
    page = client.get(reverse("performance:self_evaluation")).content.decode()
    assert FLAG not in page


def test_statement_without_measures_is_refused_with_a_message(client, senior):
    client.force_login(senior)
    response = client.post(
        reverse("performance:self_evaluation"), {"heading": "Visits", "claim": "All good."}
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not SelfEvaluationStatement.objects.exists()


def test_self_evaluation_shows_case_file_audit_results(client, analyst):
    client.force_login(analyst)
    page = client.get(reverse("performance:self_evaluation")).content.decode()
    assert "Case file audits" in page
    assert "0 audits from" in page


def test_withdrawing_a_statement_keeps_it(client, senior):
    from safeguard.performance.services import statement_create

    statement = statement_create(user=senior, heading="H", claim="C", measure_codes=["CP_VISITS"])
    client.force_login(senior)
    response = client.post(reverse("performance:statement_archive", args=[statement.pk]))
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.archived_at is not None


def test_team_dashboard_links_to_each_workers_figures(client, analyst, visits, worker_w, team_a):
    client.force_login(analyst)
    page = client.get(
        reverse("performance:dashboard"), {**QUERY, "scope": f"team:{team_a.pk}"}
    ).content.decode()
    assert f"?scope=worker:{worker_w.pk}&amp;start=2025-04-01" in page
    mine = client.get(reverse("performance:dashboard"), {**QUERY, "scope": f"worker:{worker_w.pk}"})
    assert mine.status_code == 200
    assert mine.context["scope_label"] == str(worker_w)


def test_the_dashboard_itself_exports(client, analyst, visits):
    client.force_login(analyst)
    response = client.get(reverse("performance:dashboard"), {**QUERY, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Code", "Measure", "Numerator", "Denominator", "Value", "England"]
    assert ["CP_VISITS", "Child protection visits in timescale", "1", "3", "33.3", ""] in rows
    book = client.get(reverse("performance:dashboard"), {**QUERY, "format": "xlsx"})
    lines = list(load_workbook(io.BytesIO(book.content)).active.iter_rows(values_only=True))
    assert ("RE_REFERRALS", "Re-referrals within 12 months", 0, 0, None, 22.6) in lines
