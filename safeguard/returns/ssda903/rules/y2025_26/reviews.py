# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on the Reviews table."""

from safeguard.returns.ssda903.rules import age
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES


@RULES.rule("166", "Reviews", ["REVIEW"], "Date of review is invalid or blank.")
def review_date_valid(c):
    for i, row in enumerate(c.table("Reviews")):
        if c.d(row, "REVIEW") is None:
            yield i


@RULES.rule("167", "Reviews", ["REVIEW_CODE"], "Data entry for participation is invalid or blank.")
def participation_code_valid(c):
    valid = c.codes("reviews", "REVIEW_CODE")
    for i, row in enumerate(c.table("Reviews")):
        if row["REVIEW_CODE"] not in valid:
            yield i


@RULES.rule(
    "440",
    "Reviews",
    ["DOB", "REVIEW", "REVIEW_CODE"],
    "Participation method indicates child was under 4 years old at the time of the review, but "
    "date of birth and review date indicates the child was 4 years or older.",
)
def pn0_only_under_4(c):
    for i, row in enumerate(c.table("Reviews")):
        years = age(c.d(row, "DOB"), c.d(row, "REVIEW"))
        if row["REVIEW_CODE"] == "PN0" and years is not None and years >= 4:
            yield i


@RULES.rule(
    "441",
    "Reviews",
    ["DOB", "REVIEW", "REVIEW_CODE"],
    "Participation method indicates child was 4 years old or over at the time of the review, but "
    "the date of birth and review date indicates the child was under 4 years old.",
)
def participation_from_4(c):
    for i, row in enumerate(c.table("Reviews")):
        years = age(c.d(row, "DOB"), c.d(row, "REVIEW"))
        if row["REVIEW_CODE"] not in ("", "PN0") and years is not None and years < 4:
            yield i
