"""Failing cases for the SSDA903 rules on who belongs in OC2, AD1 and OC3, what those hold,
episodes over time, a child's Header details and adoption dates: one change per rule code."""

from safeguard.returns.tests.ssda903_fixtures import A, E, add, both, cell

PA = "PlacedAdoption"
# Child A started to be looked after in the year, so was not looked after all year.
A_NOT_IN_CARE_ALL_YEAR = cell(E, 0, "DECOM", "01/05/2025")
# Child A's episodes become short breaks only.
A_SHORT_BREAKS_ONLY = both(cell(E, 0, "LS", "V3"), cell(E, 1, "LS", "V3"))


def _a_episode(start: str, place: str) -> str:
    return f"{A},{start},P,C2,N1,{place},PR4,,,,AB1 2CD,AB5 6GH,SC654321"


def _care_leaver_is_adopted_child(tables):
    tables["OC3"][0]["CHILD"] = tables["AD1"][0]["CHILD"]


def _adopted_by_other_carers_than_placed(tables):
    row = tables["AD1"][0]
    row["FOSTER_CARE"] = "0" if row["FOSTER_CARE"] == "1" else "1"


FAILING = {
    # The 12-month cohort (OC2), adoption (AD1) and care leavers (OC3)
    "185": A_NOT_IN_CARE_ALL_YEAR,
    "190": A_NOT_IN_CARE_ALL_YEAR,
    "198": both(A_NOT_IN_CARE_ALL_YEAR, cell("OC2", 0, "SDQ_REASON", "SDQ4")),
    "191": cell("OC2", 0, "IMMUNISATIONS", ""),
    "187": cell("OC3", 0, "CHILD", A),
    "186": cell("OC2", 0, "SDQ_SCORE", ""),
    "157": both(cell("OC2", 0, "SDQ_SCORE", ""), cell("OC2", 0, "SDQ_REASON", "SDQ1")),
    "182": cell("OC2", 0, "TEETH_CHECK", ""),
    "158": both(
        cell("OC2", 0, "SUBSTANCE_MISUSE", "1"),
        cell("OC2", 0, "INTERVENTION_RECEIVED", "1"),
        cell("OC2", 0, "INTERVENTION_OFFERED", "1"),
    ),
    "159": both(
        cell("OC2", 0, "SUBSTANCE_MISUSE", "1"), cell("OC2", 0, "INTERVENTION_RECEIVED", "0")
    ),
    "215": cell("OC3", 0, "CHILD", A),
    "134": _care_leaver_is_adopted_child,
    "344": cell("OC3", 0, "IN_TOUCH", "DIED"),
    "345": cell("OC3", 0, "ACTIV", "0"),
    "347": cell("OC3", 0, "ACCOM", "T1"),
    # Episodes over time
    "214": cell(E, 2, "LS", "V3"),
    "398": cell(E, 2, "LS", "V4"),
    "366": cell(E, 1, "LS", "V3"),
    "367": cell(E, 2, "LS", "V3"),
    "364": cell(E, 2, "LS", "J2"),
    "377": both(
        cell(E, 1, "PLACE", "T3"),
        add(E, _a_episode("01/08/2025", "T3")),
        add(E, _a_episode("01/10/2025", "T3")),
    ),
    "383": both(
        cell(E, 1, "PLACE", "T1"),
        cell(E, 1, "DEC", "01/08/2025"),
        cell(E, 1, "REC", "X1"),
        add(E, _a_episode("01/08/2025", "U6")),
    ),
    "217": cell(E, 1, "PLACE", "A5"),
    "336": both(cell(E, 0, "PLACE", "R1"), cell(E, 1, "PLACE", "A5")),
    "199": cell(E, 0, "REC", "E11"),
    "359": cell("Header", 0, "DOB", "01/01/2007"),
    "460": cell(E, 2, "REC", "E17"),
    # Header details
    "165": cell("Header", 0, "MOTHER", "2"),
    "399": A_SHORT_BREAKS_ONLY,
    "209": cell("Header", 0, "UPN", "UN1"),
    "210": cell("Header", 0, "UPN", "UN4"),
    "231": cell("Header", 0, "DOB", "01/06/2016"),
    # Adoption dates
    "117": cell(PA, 0, "DATE_PLACED_CEASED", "01/04/2026"),
    "118": cell(PA, 0, "DATE_PLACED_CEASED", "01/03/2025"),
    "331": cell("AD1", 0, "DATE_MATCH", "31/03/2026"),
    "334": cell("AD1", 0, "DATE_INT", "01/01/2000"),
    "335": _adopted_by_other_carers_than_placed,
}
