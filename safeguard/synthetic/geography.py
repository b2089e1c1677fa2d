"""Where the synthetic authority's made-up postcodes lie: local authority and OS grid reference.

The generator's postcodes are well formed but not real (people's addresses use the area "XS",
which no English postcode uses; placements use West Midlands area letters with made-up
districts and units), so no real postcode look-up knows them. The SSDA903 rules that derive a
placement's local authority, location (IN or OUT) and distance read this geography instead.

The rule, by postcode area (the letters before the first digit):
- XS (the generator's home addresses) and B (its placements in the authority's own
  provision, and some others) lie in the authority's own area;
- WS, WV, DY, CV, WR, ST and LE lie in the neighbouring authority named in AREAS;
- any other area (a postcode typed in by hand) is taken as the authority's own.
Each authority's area is a disc around a real centre (OS grid, metres); a postcode's point in
its disc comes from a hash of its text, so the same postcodes always give the same look-up.
Homes and placements in the authority's area lie within about 11 miles of each other, those
in the next-door metropolitan boroughs within about 20, and Worcester, Stoke-on-Trent and
Leicester placements 20 to 45 miles away.
"""

import hashlib
import math
import re
from dataclasses import dataclass

from django.conf import settings

_AREA = re.compile(r"^([A-Z]{1,2})\d")
_ONS_CODE = re.compile(r"^[ENSW]\d{8}$")


@dataclass(frozen=True)
class Area:
    """A local authority's patch of the synthetic map."""

    dfe_code: str
    # The ONS lower-tier (LTLA) code, as the ONS Postcode Directory's laua column holds it.
    ons_code: str
    name: str
    easting: int
    northing: int
    radius: int  # metres


# The authority's own area is centred on Birmingham (the generator's default LA, 330).
OWN_AREA = Area("330", "E08000025", "Birmingham", 407_000, 287_000, 9_000)
NEIGHBOURS = {
    "WS": Area("335", "E08000030", "Walsall", 401_500, 298_500, 5_000),
    "WV": Area("336", "E08000031", "Wolverhampton", 391_500, 298_500, 5_000),
    "DY": Area("332", "E08000027", "Dudley", 394_000, 290_000, 5_000),
    "CV": Area("331", "E08000026", "Coventry", 433_500, 279_000, 5_000),
    # Worcestershire (885) is a county: its postcodes lie in the district of Worcester.
    "WR": Area("885", "E07000237", "Worcester", 385_000, 255_000, 5_000),
    "ST": Area("861", "E06000021", "Stoke-on-Trent", 388_500, 347_000, 5_000),
    "LE": Area("856", "E06000016", "Leicester", 458_500, 304_500, 4_000),
}
# DfE LA code to ONS code, for an authority set (SAFEGUARD_LA_CODE) to one of the map's areas.
ONS_CODE_FOR = {area.dfe_code: area.ons_code for area in [OWN_AREA, *NEIGHBOURS.values()]}


@dataclass(frozen=True)
class PostcodePlace:
    """One row of the look-up: a postcode, its authority (DfE and ONS codes) and grid reference."""

    postcode: str
    la: str
    ons_la: str
    easting: int
    northing: int


class UnknownOnsCode(ValueError):
    """The authority's ONS code is neither given nor known for its DfE code."""


def authority_codes(*, ons_code: str | None = None) -> tuple[str, str]:
    """Return the authority's (DfE, ONS) codes: SAFEGUARD_LA_CODE and its ONS code.

    Raise UnknownOnsCode where ons_code is not given and the DfE code is not on the map, and
    ValueError where ons_code is not of the form E08000025.
    """
    dfe = str(settings.SAFEGUARD_LA_CODE)
    if ons_code is not None:
        ons_code = ons_code.strip().upper()
        if not _ONS_CODE.match(ons_code):
            raise ValueError("an ONS code is a letter and eight digits, like E08000025")
        return dfe, ons_code
    if dfe not in ONS_CODE_FOR:
        raise UnknownOnsCode(
            f"the ONS code of LA {dfe} is not known here: give it (e.g. E08000025 for 330)"
        )
    return dfe, ONS_CODE_FOR[dfe]


def postcode_area(postcode: str) -> str:
    """Return a postcode's area letters ("B" of "B12 3AB"), or "" where it has none."""
    found = _AREA.match(postcode.replace(" ", "").upper())
    return found.group(1) if found else ""


def normalised(postcode: str) -> str:
    """Return a postcode upper case, with one space before the inward code (its last three)."""
    key = postcode.replace(" ", "").upper()
    return f"{key[:-3]} {key[-3:]}" if len(key) > 3 else key


def postcode_place(postcode: str, *, la: str, ons_la: str) -> PostcodePlace:
    """Return where a synthetic postcode lies; `la`/`ons_la` are the authority's own codes."""
    neighbour = NEIGHBOURS.get(postcode_area(postcode))
    area = neighbour or OWN_AREA
    key = postcode.replace(" ", "").upper()
    digest = hashlib.blake2b(key.encode(), digest_size=8, person=b"sg-geo").digest()
    turn = int.from_bytes(digest[:4]) / 2**32
    # The square root spreads points evenly over the disc rather than bunching at its centre.
    reach = math.sqrt(int.from_bytes(digest[4:]) / 2**32) * area.radius
    return PostcodePlace(
        postcode=normalised(postcode),
        la=neighbour.dfe_code if neighbour else la,
        ons_la=neighbour.ons_code if neighbour else ons_la,
        easting=round(area.easting + reach * math.cos(2 * math.pi * turn)),
        northing=round(area.northing + reach * math.sin(2 * math.pi * turn)),
    )


def places(postcodes, *, la: str, ons_la: str) -> list[PostcodePlace]:
    """Return the look-up rows for the given postcodes, one per postcode, in postcode order."""
    keys = {normalised(pc) for pc in postcodes if pc and pc.strip()}
    return [postcode_place(pc, la=la, ons_la=ons_la) for pc in sorted(keys)]
