# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 cross-table rules: missing periods against placements, adoption decisions and
adoptions against episodes, motherhood, previous permanence and children with no episodes."""

from collections import defaultdict
from datetime import date

from safeguard.returns.cin_census.rules.y2025_26.la_codes import LA_CODES
from safeguard.returns.ssda903.rules import QUERY, age
from safeguard.returns.ssda903.rules.y2025_26.adoption import AD1_COLUMNS
from safeguard.returns.ssda903.rules.y2025_26.episodes import ADOPTED
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

SHORT_BREAKS = frozenset({"V3", "V4"})
# Previous permanence arranged outside England, and 999 for an authority not known (accepted
# by the community validator too).
OUTSIDE_ENGLAND = frozenset({"WAL", "SCO", "NIR", "NUK", "999"})
# Previous permanence has been collected for children starting care since this date.
PREVIOUS_PERMANENCE_FROM = date(2016, 4, 1)
OC3_ANSWERS = ("IN_TOUCH", "ACTIV", "ACCOM")


def _eighteenth_birthday(born: date) -> date:
    try:
        return born.replace(year=born.year + 18)
    except ValueError:  # born on 29 February
        return born.replace(year=born.year + 18, day=28)


def _adopted_in_year(c) -> dict[str, list[int]]:
    """Return {child: [indexes of episodes ending in adoption within the year]}."""
    adopted = defaultdict(list)
    for i, row in enumerate(c.table("Episodes")):
        ended = c.d(row, "DEC")
        if row["REC"] in ADOPTED and ended and c.start <= ended <= c.end:
            adopted[row["CHILD"]].append(i)
    return adopted


@RULES.rule(
    "575",
    "Missing",
    ["MIS_END"],
    "If the placement from which the child goes missing/away from placement without authorisation ends, the missing/away from placement without authorisation period in the missing module must also have an end date.",
)
def missing_ends_when_placement_ends(c):
    for i, row in enumerate(c.table("Missing")):
        went = c.d(row, "MIS_START")
        if row["MIS_END"] or went is None:
            continue
        for _, episode in c.episodes_by_child.get(row["CHILD"], []):
            started, ended = c.d(episode, "DECOM"), c.d(episode, "DEC")
            if started and ended and started <= went <= ended:
                yield i
                break


@RULES.rule(
    "580",
    "Episodes",
    ["REC"],
    "Child is missing when cease being looked after but reason episode ceased not ‘E8’.",
)
def missing_at_18_ceased_e8(c):
    # A child still missing on their 18th birthday leaves care that day, for "any other reason".
    missing_at_18 = set()
    for row in c.table("Missing"):
        born, found = c.d(row, "DOB"), c.d(row, "MIS_END")
        if born and found and found == _eighteenth_birthday(born):
            missing_at_18.add((row["CHILD"], found))
    for i, row in enumerate(c.table("Episodes")):
        if (row["CHILD"], c.d(row, "DEC")) in missing_at_18 and row["REC"] != "E8":
            yield i


@RULES.rule(
    "579",
    "PlacedAdoption",
    ["DATE_PLACED", "DATE_PLACED_CEASED"],
    "A new decision that the child should be placed for adoption this year cannot start when the previous decision is still open. Decisions to place the child for adoption should also not overlap. The date of any new decision to place the child for adoption must not be before the date placed ceased of previous decisions.",
)
def adoption_decisions_do_not_overlap(c):
    by_child = defaultdict(list)
    for i, row in enumerate(c.table("PlacedAdoption")):
        by_child[row["CHILD"]].append((c.d(row, "DATE_PLACED") or date.max, i, row))
    for decisions in by_child.values():
        decisions.sort(key=lambda d: d[:2])
        for (_, _, before), (placed, i, _) in zip(decisions, decisions[1:], strict=False):
            before_ceased = c.d(before, "DATE_PLACED_CEASED")
            if before_ceased is None or placed < before_ceased:
                yield i


@RULES.rule(
    "583",
    "PlacedAdoption",
    ["DATE_PLACED", "DATE_PLACED_CEASED"],
    "More than one date the child should be placed for adoption has been reported, but an earlier decision has not been revoked. Check that both dates are required and add in the date the earlier decision was revoked. Note this may be in a previous year.",
)
def earlier_adoption_decisions_revoked(c):
    by_child = defaultdict(list)
    for i, row in enumerate(c.table("PlacedAdoption")):
        by_child[row["CHILD"]].append((c.d(row, "DATE_PLACED") or date.min, i, row))
    for decisions in by_child.values():
        latest = max(decisions, key=lambda d: d[:2])
        for decision in decisions:
            if decision is not latest and not decision[2]["DATE_PLACED_CEASED"]:
                yield decision[1]


@RULES.rule(
    "582",
    "Episodes",
    ["DATE_MATCH", "DEC"],
    "Child is showing as ceasing to be looked after due to adoption, but the date of adoption is the same as the date reported for being matched with adopters. In most circumstances we expect the date the child is matched with adopters to be before the date of adoption.",
    level=QUERY,
)
def adopted_after_matching(c):
    matched = defaultdict(set)
    for row in c.table("AD1"):
        matched[row["CHILD"]].add(c.d(row, "DATE_MATCH"))
    for i, row in enumerate(c.table("Episodes")):
        adopted = c.d(row, "DEC")
        if row["REC"] in ADOPTED and adopted and adopted in matched[row["CHILD"]]:
            yield i


@RULES.rule(
    "601",
    "Episodes",
    ["DATE_INT", "DATE_MATCH", "FOSTER_CARE", "LS_ADOPTR", "NB_ADOPTR", "REC", "SEX_ADOPTR"],
    "The additional fields relating to adoption have not been completed although the episode data shows that the child was adopted during the year.",
)
def adoption_details_completed(c):
    # A child with no AD1 row at all has not had the fields completed either.
    complete = {row["CHILD"] for row in c.table("AD1") if all(row[col] for col in AD1_COLUMNS)}
    for child, indexes in _adopted_in_year(c).items():
        if child not in complete:
            yield from indexes


@RULES.rule(
    "602",
    "AD1",
    ["CHILD"],
    "The episode data submitted for this child does not show that he/she was adopted during the year.",
)
def adoption_details_only_for_adopted(c):
    adopted = _adopted_in_year(c)
    for i, row in enumerate(c.table("AD1")):
        if any(row[col] for col in AD1_COLUMNS) and row["CHILD"] not in adopted:
            yield i


@RULES.rule(
    "607",
    "Header",
    ["DEC", "LS", "MOTHER", "REC", "SEX"],
    "Child ceased to be looked after in the year, but mother field has not been completed.",
)
def mother_completed_for_girls_leaving_care(c):
    left_care = set()
    for row in c.table("Episodes"):
        ended = c.d(row, "DEC")
        if (
            ended
            and c.start <= ended <= c.end
            and row["REC"] not in ("", "X1")
            and row["LS"] not in SHORT_BREAKS
        ):
            left_care.add(row["CHILD"])
    for i, row in enumerate(c.table("Header")):
        if row["SEX"] == "F" and not row["MOTHER"] and row["CHILD"] in left_care:
            yield i


@RULES.rule(
    "611",
    "Header",
    ["MC_DOB", "MOTHER"],
    "Date of birth field is blank, but child is a mother.",
)
def mothers_child_dob_given(c):
    for i, row in enumerate(c.table("Header")):
        if row["MOTHER"] == "1" and not row["MC_DOB"]:
            yield i


@RULES.rule(
    "612",
    "Header",
    ["MC_DOB", "MOTHER", "SEX"],
    "Date of birth field has been completed but mother field indicates child is not a mother.",
)
def mothers_child_dob_only_for_mothers(c):
    for i, row in enumerate(c.table("Header")):
        if row["SEX"] == "F" and row["MOTHER"] in ("", "0") and row["MC_DOB"]:
            yield i


@RULES.rule(
    "620",
    "Header",
    ["DOB", "MOTHER"],
    "Child has been recorded as a mother, but date of birth shows that the mother is under 11 years of age.",
)
def mother_at_least_11(c):
    for i, row in enumerate(c.table("Header")):
        years = age(c.d(row, "DOB"), c.start)
        if row["MOTHER"] == "1" and years is not None and years < 11:
            yield i


@RULES.rule(
    "621",
    "Header",
    ["DOB", "MC_DOB"],
    "Mother’s field has been completed but date of birth shows that the mother is younger than her child.",
)
def mother_older_than_her_child(c):
    for i, row in enumerate(c.table("Header")):
        born, child_born = c.d(row, "DOB"), c.d(row, "MC_DOB")
        if born and child_born and child_born <= born:
            yield i


@RULES.rule(
    "625",
    "Header",
    ["DEC", "MC_DOB"],
    "Date of birth of the first child is beyond the end of this reporting year or the date the child ceased to be looked after.",
)
def mothers_child_born_while_in_care_or_year(c):
    for i, row in enumerate(c.table("Header")):
        child_born = c.d(row, "MC_DOB")
        if child_born is None:
            continue
        episodes = c.episodes_by_child.get(row["CHILD"])
        # The latest episode's end is when the child left care; an open one means still in care.
        left_care = c.d(episodes[-1][1], "DEC") if episodes else None
        if child_born > c.end or (left_care and child_born > left_care):
            yield i


@RULES.rule(
    "628",
    "Header",
    ["MOTHER"],
    "Motherhood details are not required for care leavers who have not been looked after during the year.",
)
def no_motherhood_for_care_leavers_only(c):
    care_leavers = {row["CHILD"] for row in c.table("OC3") if any(row[col] for col in OC3_ANSWERS)}
    for i, row in enumerate(c.table("Header")):
        child = row["CHILD"]
        if row["MOTHER"] and child in care_leavers and not c.episodes_by_child.get(child):
            yield i


@RULES.rule(
    "633",
    "PrevPerm",
    ["LA_PERM"],
    "Local authority code where previous permanence option was arranged is not a valid value.",
)
def previous_permanence_authority_valid(c):
    for i, row in enumerate(c.table("PrevPerm")):
        if row["LA_PERM"] and row["LA_PERM"] not in LA_CODES | OUTSIDE_ENGLAND:
            yield i


@RULES.rule(
    "634",
    "PrevPerm",
    ["DATE_PERM", "DECOM", "LA_PERM", "PREV_PERM"],
    "There are entries for previous permanence options, but child has not started to be looked after from 1 April 2016 onwards.",
)
def previous_permanence_only_since_2016(c):
    for i, row in enumerate(c.table("PrevPerm")):
        episodes = c.episodes_by_child.get(row["CHILD"])
        if not episodes or not any(row[col] for col in ("PREV_PERM", "DATE_PERM", "LA_PERM")):
            continue
        starts = [c.d(episode, "DECOM") for _, episode in episodes]
        if all(start and start < PREVIOUS_PERMANENCE_FROM for start in starts):
            yield i


@RULES.rule(
    "EPI",
    "Header",
    ["CHILD"],
    "WARNING: Episodes need to be loaded for this child before further validation is possible [NOTE: This refers to the DfE portal - here, all checks that can be performed with only the available data will be.]",
    level=QUERY,
)
def header_child_has_episodes(c):
    care_leavers = {row["CHILD"] for row in c.table("OC3")}
    for i, row in enumerate(c.table("Header")):
        child = row["CHILD"]
        if not c.episodes_by_child.get(child) and child not in care_leavers:
            yield i
