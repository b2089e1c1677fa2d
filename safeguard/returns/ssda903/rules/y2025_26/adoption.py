# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on AD1 (adoptions) and PlacedAdoption (decisions to place for adoption)."""

from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

AD1_COLUMNS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")


def _date_rule(code: str, table: str, column: str, message: str):
    def check(c):
        for i, row in enumerate(c.table(table)):
            if row[column] and c.d(row, column) is None:
                yield i

    return RULES.rule(code, table, [column], message)(check)


date_int_valid = _date_rule(
    "112", "AD1", "DATE_INT", "Date should be placed for adoption is not a valid date."
)
date_match_valid = _date_rule(
    "113", "AD1", "DATE_MATCH", "Date matching child and adopter(s) is not a valid date."
)
date_placed_valid = _date_rule(
    "115",
    "PlacedAdoption",
    "DATE_PLACED",
    "Date of Local Authority's (LA) decision that a child should be placed for adoption is not a "
    "valid date.",
)
date_placed_ceased_valid = _date_rule(
    "116",
    "PlacedAdoption",
    "DATE_PLACED_CEASED",
    "Date of Local Authority's (LA) decision that a child should no longer be placed for "
    "adoption is not a valid date.",
)


def _ad1_code(code: str, column: str, valid: frozenset | None, message: str):
    def check(c):
        allowed = valid or c.codes("ad1", column)
        for i, row in enumerate(c.table("AD1")):
            if row[column] and row[column] not in allowed:
                yield i

    return RULES.rule(code, "AD1", [column], message)(check)


foster_care_valid = _ad1_code(
    "114",
    "FOSTER_CARE",
    frozenset({"0", "1"}),
    "Data entry to record the status of former carer(s) of an adopted child is invalid.",
)
number_of_adopters_valid = _ad1_code(
    "175", "NB_ADOPTR", frozenset({"1", "2"}), "The number of adopter(s) code is not a valid code."
)
sex_of_adopters_valid = _ad1_code(
    "176",
    "SEX_ADOPTR",
    None,
    "The gender of adopter(s) at the date of adoption code is not a valid code.",
)
legal_status_of_adopters_valid = _ad1_code(
    "177", "LS_ADOPTR", None, "The legal status of adopter(s) code is not a valid code."
)


@RULES.rule(
    "151",
    "AD1",
    list(AD1_COLUMNS),
    "All data items relating to a childs adoption must be coded or left blank.",
)
def ad1_all_or_none(c):
    for i, row in enumerate(c.table("AD1")):
        filled = [bool(row[col]) for col in AD1_COLUMNS]
        if any(filled) and not all(filled):
            yield i


@RULES.rule(
    "333",
    "AD1",
    ["DATE_INT"],
    "Date should be placed for adoption must be on or prior to the date of matching child with "
    "adopter(s).",
)
def decision_before_match(c):
    for i, row in enumerate(c.table("AD1")):
        decided, matched = c.d(row, "DATE_INT"), c.d(row, "DATE_MATCH")
        if decided and matched and decided > matched:
            yield i


@RULES.rule(
    "119",
    "PlacedAdoption",
    ["DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "If the decision is made that a child should no longer be placed for adoption, then the date "
    "of this decision and the reason why this decision was made must be completed.",
)
def reversal_date_and_reason(c):
    for i, row in enumerate(c.table("PlacedAdoption")):
        if bool(row["DATE_PLACED_CEASED"]) != bool(row["REASON_PLACED_CEASED"]):
            yield i


@RULES.rule(
    "120",
    "PlacedAdoption",
    ["REASON_PLACED_CEASED"],
    "The reason for the reversal of the decision that the child should be placed for adoption "
    "code is not valid.",
)
def reversal_reason_code_valid(c):
    valid = c.codes("placed_adoption", "REASON_PLACED_CEASED")
    for i, row in enumerate(c.table("PlacedAdoption")):
        if row["REASON_PLACED_CEASED"] and row["REASON_PLACED_CEASED"] not in valid:
            yield i


@RULES.rule(
    "184",
    "PlacedAdoption",
    ["DATE_PLACED", "DOB"],
    "Date of decision that a child should be placed for adoption is before the child was born.",
)
def decision_after_birth(c):
    for i, row in enumerate(c.table("PlacedAdoption")):
        born, decided = c.dob.get(row["CHILD"]), c.d(row, "DATE_PLACED")
        if born and decided and decided < born:
            yield i


@RULES.rule("631", "PrevPerm", ["PREV_PERM"], "Previous permanence option not a valid value.")
def previous_permanence_code_valid(c):
    valid = frozenset({"P1", "P2", "P3", "P4", "Z1"})
    for i, row in enumerate(c.table("PrevPerm")):
        if row["PREV_PERM"] not in valid:
            yield i


@RULES.rule(
    "635",
    "PrevPerm",
    ["DATE_PERM", "LA_PERM", "PREV_PERM"],
    "There are entries for date of order and local authority code where previous permanence "
    "option was arranged but previous permanence code is Z1",
)
def nothing_more_with_z1(c):
    for i, row in enumerate(c.table("PrevPerm")):
        if row["PREV_PERM"] == "Z1" and (row["DATE_PERM"] or row["LA_PERM"]):
            yield i


@RULES.rule(
    "630", "Episodes", ["RNE"], "Information on previous permanence option should be returned."
)
def previous_permanence_returned(c):
    returned = {row["CHILD"] for row in c.table("PrevPerm")}
    for i, row in enumerate(c.table("Episodes")):
        started = c.d(row, "DECOM")
        if row["RNE"] == "S" and started and started >= c.start and row["CHILD"] not in returned:
            yield i


@RULES.rule(
    "632",
    "PrevPerm",
    ["DATE_PERM", "DECOM"],
    "Date of previous permanence order not a valid value. NOTE: This rule may result in false "
    "negatives where the period of care started before the current collection year",
)
def previous_permanence_date_valid(c):
    for i, row in enumerate(c.table("PrevPerm")):
        if row["DATE_PERM"] and c.d(row, "DATE_PERM") is None:
            yield i
