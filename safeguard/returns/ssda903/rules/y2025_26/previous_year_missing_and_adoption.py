# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules that find last year's return missing a child, or contradicted: a child in
care before the year with no episodes last year, a decision to place for adoption that last
year's return reversed, and a mother's first child as last year recorded it (584, 624, 626, NoE).

Like the other rules that read last year's return (`Context.previous`), they report nothing
when it is not given. A date that is not a valid date is left to the rules that check its
format (115, 171): these compare dates, not text.
"""

from safeguard.returns.ssda903.reader import parse_date
from safeguard.returns.ssda903.rules.y2025_26.previous_year import _by_child, _last
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES


@RULES.rule(
    "NoE",
    "Episodes",
    ["DECOM"],
    "This child has no episodes loaded for previous year even though child started to be looked after before this current year.",
)
def looked_after_before_the_year_but_not_last_year(c):
    # One failure per child, at their earliest episode: the message is about the child.
    if c.previous is None:
        return
    last_year = {r["CHILD"] for r in _last(c, "Episodes")}
    for child, rows in c.episodes_by_child.items():
        i, first = rows[0]
        began = c.d(first, "DECOM")
        if began and began < c.start and child not in last_year:
            yield i


@RULES.rule(
    "584",
    "PlacedAdoption",
    ["DATE_PLACED"],
    "Date of decision that the child should be placed for adoption this year is different from that recorded last year, but the decision to placed the child for adoption changed and the child should no longer be placed for adoption.",
)
def decision_after_last_years_reversed_one(c):
    # A decision that last year's return shows as ceased (a date or a reason it ceased) no
    # longer stands: a decision reported this year must be a new one, made after it.
    if c.previous is None:
        return
    reversed_on: dict[str, list] = {}
    for row in _last(c, "PlacedAdoption"):
        decided = parse_date(row["DATE_PLACED"])
        if decided and (row["DATE_PLACED_CEASED"] or row["REASON_PLACED_CEASED"]):
            reversed_on.setdefault(row["CHILD"], []).append(decided)
    for i, row in enumerate(c.table("PlacedAdoption")):
        decided = c.d(row, "DATE_PLACED")
        if decided and any(decided <= before for before in reversed_on.get(row["CHILD"], ())):
            yield i


@RULES.rule(
    "624",
    "Header",
    ["MC_DOB"],
    "Date of birth of the first child contradicts the date of birth of the first child previously recorded.",
)
def first_childs_birth_as_last_year(c):
    if c.previous is None:
        return
    last = _by_child(_last(c, "Header"))
    for i, row in enumerate(c.table("Header")):
        before = parse_date(last[row["CHILD"]]["MC_DOB"]) if row["CHILD"] in last else None
        if before is None:
            continue
        # A blank date contradicts last year's; text that is not a date is 171's to report.
        now = c.d(row, "MC_DOB")
        if (now is None and not row["MC_DOB"].strip()) or (now and now != before):
            yield i


@RULES.rule(
    "626",
    "Header",
    ["MC_DOB", "MOTHER"],
    "Child was reported as a mother but the date of birth of the first child is before the current year which contradicts with the mother status recorded last year.",
)
def mother_before_the_year_not_last_year(c):
    # Last year's return said she was not a mother (0); a first child born before this year
    # made her one then, so one of the two returns is wrong.
    if c.previous is None:
        return
    last = _by_child(_last(c, "Header"))
    for i, row in enumerate(c.table("Header")):
        before = last.get(row["CHILD"])
        born = c.d(row, "MC_DOB")
        if (
            before is not None
            and row["MOTHER"].strip() == "1"
            and before["MOTHER"].strip() == "0"
            and born
            and born < c.start
        ):
            yield i
