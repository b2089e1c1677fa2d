"""SSDA903 code lists, one data file per collection year, and their loader.

A collection year runs 1 April to 31 March. A date before the first year held uses that
year's lists, and a date after the last year held uses the last year's, so a record is always
checked against a published list; add a file here when the DfE publishes a new year.
"""

import json
from datetime import date
from functools import cache
from pathlib import Path

_DIR = Path(__file__).parent


@cache
def _years() -> tuple[dict, ...]:
    files = sorted(_DIR.glob("ssda903_*.json"))
    years = []
    for file in files:
        data = json.loads(file.read_text())
        data["starts"] = date.fromisoformat(data["starts"])
        data["ends"] = date.fromisoformat(data["ends"])
        years.append(data)
    return tuple(sorted(years, key=lambda y: y["starts"]))


def collection_years() -> list[str]:
    """Return the collection years held, oldest first, e.g. ["2025/26", "2026/27"]."""
    return [y["collection_year"] for y in _years()]


def collection_year_for(day: date) -> str:
    """Return the collection year whose lists apply to a record dated `day`."""
    years = _years()
    for year in years:
        if year["starts"] <= day <= year["ends"]:
            return year["collection_year"]
    return years[0]["collection_year"] if day < years[0]["starts"] else years[-1]["collection_year"]


def codes(table: str, column: str, *, year: str | None = None, on: date | None = None) -> frozenset:
    """Return the valid codes of a 903 column for a collection year (or the year of a date)."""
    if year is None:
        year = collection_year_for(on) if on else _years()[-1]["collection_year"]
    for data in _years():
        if data["collection_year"] == year:
            return frozenset(data["tables"][table][column])
    raise KeyError(f"No SSDA903 code lists held for {year}")


def all_codes(table: str, column: str) -> frozenset:
    """Return every code the column has had in any collection year held."""
    return frozenset().union(*(frozenset(y["tables"][table][column]) for y in _years()))
