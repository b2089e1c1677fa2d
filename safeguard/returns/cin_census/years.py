"""Collection years of the CIN census: their dates, schema and rule set.

A collection year is named by the year its census period ends (31 March YYYY). Each year names
the DfE specification it follows and the XSD it is validated against; the rules live in
rules/y<start>_<end>/ so that one year's change never alters another's.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings

REFERENCE_DIR = Path(settings.SAFEGUARD_REFERENCE_DIR) / "cin"
SCHEMA_DIR = Path(getattr(settings, "SAFEGUARD_CIN_SCHEMA_DIR", REFERENCE_DIR / "xsd"))


@dataclass(frozen=True)
class CollectionYear:
    end_year: int
    specification: str
    schema_year: int
    rules_module: str

    @property
    def label(self) -> str:
        return f"{self.end_year - 1}/{str(self.end_year)[2:]}"

    @property
    def start(self) -> date:
        return date(self.end_year - 1, 4, 1)

    @property
    def reference_date(self) -> date:
        return date(self.end_year, 3, 31)

    @property
    def schema_path(self) -> Path:
        return SCHEMA_DIR / f"CIN_schema_{self.schema_year}.xsd"


YEARS: dict[int, CollectionYear] = {
    2026: CollectionYear(
        end_year=2026,
        specification="DfE Children in need census 2025 to 2026: technical specification (v1.x)",
        schema_year=2026,
        rules_module="safeguard.returns.cin_census.rules.y2025_26",
    ),
    # No 2026/27 schema is published in the reference set yet: validate against the 2025/26
    # one, the nearest published, and say so wherever the year is offered.
    2027: CollectionYear(
        end_year=2027,
        specification=(
            "DfE Children in need census 2026 to 2027 (draft); schema: the 2025/26 XSD, "
            "the nearest published"
        ),
        schema_year=2026,
        rules_module="safeguard.returns.cin_census.rules.y2026_27",
    ),
}

# Older schemas are read (for migration from another system) but never exported.
READABLE_SCHEMA_YEARS = (2022, 2023, 2024, 2025, 2026)


def collection_year(end_year: int) -> CollectionYear:
    """Return the supported collection year ending 31 March end_year, or raise ValueError."""
    try:
        return YEARS[end_year]
    except KeyError:
        supported = ", ".join(f"{y.end_year} ({y.label})" for y in YEARS.values())
        raise ValueError(
            f"The CIN census for the year ending 31 March {end_year} is not supported; "
            f"supported years: {supported}."
        ) from None


def schema_path_for(end_year: int) -> Path | None:
    """Return the XSD a file of this collection year is checked against (None if unknown)."""
    if end_year in YEARS:
        return YEARS[end_year].schema_path
    if end_year in READABLE_SCHEMA_YEARS:
        return SCHEMA_DIR / f"CIN_schema_{end_year}.xsd"
    return None
