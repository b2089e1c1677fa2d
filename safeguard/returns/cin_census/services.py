"""Services for the CIN census: export (validated before writing) and validate a file."""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from safeguard.audit.services import audit_bulk
from safeguard.returns.cin_census.exporter import cin_return_build
from safeguard.returns.cin_census.reader import Problem, ReadResult, cin_return_read
from safeguard.returns.cin_census.rules import Failure, rules_for_year, rules_run
from safeguard.returns.cin_census.table import CinReturn
from safeguard.returns.cin_census.writer import cin_return_write
from safeguard.returns.cin_census.years import CollectionYear, collection_year


@dataclass
class ExportResult:
    cin_return: CinReturn
    failures: list[Failure]
    path: Path

    @property
    def children(self) -> int:
        return len(self.cin_return.children)


@dataclass
class ValidationReport:
    problems: list[Problem]
    failures: list[Failure]
    year: CollectionYear | None
    children: int

    @property
    def errors(self) -> list[Failure]:
        return [f for f in self.failures if f.severity == "ERROR"]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.errors


def cin_census_export(*, year: CollectionYear, out: Path, user=None) -> ExportResult:
    """Build the return for `year`, run the year's rules over it, then write it to `out`."""
    created = datetime.now(UTC).replace(microsecond=0, tzinfo=None).isoformat()
    cin_return = cin_return_build(year=year, created_at=created)
    failures = rules_run(cin_return, rules_for_year(year.end_year), year=year)
    cin_return_write(cin_return, out)
    audit_bulk(
        user=user,
        action="export",
        object_type="returns.cin_census",
        summary=f"CIN census {year.label}: {len(cin_return.children)} children to {out.name}"[:300],
    )
    return ExportResult(cin_return=cin_return, failures=failures, path=out)


def cin_census_validate_file(*, path: Path, end_year: int | None = None) -> ValidationReport:
    """Check a CIN census file: well-formed, schema-valid for its year, and the year's rules."""
    read: ReadResult = cin_return_read(path)
    cin_return = read.cin_return
    problems = list(read.problems)
    year = None
    wanted = end_year or read.schema_year
    if wanted is not None:
        try:
            year = collection_year(wanted)
        except ValueError as error:
            problems.append(Problem(None, "ReferenceDate", str(error)))
    if end_year and read.schema_year and read.schema_year != end_year:
        problems.append(
            Problem(
                None,
                "ReferenceDate",
                f"the file is for the year ending 31 March {read.schema_year}, not {end_year}",
            )
        )
    failures = []
    if year is not None and len(cin_return.children):
        failures = rules_run(cin_return, rules_for_year(year.end_year), year=year)
    return ValidationReport(
        problems=problems, failures=failures, year=year, children=len(cin_return.children)
    )
