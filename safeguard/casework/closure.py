"""Rules for closing a case: no capacity reasons, and nothing left open without an override.

Other apps add what must not be left open when a case closes (an unresolved missing episode,
an open exploitation flag) by registering a check in their own module:

    @closure_check
    def open_missing_episodes(*, episode) -> list[str]:
        return ["Missing episode from 3 Mar 2026 not resolved"]

Each check returns plain sentences, one per open item; an empty list means nothing open.
"""

import re
from collections.abc import Callable

ClosureCheck = Callable[..., list[str]]

CLOSURE_CHECKS: list[ClosureCheck] = []


def closure_check(func: ClosureCheck) -> ClosureCheck:
    """Register func(*, episode) -> list[str] as something to check before a case closes."""
    CLOSURE_CHECKS.append(func)
    return func


# A case must never close because no one is free to work it. These words, in a closure summary
# or override reason, mean the reason given is about the service's capacity, not the child.
_CAPACITY_PATTERNS = [
    r"\bno (social )?workers?\b",
    r"\bno[- ]one (is )?(available|free|to (work|allocate|take))",
    r"\bnobody (is )?(available|free|to (work|allocate|take))",
    r"\b(lack|shortage) of (social )?(workers?|staff|capacity|resources?)\b",
    r"\bstaff(ing)? (shortage|levels?|sickness|vacanc)",
    r"\bcapacity\b",
    r"\bcase ?loads?\b",
    r"\bworkloads?\b",
    r"\bunable to allocate\b",
    r"\b(cannot|can't|could not|couldn't) (be )?allocated?\b",
    r"\bnot (been )?allocated\b",
    r"\bunallocated\b",
    r"\bwaiting list\b",
    r"\bvacanc(y|ies)\b",
    r"\bunder-?staffed\b",
    r"\bno resources?\b",
]
_CAPACITY = re.compile("|".join(_CAPACITY_PATTERNS), re.IGNORECASE)

CAPACITY_MESSAGE = (
    "A case cannot be closed because no worker is available or the team has no capacity. "
    "Close a case only for a reason about the child; raise capacity with your manager instead."
)


def capacity_reason_in(text: str) -> str | None:
    """Return the words that give a capacity reason in the text, or None if there are none."""
    match = _CAPACITY.search(text or "")
    return match.group(0) if match else None
