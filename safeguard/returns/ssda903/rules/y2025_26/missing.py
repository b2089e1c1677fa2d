# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on the Missing table (missing or away from placement without authorisation)."""

from collections import defaultdict

from safeguard.returns.ssda903.rules.y2025_26.registry import RULES


@RULES.rule(
    "1004",
    "Missing",
    ["MIS_START"],
    "The start date of the missing episode or episode that the child was away from placement "
    "without authorisation is not a valid date.",
)
def missing_start_valid(c):
    for i, row in enumerate(c.table("Missing")):
        if row["MIS_START"] and c.d(row, "MIS_START") is None:
            yield i


@RULES.rule(
    "1005",
    "Missing",
    ["MIS_END"],
    "The end date of the missing episode or episode that the child was away from placement "
    "without authorisation is not a valid date.",
)
def missing_end_valid(c):
    for i, row in enumerate(c.table("Missing")):
        if row["MIS_END"] and c.d(row, "MIS_END") is None:
            yield i


@RULES.rule("1006", "Missing", ["MISSING"], "Missing type invalid.")
def missing_type_valid(c):
    valid = c.codes("missing", "MISSING")
    for i, row in enumerate(c.table("Missing")):
        if row["MISSING"] and row["MISSING"] not in valid:
            yield i


@RULES.rule(
    "564",
    "Missing",
    ["MISSING", "MIS_START"],
    "Child was missing or away from placement without authorisation and the date started is blank.",
)
def missing_has_start(c):
    for i, row in enumerate(c.table("Missing")):
        if row["MISSING"] and not row["MIS_START"]:
            yield i


@RULES.rule(
    "565",
    "Missing",
    ["MISSING", "MIS_START"],
    "The date that the child started to be missing or away from placement without authorisation "
    "has been completed but whether the child was missing or away from placement without "
    "authorisation has not been completed.",
)
def start_has_type(c):
    for i, row in enumerate(c.table("Missing")):
        if row["MIS_START"] and not row["MISSING"]:
            yield i


@RULES.rule(
    "567",
    "Missing",
    ["MIS_END", "MIS_START"],
    "The date that the missing episode or episode that the child was away from placement "
    "without authorisation ended is before the date that it started.",
)
def missing_ends_after_start(c):
    for i, row in enumerate(c.table("Missing")):
        start, end = c.d(row, "MIS_START"), c.d(row, "MIS_END")
        if start and end and end < start:
            yield i


@RULES.rule(
    "570",
    "Missing",
    ["MIS_START"],
    "The date that the child started to be missing or away from placement without authorisation "
    "is after the end of the collection year.",
)
def missing_starts_in_year(c):
    for i, row in enumerate(c.table("Missing")):
        start = c.d(row, "MIS_START")
        if start and start > c.end:
            yield i


@RULES.rule(
    "571",
    "Missing",
    ["MIS_END"],
    "The date that the child ceased to be missing or away from placement without authorisation "
    "is before the start or after the end of the collection year.",
)
def missing_ends_in_year(c):
    for i, row in enumerate(c.table("Missing")):
        end = c.d(row, "MIS_END")
        if end and not c.start <= end <= c.end:
            yield i


@RULES.rule(
    "586", "Missing", ["MIS_START"], "Dates of missing periods are before child’s date of birth."
)
def missing_after_birth(c):
    for i, row in enumerate(c.table("Missing")):
        born, start = c.d(row, "DOB"), c.d(row, "MIS_START")
        if born and start and start < born:
            yield i


@RULES.rule(
    "566",
    "Missing",
    ["MISSING", "MIS_END"],
    "The date that the child's episode of being missing or away from placement without "
    "authorisation ended has been completed but whether the child was missing or away without "
    "authorisation has not been completed.",
)
def end_has_type(c):
    for i, row in enumerate(c.table("Missing")):
        if row["MIS_END"] and not row["MISSING"]:
            yield i


@RULES.rule(
    "574",
    "Missing",
    ["MIS_END", "MIS_START"],
    "A new missing/away from placement without authorisation period cannot start when the "
    "previous missing/away from placement without authorisation period is still open. "
    "Missing/away from placement without authorisation periods should also not overlap.",
)
def missing_periods_do_not_overlap(c):
    by_child = defaultdict(list)
    for i, row in enumerate(c.table("Missing")):
        start = c.d(row, "MIS_START")
        if start:
            by_child[row["CHILD"]].append((start, i, c.d(row, "MIS_END")))
    for periods in by_child.values():
        periods.sort()
        for (_, _, end_before), (start, i, _) in zip(periods, periods[1:], strict=False):
            if end_before is None or start < end_before:
                yield i


def _care_ended(c) -> dict[str, object]:
    """Return {child: date care ended} for children whose last episode ended care."""
    ended = {}
    for child, rows in c.episodes_by_child.items():
        last = rows[-1][1]
        if last["REC"] and last["REC"] != "X1":
            ended[child] = c.d(last, "DEC")
    return ended


@RULES.rule(
    "577",
    "Missing",
    ["MIS_END"],
    "Child ceased to be looked after but there is a missing/away from placement without "
    "authorisation period without an end date.",
)
def missing_closed_when_care_ends(c):
    ended = _care_ended(c)
    for i, row in enumerate(c.table("Missing")):
        if row["CHILD"] in ended and not row["MIS_END"]:
            yield i


@RULES.rule(
    "578",
    "Missing",
    ["MIS_START"],
    "The date that the child started to be missing is after the child ceased to be looked after.",
)
def missing_starts_before_care_ends(c):
    ended = _care_ended(c)
    for i, row in enumerate(c.table("Missing")):
        start, care_ended = c.d(row, "MIS_START"), ended.get(row["CHILD"])
        if start and care_ended and start > care_ended:
            yield i


@RULES.rule(
    "581", "Missing", ["MIS_START"], "Child is missing but has not yet started to be looked after."
)
def missing_after_care_starts(c):
    for i, row in enumerate(c.table("Missing")):
        rows = c.episodes_by_child.get(row["CHILD"])
        start = c.d(row, "MIS_START")
        first = c.d(rows[0][1], "DECOM") if rows else None
        if start and first and start < first:
            yield i
