# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on who belongs in OC2, AD1 and OC3, and on what OC2 and OC3 hold.

OC2 is for children looked after continuously for the 12 months to 31 March; adoption (AD1)
and care leaver (OC3) details belong to other children. Whether a child was looked after all
year is read from the episodes as the DfE defines it (see `looked_after_all_year`).
"""

from datetime import date
from weakref import WeakKeyDictionary

from safeguard.returns.ssda903.rules import age
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

SHORT_BREAKS = frozenset({"V3", "V4"})
OC2_ITEMS = (
    "CONVICTED",
    "HEALTH_CHECK",
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
)
# The four items every child in OC2 has; the others depend on age or on substance misuse.
OC2_ALWAYS = ("IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE")
OC2_SOMETIMES = ("CONVICTED", "HEALTH_CHECK", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")
OC3_ITEMS = ("IN_TOUCH", "ACTIV", "ACCOM")
AD1_ITEMS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")

_looked_after: WeakKeyDictionary = WeakKeyDictionary()


def birthday(born: date, years: int) -> date:
    """Return the date of the child's birthday at `years` (28 February for 29 February)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return born.replace(year=born.year + years, day=28)


def looked_after_all_year(c) -> frozenset[str]:
    """Return the children looked after continuously for the 12 months to 31 March.

    A child looked after at some time in the year is, unless an episode shows otherwise: one
    that starts a period of care (RNE S) after 1 April, one that ends care (a reason other than
    X1) from 1 April to before 31 March, or a short break (V3, V4) in the year. Worked out once
    per return, as several rules ask.
    """
    if c in _looked_after:
        return _looked_after[c]
    in_care, not_continuous = set(), set()
    for row in c.table("Episodes"):
        started, ended = c.d(row, "DECOM"), c.d(row, "DEC")
        during = started is not None and started <= c.end and (ended is None or ended >= c.start)
        if during:
            in_care.add(row["CHILD"])
        enters = row["RNE"] == "S" and started is not None and c.start < started <= c.end
        leaves = row["REC"] != "X1" and ended is not None and c.start <= ended < c.end
        if enters or leaves or (during and row["LS"] in SHORT_BREAKS):
            not_continuous.add(row["CHILD"])
    children = frozenset(in_care - not_continuous)
    _looked_after[c] = children
    return children


def _filled(row: dict, columns) -> bool:
    return any(row[col] for col in columns)


def _care_leavers(c) -> set[str]:
    """Return the children with care leaver (OC3) information given."""
    return {row["CHILD"] for row in c.table("OC3") if _filled(row, OC3_ITEMS)}


def _only_for_year_in_care(code: str, columns: tuple[str, ...], message: str):
    """Register a rule: OC2 items given for a child not looked after all year are reported."""

    def check(c):
        cohort = looked_after_all_year(c)
        for i, row in enumerate(c.table("OC2")):
            if row["CHILD"] not in cohort and _filled(row, columns):
                yield i

    return RULES.rule(code, "OC2", list(columns), message)(check)


sdq_score_only_for_year_in_care = _only_for_year_in_care(
    "185",
    ("SDQ_SCORE",),
    "Child has not been looked after continuously for at least 12 months at 31 March but a Strengths and Difficulties (SDQ) score has been completed.",
)
sdq_reason_only_for_year_in_care = _only_for_year_in_care(
    "198",
    ("SDQ_REASON",),
    "Child has not been looked after continuously for at least 12 months at 31 March but a reason for no Strengths and Difficulties (SDQ) score has been completed. ",
)
oc2_items_only_for_year_in_care = _only_for_year_in_care(
    "190",
    tuple(OC2_ITEMS),
    "Child has not been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been completed.",
)


@RULES.rule(
    "191",
    "OC2",
    ["CHILD", *OC2_ALWAYS],
    "Child has been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been left blank.",
)
def oc2_complete_for_year_in_care(c):
    # An incomplete OC2 row is reported; a missing one on the child's first episode.
    cohort = looked_after_all_year(c)
    in_oc2 = set()
    for i, row in enumerate(c.table("OC2")):
        in_oc2.add(row["CHILD"])
        if row["CHILD"] in cohort and not all(row[col] for col in OC2_ALWAYS):
            yield i
    for child in sorted(cohort - in_oc2):
        yield "Episodes", c.episodes_by_child[child][0][0]


@RULES.rule(
    "187",
    "AD1",
    list(OC3_ITEMS + AD1_ITEMS),
    "Child cannot be looked after continuously for 12 months at 31 March (OC2) and have any of adoption or care leavers returns completed.",
)
def no_adoption_or_leaving_care_for_year_in_care(c):
    cohort = looked_after_all_year(c)
    for i, row in enumerate(c.table("AD1")):
        if row["CHILD"] in cohort and _filled(row, AD1_ITEMS):
            yield i
    for i, row in enumerate(c.table("OC3")):
        if row["CHILD"] in cohort and _filled(row, OC3_ITEMS):
            yield "OC3", i


@RULES.rule(
    "186",
    "OC2",
    ["SDQ_SCORE"],
    "Children aged 4 or over at the start of the year and children aged under 17 at the end of the year and who have been looked after for at least 12 months continuously should have a Strengths and Difficulties (SDQ) score completed.",
)
def sdq_for_4_to_16(c):
    cohort = looked_after_all_year(c)
    for i, row in enumerate(c.table("OC2")):
        born = c.d(row, "DOB")
        if (
            born
            and row["CHILD"] in cohort
            and birthday(born, 4) <= c.start
            and birthday(born, 17) > c.end
            and not row["SDQ_SCORE"]
            and not row["SDQ_REASON"]
        ):
            yield i


@RULES.rule(
    "157",
    "OC2",
    ["DOB", "SDQ_REASON"],
    "Child is aged 4 years or over at the beginning of the year or 16 years or under at the end of the year and Strengths and Difficulties Questionnaire (SDQ) 1 has been recorded as the reason for no Strengths and Difficulties Questionnaire (SDQ) score.",
)
def sdq1_not_for_4_to_16(c):
    # SDQ1 says the child is outside the questionnaire's age range.
    cohort = looked_after_all_year(c)
    for i, row in enumerate(c.table("OC2")):
        born = c.d(row, "DOB")
        if (
            born
            and row["CHILD"] in cohort
            and birthday(born, 4) <= c.start
            and birthday(born, 16) >= c.end
            and not row["SDQ_SCORE"]
            and row["SDQ_REASON"] == "SDQ1"
        ):
            yield i


@RULES.rule(
    "182",
    "OC2",
    list(OC2_ITEMS),
    "Data entries on immunisations, teeth checks, health assessments and substance misuse problem identified should be completed or all OC2 fields should be left blank.",
)
def oc2_core_items_complete(c):
    for i, row in enumerate(c.table("OC2")):
        if _filled(row, OC2_SOMETIMES) and not all(row[col] for col in OC2_ALWAYS):
            yield i


@RULES.rule(
    "158",
    "OC2",
    ["INTERVENTION_OFFERED", "INTERVENTION_RECEIVED"],
    "If a child has been recorded as receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be left blank.",
)
def no_offer_when_received(c):
    for i, row in enumerate(c.table("OC2")):
        if row["INTERVENTION_RECEIVED"] == "1" and row["INTERVENTION_OFFERED"]:
            yield i


@RULES.rule(
    "159",
    "OC2",
    ["INTERVENTION_OFFERED", "INTERVENTION_RECEIVED", "SUBSTANCE_MISUSE"],
    "If a child has been recorded as not receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be completed as well.",
)
def offer_when_not_received(c):
    for i, row in enumerate(c.table("OC2")):
        if (
            row["SUBSTANCE_MISUSE"] == "1"
            and row["INTERVENTION_RECEIVED"] == "0"
            and not row["INTERVENTION_OFFERED"]
        ):
            yield i


@RULES.rule(
    "215",
    "OC2",
    list(OC3_ITEMS + OC2_ITEMS),
    "Child has care leaver information but one or more data items relating to children looked after for 12 months have been completed.",
)
def no_oc2_items_for_care_leavers(c):
    leavers = _care_leavers(c)
    for i, row in enumerate(c.table("OC2")):
        if row["CHILD"] in leavers and _filled(row, OC2_ITEMS):
            yield i


@RULES.rule(
    "134",
    "AD1",
    list(AD1_ITEMS + OC3_ITEMS),
    "Data on adoption should not be entered for the OC3 cohort.",
)
def no_adoption_for_care_leavers(c):
    leavers = _care_leavers(c)
    for i, row in enumerate(c.table("AD1")):
        if row["CHILD"] in leavers and _filled(row, AD1_ITEMS):
            yield i


@RULES.rule(
    "344",
    "OC3",
    list(OC3_ITEMS),
    "The record shows the young person has died or returned home to live with parent(s) or someone with parental responsibility for a continuous period of 6 months or more, but activity and/or accommodation on leaving care have been completed.",
)
def no_activity_when_died_or_home(c):
    # The DfE asks for 0 in both, not a blank.
    for i, row in enumerate(c.table("OC3")):
        if row["IN_TOUCH"] in ("DIED", "RHOM") and (row["ACTIV"] != "0" or row["ACCOM"] != "0"):
            yield i


@RULES.rule(
    "345",
    "OC3",
    list(OC3_ITEMS),
    "The data collection record shows the local authority is in touch with this young person, but activity and/or accommodation data items are zero.",
)
def activity_when_in_touch(c):
    for i, row in enumerate(c.table("OC3")):
        if row["IN_TOUCH"] == "YES" and (row["ACTIV"] == "0" or row["ACCOM"] == "0"):
            yield i


@RULES.rule(
    "347",
    "OC3",
    # The DfE list names DEC, PLACE and URN, which OC3 does not hold.
    ["ACCOM", "DOB"],
    "Care leavers aged under 18 years, can not be accommodated in a Foyer.",
)
def no_foyer_under_18(c):
    # Foyer codes are T1 (suitable) and T2 (not suitable); the year's list says which exist.
    foyer = {code for code in c.codes("oc3", "ACCOM") if code.startswith("T")}
    for i, row in enumerate(c.table("OC3")):
        years = age(c.d(row, "DOB"), c.start)
        if row["ACCOM"] in foyer and years is not None and years < 18:
            yield i
