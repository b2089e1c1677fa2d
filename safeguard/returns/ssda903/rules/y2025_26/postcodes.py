# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on an episode's postcodes and what the DfE derives from them.

The DfE derives three values from the home and placement postcodes: PL_LA (the local
authority, or nation, of the placement), PL_LOCATION (IN the authority's area or OUT of it) and
PL_DISTANCE (miles from home to placement). Here they come from a postcode look-up
(`Context.postcodes`); the rules that read them report nothing without one, and those that
compare with the authority's own area also need its code (`Context.la`). 392b and 392d read
the postcodes as written and always run.
A rule whose DfE message warns of false positives ([NOTE: ...]) is a QUERY here: the analyst
confirms or explains it, it does not stop an export.
"""

from safeguard.returns.ssda903.rules import QUERY
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

SHORT_BREAKS = frozenset({"V3", "V4"})
# Outside the DfE's Ofsted-registered area: other nations, not known, and "CON" (confidential).
NOT_OFSTED_AREAS = frozenset({"CON", "NIR", "SCO", "WAL", "NUK"})
FURTHEST_MILES = 999.9
# Placements an authority's own provision (PR1) need not be in its own area for (rule 1015).
OWN_PROVISION_ANYWHERE = frozenset(
    {"A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6", "K3"}
)


def _ever_uasc(c) -> set[str]:
    """Return the children UASC this year or, where last year's return is given, last year."""
    children = {r["CHILD"] for r in c.table("UASC")}
    if c.previous is not None:
        children |= {r["CHILD"] for r in c.previous.tables.get("UASC", [])}
    return children


def _looked_after_not_uasc(c):
    """Yield (index, episode) for episodes not short breaks of children never UASC.

    The DfE does not ask where a UASC (or former UASC) child's home was.
    """
    uasc = _ever_uasc(c)
    for i, row in enumerate(c.table("Episodes")):
        if row["LS"] not in SHORT_BREAKS and row["CHILD"] not in uasc:
            yield i, row


def _not_short_breaks(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["LS"] not in SHORT_BREAKS:
            yield i, row


@RULES.rule(
    "164",
    "Episodes",
    ["PL_DISTANCE"],
    "Distance is not valid. Please check a valid postcode has been entered. [NOTE: This check will result in false positives for children formerly UASC not identified as such in loaded data]",
    QUERY,
)
def distance_in_range(c):
    if c.postcodes is None:
        return
    for i, row in _looked_after_not_uasc(c):
        miles = c.postcodes.miles(row["HOME_POST"], row["PL_POST"])
        if miles is not None and not 0 <= miles <= FURTHEST_MILES:
            yield i


@RULES.rule(
    "169",
    "Episodes",
    ["PL_LA"],
    "Local Authority (LA) of placement is not valid or is missing. Please check a valid postcode has been entered.",
)
def placement_la_known(c):
    if c.postcodes is None:
        return
    for i, row in _not_short_breaks(c):
        if c.postcodes.la(row["PL_POST"]) is None:
            yield i


@RULES.rule("179", "Episodes", ["PL_LOCATION"], "Placement location code is not a valid code.")
def placement_location_known(c):
    if c.postcodes is None or c.la is None:
        return
    for i, row in _not_short_breaks(c):
        if c.postcodes.location(row["PL_POST"], c.la) is None:
            yield i


@RULES.rule(
    "392a",
    "Episodes",
    ["PL_DISTANCE"],
    "Child is looked after but no distance is recorded. [NOTE: This check may result in false positives for children formerly UASC]",
    QUERY,
)
def distance_known(c):
    if c.postcodes is None:
        return
    for i, row in _looked_after_not_uasc(c):
        if c.postcodes.miles(row["HOME_POST"], row["PL_POST"]) is None:
            yield i


@RULES.rule(
    "392b",
    "Episodes",
    ["HOME_POST", "PL_POST"],
    "Child is looked after but no postcodes are recorded. [NOTE: This check may result in false positives for children formerly UASC, particularly if current & prior year UASC data not loaded]",
    QUERY,
)
def postcodes_recorded(c):
    for i, row in _looked_after_not_uasc(c):
        if not row["HOME_POST"] or not row["PL_POST"]:
            yield i


@RULES.rule("392c", "Episodes", ["HOME_POST", "PL_POST"], "Postcode(s) provided are invalid.")
def postcodes_valid(c):
    if c.postcodes is None:
        return
    for i, row in enumerate(c.table("Episodes")):
        if any(pc and c.postcodes.place(pc) is None for pc in (row["HOME_POST"], row["PL_POST"])):
            yield i


@RULES.rule(
    "392d",
    "Episodes",
    ["HOME_POST", "PL_POST", "PLACE"],
    "Home and placement postcodes should not be same unless the placement type is P1.",
)
def home_and_placement_postcodes_differ(c):
    for i, row in enumerate(c.table("Episodes")):
        home, placed = (row[col].replace(" ", "").upper() for col in ("HOME_POST", "PL_POST"))
        if row["PLACE"] != "P1" and home and home == placed:
            yield i


@RULES.rule(
    "411", "Episodes", ["PL_LOCATION"], "Placement location code disagrees with LA of placement."
)
def placement_location_agrees_with_la(c):
    if c.postcodes is None or c.la is None:
        return
    for i, row in enumerate(c.table("Episodes")):
        if (
            c.postcodes.location(row["PL_POST"], c.la) == "IN"
            and c.postcodes.la(row["PL_POST"]) != c.la
        ):
            yield i


@RULES.rule(
    "1015",
    "Episodes",
    ["PL_LA"],
    "Placement provider is own provision but child not placed in own LA.",
)
def own_provision_in_own_area(c):
    if c.postcodes is None or c.la is None:
        return
    for i, row in _not_short_breaks(c):
        if (
            row["PLACE_PROVIDER"] == "PR1"
            and row["PLACE"]
            and row["LS"]
            and row["PLACE"] not in OWN_PROVISION_ANYWHERE
        ):
            placed_in = c.postcodes.la(row["PL_POST"])
            # An unknown placement area is 169's to report.
            if placed_in is not None and placed_in != c.la:
                yield i


@RULES.rule(
    "243",
    "Episodes",
    ["URN"],
    "Only placements with providers registered with Ofsted should have a URN reported.",
)
def urn_only_in_ofsted_area(c):
    if c.postcodes is None:
        return
    for i, row in enumerate(c.table("Episodes")):
        if row["URN"] and c.postcodes.la(row["PL_POST"]) in NOT_OFSTED_AREAS:
            yield i
