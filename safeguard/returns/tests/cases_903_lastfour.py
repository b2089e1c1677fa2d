"""Failing cases for the SSDA903 rules that find last year's return missing a child or
contradicted (584, 624, 626, NoE).

They use the clean last year's return of `cases_903_lookups` and `cases_903_previous`: it holds
the episodes of CHILDA, CHILDB and CHILDC that were open at 31 March 2025 (or ended in that
year), the decisions to place CHILDA and CHILDC for adoption of 1 January 2025, and CHILDB's
header only. Each change below breaks one rule, finding rows by child.
"""

from safeguard.returns.tests.cases_903_lookups import A_HEADER, add_last_year, first, last_year
from safeguard.returns.tests.ssda903_fixtures import A, E, both


def without_last_year_episodes_of(child: str):
    def change(t):
        episodes = t["previous"].tables[E]
        episodes[:] = [r for r in episodes if r["CHILD"] != child]

    return change


def reversed_last_year(child: str):
    """Cease the child's decision to place for adoption in last year's return."""
    return both(
        last_year("PlacedAdoption", child, "DATE_PLACED_CEASED", "01/03/2025"),
        last_year("PlacedAdoption", child, "REASON_PLACED_CEASED", "RD1"),
    )


FAILING = {
    # CHILDA has been looked after since May 2024, but last year's return has no episode.
    "NoE": without_last_year_episodes_of(A),
    # Last year's decision of 1 January 2025 was reversed; this year reports it again.
    "584": reversed_last_year(A),
    "624": both(
        add_last_year("Header", {**A_HEADER, "MOTHER": "1", "MC_DOB": "01/01/2025"}),
        first("Header", A, "MOTHER", "1"),
        first("Header", A, "MC_DOB", "01/02/2025"),
    ),
    "626": both(
        add_last_year("Header", A_HEADER),
        first("Header", A, "MOTHER", "1"),
        first("Header", A, "MC_DOB", "01/01/2025"),
    ),
}
