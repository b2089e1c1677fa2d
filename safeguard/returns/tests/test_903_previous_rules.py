"""How the SSDA903 rules that carry last year's open episode and adoption decision into this
year (502, 503A-J, 559-562) read the DfE wording.

Given the clean return and a clean last year's return, when one thing is changed, then the rule
reports the row of this year's return that no longer continues last year's.
"""

import copy

import pytest

from safeguard.returns.ssda903.lookups import Place
from safeguard.returns.ssda903.reader import Return
from safeguard.returns.ssda903.rules import Context
from safeguard.returns.ssda903.rules.y2025_26 import RULES as RULES_2025_26
from safeguard.returns.ssda903.rules.y2026_27 import RULES as RULES_2026_27
from safeguard.returns.ssda903.years import year_ending
from safeguard.returns.tests import cases_903_lookups, cases_903_previous
from safeguard.returns.tests.cases_903_previous import FAILING
from safeguard.returns.tests.ssda903_fixtures import A_DOB, A, B, C, E, clean_return

CODES = sorted(FAILING)
NEEDS_POSTCODES = ("503G", "503H", "503J")


def _given() -> dict:
    given = clean_return()
    del given["DoLo"]
    given.update(cases_903_lookups.clean_inputs(given))
    given.update(cases_903_previous.clean_inputs(given))
    return given


def _check(code: str, given: dict, end_year: int = 2026) -> list:
    rules = RULES_2025_26 if end_year == 2026 else RULES_2026_27
    tables = {k: v for k, v in given.items() if k not in Context.INPUTS}
    inputs = {k: v for k, v in given.items() if k in Context.INPUTS}
    return list(
        rules.rules[code].check(Context(Return(tables=tables), year_ending(end_year), **inputs))
    )


def _rows(given: dict, table: str, child: str, last_year: bool = False) -> list[dict]:
    rows = given["previous"].tables[table] if last_year else given[table]
    return [r for r in rows if r["CHILD"] == child]


def _index(given: dict, table: str, child: str, n: int = 0) -> int:
    return [i for i, r in enumerate(given[table]) if r["CHILD"] == child][n]


@pytest.mark.parametrize("code", CODES)
def test_rule_reports_nothing_without_last_year(code):
    # Given the change that makes the rule fail,
    changed = copy.deepcopy(_given())
    FAILING[code](changed)
    assert _check(code, changed)
    # when last year's return is not given, then the rule reports nothing.
    changed["previous"] = None
    assert _check(code, changed) == []


@pytest.mark.parametrize("code", NEEDS_POSTCODES)
def test_derived_placement_values_need_the_postcode_look_up(code):
    changed = copy.deepcopy(_given())
    FAILING[code](changed)
    changed["postcodes"] = None
    assert _check(code, changed) == []


def test_placement_location_needs_the_authority_code():
    changed = copy.deepcopy(_given())
    FAILING["503J"](changed)
    changed["la"] = None
    assert _check("503J", changed) == []


def test_failure_is_this_years_first_episode():
    # Given last year's open episode for CHILDB had another legal status,
    changed = copy.deepcopy(_given())
    FAILING["503B"](changed)
    # then 503B points at CHILDB's episode in this year's file.
    assert _check("503B", changed) == [_index(changed, E, B)]


def test_episode_ended_before_the_year_is_not_the_first_episode():
    # Given this year's file also holds where CHILDB's period of care began (an episode that
    # ended in 2020, so last year's too), with another start, legal status and placement,
    given = _given()
    earlier = {**_rows(given, E, B)[0], "DECOM": "01/01/2020", "LS": "C2", "PLACE": "U1"}
    earlier.update(DEC="01/02/2020", REC="X1", REASON_PLACE_CHANGE="CARPL")
    given[E].append(earlier)
    given["previous"].tables[E].append(dict(earlier))
    # then the episode open on 1 April (CHILDB's and CHILDC's) is compared, and nothing fails.
    for code in ("502", "503B", "503D", "562"):
        assert _check(code, given) == [], code


def test_last_year_closed_episode_is_not_carried():
    # Given CHILDB's episode ended last year (a new period of care began this year),
    given = _given()
    _rows(given, E, B, last_year=True)[0].update(DEC="01/03/2025", REC="E8")
    first = _rows(given, E, B)[0]
    first.update(DECOM="01/05/2025", RNE="L", LS="C2", PLACE="U1")
    # then nothing is carried into this year, and the episode started in the year.
    for code in ("502", "503A", "503B", "503D", "562"):
        assert _check(code, given) == [], code


def test_first_episode_not_the_open_one():
    # Given CHILDB's first episode this year started after last year's open one,
    given = _given()
    _rows(given, E, B)[0]["DECOM"] = "01/05/2025"
    # then 502 reports it (last year's open episode is not this year's first).
    assert _check("502", given) == [_index(given, E, B)]


@pytest.mark.parametrize(
    ("last", "now", "end_year", "fails"),
    [
        ("Z1", "Z12", 2026, False),  # 2025/26 split Z1 into Z11 to Z14
        ("Z1", "Z12", 2027, True),  # the year after, a change is a change
        ("Z12", "Z13", 2026, True),
        ("R1", "r1", 2026, False),
    ],
)
def test_placement_type_split_in_the_year(last, now, end_year, fails):
    given = _given()
    _rows(given, E, B, last_year=True)[0]["PLACE"] = last
    _rows(given, E, B)[0]["PLACE"] = now
    assert bool(_check("503D", given, end_year)) is fails


def _home_moved(given: dict, easting: int):
    """Put CHILDB's home last year at a postcode at `easting` (this year's is at 400,000)."""
    given["postcodes"].places["ZZ11ZZ"] = Place(cases_903_lookups.OWN_LA, easting, 280_000)
    _rows(given, E, B, last_year=True)[0]["HOME_POST"] = "ZZ1 1ZZ"


@pytest.mark.parametrize(
    ("easting", "fails"),
    [(400_100, False), (400_300, True), (399_700, True)],  # 0.1 mile nearer; 0.2 mile either way
)
def test_distance_differs_by_two_tenths_of_a_mile(easting, fails):
    # This year: home at 400,000 and placement at 403,000 (1.9 miles).
    given = _given()
    _home_moved(given, easting)
    assert bool(_check("503G", given)) is fails


def test_blank_postcode_last_year_differs_unknown_postcode_is_not_compared():
    given = _given()
    last = _rows(given, E, B, last_year=True)[0]
    last["PL_POST"] = "QQ9 9QQ"  # not in the look-up: 392c's to report
    assert [_check(code, given) for code in NEEDS_POSTCODES] == [[], [], []]
    last["PL_POST"] = ""
    assert all(_check(code, given) for code in NEEDS_POSTCODES)


def test_child_first_looked_after_in_the_year_needs_nothing_from_last_year():
    # Given a child not in last year's return, whose care began this year,
    given = _given()
    given[E].append({**_rows(given, E, B)[0], "CHILD": "CHILDD", "DECOM": "01/05/2025"})
    # then 562 asks nothing; begun before the year, it reports the missing episode.
    assert _check("562", given) == []
    given[E][-1]["DECOM"] = "01/03/2025"
    assert _check("562", given) == [len(given[E]) - 1]


def _decision(child: str, placed: str, ceased: str = "", reason: str = "") -> dict:
    return {
        "CHILD": child,
        "DOB": A_DOB,
        "DATE_PLACED": placed,
        "DATE_PLACED_CEASED": ceased,
        "REASON_PLACED_CEASED": reason,
    }


def test_further_decision_beside_the_standing_one():
    # Given CHILDA's standing decision continues and a further one was made this year,
    given = _given()
    given["PlacedAdoption"].append(_decision(A, "01/02/2026"))
    # then neither 559 nor 560 nor 561 reports it.
    assert [_check(code, given) for code in ("559", "560", "561")] == [[], [], []]


def test_standing_decision_missing_reports_the_childs_rows():
    # Given CHILDA's only row this year has another date than last year's standing decision,
    given = _given()
    _rows(given, "PlacedAdoption", A)[0]["DATE_PLACED"] = "01/02/2026"
    given["PlacedAdoption"].append(_decision(A, "01/03/2026"))
    # then 560 reports both of the child's rows.
    assert _check("560", given) == [
        _index(given, "PlacedAdoption", A),
        _index(given, "PlacedAdoption", A, 1),
    ]


def test_decision_ended_last_year_and_a_new_one():
    # Given CHILDC's decision ended last year and a new decision was made this year,
    given = _given()
    _rows(given, "PlacedAdoption", C, last_year=True)[0].update(
        DATE_PLACED_CEASED="01/03/2025", REASON_PLACED_CEASED="RD1"
    )
    _rows(given, "PlacedAdoption", C)[0]["DATE_PLACED"] = "01/06/2025"
    # then this year's decision is not last year's ended one.
    assert [_check(code, given) for code in ("559", "560", "561")] == [[], [], []]
    # When this year's row repeats the ended decision's date, then 561 reports it.
    _rows(given, "PlacedAdoption", C)[0]["DATE_PLACED"] = "01/01/2025"
    assert _check("561", given) == [_index(given, "PlacedAdoption", C)]


def test_decision_before_the_year_dated_in_last_year_under_another_date():
    # Given last year's row gives CHILDA's decision another date, 559 is content (a date was
    # completed) and 560 reports the change.
    given = _given()
    _rows(given, "PlacedAdoption", A, last_year=True)[0]["DATE_PLACED"] = "01/12/2024"
    assert _check("559", given) == []
    assert _check("560", given) == [_index(given, "PlacedAdoption", A)]
