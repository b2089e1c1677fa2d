"""105 and 303 check the XML form's UASC status item and leave the CSV form alone."""

from safeguard.returns.ssda903.reader import Return
from safeguard.returns.ssda903.rules import Context
from safeguard.returns.ssda903.rules.y2025_26 import RULES
from safeguard.returns.ssda903.years import year_ending
from safeguard.returns.tests.cases_903_uasc_status import with_status
from safeguard.returns.tests.ssda903_fixtures import clean_return


def _failing(code, tables):
    return list(RULES.rules[code].check(Context(Return(tables=tables), year_ending(2026))))


def test_status_given_right_passes():
    tables = clean_return()
    with_status("1", "0")(tables)
    assert _failing("105", tables) == []
    assert _failing("303", tables) == []


def test_a_blank_status_is_not_completed():
    tables = clean_return()
    with_status("1", "")(tables)
    blank = [i for i, row in enumerate(tables["Header"]) if row["UASC"] == ""]
    assert blank
    assert _failing("105", tables) == blank


def test_csv_form_without_the_item_has_nothing_to_check():
    tables = clean_return()
    assert "UASC" not in tables["Header"][0]
    assert _failing("105", tables) == []
    assert _failing("303", tables) == []
