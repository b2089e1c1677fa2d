# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on OC2: convictions and health of children looked after for a year."""

from safeguard.returns.ssda903.rules import age
from safeguard.returns.ssda903.rules.y2025_26.continuous_care import looked_after_all_year
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

HEALTH_ITEMS = ("IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE")


@RULES.rule(
    "543",
    "OC2",
    ["CONVICTED", "DOB"],
    "Child is aged 10 or over at 31 March and has been looked after continuously for 12 months yet conviction information has not been completed.",
)
def conviction_from_10(c):
    all_year = looked_after_all_year(c)
    for i, row in enumerate(c.table("OC2")):
        years = age(c.d(row, "DOB"), c.end)
        if years is not None and years >= 10 and row["CHILD"] in all_year and not row["CONVICTED"]:
            yield i


@RULES.rule(
    "544",
    "OC2",
    ["CONVICTED", *HEALTH_ITEMS],
    "Any child who has conviction information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.",
)
def health_items_with_conviction(c):
    for i, row in enumerate(c.table("OC2")):
        if row["CONVICTED"] == "1" and not all(row[col] for col in HEALTH_ITEMS):
            yield i


@RULES.rule(
    "545",
    "OC2",
    ["DOB", "HEALTH_CHECK"],
    "Child is aged under 5 at 31 March and has been looked after continuously for 12 months yet health promotion information has not been completed.",
)
def health_check_under_5(c):
    all_year = looked_after_all_year(c)
    for i, row in enumerate(c.table("OC2")):
        years = age(c.d(row, "DOB"), c.end)
        if years is not None and years < 5 and row["CHILD"] in all_year and not row["HEALTH_CHECK"]:
            yield i


@RULES.rule(
    "546",
    "OC2",
    ["DOB", "HEALTH_CHECK"],
    "Children aged 5 or over at 31 March should not have health promotion information completed.",
)
def no_health_check_from_5(c):
    all_year = looked_after_all_year(c)
    for i, row in enumerate(c.table("OC2")):
        years = age(c.d(row, "DOB"), c.end)
        if years is not None and years >= 5 and row["CHILD"] in all_year and row["HEALTH_CHECK"]:
            yield i


@RULES.rule(
    "547",
    "OC2",
    ["HEALTH_CHECK", *HEALTH_ITEMS],
    "Any child who has health promotion information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.",
)
def health_items_with_health_check(c):
    for i, row in enumerate(c.table("OC2")):
        if row["HEALTH_CHECK"] == "1" and not all(row[col] for col in HEALTH_ITEMS):
            yield i
