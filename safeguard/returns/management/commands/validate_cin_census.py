"""Validate a CIN census XML file: well-formed, schema-valid and the DfE rules of its year."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeguard.returns.cin_census.services import cin_census_validate_file


class Command(BaseCommand):
    help = (
        "Check a CIN census XML file (any system's) against its year's schema and DfE rules. "
        "Exits non-zero on a malformed or schema-invalid file or any ERROR rule."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CIN census XML file")
        parser.add_argument("--year", help="Expect this collection year (YYYY it ends in)")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON")

    def handle(self, *args, file: str, year: str | None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        if year is not None and not year.isdigit():
            raise CommandError(f"--year must be a year like 2026, not {year!r}.")
        report = cin_census_validate_file(path=path, end_year=int(year) if year else None)
        if options["json"]:
            self.stdout.write(_as_json(report, path))
        else:
            self._write_text(report, path)
        if not report.ok:
            raise CommandError(
                f"{path.name}: {len(report.problems)} file problem(s), "
                f"{len(report.errors)} ERROR rule failure(s)."
            )

    def _write_text(self, report, path: Path) -> None:
        label = report.year.label if report.year else "unknown year"
        self.stdout.write(f"{path}: CIN census {label}, {report.children} children")
        for problem in report.problems:
            self.stdout.write(f"FILE {problem}")
        for f in report.failures:
            who = f"child {f.la_child_id}" if f.child is not None else "return"
            self.stdout.write(f"{f.severity} {f.code} {who} [{', '.join(f.fields)}]: {f.message}")
        errors = len(report.errors)
        self.stdout.write(
            f"{len(report.problems)} file problem(s), {errors} error(s), "
            f"{len(report.failures) - errors} query(ies)."
        )


def _as_json(report, path: Path) -> str:
    return json.dumps(
        {
            "file": str(path),
            "year": report.year.label if report.year else None,
            "children": report.children,
            "problems": [
                {"line": p.line, "element": p.element, "message": p.message}
                for p in report.problems
            ],
            "failures": [
                {
                    "rule": f.code,
                    "severity": f.severity,
                    "la_child_id": f.la_child_id,
                    "fields": list(f.fields),
                    "message": f.message,
                    "line": f.line,
                }
                for f in report.failures
            ],
        },
        indent=2,
    )
