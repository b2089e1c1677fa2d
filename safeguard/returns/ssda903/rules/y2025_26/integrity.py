# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 internal checks (INT rules): every table agrees with the Header about each child.

The DfE's INT rules are the same check across tables, so each is made by one small factory
and registered under its own code.
"""

from collections import Counter

from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

IN_HEADER = {
    "INT01": "AD1",
    "INT02": "PlacedAdoption",
    "INT03": "Episodes",
    "INT04": "Missing",
    "INT05": "OC2",
    "INT06": "OC3",
    "INT07": "PrevPerm",
    "INT08": "Reviews",
    "INT09": "UASC",
}
SAME_DOB = {
    "INT11": "AD1",
    "INT12": "PlacedAdoption",
    "INT13": "Missing",
    "INT14": "OC2",
    "INT15": "OC3",
    "INT16": "PrevPerm",
    "INT17": "Reviews",
    "INT18": "UASC",
}
ONCE = {
    "INT31": "AD1",
    "INT32": "Header",
    "INT33": "OC2",
    "INT34": "OC3",
    "INT35": "PrevPerm",
    "INT36": "UASC",
}


def child_in_header(table: str):
    def check(c):
        children = {r["CHILD"] for r in c.table("Header")}
        for i, row in enumerate(c.table(table)):
            if row["CHILD"] not in children:
                yield i

    return check


def dob_as_header(table: str):
    def check(c):
        dobs = {r["CHILD"]: r["DOB"] for r in c.table("Header")}
        for i, row in enumerate(c.table(table)):
            if row["CHILD"] in dobs and row["DOB"] != dobs[row["CHILD"]]:
                yield i

    return check


def child_once(table: str):
    def check(c):
        counts = Counter(r["CHILD"] for r in c.table(table))
        for i, row in enumerate(c.table(table)):
            if counts[row["CHILD"]] > 1:
                yield i

    return check


for code, table in IN_HEADER.items():
    RULES.rule(
        code, table, ["CHILD"], f"Internal Check: Child in {table} does not exist in Header."
    )(child_in_header(table))
for code, table in SAME_DOB.items():
    RULES.rule(
        code, table, ["DOB"], f"Internal Check: DOB in {table} is different to DOB in Header."
    )(dob_as_header(table))
for code, table in ONCE.items():
    RULES.rule(code, table, ["CHILD"], f"Internal Check: Child should only exist once in {table}.")(
        child_once(table)
    )


@RULES.rule("INT21", "UASC", ["SEX"], "Internal Check: SEX in UASC is different to SEX in Header.")
def uasc_sex_as_header(c):
    sexes = {r["CHILD"]: r["SEX"] for r in c.table("Header")}
    for i, row in enumerate(c.table("UASC")):
        if row["CHILD"] in sexes and row["SEX"] != sexes[row["CHILD"]]:
            yield i
