"""The contract between case records and clocks.

A domain app says which clocks its records imply by registering a producer: a function that,
for some children (or all), yields one ClockSpec per clock instance. The engine (services.py)
turns specs into stored clocks, computing each due date from the rule catalogue, so a producer
never does date arithmetic. A cycle (the next visit after each visit) is one spec per cycle.

A clock may stand still for a while (a pause): a producer can say so on its spec, and a pause
source (registered with @pause_source for a condition in rules.PAUSE_CONDITIONS, e.g. the
missing app for "child_missing") supplies the pauses of every rule that names its condition.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Pause:
    """An interval during which a clock stands still.

    start: the day (or, for rules counted in hours, the time) the clock stopped.
    end: the day it ran again, or None while the pause is still open.
    reason: plain words for why, e.g. "missing from home".
    """

    start: date | datetime
    end: date | datetime | None
    reason: str


@dataclass(frozen=True, slots=True)
class ClockSpec:
    """One clock implied by the records.

    rule_code: the rule in the catalogue (rules.py) that gives the period and source.
    key: identifies this instance among the child's clocks for the rule, stable across
        rebuilds (e.g. "episode:17", "cp-plan:9:visit:3").
    start: the start event's date, or datetime for rules counted in hours.
    completed: when the satisfying event happened, if it has.
    cancelled: when the clock stopped applying (case closed, plan ended), if it has.
    owner_id / team_id: the accountable worker and team; no owner is itself a breach.
    subject: "app_label.model:pk" of the record that started it, for links and explain.
    start_event: plain words for the event that started it ("referral received").
    pauses: intervals the clock stood still; only a rule whose catalogue entry pauses may
        have them.
    """

    rule_code: str
    person_id: int
    key: str
    start: date | datetime
    completed: date | datetime | None = None
    cancelled: date | None = None
    owner_id: int | None = None
    team_id: int | None = None
    subject: str = ""
    start_event: str = ""
    pauses: tuple[Pause, ...] = ()


Producer = Callable[[list[int] | None], Iterable[ClockSpec]]
# A table a producer reads its children from: (model, name of its foreign key to the person).
Source = tuple[type, str]

PRODUCERS: list[Producer] = []
# The tables each producer starts from: a child with a row in none of them gets no clock from
# it, so a recompute can skip it (sources.py). A producer not listed here always runs.
PRODUCER_SOURCES: dict[Producer, tuple[Source, ...]] = {}


def clock_producer(
    func: Producer | None = None, *, sources: Iterable[Source] = ()
) -> Producer | Callable[[Producer], Producer]:
    """Register a producer: func(person_ids or None for everyone) -> Iterable[ClockSpec].

    Use as @clock_producer, or as @clock_producer(sources=[(Model, "person"), ...]) naming
    every table whose rows for a child can make the producer yield a clock for that child.
    """

    def register(func: Producer) -> Producer:
        PRODUCERS.append(func)
        if sources:
            PRODUCER_SOURCES[func] = tuple(sources)
        return func

    return register if func is None else register(func)


PauseSource = Callable[[list[int] | None], Iterable[tuple[int, Pause]]]

PAUSE_SOURCES: dict[str, list[PauseSource]] = {}


def pause_source(condition: str) -> Callable[[PauseSource], PauseSource]:
    """Register func(person_ids or None) -> Iterable[(person_id, Pause)] for a condition."""

    def register(func: PauseSource) -> PauseSource:
        PAUSE_SOURCES.setdefault(condition, []).append(func)
        return func

    return register
