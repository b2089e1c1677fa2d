"""Validate an SSDA903 return (a folder of CSV files) against the year's DfE rules."""

import json
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeguard.returns.management.commands.export_ssda903 import year_option
from safeguard.returns.ssda903.validation import errors, ssda903_validate


class Command(BaseCommand):
    help = (
        "Check every CSV file of an SSDA903 return in DIR: headers, codes of the year and the "
        "DfE validation rules. Reports each failure with its file, line, child and fields; "
        "exits non-zero when there are errors."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Folder holding the return's CSV files")
        parser.add_argument(
            "--year", default="2026", help="Year the collection ends (default 2026)"
        )
        parser.add_argument("--json", action="store_true", help="Print the failures as JSON")

    def handle(self, *args, **options):
        year = year_option(options["year"])
        _, failures = ssda903_validate(folder=Path(options["folder"]), year=year)
        if options["json"]:
            self.stdout.write(json.dumps([f.as_dict() for f in failures], indent=1))
        else:
            for failure in failures:
                self.stdout.write(str(failure))
            by_code = Counter(f.code for f in failures)
            summary = ", ".join(f"{code} x{n}" for code, n in sorted(by_code.items()))
            self.stdout.write(f"SSDA903 {year.name}: {len(failures)} failures. {summary}".strip())
        if errors(failures):
            raise CommandError(f"{len(errors(failures))} SSDA903 validation errors")
