# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on a child's Header details read against the rest of the return."""

from datetime import date

from safeguard.returns.ssda903.rules import QUERY, age
from safeguard.returns.ssda903.rules.y2025_26.continuous_care import birthday
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

SHORT_BREAKS = frozenset({"V3", "V4"})
MOTHER_CODES = frozenset({"0", "1"})


@RULES.rule(
    "165",
    "Header",
    ["ACCOM", "ACTIV", "DECOM", "IN_TOUCH", "MOTHER", "SEX"],
    "Data entry for mother status is invalid.",
)
def mother_status_valid(c):
    # MOTHER is 0 or 1, for girls only, and required of a girl looked after in the year other
    # than on short breaks (a care leaver not looked after this year may leave it blank).
    looked_after = set()
    for row in c.table("Episodes"):
        started, ended = c.d(row, "DECOM"), c.d(row, "DEC")
        if (
            row["LS"] not in SHORT_BREAKS
            and started
            and started <= c.end
            and (ended is None or ended >= c.start)
        ):
            looked_after.add(row["CHILD"])
    for i, row in enumerate(c.table("Header")):
        mother = row["MOTHER"]
        if (
            (mother and mother not in MOTHER_CODES)
            or (mother and row["SEX"] == "M")
            or (not mother and row["SEX"] == "F" and row["CHILD"] in looked_after)
        ):
            yield i


@RULES.rule(
    "399",
    "Header",
    ["LS", "MOTHER", "REVIEW", "REVIEW_CODE"],
    "Mother field, review field or participation field are completed but child is looked after under legal status V3 or V4.",
)
def no_mother_or_reviews_for_short_breaks_only(c):
    only_short_breaks = {
        child
        for child, rows in c.episodes_by_child.items()
        if all(row["LS"] in SHORT_BREAKS for _, row in rows)
    }
    reviewed = {row["CHILD"] for row in c.table("Reviews") if row["REVIEW"] or row["REVIEW_CODE"]}
    for i, row in enumerate(c.table("Header")):
        child = row["CHILD"]
        if child in only_short_breaks and (row["MOTHER"] or child in reviewed):
            yield i


@RULES.rule(
    "209",
    "Header",
    ["DOB", "UPN"],
    "Child looked after is of school age and should not have an unknown Unique Pupil Number (UPN) code of UN1.",
)
def un1_only_before_school_age(c):
    # Of school age: 4 by 31 August of the year before the collection year began.
    school_age_by = date(c.start.year - 1, 8, 31)
    for i, row in enumerate(c.table("Header")):
        born = c.d(row, "DOB")
        if row["UPN"] == "UN1" and born and birthday(born, 4) <= school_age_by:
            yield i


@RULES.rule(
    "210",
    "Header",
    ["DECOM", "UPN"],
    "Children looked after for more than a week at 31 March should not have an unknown Unique Pupil Number (UPN) code of UN4.",
)
def un4_only_in_last_week(c):
    # UN4 (UPN not yet obtained) suits only a child whose care began in the year's last week.
    last_week = date(c.end.year, 3, 24)
    for i, row in enumerate(c.table("Header")):
        rows = c.episodes_by_child.get(row["CHILD"]) if row["UPN"] == "UN4" else None
        if not rows or rows[-1][1]["DEC"]:
            continue
        began = next(
            (r for _, r in reversed(rows) if r["RNE"] == "S"),
            rows[0][1],
        )
        started = c.d(began, "DECOM")
        if started and started < last_week:
            yield i


@RULES.rule(
    "231",
    "Header",
    ["DOB", "UASC_STATUS"],
    "We expect that unaccompanied asylum seeking children are generally older young people. Please check the date of birth is correct. If the date of birth is correct then please provide details in a bypass request.",
    # A query: a young unaccompanied child is unusual, not impossible; the DfE asks for a check.
    QUERY,
)
def uasc_usually_11_or_over(c):
    # A child with a UASC row is or was unaccompanied (the CSV form has no UASC status column).
    uasc = {row["CHILD"] for row in c.table("UASC")}
    for i, row in enumerate(c.table("Header")):
        years = age(c.d(row, "DOB"), c.end)
        if row["CHILD"] in uasc and years is not None and years < 11:
            yield i
