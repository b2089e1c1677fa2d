# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules that check adopters, adoption decisions and adoptive placements together."""

from collections import defaultdict
from datetime import date

from safeguard.returns.ssda903.rules import QUERY
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

ADOPTIVE_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
ADOPTED = frozenset({"E11", "E12"})
SINGLE = frozenset({"M1", "F1"})
SAME_SEX_COUPLE = frozenset({"MM", "FF"})
COUPLE = SAME_SEX_COUPLE | {"MF"}
AD1_DETAILS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")


def _decisions(c) -> dict[str, list[tuple[int, dict]]]:
    """Return {child: [(row index, row)]} of the PlacedAdoption table."""
    grouped = defaultdict(list)
    for i, row in enumerate(c.table("PlacedAdoption")):
        grouped[row["CHILD"]].append((i, row))
    return grouped


@RULES.rule(
    "511",
    "AD1",
    ["NB_ADOPTR", "SEX_ADOPTR"],
    "If reporting that the number of person(s) adopting the looked after child is two adopters then the code should only be MM, FF or MF. MM = the adopting couple are both males; FF = the adopting couple are both females; MF = The adopting couple are male and female.",
)
def two_adopters_are_a_couple(c):
    for i, row in enumerate(c.table("AD1")):
        if row["NB_ADOPTR"] == "2" and row["SEX_ADOPTR"] in SINGLE:
            yield i


def _adopters_sex_for_status(code: str, status: str, allowed: frozenset, message: str):
    def check(c):
        for i, row in enumerate(c.table("AD1")):
            if row["LS_ADOPTR"] == status and row["SEX_ADOPTR"] not in allowed:
                yield i

    check.__name__ = f"adopters_sex_fits_{status.lower()}"
    return RULES.rule(code, "AD1", ["LS_ADOPTR", "SEX_ADOPTR"], message)(check)


single_adopter = _adopters_sex_for_status(
    "514",
    "L0",
    SINGLE,
    "Data entry on the legal status of adopters shows a single adopter but data entry for the numbers of adopters shows it as a couple.",
)
unmarried_different_sex_couple = _adopters_sex_for_status(
    "517",
    "L3",
    frozenset({"MF"}),
    "If reporting legal status of adopters is L3 then the genders of adopters should be coded as MF. MF = the adopting couple are male and female.",
)
unmarried_same_sex_couple = _adopters_sex_for_status(
    "518",
    "L4",
    SAME_SEX_COUPLE,
    "If reporting legal status of adopters is L4 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females.",
)
civil_partners = _adopters_sex_for_status(
    "519",
    "L2",
    COUPLE,
    "Data entered on the legal status of adopters shows civil partnership couple, but data entered on genders of adopters does not show it as a couple.",
)
married_different_sex_couple = _adopters_sex_for_status(
    "520",
    "L11",
    frozenset({"MF"}),
    "Data entry on the legal status of adopters shows different gender married couple but data entry on genders of adopters shows it as a same gender couple.",
)
married_same_sex_couple = _adopters_sex_for_status(
    "524",
    "L12",
    SAME_SEX_COUPLE,
    "If reporting legal status of adopters is L12 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females",
)


@RULES.rule(
    "521",
    "AD1",
    ["DATE_INT", "DECOM", "PLACE"],
    "Date of local authority's decision (LA) that adoption is in the best interests of the child (date should be placed) must be on or prior to the date the child is placed for adoption.",
)
def should_be_placed_before_placed(c):
    placed = defaultdict(list)
    for row in c.table("Episodes"):
        started = c.d(row, "DECOM")
        if row["PLACE"] in ADOPTIVE_PLACEMENTS and started:
            placed[row["CHILD"]].append(started)
    for i, row in enumerate(c.table("AD1")):
        decided = c.d(row, "DATE_INT")
        if decided and any(decided > started for started in placed[row["CHILD"]]):
            yield i


@RULES.rule(
    "522",
    "PlacedAdoption",
    ["DATE_PLACED", "DATE_PLACED_CEASED"],
    "Date of decision that the child should be placed for adoption must be on or before the date that a child should no longer be placed for adoption.",
)
def decision_before_reversal(c):
    for i, row in enumerate(c.table("PlacedAdoption")):
        decided, reversed_on = c.d(row, "DATE_PLACED"), c.d(row, "DATE_PLACED_CEASED")
        if decided and reversed_on and reversed_on < decided:
            yield i


@RULES.rule(
    "523",
    "PlacedAdoption",
    ["DATE_INT", "DATE_PLACED"],
    "Date of decision that the child should be placed for adoption should be the same date as the decision that adoption is in the best interest (date should be placed).",
)
def decision_same_as_should_be_placed(c):
    should_be_placed = defaultdict(set)
    for row in c.table("AD1"):
        if decided := c.d(row, "DATE_INT"):
            should_be_placed[row["CHILD"]].add(decided)
    for i, row in enumerate(c.table("PlacedAdoption")):
        decided = c.d(row, "DATE_PLACED")
        if decided and should_be_placed[row["CHILD"]] - {decided}:
            yield i


@RULES.rule(
    "525",
    "PlacedAdoption",
    ["DATE_PLACED_CEASED", *AD1_DETAILS],
    "A child for whom the decision to be placed for adoption has been reversed cannot be adopted during the year.",
)
def reversed_decision_not_adopted(c):
    adopted = {row["CHILD"] for row in c.table("AD1") if any(row[col] for col in AD1_DETAILS)}
    for i, row in enumerate(c.table("PlacedAdoption")):
        if row["DATE_PLACED_CEASED"] and row["CHILD"] in adopted:
            yield i


@RULES.rule(
    "551",
    "Episodes",
    ["DATE_PLACED", "PLACE"],
    "Child has been placed for adoption but there is no date of the decision that the child should be placed for adoption.",
)
def adoptive_placement_has_decision(c):
    decided = {row["CHILD"] for row in c.table("PlacedAdoption") if row["DATE_PLACED"]}
    for i, row in enumerate(c.table("Episodes")):
        if row["PLACE"] in ADOPTIVE_PLACEMENTS and row["CHILD"] not in decided:
            yield i


def _first(c, rows, wanted) -> tuple[int, date] | None:
    """Return (row index, start) of the earliest dated episode that is wanted, if any."""
    dated = [(c.d(row, "DECOM"), i) for i, row in rows if wanted(row) and c.d(row, "DECOM")]
    if not dated:
        return None
    started, i = min(dated)
    return i, started


@RULES.rule(
    "552",
    "Episodes",
    ["DATE_PLACED", "DECOM"],
    "Date of Decision to place a child for adoption should be on or prior to the date that the child was placed for adoption.",
)
def decision_before_first_adoptive_placement(c):
    decisions = _decisions(c)
    for child, rows in c.episodes_by_child.items():
        first = _first(c, rows, lambda row: row["PLACE"] in ADOPTIVE_PLACEMENTS)
        dates = [d for _, row in decisions.get(child, []) if (d := c.d(row, "DATE_PLACED"))]
        # The latest decision is the one that led to the placement.
        if first and dates and first[1] < max(dates):
            yield first[0]


@RULES.rule(
    "554",
    "Episodes",
    ["DATE_PLACED", "DECOM", "LS"],
    "Date of decision that the child should be placed for adoption should be on or prior to the date that the placement order was granted. [NOTE: This rule may result in false positives or false negatives if relevant episodes are in previous years; please check carefully!]",
    # A query: the DfE's own note says the order may have been granted in an earlier return.
    QUERY,
)
def decision_before_placement_order(c):
    decisions = _decisions(c)
    for child, rows in c.episodes_by_child.items():
        first = _first(c, rows, lambda row: row["LS"] == "E1")
        dates = [d for _, row in decisions.get(child, []) if (d := c.d(row, "DATE_PLACED"))]
        if first and any(decided > first[1] for decided in dates):
            yield first[0]


@RULES.rule(
    "557",
    "Episodes",
    ["DATE_PLACED_CEASED", "LS", "PLACE", "REASON_PLACED_CEASED", "REC"],
    "Child for whom the decision was made that they should be placed for adoption has left care but was not adopted and information on the decision that they should no longer be placed for adoption items has not been completed.",
)
def reversal_recorded_when_left_care_unadopted(c):
    decisions = _decisions(c)
    for i, row in enumerate(c.table("Episodes")):
        on_adoption_path = row["PLACE"] in ADOPTIVE_PLACEMENTS or row["LS"] == "E1"
        left_unadopted = row["REC"] and row["REC"] not in ADOPTED | {"X1"}
        if not (on_adoption_path and left_unadopted):
            continue
        own = decisions.get(row["CHILD"], [])
        if not own or any(
            not (d["DATE_PLACED_CEASED"] and d["REASON_PLACED_CEASED"]) for _, d in own
        ):
            yield i


@RULES.rule(
    "558",
    "Episodes",
    ["DATE_PLACED_CEASED", "REC"],
    "If a child has been adopted, then the decision to place them for adoption has not been disrupted and the date of the decision that a child should no longer be placed for adoption should be left blank.",
)
def adopted_after_latest_decision_stood(c):
    # DfE: where the child was adopted and more than one decision was reversed in the year, the
    # latest decision must not be reversed.
    decisions = _decisions(c)
    for i, row in enumerate(c.table("Episodes")):
        own = decisions.get(row["CHILD"], [])
        if row["REC"] not in ADOPTED or not own:
            continue
        reversed_count = sum(1 for _, d in own if d["DATE_PLACED_CEASED"])
        _, latest = max(own, key=lambda ir: (c.d(ir[1], "DATE_PLACED") or date.min, ir[0]))
        if reversed_count > 1 and latest["DATE_PLACED_CEASED"]:
            yield i


@RULES.rule(
    "563",
    "PlacedAdoption",
    ["DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "The child should no longer be placed for adoption but the date of the decision that the child should be placed for adoption is blank",
)
def reversed_decision_has_date(c):
    for i, row in enumerate(c.table("PlacedAdoption")):
        if row["DATE_PLACED_CEASED"] and row["REASON_PLACED_CEASED"] and not row["DATE_PLACED"]:
            yield i
