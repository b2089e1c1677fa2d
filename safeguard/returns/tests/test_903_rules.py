"""Every SSDA903 rule: a passing case (a clean return) and a failing case (one change to it).

Given a small return that passes every rule, when one cell is changed, then the rule under
test (run alone) reports that row, and the clean return gives it nothing.
"""

import copy
import importlib
import pkgutil
from datetime import date
from pathlib import Path

import pytest

from safeguard.returns.ssda903.reader import Return
from safeguard.returns.ssda903.rules import Context, run
from safeguard.returns.ssda903.rules.y2025_26 import RULES as RULES_2025_26
from safeguard.returns.ssda903.rules.y2026_27 import RULES as RULES_2026_27
from safeguard.returns.ssda903.years import year_ending
from safeguard.returns.tests.ssda903_fixtures import (
    A_DOB,
    B_DOB,
    C_DOB,
    A,
    B,
    C,
    E,
    add,
    both,
    cell,
    clean_return,
)

# One change per rule that makes it fail.
FAILING = {
    "101": cell("Header", 0, "SEX", "2"),
    "102": cell("Header", 0, "DOB", "31/02/2012"),
    "103": cell("Header", 0, "ETHNIC", "XXXX"),
    "168": cell("Header", 0, "UPN", "ABC"),
    "174": both(cell("Header", 1, "MC_DOB", "01/01/2025")),
    "232": cell("Header", 1, "SEX", "U"),
    "301": cell("Header", 1, "DOB", "01/04/2026"),
    "351": cell("Header", 1, "DOB", "01/01/1990"),
    "442": cell("Header", 0, "UPN", ""),
    "444": cell("Header", 1, "UPN", "A123456789012"),
    "141": cell(E, 2, "DECOM", "2020-02-01"),
    "142": both(
        cell(E, 0, "DEC", ""), cell(E, 0, "REC", ""), cell(E, 0, "REASON_PLACE_CHANGE", "")
    ),
    "143": cell(E, 1, "RNE", "Q"),
    "144": cell(E, 1, "LS", "ZZ"),
    "145": cell(E, 1, "CIN", "N9"),
    "146": cell(E, 1, "PLACE", "A1"),
    "147": cell(E, 2, "DEC", "32/12/2025"),
    "148": cell(E, 2, "REC", ""),
    "149": cell(E, 2, "REC", "E99"),
    "178": cell(E, 1, "PLACE_PROVIDER", "PR9"),
    "213": both(cell(E, 1, "PLACE", "T1")),
    "226": cell(E, 0, "PLACE", "T2"),
    "233": cell(E, 1, "REASON_PLACE_CHANGE", "CARPL"),
    "234": both(
        cell(E, 0, "REASON_PLACE_CHANGE", "CUSTOD"), cell("Header", 0, "DOB", "01/01/2017")
    ),
    "302": cell(E, 0, "DECOM", "01/05/2012"),
    "352": cell("Header", 1, "DOB", "01/01/2002"),
    "353": cell(E, 2, "DECOM", "01/01/1990"),
    "354": cell(E, 1, "DECOM", "01/04/2026"),
    "355": cell(E, 2, "DEC", "01/02/2020"),
    "356": cell(E, 2, "DEC", "01/01/2020"),
    "357": cell(E, 0, "RNE", "P"),
    "361": both(cell(E, 2, "LS", "L1"), cell(E, 2, "DEC", "10/02/2020")),
    "362": cell(E, 2, "LS", "L2"),
    "363": cell(E, 2, "LS", "L3"),
    "365": cell(E, 2, "LS", "V3"),
    "371": cell(E, 1, "PLACE", "K3"),
    "372": both(cell(E, 1, "PLACE", "R5"), cell("Header", 0, "DOB", "01/01/2017")),
    "373": both(
        cell(E, 1, "PLACE", "S1"),
        cell("Header", 0, "DOB", "01/01/2022"),
        cell(E, 0, "DECOM", "01/05/2024"),
    ),
    "374": cell(E, 1, "PLACE", "P3"),
    "378": both(cell(E, 2, "PLACE", "P1")),
    "380": cell(E, 0, "PLACE", "T1"),
    "381": cell(E, 2, "PLACE", "T1"),
    "382": both(cell(E, 2, "LS", "V4"), cell(E, 2, "PLACE", "T1")),
    "385": cell(E, 2, "DEC", "01/04/2026"),
    "386": both(cell(E, 2, "REC", "E11"), cell("Header", 1, "DOB", "01/01/2007")),
    "387": both(cell(E, 2, "REC", "E5"), cell("Header", 1, "DOB", "01/01/2015")),
    "389": both(cell(E, 2, "REC", "E7"), cell("Header", 1, "DOB", "01/01/2012")),
    "407": both(cell(E, 2, "REC", "E45"), cell("Header", 1, "DOB", "01/01/2007")),
    "388": cell(E, 2, "REC", "X1"),
    "431": add(E, f"{B},01/12/2025,S,V2,N4,R1,PR4,,,,AB1 2CD,AB7 8JK,SC111111"),
    "432": add(E, f"{B},01/12/2025,P,V2,N4,R1,PR4,,,,AB1 2CD,AB7 8JK,SC111111"),
    "433": cell(E, 1, "DECOM", "02/06/2025"),
    "434": cell(E, 1, "RNE", "L"),
    "437": both(cell(E, 2, "REC", "E2"), add(E, f"{B},02/12/2025,S,V2,N4,R1,PR4,,,,A,B,C")),
    "446": both(
        cell(E, 2, "LS", "E1"),
        cell(E, 2, "DECOM", "01/02/2005"),
        cell("Header", 1, "DOB", "01/01/2004"),
    ),
    "YEAR": both(
        *(cell(E, i, "DECOM", "01/06/2019") for i in range(5)),
        *(cell(E, i, "DEC", "01/07/2019") for i in range(5)),
    ),
    "166": cell("Reviews", 0, "REVIEW", ""),
    "167": cell("Reviews", 0, "REVIEW_CODE", "PN9"),
    "440": cell("Reviews", 0, "REVIEW_CODE", "PN0"),
    "441": both(cell("Reviews", 0, "DOB", "01/01/2023")),
    "104": cell("UASC", 0, "DUC", "2030-05-01"),
    "304": cell("UASC", 0, "DUC", "02/06/2030"),
    "180": cell("OC2", 0, "SDQ_SCORE", "41"),
    "181": cell("OC2", 0, "TEETH_CHECK", "2"),
    "188": cell("OC2", 0, "DOB", "01/06/2023"),
    "189": cell("OC2", 0, "DOB", "01/01/2008"),
    "192": cell("OC2", 0, "SUBSTANCE_MISUSE", "1"),
    "193": cell("OC2", 0, "INTERVENTION_OFFERED", "1"),
    "196": both(cell("OC2", 0, "SDQ_SCORE", ""), cell("OC2", 0, "SDQ_REASON", "SDQ9")),
    "197a": cell("OC2", 0, "SDQ_REASON", "SDQ1"),
    "131": cell("OC3", 0, "IN_TOUCH", "MAYBE"),
    "132": cell("OC3", 0, "ACTIV", "Z9"),
    "133": cell("OC3", 0, "ACCOM", "Q1"),
    "153": cell("OC3", 0, "ACCOM", ""),
    "391": cell("OC3", 0, "DOB", "01/01/2000"),
    "112": cell("AD1", 0, "DATE_INT", "01-01-2025"),
    "113": cell("AD1", 0, "DATE_MATCH", "01-02-2025"),
    "114": cell("AD1", 0, "FOSTER_CARE", "3"),
    "175": cell("AD1", 0, "NB_ADOPTR", "3"),
    "176": cell("AD1", 0, "SEX_ADOPTR", "XX"),
    "177": cell("AD1", 0, "LS_ADOPTR", "L9"),
    "151": cell("AD1", 0, "LS_ADOPTR", ""),
    "333": cell("AD1", 0, "DATE_MATCH", "01/12/2024"),
    "115": cell("PlacedAdoption", 0, "DATE_PLACED", "2025-01-01"),
    "116": cell("PlacedAdoption", 0, "DATE_PLACED_CEASED", "2025-03-01"),
    "119": cell("PlacedAdoption", 0, "REASON_PLACED_CEASED", "RD1"),
    "120": cell("PlacedAdoption", 0, "REASON_PLACED_CEASED", "XXX"),
    "184": cell("PlacedAdoption", 0, "DATE_PLACED", "01/01/2011"),
    "631": cell("PrevPerm", 0, "PREV_PERM", "P9"),
    "635": cell("PrevPerm", 0, "LA_PERM", "201"),
    "1004": cell("Missing", 0, "MIS_START", "2025-08-01"),
    "1005": cell("Missing", 0, "MIS_END", "2025-08-03"),
    "1006": cell("Missing", 0, "MISSING", "X"),
    "564": cell("Missing", 0, "MIS_START", ""),
    "565": cell("Missing", 0, "MISSING", ""),
    "567": cell("Missing", 0, "MIS_END", "01/07/2025"),
    "570": both(cell("Missing", 0, "MIS_START", "01/04/2026"), cell("Missing", 0, "MIS_END", "")),
    "571": cell("Missing", 0, "MIS_END", "01/04/2026"),
    "586": cell("Missing", 0, "MIS_START", "01/01/2012"),
    "SW02STG1": cell("SWEpisodes", 0, "SW_ID", "AB001"),
    "SW04STG1": cell("SWEpisodes", 0, "SW_DECOM", ""),
    "SW05STG1": cell("SWEpisodes", 0, "SW_DEC", "2025"),
    "SW13STG1": cell("SWEpisodes", 0, "SW_REASON", "BORED"),
    "SW18STG2": cell("SWEpisodes", 0, "SW_DEC", "01/04/2024"),
    "SW19STG2": add("SWEpisodes", f"{A},{A_DOB},SW00002,01/05/2024,,OTHERS"),
    "INT01": cell("AD1", 0, "CHILD", "NOBODY"),
    "INT02": cell("PlacedAdoption", 0, "CHILD", "NOBODY"),
    "INT03": cell(E, 2, "CHILD", "NOBODY"),
    "INT04": cell("Missing", 0, "CHILD", "NOBODY"),
    "INT05": cell("OC2", 0, "CHILD", "NOBODY"),
    "INT06": cell("OC3", 0, "CHILD", "NOBODY"),
    "INT07": cell("PrevPerm", 0, "CHILD", "NOBODY"),
    "INT08": cell("Reviews", 0, "CHILD", "NOBODY"),
    "INT09": cell("UASC", 0, "CHILD", "NOBODY"),
    "INT11": cell("AD1", 0, "DOB", "02/06/2012"),
    "INT12": cell("PlacedAdoption", 0, "DOB", "02/06/2012"),
    "INT13": cell("Missing", 0, "DOB", "02/06/2012"),
    "INT14": cell("OC2", 0, "DOB", "02/06/2012"),
    "INT15": cell("OC3", 0, "DOB", "02/01/2008"),
    "INT16": cell("PrevPerm", 0, "DOB", "02/06/2012"),
    "INT17": cell("Reviews", 0, "DOB", "02/06/2012"),
    "INT18": cell("UASC", 0, "DOB", "02/06/2012"),
    "INT21": cell("UASC", 0, "SEX", "M"),
    "INT31": add("AD1", f"{C},{C_DOB},01/01/2025,01/02/2025,1,2,MF,L0"),
    "INT32": add("Header", f"{A},F,{A_DOB},WBRI,A123456789012,0,"),
    "INT33": add("OC2", f"{A},{A_DOB},12,,0,,1,1,1,0,,"),
    "INT34": add("OC3", f"{B},{B_DOB},YES,F2,D1"),
    "INT35": add("PrevPerm", f"{A},{A_DOB},Z1,,"),
    "INT36": add("UASC", f"{A},F,{A_DOB},01/05/2030"),
    "393": cell("Header", 0, "MOTHER", ""),
    "516": cell(E, 2, "REC", "E45"),
    "553": cell(E, 2, "LS", "E1"),
    "218": cell(E, 1, "URN", ""),
    "542": cell("OC2", 0, "DOB", "01/06/2017"),
    "197B": both(cell("OC2", 0, "DOB", "01/06/2021"), cell("OC2", 0, "SDQ_SCORE", "")),
    "566": cell("Missing", 0, "MISSING", ""),
    "574": add("Missing", f"{A},{A_DOB},M,02/08/2025,04/08/2025"),
    "577": both(cell("Missing", 0, "CHILD", B), cell("Missing", 0, "MIS_END", "")),
    "578": both(
        cell("Missing", 0, "CHILD", B),
        cell("Missing", 0, "MIS_START", "02/12/2025"),
        cell("Missing", 0, "MIS_END", "03/12/2025"),
    ),
    "581": cell("Missing", 0, "MIS_START", "01/01/2024"),
    "375": both(
        cell(E, 1, "PLACE", "T1"), cell(E, 1, "DEC", "01/08/2025"), cell(E, 1, "REC", "X1")
    ),
    "376": both(
        cell(E, 1, "PLACE", "T3"), cell(E, 1, "DEC", "01/08/2025"), cell(E, 1, "REC", "X1")
    ),
    "379": both(
        cell(E, 1, "PLACE", "T4"), cell(E, 1, "DEC", "01/08/2025"), cell(E, 1, "REC", "X1")
    ),
    "384": both(cell(E, 2, "LS", "V3"), cell(E, 2, "PLACE", "U4")),
    "390": cell(E, 2, "REC", "E11"),
    "408": cell(E, 1, "PLACE", "A6"),
    "426": both(cell(E, 0, "LS", "V3"), cell(E, 1, "LS", "V4")),
    "435": cell(E, 1, "LS", "C1"),
    "436": cell(E, 1, "RNE", "B"),
    "171": cell("Header", 0, "MC_DOB", "2025"),
    "630": both(cell(E, 2, "DECOM", "01/05/2025"), cell(E, 2, "CHILD", B)),
    "632": cell("PrevPerm", 0, "DATE_PERM", "2020"),
    "358": both(cell(E, 1, "LS", "J1"), cell("Header", 0, "DOB", "01/06/2017")),
    "3001": both(cell("OC3", 0, "DOB", "01/01/2009"), cell("OC3", 0, "ACCOM", "Z1")),
    "700": cell("DoLo", 0, "DOLO_START", ""),
    "701": cell("DoLo", 0, "DOLO_END", "2026-06-01"),
    "702": cell("DoLo", 0, "DOLO_END", "01/04/2026"),
    "703": cell("DoLo", 0, "DOLO_START", "01/04/2027"),
}


# Functions giving the clean return the extra inputs some rules read (last year's return, the
# look-ups): a cases module may define `clean_inputs(tables) -> {input: value}`.
CLEAN_INPUTS = []


def _group_cases() -> dict:
    """Return the failing cases kept by rule group in cases_903_*.py beside this file."""
    cases = {}
    here = Path(__file__).parent
    for module in pkgutil.iter_modules([str(here)]):
        if module.name.startswith("cases_903_"):
            group = importlib.import_module(f"safeguard.returns.tests.{module.name}")
            overlap = set(cases) & set(group.FAILING) | set(FAILING) & set(group.FAILING)
            assert not overlap, f"failing cases given twice: {sorted(overlap)}"
            cases.update(group.FAILING)
            if hasattr(group, "clean_inputs"):
                CLEAN_INPUTS.append(group.clean_inputs)
    return cases


FAILING.update(_group_cases())


def _cases():
    for rule in RULES_2026_27:
        in_2025 = rule.code in RULES_2025_26.rules
        yield pytest.param(rule.code, 2026 if in_2025 else 2027, id=rule.code)


def _given() -> dict:
    """Return the clean return's tables with the extra inputs the case modules give it."""
    given = clean_return()
    for inputs in CLEAN_INPUTS:
        given.update(inputs(given))
    return given


def _split(given: dict) -> tuple[dict, dict]:
    """Return (tables, extra inputs) of a given return."""
    tables = {k: v for k, v in given.items() if k not in Context.INPUTS}
    return tables, {k: v for k, v in given.items() if k in Context.INPUTS}


def _failures(code: str, end_year: int, given) -> list:
    year = year_ending(end_year)
    rules = RULES_2025_26 if code in RULES_2025_26.rules else RULES_2026_27
    tables, inputs = _split(given)
    return list(rules.rules[code].check(Context(Return(tables=tables), year, **inputs)))


def test_every_rule_has_a_failing_case():
    assert set(RULES_2026_27.rules) - set(FAILING) == set()


@pytest.mark.parametrize(("code", "end_year"), list(_cases()))
def test_rule_passes_clean_return_and_fails_changed_one(code, end_year):
    # Given a clean return, when the rule runs, then it reports nothing.
    assert _failures(code, end_year, _given()) == []
    # Given the one change that breaks it, when it runs, then it reports a row.
    changed = copy.deepcopy(_given())
    FAILING[code](changed)
    assert _failures(code, end_year, changed), f"rule {code} did not catch its failing case"


def test_clean_return_passes_every_2025_26_rule_together():
    # Given the clean return, when every 2025/26 rule runs, then nothing fails.
    tables, inputs = _split(_given())
    del tables["DoLo"]
    failures = run(RULES_2025_26, Return(tables=tables), year_ending(2026), **inputs)
    assert [str(f) for f in failures] == []


def test_failure_names_file_line_child_and_fields():
    # Given an episode with a bad legal status, when validated, then the report says where.
    tables = clean_return()
    tables["Episodes"][1]["LS"] = "ZZ"
    ret = Return(tables=tables, files={"Episodes": "episodes.csv"})
    (failure,) = [f for f in run(RULES_2025_26, ret, year_ending(2026)) if f.code == "144"]
    assert (failure.file, failure.line, failure.child, failure.fields) == (
        "episodes.csv",
        3,
        A,
        ["LS"],
    )


def test_code_lists_follow_the_year():
    # Given a placement code only in later lists, then years with and without it differ.
    assert year_ending(2026).start == date(2025, 4, 1)
    with pytest.raises(ValueError, match="not supported"):
        year_ending(2020)
