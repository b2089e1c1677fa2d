"""Last year's SSDA903 return, for the rules that compare the two (202 to 208, 576, 1000 to 1010).

Given as a folder of last year's CSV files (what was submitted), or built from the records as
the year before would be exported today: the same children and values, except where a record
was corrected since the submission.
"""

from datetime import date
from pathlib import Path

from safeguard.returns.ssda903.exporter import ssda903_return_build
from safeguard.returns.ssda903.reader import Return, ssda903_read
from safeguard.returns.ssda903.years import Year


class PreviousReturnError(ValueError):
    """Last year's return cannot be read well enough to compare with."""


def year_before(year: Year) -> Year:
    """Return the collection year before `year` (its dates and name; specification unknown)."""
    start = date(year.start.year - 1, 4, 1)
    name = f"{start.year}/{str(start.year + 1)[2:]}"
    return Year(name, start, date(start.year + 1, 3, 31), f"the year before {year.name}")


def ssda903_previous_build(*, year: Year) -> Return:
    """Return last year's return (the year before `year`) built from the records."""
    return Return(tables=ssda903_return_build(year=year_before(year)))


def ssda903_previous_read(*, folder: Path, year: Year) -> tuple[Return, list[str]]:
    """Read last year's return from folder; return it and what could not be read in it.

    PreviousReturnError when the folder is not a return (no folder, no header or episodes
    file): comparing with it would report every child.
    """
    before = year_before(year)
    ret = ssda903_read(folder=folder, year=before)
    fatal = [p for p in ret.problems if p.code == "FILES"]
    if fatal:
        raise PreviousReturnError(
            f"Last year's return ({before.name}) in {folder} cannot be used: "
            + "; ".join(p.message for p in fatal)
        )
    return ret, [f"last year's return: {p}" for p in ret.problems]
