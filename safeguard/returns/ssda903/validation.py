"""Validate an SSDA903 return: the files' shape first, then the year's DfE rules."""

from pathlib import Path

from safeguard.returns.ssda903.reader import Failure, Return, ssda903_read
from safeguard.returns.ssda903.rules import RuleSet, run
from safeguard.returns.ssda903.years import Year


def rules_for(year: Year) -> RuleSet:
    """Return the rule set of a collection year."""
    if year.name == "2025/26":
        from safeguard.returns.ssda903.rules.y2025_26 import RULES
    else:
        from safeguard.returns.ssda903.rules.y2026_27 import RULES
    return RULES


def ssda903_validate_return(*, ret: Return, year: Year, **inputs) -> list[Failure]:
    """Return the failures of a return already read (its read problems first).

    inputs: last year's return and the look-ups some rules read (see rules.Context).
    """
    return [*ret.problems, *run(rules_for(year), ret, year, **inputs)]


def ssda903_validate(*, folder: Path, year: Year, **inputs) -> tuple[Return, list[Failure]]:
    """Read and validate the return in folder; return it and its failures."""
    ret = ssda903_read(folder=folder, year=year)
    return ret, ssda903_validate_return(ret=ret, year=year, **inputs)


def errors(failures: list[Failure]) -> list[Failure]:
    return [f for f in failures if f.level == "error"]
