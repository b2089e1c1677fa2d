"""Failing cases for the SSDA903 rules that carry last year's open episode and adoption
decision into this year (502, 503A-J, 559-562).

`clean_inputs` runs after the look-ups group's (modules are gathered in name order) and adds to
its last year's return what a clean one holds for CHILDA and CHILDC: the episodes still open at
31 March 2025 (CHILDC's earlier episode, ended in that year, too) and both children's decisions
to place for adoption of 1 January 2025. Last year's header is left alone: the UASC rules
(205A-D) read it. Each change below breaks one rule, finding rows by child.
"""

import copy
from datetime import date

from safeguard.returns.ssda903.lookups import Place
from safeguard.returns.ssda903.reader import Return, parse_date
from safeguard.returns.tests.cases_903_lookups import OTHER_LA, last_year
from safeguard.returns.tests.ssda903_fixtures import A, B, C, E, both

LAST_YEAR_END = date(2025, 3, 31)
ELSEWHERE = "ZZ1 1ZZ"


def _as_last_year_gave_it(row: dict) -> dict:
    """Return an episode as last year's return gave it: open if it ended after 31 March 2025."""
    ended = parse_date(row["DEC"])
    if ended and ended <= LAST_YEAR_END:
        return dict(row)
    return {**row, "DEC": "", "REC": "", "REASON_PLACE_CHANGE": ""}


def clean_inputs(given: dict) -> dict:
    """Return last year's return with CHILDA's and CHILDC's episodes and decisions added."""
    tables = copy.deepcopy(given["previous"].tables)
    tables["Episodes"] += [
        _as_last_year_gave_it(r)
        for r in given[E]
        if r["CHILD"] in (A, C) and parse_date(r["DECOM"]) <= LAST_YEAR_END
    ]
    tables["PlacedAdoption"] += [dict(r) for r in given["PlacedAdoption"]]
    return {"previous": Return(tables=tables)}


def _placed_last_year_elsewhere(la: str, easting: int):
    """Put CHILDB's open episode last year at a postcode the look-up places in `la`."""

    def change(t):
        t["postcodes"].places[ELSEWHERE.replace(" ", "")] = Place(la, easting, 280_000)
        last_year(E, B, "PL_POST", ELSEWHERE)(t)

    return change


def _without_last_year_episodes_of(child: str):
    def change(t):
        episodes = t["previous"].tables[E]
        episodes[:] = [r for r in episodes if r["CHILD"] != child]

    return change


FAILING = {
    "502": last_year(E, B, "DECOM", "01/01/2020"),
    "503A": last_year(E, B, "RNE", "L"),
    "503B": last_year(E, B, "LS", "C2"),
    "503C": last_year(E, B, "CIN", "N1"),
    "503D": last_year(E, B, "PLACE", "U1"),
    "503E": last_year(E, B, "PLACE_PROVIDER", "PR1"),
    "503F": last_year(E, B, "URN", "SC111111"),
    # Home and placement were 3 km (1.9 miles) apart this year; 30 km last year.
    "503G": _placed_last_year_elsewhere(la=OTHER_LA, easting=430_000),
    "503H": _placed_last_year_elsewhere(la=OTHER_LA, easting=403_000),
    "503J": _placed_last_year_elsewhere(la=OTHER_LA, easting=403_000),
    "559": last_year("PlacedAdoption", A, "DATE_PLACED", ""),
    "560": last_year("PlacedAdoption", A, "DATE_PLACED", "01/12/2024"),
    "561": both(
        last_year("PlacedAdoption", A, "DATE_PLACED_CEASED", "01/03/2025"),
        last_year("PlacedAdoption", A, "REASON_PLACED_CEASED", "RD1"),
    ),
    "562": _without_last_year_episodes_of(A),
}
