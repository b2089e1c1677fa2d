"""How the SSDA903 adoption, provider, sequence and OC2 health rules read the DfE wording.

Each test starts from the clean return, makes the change that tells two readings apart, and
checks the one these rules take (docs/returns.md says why).
"""

from safeguard.returns.ssda903.reader import Return
from safeguard.returns.ssda903.rules import QUERY, Context
from safeguard.returns.ssda903.rules.y2025_26 import RULES
from safeguard.returns.ssda903.years import year_ending
from safeguard.returns.tests.ssda903_fixtures import A_DOB, B_DOB, A, B, E, add, clean_return

PA = "PlacedAdoption"


def _failing_rows(code: str, tables) -> list[int]:
    return list(RULES.rules[code].check(Context(Return(tables=tables), year_ending(2026))))


def test_504_compares_with_the_need_at_the_start_of_the_period_of_care():
    # Given a period of care of three episodes whose middle one records another need
    tables = clean_return()
    add(E, f"{A},01/09/2025,P,C2,N1,U6,PR4,,,,AB1 2CD,AB5 6GH,SC654321")(tables)
    tables[E][1].update(CIN="N2", DEC="01/09/2025", REC="X1", REASON_PLACE_CHANGE="CARPL")
    # When 504 runs, then only the middle episode is reported: the last is back to the start's
    assert _failing_rows("504", tables) == [1]


def test_504_takes_a_new_period_of_care_on_its_own_need():
    # Given a child who left care and came back with another need
    tables = clean_return()
    tables[E][0].update(REC="E8", REASON_PLACE_CHANGE="")
    tables[E][1].update(RNE="S", CIN="N2")
    # Then the new period's need is not compared with the old one's
    assert _failing_rows("504", tables) == []


def test_526_asks_no_provider_of_placements_that_213_refuses_one():
    # Given an "other placement" (Z1) with no provider
    tables = clean_return()
    tables[E][1].update(PLACE="Z1", PLACE_PROVIDER="")
    # Then neither 526 (provider missing) nor 213 (provider not required) reports it
    assert _failing_rows("526", tables) == []
    assert _failing_rows("213", tables) == []


def test_543_asks_conviction_only_of_children_looked_after_all_year():
    # Given a 13-year-old with no conviction information who came into care in the year
    tables = clean_return()
    tables["OC2"][0]["CONVICTED"] = ""
    tables[E][0]["DECOM"] = "01/05/2025"
    # Then 543 does not apply; had they been in care since before 1 April, it would
    assert _failing_rows("543", tables) == []
    tables[E][0]["DECOM"] = "01/04/2025"
    assert _failing_rows("543", tables) == [0]


def test_545_and_546_leave_out_a_child_on_short_breaks():
    # Given a 3-year-old whose care was short breaks (V3) and who has no health check
    tables = clean_return()
    tables["OC2"][0]["DOB"] = "01/06/2022"
    tables[E][1]["LS"] = "V3"
    # Then 545 does not ask for it
    assert _failing_rows("545", tables) == []


def test_558_needs_more_than_one_reversed_decision():
    # Given an adopted child with one decision to place, reversed
    tables = clean_return()
    tables[E][2]["REC"] = "E11"
    add(PA, f"{B},{B_DOB},01/04/2025,01/05/2025,RD1")(tables)
    # Then 558 does not report it (525 and the DfE pseudocode's count of more than one)
    assert _failing_rows("558", tables) == []
    # and given a second, later decision still standing, it does not either
    add(PA, f"{B},{B_DOB},01/06/2025,,")(tables)
    add(PA, f"{B},{B_DOB},01/02/2025,01/03/2025,RD1")(tables)
    assert _failing_rows("558", tables) == []


def test_525_points_at_the_reversed_decision():
    # Given a child whose adoption is recorded, whose first decision to place was reversed
    tables = clean_return()
    tables["AD1"][0]["CHILD"] = A
    (reversed_at,) = [i for i, row in enumerate(tables[PA]) if row["CHILD"] == A]
    tables[PA][reversed_at].update(DATE_PLACED_CEASED="01/03/2025", REASON_PLACED_CEASED="RD1")
    add(PA, f"{A},{A_DOB},01/04/2025,,")(tables)
    # Then only the reversed decision's row is reported
    assert _failing_rows("525", tables) == [reversed_at]


def test_554_is_a_query():
    # The DfE's own note: the placement order may have been granted in an earlier return.
    assert RULES.rules["554"].level == QUERY
    assert RULES.rules["552"].level != QUERY
