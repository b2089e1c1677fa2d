"""SSDA903 collection years: dates, code lists and which specification each follows.

A collection year runs 1 April to 31 March and is named "2025/26"; commands take the year the
collection ends (2026). Code lists are the looked-after app's data files, one per year, so the
records and the return check the same lists.
"""

from dataclasses import dataclass
from datetime import date

from safeguard.looked_after import codes as la_codes


@dataclass(frozen=True)
class Year:
    name: str
    start: date
    end: date
    specification: str

    @property
    def slug(self) -> str:
        return "y" + self.name.replace("/", "_")

    def codes(self, table: str, column: str) -> frozenset:
        return la_codes.codes(table, column, year=self.name)


SPECIFICATIONS = {
    "2025/26": "DfE 'Children looked after return 2025 to 2026: guide' (SSDA903), validation "
    "rules 2025 to 2026 (316 rules)",
    "2026/27": "DfE SSDA903 2026 to 2027 (the 2025/26 rules carried forward until the DfE "
    "publishes changes; code lists from the 2026 schema diff)",
}


def year_ending(end_year: int) -> Year:
    """Return the collection year ending 31 March `end_year`; ValueError if not supported."""
    name = f"{end_year - 1}/{str(end_year)[2:]}"
    if name not in SPECIFICATIONS or name not in la_codes.collection_years():
        supported = ", ".join(
            f"{int(n[:4]) + 1} ({n})" for n in SPECIFICATIONS if n in la_codes.collection_years()
        )
        raise ValueError(f"SSDA903 collection year {name} is not supported; supported: {supported}")
    return Year(name, date(end_year - 1, 4, 1), date(end_year, 3, 31), SPECIFICATIONS[name])
