# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on an episode's Ofsted URN, most read against Ofsted's provider list.

Those that need the list (`Context.providers`) report nothing without it. An episode whose
URN is not on the list is reported once, by 1008, not again by every rule that compares it.
A rule whose DfE message warns of false positives ([NOTE: ...]) is a QUERY here: the analyst
confirms or explains it, it does not stop an export.
"""

from safeguard.returns.ssda903.rules import QUERY
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

NO_URN = "XXXXXXX"  # a regional adoption agency, which has no URN of its own
SHORT_BREAKS = frozenset({"V3", "V4"})
ADOPTION_AND_FOSTERING = frozenset({"A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"})
# Placements not registered with Ofsted in their own right (rule 222).
NOT_OFSTED = frozenset(
    {"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"}
)
# Placements whose URN names premises at the placement postcode (rule 221).
AT_PREMISES = frozenset({"K1", "K2", "K3", "R3", "S1"})
SUPPORTED_ACCOMMODATION = "K3"


def _with_urn(c):
    """Yield (index, episode) for episodes naming an Ofsted URN."""
    for i, row in enumerate(c.table("Episodes")):
        if row["URN"] and row["URN"] != NO_URN:
            yield i, row


def _with_provider(c):
    """Yield (index, episode, provider) for episodes whose URN is on the provider list."""
    if c.providers is None:
        return
    for i, row in _with_urn(c):
        provider = c.providers.get(row["URN"])
        if provider is not None:
            yield i, row, provider


@RULES.rule("1008", "Episodes", ["URN"], "Ofsted Unique Reference Number (URN) is not valid.")
def urn_on_provider_list(c):
    if c.providers is None:
        return
    for i, row in _with_urn(c):
        if c.providers.get(row["URN"]) is None:
            yield i


@RULES.rule(
    "219",
    "Episodes",
    ["URN", "PLACE"],
    "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement type recorded.",
)
def urn_allows_placement_type(c):
    for i, row, provider in _with_provider(c):
        if row["PLACE"] not in provider.place_codes:
            yield i


@RULES.rule(
    "221",
    "Episodes",
    ["PL_POST"],
    "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement postcode provided.",
)
def urn_at_placement_postcode(c):
    for i, row, provider in _with_provider(c):
        if (
            row["LS"] not in SHORT_BREAKS
            and row["PLACE"] in AT_PREMISES
            and row["PL_POST"]
            and row["PL_POST"].replace(" ", "").upper() != provider.postcode
        ):
            yield i


@RULES.rule(
    "222",
    "Episodes",
    ["URN"],
    "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
)
def urn_not_for_placement_type(c):
    for i, row in _with_urn(c):
        if row["PLACE"] in NOT_OFSTED:
            yield i


@RULES.rule(
    "224",
    "Episodes",
    ["PLACE_PROVIDER"],
    "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement provider recorded.",
)
def urn_allows_provider(c):
    for i, row, provider in _with_provider(c):
        if row["PLACE_PROVIDER"] not in provider.provider_codes:
            yield i


@RULES.rule(
    "227",
    "Episodes",
    ["URN", "DECOM"],
    "Ofsted Unique reference number (URN) is not valid for the episode start date.",
)
def urn_registered_at_start(c):
    for i, row, provider in _with_provider(c):
        began, ended = c.d(row, "DECOM"), provider.registration_ended
        if ended and began and began >= ended:
            yield i


@RULES.rule(
    "228",
    "Episodes",
    ["URN", "DEC"],
    "Ofsted Unique reference number (URN) is not valid for the episode end date [NOTE: may give false positives on open episodes at providers who close during the year]",
    QUERY,
)
def urn_registered_at_end(c):
    for i, row, provider in _with_provider(c):
        closed = provider.registration_ended
        if closed is None:
            continue
        # An open episode must have its provider still registered on 31 March.
        ended = c.d(row, "DEC") if row["DEC"] else c.end
        if ended and ended > closed:
            yield i


@RULES.rule(
    "229",
    "Episodes",
    ["URN", "PLACE_PROVIDER"],
    "Placement provider does not match between the placing authority and the local authority code of the provider. [NOTE: The provider's LA code is inferred from the its postcode, and may be inaccurate in some cases.]",
    QUERY,
)
def urn_own_provision_in_own_area(c):
    # PR1 (own provision) must be the authority's own; PR2 (another LA's) must not be.
    if c.la is None:
        return
    for i, row, provider in _with_provider(c):
        if row["PLACE"] in NOT_OFSTED or row["PLACE"] == SUPPORTED_ACCOMMODATION:
            continue
        las = c.providers.las(provider, c.postcodes)
        if not las:
            continue  # where the provider is, neither list says
        if (row["PLACE_PROVIDER"] == "PR1" and c.la not in las) or (
            row["PLACE_PROVIDER"] == "PR2" and c.la in las
        ):
            yield i


@RULES.rule("241", "Episodes", ["URN"], "LA of placement is not an LA the provider has premises.")
def urn_premises_in_placement_area(c):
    # Supported accommodation: the placement's LA (from PL_POST) must be one of the LAs in
    # which the provider has premises (from the list, or its postcode).
    if c.postcodes is None:
        return
    for i, row, provider in _with_provider(c):
        if row["PLACE"] != SUPPORTED_ACCOMMODATION:
            continue
        placed_in = c.postcodes.la(row["PL_POST"])
        las = c.providers.las(provider, c.postcodes)
        if placed_in and las and placed_in not in las:
            yield i


@RULES.rule(
    "242", "Episodes", ["URN"], "URN = 'XXXXXXX' can only be used for regional adoption agencies"
)
def no_urn_only_for_adoption_agencies(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["URN"] == NO_URN and row["PLACE"] not in ADOPTION_AND_FOSTERING:
            yield i
