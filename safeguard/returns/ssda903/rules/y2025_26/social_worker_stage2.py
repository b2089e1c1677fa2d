# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 stage 2 rules on social worker episodes: dates in the reporting period and how one
child's lead social workers follow each other."""

from collections import defaultdict
from datetime import date, timedelta

from safeguard.returns.ssda903.rules import QUERY
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

FIRST_CONTACT = "FCONTA"
# A change of worker may start up to a week either side of the previous worker's end date.
HANDOVER = timedelta(days=7)
SHORT_BREAKS = frozenset({"V3", "V4"})


def _sw_period_start(c) -> date:
    """Return the start of the social worker reporting period: a year before the collection's."""
    return c.start.replace(year=c.start.year - 1)


def _sw_episodes_by_child(c) -> dict[str, list[tuple[int, dict]]]:
    """Return {child: [(row index, row)]} of dated social worker episodes, in start order."""
    grouped = defaultdict(list)
    for i, row in enumerate(c.table("SWEpisodes")):
        if c.d(row, "SW_DECOM"):
            grouped[row["CHILD"]].append((i, row))
    for rows in grouped.values():
        rows.sort(key=lambda ir: (c.d(ir[1], "SW_DECOM"), c.d(ir[1], "SW_DEC") or date.max, ir[0]))
    return grouped


def _consecutive(c):
    """Yield (previous row, row index, row) for each child's episodes one after another."""
    for rows in _sw_episodes_by_child(c).values():
        for (_, before), (i, row) in zip(rows, rows[1:], strict=False):
            yield before, i, row


def _open_at_year_end(c) -> dict[str, int]:
    """Return {child: index of the episode of care open at 31 March} (short breaks aside)."""
    looked_after = {}
    for i, row in enumerate(c.table("Episodes")):
        started, ended = c.d(row, "DECOM"), c.d(row, "DEC")
        still_open = not row["DEC"] or (ended is not None and ended > c.end)
        if row["LS"] not in SHORT_BREAKS and started and started <= c.end and still_open:
            looked_after[row["CHILD"]] = i
    return looked_after


@RULES.rule(
    "SW06STG2",
    "SWEpisodes",
    ["SW_DECOM"],
    "Social worker episode data should be within the social worker data reporting year.",
)
def sw_starts_by_year_end(c):
    for i, row in enumerate(c.table("SWEpisodes")):
        started = c.d(row, "SW_DECOM")
        if started and started > c.end:
            yield i


@RULES.rule(
    "SW07STG2",
    "SWEpisodes",
    ["SW_DEC"],
    "Social worker episode end date should be on or after the start of the social worker reporting period, and should be on or before the collection end date.",
)
def sw_ends_in_reporting_period(c):
    period_start = _sw_period_start(c)
    for i, row in enumerate(c.table("SWEpisodes")):
        ended = c.d(row, "SW_DEC")
        if ended and not period_start <= ended <= c.end:
            yield i


@RULES.rule(
    "SW08STG2",
    "SWEpisodes",
    ["SW_DEC"],
    "A new social worker episode has started, but the previous episode has not ended.",
)
def sw_previous_episode_ended(c):
    for rows in _sw_episodes_by_child(c).values():
        for i, row in rows[:-1]:
            if not row["SW_DEC"]:
                yield i


@RULES.rule(
    "SW09STG2",
    "SWEpisodes",
    ["SW_DEC", "SW_DECOM"],
    "Social worker episode appears to have lasted for less than 24 hours.",
    level=QUERY,
)
def sw_lasts_more_than_a_day(c):
    # The 2025/26 rule asks for an end at least three days after the start; an end before the
    # start is SW18STG2's to report.
    for i, row in enumerate(c.table("SWEpisodes")):
        started, ended = c.d(row, "SW_DECOM"), c.d(row, "SW_DEC")
        if started and ended and 0 <= (ended - started).days < 3:
            yield i


@RULES.rule(
    "SW10STG2",
    "SWEpisodes",
    ["SW_DECOM"],
    "A new social worker episode has started before the end date of the previous social worker episode.",
)
def sw_change_not_before_previous_end(c):
    for before, i, row in _consecutive(c):
        previous_end = c.d(before, "SW_DEC")
        if row["SW_REASON"] != FIRST_CONTACT and (
            previous_end is None or c.d(row, "SW_DECOM") < previous_end - HANDOVER
        ):
            yield i


@RULES.rule(
    "SW10aSTG2",
    "SWEpisodes",
    ["SW_DECOM"],
    "A new social worker episode has started and it is not within +/- 7 days of a previous episode.",
)
def sw_change_within_a_week(c):
    for before, i, row in _consecutive(c):
        previous_end = c.d(before, "SW_DEC")
        if row["SW_REASON"] != FIRST_CONTACT and (
            previous_end is None or abs(c.d(row, "SW_DECOM") - previous_end) > HANDOVER
        ):
            yield i


@RULES.rule(
    "SW10bSTG2",
    "SWEpisodes",
    ["SW_DECOM", "SW_REASON"],
    "A new social worker episode has started with a reason of first contact before the previous episode has ended.",
)
def sw_first_contact_after_previous_end(c):
    for before, i, row in _consecutive(c):
        previous_end = c.d(before, "SW_DEC")
        if (
            row["SW_REASON"] == FIRST_CONTACT
            and previous_end
            and c.d(row, "SW_DECOM") <= previous_end
        ):
            yield i


@RULES.rule(
    "SW11bSTG2",
    "SWEpisodes",
    ["SW_DEC"],
    "Social worker episode has ended before 31 March and no subsequent social worker episode has been provided.",
    level=QUERY,
)
def sw_successor_after_late_end(c):
    # An allocation ending in the last days of the year with none after it usually means the
    # next worker was not recorded; further back, SW17STG2 asks the same of the child.
    window_start = c.end - timedelta(days=5)
    for rows in _sw_episodes_by_child(c).values():
        i, last = rows[-1]
        ended = c.d(last, "SW_DEC")
        if ended and window_start <= ended <= c.end:
            yield i


@RULES.rule(
    "SW12STG2",
    "Episodes",
    ["SW_DECOM"],
    "If a child is looked after on 31 March then all social worker episodes for the full previous year should be reported, even those whilst they were not looked after",
    level=QUERY,
)
def sw_history_covers_the_year(c):
    # The child's social worker episodes should reach back to 1 April, or to the child's first
    # contact with the service if that came later in the year; a first contact cannot come
    # after the child began to be looked after (a week allowed for allocating a worker).
    sw_episodes = _sw_episodes_by_child(c)
    for child, i in _open_at_year_end(c).items():
        rows = sw_episodes.get(child)
        if not rows:
            yield i
            continue
        _, first = rows[0]
        first_sw = c.d(first, "SW_DECOM")
        care_starts = [c.d(row, "DECOM") for _, row in c.episodes_by_child[child]]
        care_began = min((d for d in care_starts if d), default=None)
        if first_sw > c.start and (
            first["SW_REASON"] != FIRST_CONTACT or (care_began and first_sw > care_began + HANDOVER)
        ):
            yield i


@RULES.rule(
    "SW17STG2",
    "SWEpisodes",
    ["SW_DEC", "SW_DECOM"],
    "There is no social worker episode open at 31 March",
    level=QUERY,
)
def sw_open_at_year_end(c):
    # Asked of children looked after at 31 March; one who left care in the year may have no
    # social worker by then.
    looked_after = _open_at_year_end(c)
    for child, rows in _sw_episodes_by_child(c).items():
        i, last = rows[-1]
        ended = c.d(last, "SW_DEC")
        if child in looked_after and ended and ended <= c.end:
            yield i
