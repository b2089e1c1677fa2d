# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on social worker episodes (SWEpisodes, in the return since 2024/25)."""

from collections import defaultdict

from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

SW_REASONS = frozenset(
    {
        "MANAGE",
        "FCONTA",
        "LEFTRL",
        "ORGRST",
        "TSPROC",
        "ABSENC",
        "CHCHAN",
        "PCCHAN",
        "SWDIED",
        "OTHERS",
    }
)


@RULES.rule(
    "SW02STG1",
    "SWEpisodes",
    ["SW_ID"],
    "Social worker ID does not begin with the characters ‘SW’ or ‘XX’.",
)
def sw_id_prefix(c):
    for i, row in enumerate(c.table("SWEpisodes")):
        if not row["SW_ID"].startswith(("SW", "XX")):
            yield i


@RULES.rule(
    "SW04STG1", "SWEpisodes", ["SW_DECOM"], "Date social worker episode began is not a valid date.."
)
def sw_start_valid(c):
    for i, row in enumerate(c.table("SWEpisodes")):
        if c.d(row, "SW_DECOM") is None:
            yield i


@RULES.rule(
    "SW05STG1", "SWEpisodes", ["SW_DEC"], "Date social worker episode began is not a valid date."
)
def sw_end_valid(c):
    for i, row in enumerate(c.table("SWEpisodes")):
        if row["SW_DEC"] and c.d(row, "SW_DEC") is None:
            yield i


@RULES.rule(
    "SW13STG1", "SWEpisodes", ["SW_REASON"], "The reason for social worker change is not valid."
)
def sw_reason_valid(c):
    for i, row in enumerate(c.table("SWEpisodes")):
        if row["SW_REASON"] and row["SW_REASON"] not in SW_REASONS:
            yield i


@RULES.rule(
    "SW18STG2",
    "SWEpisodes",
    ["SW_DEC", "SW_DECOM"],
    "The end date of the social worker episode is before the start date",
)
def sw_ends_after_start(c):
    for i, row in enumerate(c.table("SWEpisodes")):
        start, end = c.d(row, "SW_DECOM"), c.d(row, "SW_DEC")
        if start and end and end < start:
            yield i


@RULES.rule(
    "SW19STG2",
    "SWEpisodes",
    ["SW_DEC", "SW_DECOM"],
    "There are 2 social worker episodes for the child starting on the same date.",
)
def sw_one_start_a_day(c):
    seen = defaultdict(list)
    for i, row in enumerate(c.table("SWEpisodes")):
        seen[(row["CHILD"], row["SW_DECOM"])].append(i)
    for rows in seen.values():
        if len(rows) > 1:
            yield from rows
