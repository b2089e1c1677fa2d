"""How SSDA903 584, 624, 626 and NoE read last year's return where the DfE wording leaves room.

Each test starts from the clean return and its clean last year's return (as the rule tests
give them), changes one thing and runs one rule.
"""

from safeguard.returns.ssda903.reader import Return
from safeguard.returns.ssda903.rules import Context
from safeguard.returns.ssda903.rules.y2025_26 import RULES
from safeguard.returns.ssda903.years import year_ending
from safeguard.returns.tests import cases_903_lookups, cases_903_previous
from safeguard.returns.tests.cases_903_lastfour import (
    FAILING,
    reversed_last_year,
    without_last_year_episodes_of,
)
from safeguard.returns.tests.cases_903_lookups import A_HEADER, add_last_year, first
from safeguard.returns.tests.ssda903_fixtures import A, C, E, both, clean_return


def _given() -> dict:
    given = clean_return()
    for inputs in (cases_903_lookups.clean_inputs, cases_903_previous.clean_inputs):
        given.update(inputs(given))
    return given


def _failures(code: str, given: dict, *, with_previous: bool = True) -> list:
    tables = {k: v for k, v in given.items() if k not in Context.INPUTS}
    previous = given["previous"] if with_previous else None
    context = Context(Return(tables=tables), year_ending(2026), previous=previous)
    return list(RULES.rules[code].check(context))


def _changed(*changes) -> dict:
    given = _given()
    both(*changes)(given)
    return given


def test_without_last_years_return_the_rules_report_nothing():
    # Given each rule's failing case, when last year's return is not given, then none reports.
    for code in ("NoE", "584", "624", "626"):
        given = _changed(FAILING[code])
        assert _failures(code, given) != []
        assert _failures(code, given, with_previous=False) == []


def test_noe_reports_a_child_once_at_their_earliest_episode():
    # Given CHILDC, in care since December 2024 with two episodes, missing from last year
    given = _changed(without_last_year_episodes_of(C))
    # Then NoE reports C once, at the December 2024 episode
    (index,) = _failures("NoE", given)
    assert (given[E][index]["CHILD"], given[E][index]["DECOM"]) == (C, "01/12/2024")


def test_noe_leaves_a_child_who_came_into_care_this_year():
    # Given CHILDA missing from last year, but in care only from June 2025
    given = _changed(without_last_year_episodes_of(A), lambda t: t[E].pop(0))
    assert _failures("NoE", given) == []


def test_584_a_new_decision_after_the_reversed_one_passes():
    # Given last year's decision reversed, when this year's is a new decision of June 2025
    given = _changed(reversed_last_year(A), first("PlacedAdoption", A, "DATE_PLACED", "01/06/2025"))
    assert _failures("584", given) == []
    # but a decision dated before the reversed one is reported
    given = _changed(reversed_last_year(A), first("PlacedAdoption", A, "DATE_PLACED", "01/12/2024"))
    assert len(_failures("584", given)) == 1


def test_584_a_decision_still_standing_last_year_is_not_checked():
    # Given last year's decision open (the clean return), this year's same date passes
    assert _failures("584", _given()) == []


MOTHER_LAST_YEAR = add_last_year("Header", {**A_HEADER, "MOTHER": "1", "MC_DOB": "01/01/2025"})


def test_624_a_blank_date_contradicts_last_years():
    given = _changed(MOTHER_LAST_YEAR, first("Header", A, "MOTHER", "1"))
    assert len(_failures("624", given)) == 1


def test_624_text_that_is_not_a_date_is_left_to_171():
    given = _changed(
        MOTHER_LAST_YEAR,
        first("Header", A, "MOTHER", "1"),
        first("Header", A, "MC_DOB", "2025-01-01"),
    )
    assert _failures("624", given) == []


def test_624_no_date_last_year_leaves_this_years_free():
    given = _changed(
        add_last_year("Header", A_HEADER),
        first("Header", A, "MOTHER", "1"),
        first("Header", A, "MC_DOB", "01/02/2026"),
    )
    assert _failures("624", given) == []


def test_626_a_first_child_born_this_year_passes():
    # Given not a mother last year, when her first child was born in the year, then no failure
    given = _changed(
        add_last_year("Header", A_HEADER),
        first("Header", A, "MOTHER", "1"),
        first("Header", A, "MC_DOB", "01/02/2026"),
    )
    assert _failures("626", given) == []


def test_626_mother_status_not_given_last_year_is_not_a_contradiction():
    given = _changed(
        add_last_year("Header", {**A_HEADER, "MOTHER": ""}),
        first("Header", A, "MOTHER", "1"),
        first("Header", A, "MC_DOB", "01/01/2025"),
    )
    assert _failures("626", given) == []
