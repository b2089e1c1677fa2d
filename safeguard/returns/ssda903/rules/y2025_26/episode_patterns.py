# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on episodes over time: short breaks, remands, temporary and adoptive placements."""

from collections import defaultdict
from datetime import date

from safeguard.returns.ssda903.rules.y2025_26.continuous_care import birthday
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

SHORT_BREAKS = frozenset({"V3", "V4"})
TEMPORARY = frozenset({"T0", "T1", "T2", "T3", "T4"})
ADOPTED = frozenset({"E11", "E12"})
# Placed for adoption with the child's current foster carers (A3 with consent, A5 with a
# placement order), so the placement before must be a foster or adoptive one.
ADOPTED_BY_FOSTER_CARERS = frozenset({"A3", "A5"})
FOSTER_OR_ADOPTIVE = frozenset({"A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"})
# RNE codes that keep the carers: S (a new period), T and U (carers stayed the same).
SAME_CARERS_OR_NEW = frozenset({"S", "T", "U"})
A3_A5_RULE_FROM = date(2015, 4, 1)
REMAND_DAYS = 21
RESPITE_DAYS_A_YEAR = 75


@RULES.rule(
    "214",
    "Episodes",
    ["PL_POST", "URN"],
    "Placement location information not required.",
)
def no_placement_location_for_short_breaks(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["LS"] in SHORT_BREAKS and (row["PL_POST"] or row["URN"]):
            yield i


@RULES.rule(
    "398",
    "Episodes",
    ["HOME_POST", "LS", "PL_POST"],
    "Distance field completed but child looked after under legal status V3 or V4.",
)
def no_postcodes_for_short_breaks(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["LS"] in SHORT_BREAKS and (row["HOME_POST"] or row["PL_POST"]):
            yield i


@RULES.rule(
    "366",
    "Episodes",
    ["RNE"],
    "A child cannot change placement during the course of an individual short-term respite break.",
)
def respite_starts_as_new_period(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["LS"] == "V3" and row["RNE"] != "S":
            yield i


@RULES.rule(
    "367",
    "Episodes",
    ["DEC", "DECOM", "LS"],
    "The maximum amount of respite care allowable is 75 days in any 12-month period.",
)
def respite_75_days_a_year(c):
    # Days of respite (V3) within the collection year, added up for each child.
    days, rows = defaultdict(int), defaultdict(list)
    for i, row in enumerate(c.table("Episodes")):
        started = c.d(row, "DECOM")
        if row["LS"] != "V3" or started is None:
            continue
        ended = c.d(row, "DEC") if row["DEC"] else c.end
        if ended is None:
            continue
        length = (min(ended, c.end) - max(started, c.start)).days
        if length > 0:
            days[row["CHILD"]] += length
            rows[row["CHILD"]].append(i)
    for child, total in days.items():
        if total > RESPITE_DAYS_A_YEAR:
            yield from rows[child]


@RULES.rule(
    "364",
    "Episodes",
    ["DEC", "DECOM", "LS"],
    "Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the time a child can be detained in custody in Local Authority (LA) accommodation.",
)
def pace_remand_21_days(c):
    # Back-to-back J2 episodes are one detention; one still open runs to 31 March.
    for rows in c.episodes_by_child.values():
        spell, days, spell_end = [], 0, None
        for i, row in rows:
            started = c.d(row, "DECOM")
            if row["LS"] != "J2" or started is None:
                continue
            ended = c.d(row, "DEC") or c.end
            if spell and spell_end is not None and started > spell_end:
                if days > REMAND_DAYS:
                    yield from spell
                spell, days = [], 0
            spell.append(i)
            days += (ended - started).days
            spell_end = ended
        if days > REMAND_DAYS:
            yield from spell


@RULES.rule(
    "377",
    "Episodes",
    ["PLACE"],
    "Only two temporary placements coded as being due to holiday of usual foster carer(s) are allowed in any 12- month period.",
)
def two_carer_holidays_a_year(c):
    for rows in c.episodes_by_child.values():
        holidays = [(c.d(row, "DECOM"), i) for i, row in rows if row["PLACE"] == "T3"]
        holidays = [(started, i) for started, i in holidays if started]
        flagged = set()
        # Any three holiday placements starting within a year of each other are one too many.
        for (first, _), (third, _) in zip(holidays, holidays[2:], strict=False):
            if third < birthday(first, 1):
                flagged.update(i for started, i in holidays if first <= started <= third)
        yield from sorted(flagged)


@RULES.rule(
    "383",
    "Episodes",
    ["PLACE", "PL_POST", "RNE"],
    "A child in a temporary placement must subsequently return to his/her normal placement.",
)
def back_to_usual_placement_after_temporary(c):
    for rows in c.episodes_by_child.values():
        for (_, usual), (_, temporary), (i, row) in zip(rows, rows[1:], rows[2:], strict=False):
            if temporary["PLACE"] in TEMPORARY and (
                row["RNE"] != "P"
                or row["PLACE"] != usual["PLACE"]
                or row["PL_POST"] != usual["PL_POST"]
            ):
                yield i


@RULES.rule(
    "217",
    "Episodes",
    ["DECOM", "PLACE", "RNE"],
    "Children who are placed for adoption with current foster carers (placement types A3 or A5) must have a reason for new episode of S, T or U.",
)
def adopted_by_foster_carers_same_carers(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["PLACE"] not in ADOPTED_BY_FOSTER_CARERS or row["RNE"] in SAME_CARERS_OR_NEW:
            continue
        started = c.d(row, "DECOM")
        if started and started >= A3_A5_RULE_FROM:
            yield i


@RULES.rule(
    "336",
    "Episodes",
    ["PLACE"],
    "Child does not have a foster placement immediately prior to being placed for adoption.",
)
def foster_placement_before_adoption_by_carers(c):
    for rows in c.episodes_by_child.values():
        for (_, before), (i, row) in zip(rows, rows[1:], strict=False):
            if (
                row["PLACE"] in ADOPTED_BY_FOSTER_CARERS
                and before["PLACE"] not in FOSTER_OR_ADOPTIVE
            ):
                yield i


@RULES.rule(
    "199",
    "Episodes",
    ["CHILD"],
    "Episode information shows child has been previously adopted from care. [NOTE: This only tests the current and previous year data loaded into the tool]",
)
def nothing_after_adoption(c):
    # This return's episodes only: an episode after the child's first adoption from care.
    for rows in c.episodes_by_child.values():
        adopted = False
        for i, row in rows:
            if c.d(row, "DECOM") is None:
                continue
            if adopted:
                yield i
            adopted = adopted or row["REC"] in ADOPTED


@RULES.rule(
    "359",
    "Episodes",
    ["DEC", "LS", "PLACE"],
    "Child being looked after following 18th birthday must be accommodated under section 20(5) of the Children Act 1989 in a community home.",
)
def over_18_only_in_community_home(c):
    for i, row in enumerate(c.table("Episodes")):
        born = c.dob.get(row["CHILD"])
        if (
            born
            and not row["DEC"]
            and birthday(born, 18) < c.end
            and not (row["LS"] == "V2" and row["PLACE"] == "K2")
        ):
            yield i


@RULES.rule(
    "460",
    "Episodes",
    ["DEC", "REC"],
    "Reason episode ceased is that child stayed with current carers at age 18 (or above), but child is aged under 18.",
)
def staying_put_from_18(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["REC"] != "E17":
            continue
        born, ended = c.dob.get(row["CHILD"]), c.d(row, "DEC")
        if born and ended and ended < birthday(born, 18):
            yield i
