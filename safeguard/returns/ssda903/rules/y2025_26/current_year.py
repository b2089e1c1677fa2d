# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 cross-file rules on care leavers, adoption and placement changes.

Listed among the rules that need more than the return, these need this year's files alone.
"""

from datetime import date

from safeguard.returns.ssda903.rules import age
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

CARE_LEAVER_FIELDS = ("IN_TOUCH", "ACTIV", "ACCOM")
TEMPORARY = frozenset({"T0", "T1", "T2", "T3", "T4"})
# New episodes that are a change of placement (rule 225).
PLACEMENT_CHANGES = frozenset({"P", "B", "T", "U"})
# Tables a child with no episode this year should not appear in (rule 1012).
LOOKED_AFTER_TABLES = ("PlacedAdoption", "Missing", "Reviews", "AD1", "PrevPerm", "OC2")


def _care_leaver_info(row: dict[str, str]) -> bool:
    return any(row[f] for f in CARE_LEAVER_FIELDS)


def _birthday_in(born: date, year_ending: date) -> date:
    """Return the birthday on or before the year's end, in the twelve months before it."""
    for year in (year_ending.year, year_ending.year - 1):
        try:
            day = born.replace(year=year)
        except ValueError:  # 29 February
            day = born.replace(year=year, day=28)
        if day <= year_ending:
            return day
    raise AssertionError("unreachable")


def _last_episodes(c) -> dict[str, dict[str, str]]:
    """Return each child's latest episode by start date (undated episodes come first)."""
    latest = {}
    for child, rows in c.episodes_by_child.items():
        dated = [row for _, row in rows if c.d(row, "DECOM")]
        if dated:
            latest[child] = dated[-1]
    return latest


@RULES.rule(
    "1003",
    "PlacedAdoption",
    ["DATE_PLACED", "DECOM", "RNE"],
    "Date of LA's decision that a child should be placed for adoption is before the child started to be looked after.",
)
def adoption_decision_after_care_began(c):
    began = {}
    for child, rows in c.episodes_by_child.items():
        starts = [c.d(row, "DECOM") for _, row in rows if row["RNE"] == "S" and c.d(row, "DECOM")]
        if starts:
            began[child] = min(starts)
    for i, row in enumerate(c.table("PlacedAdoption")):
        decided = c.d(row, "DATE_PLACED")
        if decided and row["CHILD"] in began and decided < began[row["CHILD"]]:
            yield i


@RULES.rule(
    "1007",
    "OC3",
    ["IN_TOUCH", "ACTIV", "ACCOM"],
    "Care leaver information is not required for 17- or 18-year olds who are still looked after [on their 17th or 18th birthday.]",
)
def care_leaver_not_looked_after_on_birthday(c):
    for i, row in enumerate(c.table("OC3")):
        born = c.d(row, "DOB")
        if born is None or age(born, c.end) not in (17, 18) or not _care_leaver_info(row):
            continue
        birthday = _birthday_in(born, c.end)
        # Still looked after: an episode begun by the birthday and ending after it, or open
        # (the DfE's wording: "current episode DEC not provided").
        for _, episode in c.episodes_by_child.get(row["CHILD"], []):
            began, ended = c.d(episode, "DECOM"), c.d(episode, "DEC")
            if began and began <= birthday and (ended is None or ended > birthday):
                yield i
                break


@RULES.rule(
    "1009", "Episodes", ["REASON_PLACE_CHANGE"], "Reason for placement change is not a valid code."
)
def reason_place_change_code_valid(c):
    valid = c.codes("episodes", "REASON_PLACE_CHANGE")
    for i, row in enumerate(c.table("Episodes")):
        if row["REASON_PLACE_CHANGE"] and row["REASON_PLACE_CHANGE"] not in valid:
            yield i


@RULES.rule(
    "1011",
    "OC3",
    ["IN_TOUCH", "ACTIV", "ACCOM"],
    "This child is recorded as having his/her care transferred to another local authority for the final episode and therefore should not have the care leaver information completed.",
)
def care_leaver_not_transferred(c):
    latest = _last_episodes(c)
    for i, row in enumerate(c.table("OC3")):
        episode = latest.get(row["CHILD"])
        if episode and episode["REC"] == "E3" and _care_leaver_info(row):
            yield i


@RULES.rule(
    "1012",
    "Episodes",
    ["CHILD"],
    "No other data should be returned for OC3 children who had no episodes in the current year",
)
def no_looked_after_data_without_episodes(c):
    # Points at the rows of the other files, so the analyst sees each one to remove.
    looked_after = {r["CHILD"] for r in c.table("Episodes")}
    for table in LOOKED_AFTER_TABLES:
        for i, row in enumerate(c.table(table)):
            if row["CHILD"] not in looked_after:
                yield table, i


@RULES.rule(
    "1014",
    "OC3",
    ["ACTIV", "ACCOM", "IN_TOUCH", "DUC"],
    "UASC information is not required for care leavers",
)
def care_leaver_without_uasc(c):
    # A UASC child whose episodes (there are some) are none of them in the year is a care
    # leaver: given care leaver information, their OC3 and UASC rows are both reported.
    uasc = {r["CHILD"] for r in c.table("UASC")}
    leavers = {
        child
        for child, rows in c.episodes_by_child.items()
        if child in uasc and not any(_in_year(c, row) for _, row in rows)
    }
    flagged = set()
    for i, row in enumerate(c.table("OC3")):
        if row["CHILD"] in leavers and _care_leaver_info(row):
            flagged.add(row["CHILD"])
            yield i
    for i, row in enumerate(c.table("UASC")):
        if row["CHILD"] in flagged:
            yield "UASC", i


def _in_year(c, episode: dict[str, str]) -> bool:
    began, ended = c.d(episode, "DECOM"), c.d(episode, "DEC")
    if began is None or began > c.end:
        return False
    return not episode["DEC"] or (ended is not None and ended >= c.start)


@RULES.rule(
    "1016",
    "OC3",
    ["IN_TOUCH", "ACTIV", "ACCOM"],
    "Care leaver information is not required for 17- or 18-year olds who cease to be looked after, after their birthday.",
)
def care_leaver_left_care_after_birthday(c):
    for i, row in enumerate(c.table("OC3")):
        born = c.d(row, "DOB")
        years = age(born, c.end)
        if years not in (17, 18) or not _care_leaver_info(row):
            continue
        try:
            birthday = born.replace(year=born.year + years)
        except ValueError:  # 29 February
            birthday = born.replace(year=born.year + years, day=28)
        ended = [c.d(e, "DEC") for _, e in c.episodes_by_child.get(row["CHILD"], [])]
        if any(end and end > birthday for end in ended):
            yield i


@RULES.rule(
    "225", "Episodes", ["REASON_PLACE_CHANGE"], "Reason for placement change must be recorded."
)
def reason_place_change_recorded(c):
    for rows in c.episodes_by_child.values():
        for (i, episode), (_, following) in zip(rows, rows[1:], strict=False):
            if (
                episode["REC"] == "X1"
                and not episode["REASON_PLACE_CHANGE"]
                and episode["PLACE"] not in TEMPORARY
                and following["RNE"] in PLACEMENT_CHANGES
                and following["PLACE"] not in TEMPORARY
            ):
                yield i
