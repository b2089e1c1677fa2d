# ruff: noqa: E501 - Ofsted's column headings are kept whole.
"""Annex A: Ofsted's headings on every sheet, rows from the records, bad dates refused."""

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from safeguard.returns.annex_a.lists import HEADINGS
from safeguard.returns.tests.test_903_export_import import make_looked_after_authority

SAMPLE = str(Path(settings.SAFEGUARD_REFERENCE_DIR) / "annex_a/Annex_A_2024_Jan.xlsx")


def _headings(path) -> dict[str, list[str]]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    return {
        sheet.title: [
            c for c in next(sheet.iter_rows(max_row=1, values_only=True)) if c is not None
        ]
        for sheet in workbook.worksheets
    }


def test_headings_are_ofsteds_as_in_the_sample():
    assert {name: list(cols) for name, cols in HEADINGS.items()} == _headings(SAMPLE)


def test_export_writes_eleven_lists_with_rows_from_the_records(db, tmp_path):
    # Given looked-after children and a care leaver,
    make_looked_after_authority()
    out = tmp_path / "annex_a.xlsx"
    # when Annex A is exported for the year,
    call_command(
        "export_annex_a", "--start", "2025-04-01", "--end", "2026-03-31", "--out", str(out)
    )
    # then every sheet has the sample's headings,
    assert _headings(out) == _headings(SAMPLE)
    workbook = openpyxl.load_workbook(out, read_only=True)
    list_8 = list(workbook["List 8"].iter_rows(values_only=True))
    header = list_8[0]
    rows = {r[0]: dict(zip(header, r, strict=False)) for r in list_8[1:]}
    # and list 8 holds the two looked-after children with their dates and codes,
    assert set(rows) == {"LA0001", "LA0002"}
    amelia = rows["LA0001"]
    assert amelia["Date Started to be Looked After"].date() == date(2024, 5, 1)
    assert amelia["Child's Legal Status"] == "C2"
    assert amelia["Placement Type"].startswith("U6")
    assert (
        amelia[
            "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months"
        ]
        == 1
    )
    assert rows["LA0002"]["Date Ceased to be Looked After"] is None  # ceased after the period
    # and list 11 (adopters, not recorded) has its headings and no rows.
    assert len(list(workbook["List 11"].iter_rows(values_only=True))) == 1


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2025-13-01", "2026-03-31", "--start must be a date"),
        ("2025-04-01", "31/03/2026", "--end must be a date"),
        ("2026-04-01", "2025-04-01", "is before --start"),
    ],
)
def test_bad_dates_are_refused_and_nothing_written(db, tmp_path, start, end, message):
    out = tmp_path / "annex_a.xlsx"
    with pytest.raises(CommandError, match=message):
        call_command("export_annex_a", "--start", start, "--end", end, "--out", str(out))
    assert not out.exists()
