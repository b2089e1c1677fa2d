"""Write the SSDA903 return's CSV files for a collection year from the records."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeguard.returns.ssda903.exporter import ssda903_return_build, ssda903_write
from safeguard.returns.ssda903.previous import ssda903_previous_build
from safeguard.returns.ssda903.reader import Return
from safeguard.returns.ssda903.validation import errors, ssda903_validate_return
from safeguard.returns.ssda903.years import year_ending


def year_option(value) -> "object":
    try:
        return year_ending(int(value))
    except ValueError as error:
        raise CommandError(
            f"--year must be the year the collection ends, e.g. 2026 for 2025/26: {error}"
        ) from error


class Command(BaseCommand):
    help = (
        "Write the SSDA903 (children looked after) return for the collection year ending 31 "
        "March YEAR as CSV files in DIR, after running the built-in validation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="Year the collection ends, e.g. 2026")
        parser.add_argument("--out", required=True, help="Folder to write the CSV files into")
        parser.add_argument(
            "--force", action="store_true", help="Write the files even if validation finds errors"
        )

    def handle(self, *args, **options):
        year = year_option(options["year"])
        tables = ssda903_return_build(year=year)
        # Last year's return, built from the records, for the rules that compare the two years.
        previous = ssda903_previous_build(year=year)
        failures = errors(
            ssda903_validate_return(ret=Return(tables=tables), year=year, previous=previous)
        )
        for failure in failures[:50]:
            self.stderr.write(str(failure))
        if failures and not options["force"]:
            raise CommandError(
                f"{len(failures)} validation errors: fix the records (or --force); nothing written."
            )
        try:
            paths = ssda903_write(tables=tables, year=year, out_dir=Path(options["out"]))
        except OSError as error:
            raise CommandError(f"Cannot write to {options['out']}: {error.strerror}.") from error
        counts = ", ".join(f"{t}: {len(rows)}" for t, rows in tables.items())
        self.stdout.write(
            f"SSDA903 {year.name} written to {options['out']} ({len(paths)} files; {counts})"
        )
