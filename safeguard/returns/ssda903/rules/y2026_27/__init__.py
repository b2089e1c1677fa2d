# ruff: noqa: E501 - DfE rule messages are kept whole.
"""SSDA903 rules for 2026/27: the 2025/26 rules by reference, plus the new DoLo table's.

The 2026/27 rules list held (903_rules_2026_27.csv) keeps every 2025/26 code and adds 700 to
710 for deprivation of liberty orders (DoLo). Code lists differ through the year's data file,
which every code rule reads through its Year.
"""

from safeguard.returns.ssda903.rules import RuleSet
from safeguard.returns.ssda903.rules.y2025_26 import RULES as RULES_2025_26

RULES = RuleSet("2026/27", based_on=RULES_2025_26)


@RULES.rule("700", "DoLo", ["DOLO_START"], "The start date of the DoLO is not a valid date.")
def dolo_start_valid(c):
    for i, row in enumerate(c.table("DoLo")):
        if c.d(row, "DOLO_START") is None:
            yield i


@RULES.rule("701", "DoLo", ["DOLO_END"], "The end date of the DoLO is not a valid date.")
def dolo_end_valid(c):
    for i, row in enumerate(c.table("DoLo")):
        if row["DOLO_END"] and c.d(row, "DOLO_END") is None:
            yield i


@RULES.rule(
    "702",
    "DoLo",
    ["DOLO_END", "DOLO_START"],
    "The date that the DoLO ended is before the date that it started.",
)
def dolo_ends_after_start(c):
    for i, row in enumerate(c.table("DoLo")):
        start, end = c.d(row, "DOLO_START"), c.d(row, "DOLO_END")
        if start and end and end < start:
            yield i


@RULES.rule(
    "703",
    "DoLo",
    ["DOLO_START"],
    "The date that the DoLO started is after the end of the collection year.",
)
def dolo_starts_in_year(c):
    for i, row in enumerate(c.table("DoLo")):
        start = c.d(row, "DOLO_START")
        if start and start > c.end:
            yield i


__all__ = ["RULES"]
