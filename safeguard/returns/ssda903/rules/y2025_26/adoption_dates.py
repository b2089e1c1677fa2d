# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on adoption dates and details read against the child's episodes."""

from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

SHORT_BREAKS = frozenset({"V3", "V4"})
ADOPTED = frozenset({"E11", "E12"})
WITH_FOSTER_CARERS = frozenset({"A3", "A5"})
NOT_WITH_FOSTER_CARERS = frozenset({"A4", "A6"})


def _first_or_last(c, wanted, last: bool) -> dict[str, dict]:
    """Return {child: their earliest (or latest) dated episode that is wanted}."""
    found = {}
    for child, rows in c.episodes_by_child.items():
        dated = [row for _, row in rows if wanted(row) and c.d(row, "DECOM")]
        if dated:
            found[child] = dated[-1] if last else dated[0]
    return found


@RULES.rule(
    "117",
    "PlacedAdoption",
    ["DATE_PLACED", "DATE_PLACED_CEASED", "DEC", "DECOM", "REC"],
    "Date of decision that a child should/should no longer be placed for adoption is beyond the current collection year or after the child ceased to be looked after.",
)
def adoption_decisions_by_year_end_and_care_end(c):
    # Care ended with the latest episode whose reason is not X1 (a continuation).
    latest = _first_or_last(c, lambda row: row["REC"] != "X1", last=True)
    for i, row in enumerate(c.table("PlacedAdoption")):
        episode = latest.get(row["CHILD"])
        ceased = c.d(episode, "DEC") if episode else None
        for column in ("DATE_PLACED", "DATE_PLACED_CEASED"):
            decided = c.d(row, column)
            if decided and (decided > c.end or (ceased and decided > ceased)):
                yield i
                break


@RULES.rule(
    "118",
    "PlacedAdoption",
    # The DfE list names DECOM twice; the first is the reversal date.
    ["DATE_PLACED_CEASED", "DECOM", "LS"],
    "Date of decision that a child should no longer be placed for adoption is before the current collection year or before the date the child started to be looked after.",
)
def reversal_in_year_and_care(c):
    first = _first_or_last(c, lambda row: row["LS"] not in SHORT_BREAKS, last=False)
    for i, row in enumerate(c.table("PlacedAdoption")):
        reversed_on = c.d(row, "DATE_PLACED_CEASED")
        episode = first.get(row["CHILD"])
        began = c.d(episode, "DECOM") if episode else None
        if reversed_on and (reversed_on < c.start or (began and reversed_on < began)):
            yield i


@RULES.rule(
    "331",
    "AD1",
    ["DATE_MATCH", "DECOM", "REC"],
    "Date of matching child and adopter(s) should be the same as, or prior to, the date of placement of adoption.",
)
def matched_by_adoptive_placement(c):
    # The episode that ended in adoption is the adoptive placement; it began on placement.
    placed = {}
    for row in c.table("Episodes"):
        started = c.d(row, "DECOM") if row["REC"] in ADOPTED else None
        if started:
            placed.setdefault(row["CHILD"], []).append(started)
    for i, row in enumerate(c.table("AD1")):
        matched = c.d(row, "DATE_MATCH")
        if matched and any(matched > started for started in placed.get(row["CHILD"], [])):
            yield i


@RULES.rule(
    "334",
    "AD1",
    ["DATE_INT", "DECOM", "RNE"],
    "Date child started to be looked after in latest period of care must be on or prior to the date should be placed for adoption. ",
)
def should_be_placed_after_care_began(c):
    began = _first_or_last(c, lambda row: row["RNE"] == "S", last=True)
    for i, row in enumerate(c.table("AD1")):
        decided, episode = c.d(row, "DATE_INT"), began.get(row["CHILD"])
        if decided and episode and decided < c.d(episode, "DECOM"):
            yield i


@RULES.rule(
    "335",
    "AD1",
    ["FOSTER_CARE", "PLACE"],
    "The current foster value (0) suggests that child is not adopted by current foster carer, but last placement is A2, A3, or A5. Or the current foster value (1) suggests that child is adopted by current foster carer, but last placement is A1, A4 or A6.",
)
def adopted_by_foster_carer_as_placed(c):
    placed_with = {}
    for row in c.table("Episodes"):
        if row["REC"] in ADOPTED:
            placed_with.setdefault(row["CHILD"], set()).add(row["PLACE"])
    for i, row in enumerate(c.table("AD1")):
        places = placed_with.get(row["CHILD"], set())
        if (row["FOSTER_CARE"] == "0" and places & WITH_FOSTER_CARERS) or (
            row["FOSTER_CARE"] == "1" and places & NOT_WITH_FOSTER_CARERS
        ):
            yield i
