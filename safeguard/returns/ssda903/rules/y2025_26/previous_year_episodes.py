# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules that carry last year's open episode and adoption decision into this year.

Like the other rules that read last year's return (`Context.previous`), they report nothing
when it is not given.

This year's first episode is the child's earliest episode still open on 1 April or starting in
the year. An episode that ended before 1 April was last year's to report: this year's file may
still hold it to show where the period of care began, and it is not the episode that continues
last year's. Last year's last episode is the one that started latest.

PL_DISTANCE, PL_LA and PL_LOCATION are what the DfE derives from the postcodes; both years'
are derived here from the one postcode look-up (`Context.postcodes`). A blank postcode gives a
blank value, which differs from any other; a postcode the look-up does not know gives nothing
to compare (169, 179, 392a and 392c report it).
"""

import operator
from datetime import date

from safeguard.returns.ssda903.reader import parse_date
from safeguard.returns.ssda903.rules.y2025_26.previous_year import _last
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

# A code that a year split into several: last year's code continues as any of them.
# 2025/26 split Z1 (other placement) into Z11 to Z14.
PLACE_SPLIT = {"2025/26": {"Z1": frozenset({"Z11", "Z12", "Z13", "Z14"})}}
# The DfE rounds distances to a tenth of a mile; less than 0.2 apart is the same distance.
DISTANCE_TOLERANCE = 0.2


def _first_this_year(c) -> dict[str, tuple[int, dict[str, str]]]:
    """Return {child: (row index, episode)} for each child's first episode of the year."""
    first = {}
    for child, rows in c.episodes_by_child.items():
        for i, row in rows:
            ended = c.d(row, "DEC")
            if c.d(row, "DECOM") and (ended is None or ended >= c.start):
                first[child] = (i, row)
                break
    return first


def _last_episode_last_year(c) -> dict[str, dict[str, str]]:
    """Return each child's episode that started latest in last year's return."""
    latest: dict[str, tuple[date, dict[str, str]]] = {}
    for row in _last(c, "Episodes"):
        began = parse_date(row["DECOM"])
        if began and (row["CHILD"] not in latest or began >= latest[row["CHILD"]][0]):
            latest[row["CHILD"]] = (began, row)
    return {child: row for child, (_, row) in latest.items()}


def _continuing(c):
    """Yield (index, this year's first episode, last year's) where last year's was still open."""
    if c.previous is None:
        return
    last = _last_episode_last_year(c)
    for child, (i, row) in _first_this_year(c).items():
        before = last.get(child)
        if before is not None and parse_date(before["DEC"]) is None:
            yield i, row, before


def _code(text: str) -> str:
    return text.strip().upper()


def _differs_from_last_year(c, column: str):
    for i, row, before in _continuing(c):
        if _code(row[column]) != _code(before[column]):
            yield i


@RULES.rule(
    "502",
    "Episodes",
    ["DECOM"],
    "Last year's record ended with an open episode. The date on which that episode started does not match the start date of the first episode on this year’s record.",
)
def first_episode_starts_as_last_year(c):
    for i, row, before in _continuing(c):
        if c.d(row, "DECOM") != parse_date(before["DECOM"]):
            yield i


@RULES.rule(
    "503A",
    "Episodes",
    ["RNE"],
    "The reason for new episode in the first episode does not match open episode at end of last year.",
)
def reason_for_new_episode_as_last_year(c):
    yield from _differs_from_last_year(c, "RNE")


@RULES.rule(
    "503B",
    "Episodes",
    ["LS"],
    "The legal status in the first episode does not match open episode at end of last year.",
)
def legal_status_as_last_year(c):
    yield from _differs_from_last_year(c, "LS")


@RULES.rule(
    "503C",
    "Episodes",
    ["CIN"],
    "The category of need in the first episode does not match open episode at end of last year.",
)
def category_of_need_as_last_year(c):
    yield from _differs_from_last_year(c, "CIN")


@RULES.rule(
    "503D",
    "Episodes",
    ["PLACE"],
    "The placement type in the first episode does not match open episode at end of last year",
)
def placement_type_as_last_year(c):
    split = PLACE_SPLIT.get(c.year.name, {})
    for i, row, before in _continuing(c):
        now, then = _code(row["PLACE"]), _code(before["PLACE"])
        if now != then and now not in split.get(then, ()):
            yield i


@RULES.rule(
    "503E",
    "Episodes",
    ["PLACE_PROVIDER"],
    "The placement provider in the first episode does not match open episode at end of last year.",
)
def placement_provider_as_last_year(c):
    yield from _differs_from_last_year(c, "PLACE_PROVIDER")


@RULES.rule(
    "503F",
    "Episodes",
    ["URN"],
    "The Ofsted URN in the  first episode does not match open episode at end of last year.",
)
def urn_as_last_year(c):
    yield from _differs_from_last_year(c, "URN")


# What the DfE derives from an episode's postcodes: "" where a postcode is blank, None where the
# look-up does not know one.


def _distance(c, row) -> float | str | None:
    home, placed = row["HOME_POST"].strip(), row["PL_POST"].strip()
    return c.postcodes.miles(home, placed) if home and placed else ""


def _placement_la(c, row) -> str | None:
    placed = row["PL_POST"].strip()
    return c.postcodes.la(placed) if placed else ""


def _placement_location(c, row) -> str | None:
    placed = row["PL_POST"].strip()
    return c.postcodes.location(placed, c.la) if placed else ""


def _derived_differs(c, derive, same=operator.eq):
    """Yield the continuing episodes whose derived value differs from last year's."""
    for i, row, before in _continuing(c):
        now, then = derive(c, row), derive(c, before)
        if now is None or then is None:
            continue
        if now == "" or then == "":
            if now != then:
                yield i
        elif not same(now, then):
            yield i


def _same_distance(now: float, then: float) -> bool:
    return abs(round(now - then, 1)) < DISTANCE_TOLERANCE


@RULES.rule(
    "503G",
    "Episodes",
    ["PL_DISTANCE"],
    "The distance in first episode does not match open episode at end of last year.",
)
def placement_distance_as_last_year(c):
    if c.postcodes is None:
        return
    yield from _derived_differs(c, _distance, same=_same_distance)


@RULES.rule(
    "503H",
    "Episodes",
    ["PL_LA"],
    "The placement LA in first episode does not match open episode at end of last year.",
)
def placement_la_as_last_year(c):
    if c.postcodes is None:
        return
    yield from _derived_differs(c, _placement_la)


@RULES.rule(
    "503J",
    "Episodes",
    ["PL_LOCATION"],
    "The placement location in first episode does not match open episode at end of last year.",
)
def placement_location_as_last_year(c):
    if c.postcodes is None or c.la is None:
        return
    yield from _derived_differs(c, _placement_location)


@RULES.rule(
    "562",
    "Episodes",
    ["DECOM"],
    "Episode commenced before the start of the current collection year but there is a missing continuous episode in the previous year.",
)
def episode_from_before_the_year_in_last_year(c):
    # The first episode of the year, begun before it, must be last year's last episode.
    if c.previous is None:
        return
    last = _last_episode_last_year(c)
    for child, (i, row) in _first_this_year(c).items():
        began = c.d(row, "DECOM")
        if began < c.start and (child not in last or parse_date(last[child]["DECOM"]) != began):
            yield i


def _decisions_last_year(c) -> dict[str, list[dict[str, str]]]:
    """Return last year's placed-for-adoption rows by child."""
    rows: dict[str, list[dict[str, str]]] = {}
    for row in _last(c, "PlacedAdoption"):
        rows.setdefault(row["CHILD"], []).append(row)
    return rows


@RULES.rule(
    "559",
    "PlacedAdoption",
    ["DATE_PLACED"],
    "Date of decision that a child should be placed for adoption was not in the current year but the date of the decision that the child should be placed for adoption was not completed in a previous return.",
)
def decision_before_the_year_in_last_year(c):
    if c.previous is None:
        return
    dated_last_year = {
        child
        for child, rows in _decisions_last_year(c).items()
        if any(parse_date(r["DATE_PLACED"]) for r in rows)
    }
    for i, row in enumerate(c.table("PlacedAdoption")):
        decided = c.d(row, "DATE_PLACED")
        if decided and decided < c.start and row["CHILD"] not in dated_last_year:
            yield i


@RULES.rule(
    "560",
    "PlacedAdoption",
    ["DATE_PLACED", "DATE_PLACED_CEASED"],
    "Date of decision that the child should be placed for adoption this year is different from that recorded last year but the decision to place the child for adoption did not change.",
)
def decision_still_standing_keeps_its_date(c):
    # A decision still standing at the end of last year continues: one of this year's rows
    # for the child carries its date. A further decision made this year is not that row.
    if c.previous is None:
        return
    this_year: dict[str, list[int]] = {}
    for i, row in enumerate(c.table("PlacedAdoption")):
        this_year.setdefault(row["CHILD"], []).append(i)
    rows = c.table("PlacedAdoption")
    for child, decisions in _decisions_last_year(c).items():
        standing = {
            parse_date(r["DATE_PLACED"])
            for r in decisions
            if parse_date(r["DATE_PLACED"]) and not r["DATE_PLACED_CEASED"].strip()
        }
        dates_now = {c.d(rows[i], "DATE_PLACED") for i in this_year.get(child, ())}
        if standing - dates_now:
            yield from this_year.get(child, ())


@RULES.rule(
    "561",
    "PlacedAdoption",
    ["DATE_PLACED"],
    "Date of the decision that the child should be placed for adoption this year is the same as that recorded last year but records show that the decision changed, and the child should no longer be placed for adoption last year.",
)
def decision_ended_last_year_not_repeated(c):
    if c.previous is None:
        return
    ended = {
        (r["CHILD"], parse_date(r["DATE_PLACED"]))
        for r in _last(c, "PlacedAdoption")
        if r["DATE_PLACED_CEASED"].strip() or r["REASON_PLACED_CEASED"].strip()
    }
    for i, row in enumerate(c.table("PlacedAdoption")):
        decided = c.d(row, "DATE_PLACED")
        if decided and (row["CHILD"], decided) in ended:
            yield i
