"""Failing cases for the SSDA903 rules on the placement's area and distance and a care leaver's
death (348, 406, 420, 452, 453, 454).

They use the clean extra inputs of `cases_903_lookups`: last year's return holds CHILDB, whose
episode was open at 31 March 2025 and carries on this year, and the postcode look-up puts
every postcode of the clean return in the authority's own area, a few miles apart. CHILDA is
UASC and has no home postcode.
"""

import dataclasses

from safeguard.returns.ssda903.lookups import METRES_PER_MILE
from safeguard.returns.tests.cases_903_lookups import (
    B_PL_POST,
    OTHER_LA,
    add_last_year,
    first,
    last_year,
    place,
)
from safeguard.returns.tests.ssda903_fixtures import B_DOB, A, B, E

# A postcode the look-up knows that no episode of the clean return uses.
ELSEWHERE = "ZZ1 1ZZ"


def placed_last_year_elsewhere(*, la: str | None = None, miles_east: float = 0):
    """Put CHILDB's open episode last year at ELSEWHERE: B's placement moved east, or in `la`."""

    def change(t):
        places = t["postcodes"].places
        here = places[B_PL_POST.replace(" ", "")]
        places[ELSEWHERE.replace(" ", "")] = dataclasses.replace(
            here, la=la or here.la, easting=here.easting + miles_east * METRES_PER_MILE
        )
        last_year(E, B, "PL_POST", ELSEWHERE)(t)

    return change


def _placed_far_from_home(t):
    b = next(r for r in t[E] if r["CHILD"] == B)
    home = t["postcodes"].place(b["HOME_POST"])
    place(B_PL_POST, easting=home.easting + 360 * METRES_PER_MILE)(t)


FAILING = {
    "348": add_last_year(
        "OC3", {"CHILD": B, "DOB": B_DOB, "IN_TOUCH": "DIED", "ACTIV": "0", "ACCOM": "0"}
    ),
    # Same distance from home, another authority's area.
    "452": placed_last_year_elsewhere(la=OTHER_LA),
    # Same authority, half a mile further away.
    "453": placed_last_year_elsewhere(miles_east=0.5),
    "406": first(E, A, "HOME_POST", "AB1 2CD"),
    "420": first(E, B, "LS", "V3"),
    "454": _placed_far_from_home,
}
