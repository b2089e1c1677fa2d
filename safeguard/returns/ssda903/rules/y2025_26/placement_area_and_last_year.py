# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on the placement's area and distance from home, and a care leaver's death,
that read what the return alone does not hold.

PL_LA (the placement's local authority) and PL_DISTANCE (miles from home to placement) are
what the DfE derives from the placement and home postcodes; here they come from the postcode
look-up (`Context.postcodes`), and the rules that read them report nothing without one. A blank
postcode derives a blank value; a postcode the look-up does not know derives nothing to check
(169, 179, 392a and 392c report it). The rules comparing with last year (348, 452, 453) report
nothing without last year's return (`Context.previous`).

452 and 453 read this year's first episode and last year's last one as 502 and 503A-J do
(`previous_year_episodes`): the earliest episode still open on 1 April or starting in the year,
and the one that started latest last year.
A rule whose DfE message warns of false positives ([NOTE: ...]) is a QUERY here.
"""

from safeguard.returns.ssda903.rules import QUERY
from safeguard.returns.ssda903.rules.y2025_26.postcodes import _ever_uasc
from safeguard.returns.ssda903.rules.y2025_26.previous_year import _last
from safeguard.returns.ssda903.rules.y2025_26.previous_year_episodes import (
    DISTANCE_TOLERANCE,
    _continuing,
)
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

SHORT_BREAKS = frozenset({"V3", "V4"})
DIED = "DIED"
FURTHEST_EXPECTED_MILES = 350
# The DfE's distance for a placement it cannot measure; not "over 350 miles".
DISTANCE_NOT_MEASURED = 999.9


def _placement_la(c, row: dict[str, str]) -> str | None:
    """Return the episode's PL_LA: "" if no placement postcode, None if the look-up lacks it."""
    if not row["PL_POST"].strip():
        return ""
    return c.postcodes.la(row["PL_POST"])


def _distance(c, row: dict[str, str]) -> float | str | None:
    """Return the episode's PL_DISTANCE: "" if a postcode is blank, None if one is unknown."""
    home, placed = row["HOME_POST"], row["PL_POST"]
    if not home.strip() or not placed.strip():
        return ""
    return c.postcodes.miles(home, placed)


def _carried_on(c):
    """Yield (index, first episode this year, last year's open last episode) of the same reason.

    The same reason for new episode marks this year's first episode as the one carried on from
    last year, whose derived values should not have changed.
    """
    if c.postcodes is None:
        return
    for i, row, before in _continuing(c):
        if row["RNE"].strip().upper() == before["RNE"].strip().upper():
            yield i, row, before


@RULES.rule(
    "348",
    "OC3",
    ["IN_TOUCH"],
    "Care leaver has previously been reported as having died. ",
)
def care_leaver_died_last_year(c):
    died_last_year = {r["CHILD"] for r in _last(c, "OC3") if r["IN_TOUCH"].strip().upper() == DIED}
    for i, row in enumerate(c.table("OC3")):
        if row["CHILD"] in died_last_year and row["IN_TOUCH"].strip().upper() != DIED:
            yield i


@RULES.rule(
    "452",
    "Episodes",
    ["PL_LA"],
    "Contradiction between local authority of placement code in the last episode of the previous year and in the first episode of the current year.",
)
def placement_la_carried_on_from_last_year(c):
    for i, row, before in _carried_on(c):
        now, then = _placement_la(c, row), _placement_la(c, before)
        if now is not None and then is not None and now != then:
            yield i


@RULES.rule(
    "453",
    "Episodes",
    ["PL_DISTANCE"],
    "Contradiction between placement distance in the last episode of the previous year and in the first episode of the current year.",
)
def placement_distance_carried_on_from_last_year(c):
    for i, row, before in _carried_on(c):
        now, then = _distance(c, row), _distance(c, before)
        if now is None or then is None:
            continue
        if now == "" or then == "":
            # A distance that appears or disappears is as much a contradiction as a change.
            if now != then:
                yield i
        elif round(abs(now - then), 1) >= DISTANCE_TOLERANCE:
            yield i


@RULES.rule(
    "406",
    "Episodes",
    ["PL_DISTANCE"],
    "Child is Unaccompanied Asylum-Seeking Child (UASC) or was formerly UASC. Distance should be blank. [NOTE: This check will result in false negatives for children formerly UASC not identified as such in loaded data]",
)
def no_distance_for_uasc(c):
    # The DfE derives a distance from any home and placement postcodes given, so a UASC
    # child's home postcode is left blank.
    if c.postcodes is None:
        return
    uasc = _ever_uasc(c)
    for i, row in enumerate(c.table("Episodes")):
        if row["CHILD"] in uasc and _distance(c, row) not in ("", None):
            yield i


@RULES.rule(
    "420",
    "Episodes",
    ["PL_LA"],
    "LA of placement completed but child is looked after under legal status V3 or V4.",
)
def no_placement_la_for_short_breaks(c):
    if c.postcodes is None:
        return
    for i, row in enumerate(c.table("Episodes")):
        if row["LS"].strip().upper() in SHORT_BREAKS and _placement_la(c, row):
            yield i


@RULES.rule(
    "454",
    "Episodes",
    ["PL_DISTANCE"],
    "Placement distance from home is over 350 miles. [NOTE: This check will result in false positives for children formerly UASC not identified as such in loaded data]",
    QUERY,
)
def placement_within_350_miles(c):
    # A UASC child's "home" may be where they arrived, far from anywhere they lived: the DfE
    # leaves them out (406 asks for no distance at all).
    if c.postcodes is None:
        return
    uasc = _ever_uasc(c)
    for i, row in enumerate(c.table("Episodes")):
        if row["CHILD"] in uasc:
            continue
        miles = _distance(c, row)
        if miles in ("", None) or miles == DISTANCE_NOT_MEASURED:
            continue
        if miles > FURTHEST_EXPECTED_MILES:
            yield i
