# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on the Header table: the child's characteristics."""

import re
from collections import Counter

from safeguard.returns.ssda903.rules import QUERY, age
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

ETHNIC_CODES = frozenset(
    [
        "WBRI",
        "WIRI",
        "WIRT",
        "WOTH",
        "WROM",
        "MWBC",
        "MWBA",
        "MWAS",
        "MOTH",
        "AIND",
        "APKN",
        "ABAN",
        "AOTH",
        "BCRB",
        "BAFR",
        "BOTH",
        "CHNE",
        "OOTH",
        "REFU",
        "NOBT",
    ]
)
UPN_UNKNOWN = frozenset({"UN1", "UN2", "UN3", "UN4", "UN5"})
UPN_PATTERN = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$")


@RULES.rule("101", "Header", ["SEX"], "The child or young person’s reported sex is not valid.")
def sex_code_valid(c):
    valid = c.codes("header", "SEX")
    for i, row in enumerate(c.table("Header")):
        if row["SEX"] not in valid:
            yield i


@RULES.rule("102", "Header", ["DOB"], "Date of birth is not a valid date.")
def dob_valid(c):
    for i, row in enumerate(c.table("Header")):
        if c.d(row, "DOB") is None:
            yield i


@RULES.rule(
    "103", "Header", ["ETHNIC"], "The ethnicity code is either not valid or has not been entered."
)
def ethnic_code_valid(c):
    for i, row in enumerate(c.table("Header")):
        if row["ETHNIC"] not in ETHNIC_CODES:
            yield i


@RULES.rule(
    "168",
    "Header",
    ["UPN"],
    "Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, UN2, "
    "UN3, UN4 or UN5.",
)
def upn_valid(c):
    for i, row in enumerate(c.table("Header")):
        upn = row["UPN"]
        if upn and upn not in UPN_UNKNOWN and not UPN_PATTERN.match(upn):
            yield i


@RULES.rule(
    "174",
    "Header",
    ["MC_DOB", "SEX"],
    "Mother's child date of birth is recorded but sex shows that the child is a male.",
)
def mothers_child_not_for_boys(c):
    for i, row in enumerate(c.table("Header")):
        if row["MC_DOB"] and row["SEX"] == "M":
            yield i


@RULES.rule(
    "232", "Header", ["SEX"], "Sex of the child/young person has been reported as unknown.", QUERY
)
def sex_unknown(c):
    for i, row in enumerate(c.table("Header")):
        if row["SEX"] == "U":
            yield i


@RULES.rule("301", "Header", ["DOB"], "Date of birth falls after the year ended.")
def born_before_year_end(c):
    for i, row in enumerate(c.table("Header")):
        born = c.d(row, "DOB")
        if born and born > c.end:
            yield i


@RULES.rule(
    "351", "Header", ["DOB"], "Child was over 25 at the start of the current collection year."
)
def not_over_25(c):
    for i, row in enumerate(c.table("Header")):
        years = age(c.d(row, "DOB"), c.start)
        if years is not None and years > 25:
            yield i


@RULES.rule("442", "Header", ["UPN"], "Unique Pupil Number (UPN) field is not completed.")
def upn_completed(c):
    looked_after = c.episodes_by_child.keys()
    for i, row in enumerate(c.table("Header")):
        if not row["UPN"] and row["CHILD"] in looked_after:
            yield i


@RULES.rule("444", "Header", ["UPN"], "Duplicate UPN has been reported", QUERY)
def upn_not_duplicated(c):
    counts = Counter(
        r["UPN"] for r in c.table("Header") if r["UPN"] and r["UPN"] not in UPN_UNKNOWN
    )
    for i, row in enumerate(c.table("Header")):
        if counts.get(row["UPN"], 0) > 1:
            yield i


@RULES.rule("393", "Header", ["MOTHER"], "Child is looked after but mother field is not completed.")
def mother_completed_for_girls_in_care(c):
    looked_after = {
        child
        for child, rows in c.episodes_by_child.items()
        if any(row["LS"] not in ("V3", "V4") for _, row in rows)
    }
    for i, row in enumerate(c.table("Header")):
        if row["SEX"] == "F" and row["CHILD"] in looked_after and not row["MOTHER"]:
            yield i


@RULES.rule("171", "Header", ["MC_DOB"], "Date of birth of mother's child is not a valid date.")
def mothers_child_dob_valid(c):
    for i, row in enumerate(c.table("Header")):
        if row["MC_DOB"] and c.d(row, "MC_DOB") is None:
            yield i
