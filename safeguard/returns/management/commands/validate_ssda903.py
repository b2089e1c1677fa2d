"""Validate an SSDA903 return (a folder of CSV files) against the year's DfE rules."""

import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from safeguard.returns.management.commands.export_ssda903 import year_option
from safeguard.returns.ssda903.lookups import (
    LookupFileError,
    la_code,
    postcodes_read,
    providers_read,
)
from safeguard.returns.ssda903.previous import PreviousReturnError, ssda903_previous_read
from safeguard.returns.ssda903.validation import errors, ssda903_validate


class Command(BaseCommand):
    help = (
        "Check every CSV file of an SSDA903 return in DIR: headers, codes of the year and the "
        "DfE validation rules. Reports each failure with its file, line, child and fields; "
        "exits non-zero when there are errors. The rules comparing with last year's return, "
        "Ofsted's provider list or postcodes run only when --previous, --providers or "
        "--postcodes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Folder holding the return's CSV files")
        parser.add_argument(
            "--year", default="2026", help="Year the collection ends (default 2026)"
        )
        parser.add_argument("--json", action="store_true", help="Print the failures as JSON")
        parser.add_argument(
            "--previous", metavar="DIR", help="Folder holding last year's return's CSV files"
        )
        parser.add_argument(
            "--providers",
            metavar="CSV",
            help="Ofsted provider list: URN,PLACE_CODES,PROVIDER_CODES,REG_END,POSTCODE[,LA]",
        )
        parser.add_argument(
            "--postcodes",
            metavar="CSV",
            help="Postcode look-up: POSTCODE,LA,EASTING,NORTHING (or ONSPD pcds, oslaua, "
            "oseast1m, osnrth1m)",
        )
        parser.add_argument(
            "--la",
            default=str(settings.SAFEGUARD_LA_CODE),
            help="The authority's LA code as the look-ups write it (default: the "
            "SAFEGUARD_LA_CODE setting)",
        )

    def handle(self, *args, **options):
        year = year_option(options["year"])
        inputs, warnings = self._inputs(options, year)
        _, failures = ssda903_validate(folder=Path(options["folder"]), year=year, **inputs)
        for warning in warnings:
            self.stderr.write(warning)
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

    def _inputs(self, options, year) -> tuple[dict, list[str]]:
        """Return the extra inputs the options give, and warnings about them."""
        inputs, warnings = {"la": options["la"]}, []
        try:
            if options["previous"]:
                previous, problems = ssda903_previous_read(
                    folder=Path(options["previous"]), year=year
                )
                inputs["previous"] = previous
                warnings += problems
            if options["providers"]:
                inputs["providers"] = providers_read(Path(options["providers"]))
            if options["postcodes"]:
                postcodes = postcodes_read(Path(options["postcodes"]))
                inputs["postcodes"] = postcodes
                own = la_code(options["la"])
                if not any(place.la == own for place in postcodes.places.values()):
                    warnings.append(
                        f"No postcode in {options['postcodes']} lies in LA {options['la']}: "
                        "is --la the same kind of code as the look-up's LA column?"
                    )
        except (PreviousReturnError, LookupFileError) as error:
            raise CommandError(str(error)) from error
        return inputs, warnings
