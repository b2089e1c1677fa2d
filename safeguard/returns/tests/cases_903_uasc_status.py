"""Failing cases for the Header's UASC status item (105, 303), which only the XML form carries.

CHILDA has a UASC row with a date UASC status ceased; CHILDB has none.
"""

from safeguard.returns.tests.ssda903_fixtures import A


def with_status(a: str, b: str):
    """Give the Header the XML form's UASC item: CHILDA's value a, CHILDB's b."""

    def change(t):
        for row in t["Header"]:
            row["UASC"] = a if row["CHILD"] == A else b

    return change


FAILING = {
    "105": with_status("1", "2"),
    "303": with_status("0", "0"),
}
