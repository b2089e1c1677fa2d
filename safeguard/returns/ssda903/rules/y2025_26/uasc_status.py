# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on the Header's UASC status item (105, 303).

The XML form of the return carries a UASC status (0/1) for each child in the Header; the CSV
form has no such column (status there is having a row in the UASC file), so on a CSV return
these rules have nothing to check and report nothing. They check a return that carries the item.
"""

from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

UASC_CODES = frozenset({"0", "1"})


def _carries_status(c) -> bool:
    header = c.table("Header")
    return bool(header) and "UASC" in header[0]


@RULES.rule(
    "105",
    "Header",
    ["UASC"],
    "Data entry for Unaccompanied Asylum-Seeking Children (UASC) status of child is invalid or has not been completed.",
)
def uasc_status_valid(c):
    if not _carries_status(c):
        return
    for i, row in enumerate(c.table("Header")):
        if row.get("UASC", "") not in UASC_CODES:
            yield i


@RULES.rule(
    "303",
    "Header",
    ["DUC", "UASC"],
    "If date Unaccompanied Asylum-Seeking Child (UASC) status ceased is not null, UASC status must be coded 1.",
)
def uasc_status_given_with_date_ceased(c):
    if not _carries_status(c):
        return
    with_date_ceased = {r["CHILD"] for r in c.table("UASC") if r.get("DUC", "").strip()}
    for i, row in enumerate(c.table("Header")):
        if row["CHILD"] in with_date_ceased and row.get("UASC") != "1":
            yield i
