"""How the placement area and distance rules and 348 read the DfE wording at their edges.

Each test starts from the clean return with its clean extra inputs (last year's return holding
CHILDB's open episode, the postcode look-up, the LA code), changes what the reading turns on,
and runs one rule.
"""

import copy

import pytest

from safeguard.returns.ssda903.lookups import METRES_PER_MILE
from safeguard.returns.ssda903.reader import Return
from safeguard.returns.ssda903.rules import Context
from safeguard.returns.ssda903.rules.y2025_26 import RULES
from safeguard.returns.ssda903.rules.y2025_26 import (
    placement_area_and_last_year as placement_rules,
)
from safeguard.returns.ssda903.years import year_ending
from safeguard.returns.tests.cases_903_leftovers import FAILING, placed_last_year_elsewhere
from safeguard.returns.tests.cases_903_lookups import (
    B_PL_POST,
    add_last_year,
    clean_inputs,
    last_year,
    place,
)
from safeguard.returns.tests.ssda903_fixtures import B_DOB, A, B, E, clean_return

# The input each rule cannot run without.
NEEDS = {
    "348": "previous",
    "452": "previous",
    "453": "previous",
    "406": "postcodes",
    "420": "postcodes",
    "454": "postcodes",
}


def _given() -> dict:
    tables = clean_return()
    del tables["DoLo"]
    return {**tables, **clean_inputs(tables)}


def _flagged(code: str, given: dict) -> list:
    tables = {k: v for k, v in given.items() if k not in Context.INPUTS}
    inputs = {k: v for k, v in given.items() if k in Context.INPUTS}
    context = Context(Return(tables=tables), year_ending(2026), **inputs)
    return list(RULES.rules[code].check(context))


def _b_episode(given: dict) -> dict:
    return next(r for r in given[E] if r["CHILD"] == B)


def test_the_rules_are_registered_in_their_module():
    assert {RULES.rules[code].check.__module__ for code in NEEDS} == {placement_rules.__name__}


@pytest.mark.parametrize("code", sorted(NEEDS))
def test_rule_passes_the_clean_return_without_the_extra_inputs(code):
    # Given the clean return and none of the extra inputs, then the rule reports nothing.
    tables = clean_return()
    del tables["DoLo"]
    assert _flagged(code, tables) == []


@pytest.mark.parametrize("code", sorted(NEEDS))
def test_rule_reports_nothing_without_its_input(code):
    # Given the change that makes the rule fail, when its input is not given,
    changed = copy.deepcopy(_given())
    FAILING[code](changed)
    assert _flagged(code, changed), "the failing case must fail with every input given"
    changed[NEEDS[code]] = None
    # then the rule reports nothing.
    assert _flagged(code, changed) == []


def test_452_and_453_need_the_postcode_look_up_too():
    for code in ("452", "453"):
        changed = copy.deepcopy(_given())
        FAILING[code](changed)
        changed["postcodes"] = None
        assert _flagged(code, changed) == []


# 348: a care leaver who died.


def test_348_a_death_reported_both_years_is_consistent():
    given = _given()
    add_last_year("OC3", {"CHILD": B, "DOB": B_DOB, "IN_TOUCH": "died", "ACTIV": "", "ACCOM": ""})(
        given
    )
    assert _flagged("348", given) == [0]
    given["OC3"][0].update(IN_TOUCH="DIED", ACTIV="0", ACCOM="0")
    assert _flagged("348", given) == []


# 452 and 453: the episode carried on from last year.


def test_452_453_only_an_episode_open_at_the_end_of_last_year_carries_on():
    # Given last year's episode in another area, half a mile further,
    for code, change in (
        ("452", placed_last_year_elsewhere(la="E08000026")),
        ("453", placed_last_year_elsewhere(miles_east=0.5)),
    ):
        given = _given()
        change(given)
        assert _flagged(code, given) == [2]
        # when it had ended by 31 March 2025, then this year's first episode is a new one.
        last_year(E, B, "DEC", "31/03/2025")(given)
        assert _flagged(code, given) == []


def test_452_453_compare_only_an_episode_of_the_same_reason_for_new_episode():
    given = _given()
    placed_last_year_elsewhere(la="E08000026", miles_east=0.5)(given)
    last_year(E, B, "RNE", "L")(given)
    assert _flagged("452", given) == []
    assert _flagged("453", given) == []


def test_452_453_read_the_first_episode_open_in_the_year():
    # Given B's file also holds an earlier episode, ended before 1 April 2025, placed elsewhere
    given = _given()
    earlier = {
        **_b_episode(given),
        "DECOM": "01/01/2019",
        "DEC": "01/02/2020",
        "REC": "X1",
        "REASON_PLACE_CHANGE": "CARPL",
        "PL_POST": "AB3 4EF",
    }
    given[E].append(earlier)
    # then it is not the episode that carries on last year's.
    assert _flagged("452", given) == []
    assert _flagged("453", given) == []


def test_453_distances_within_a_fifth_of_a_mile_agree():
    # 1.9 and 2.0 miles: the DfE's rounding, not a move.
    given = _given()
    placed_last_year_elsewhere(miles_east=0.1)(given)
    assert _flagged("453", given) == []
    given = _given()
    placed_last_year_elsewhere(miles_east=0.2)(given)
    assert _flagged("453", given) == [2]


def test_453_a_distance_given_one_year_and_not_the_other_contradicts():
    # Given no home postcode last year (no distance then) and one this year: appears.
    given = _given()
    last_year(E, B, "HOME_POST", "")(given)
    assert _flagged("453", given) == [2]
    # Given a home postcode last year and none this year: disappears.
    given = _given()
    _b_episode(given)["HOME_POST"] = ""
    assert _flagged("453", given) == [2]


def test_452_453_a_postcode_the_look_up_does_not_know_compares_nothing():
    given = _given()
    last_year(E, B, "PL_POST", "ZZ9 9ZZ")(given)
    assert _flagged("452", given) == []
    assert _flagged("453", given) == []


# 406, 420 and 454: derived from this year's postcodes.


def test_406_reads_uasc_status_from_last_year_too():
    # Given B, not UASC this year, with home and placement postcodes: no finding.
    given = _given()
    assert _flagged("406", given) == []
    # When last year's return has B as UASC, then B's distance should be blank.
    add_last_year("UASC", {"CHILD": B, "SEX": "M", "DOB": B_DOB, "DUC": "01/01/2026"})(given)
    assert _flagged("406", given) == [2]


def test_406_a_uasc_child_placed_at_home_has_a_distance_of_nothing_to_give():
    # Given A (UASC) with both postcodes the same: 0.0 miles is still a distance given.
    given = _given()
    a = next(r for r in given[E] if r["CHILD"] == A)
    a["HOME_POST"] = a["PL_POST"]
    assert _flagged("406", given) == [0]


def test_420_a_short_break_with_no_placement_postcode_has_no_placement_la():
    given = _given()
    _b_episode(given).update(LS="V4", PL_POST="")
    assert _flagged("420", given) == []
    _b_episode(given)["PL_POST"] = B_PL_POST
    assert _flagged("420", given) == [2]


def test_454_leaves_out_the_unmeasured_distance_and_uasc_children():
    given = _given()
    home = given["postcodes"].place(_b_episode(given)["HOME_POST"])
    # 999.9 miles is the DfE's "not measured", not a far placement.
    place(B_PL_POST, easting=home.easting + 999.9 * METRES_PER_MILE)(given)
    assert _flagged("454", given) == []
    place(B_PL_POST, easting=home.easting + 350.1 * METRES_PER_MILE)(given)
    assert _flagged("454", given) == [2]
    # A UASC child's home postcode is 406's to report, not a far placement.
    given["UASC"].append({"CHILD": B, "SEX": "M", "DOB": B_DOB, "DUC": "01/01/2026"})
    assert _flagged("454", given) == []
    assert _flagged("406", given) == [2]


def test_454_exactly_350_miles_is_not_over():
    given = _given()
    home = given["postcodes"].place(_b_episode(given)["HOME_POST"])
    place(B_PL_POST, easting=home.easting + 350 * METRES_PER_MILE)(given)
    assert _flagged("454", given) == []
