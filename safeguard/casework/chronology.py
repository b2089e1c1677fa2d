"""The contract for the child's chronology: built from the records, never typed twice.

Each app that records significant events registers a source in its own `chronology.py`
(imported from its AppConfig.ready()):

    @chronology_source
    def assessment_events(person_id: int) -> Iterable[ChronologyEntry]:
        ...

A source reads in bulk (a few queries per child, none per row) and yields one entry per event.
The casework app assembles, sorts and filters them and adds manual entries.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class ChronologyEntry:
    """One significant event on a child's record.

    category: a short stable word to filter on ("contact", "assessment", "visit", "plan",
        "conference", "missing", "placement", "closure", ...).
    """

    when: date | datetime
    category: str
    title: str
    detail: str = ""
    url: str = ""
    source: str = ""  # "app_label.model:pk" of the record


Source = Callable[[int], Iterable[ChronologyEntry]]

SOURCES: list[Source] = []


def chronology_source(func: Source) -> Source:
    """Register func(person_id) -> Iterable[ChronologyEntry] as a chronology source."""
    SOURCES.append(func)
    return func
