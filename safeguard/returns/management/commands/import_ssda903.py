"""Import an SSDA903 return (a folder of CSV files) into the records."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeguard.returns.management.commands.export_ssda903 import year_option
from safeguard.returns.ssda903.importer import ImportRefused, ssda903_import


class Command(BaseCommand):
    help = (
        "Create or update children and their looked-after records from an SSDA903 return in "
        "DIR (one transaction; a second import of the same files changes nothing). Refuses, "
        "writing nothing, files with wrong headers, codes, dates or from another year."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Folder holding the return's CSV files")
        parser.add_argument(
            "--year", default="2026", help="Year the collection ends (default 2026)"
        )
        parser.add_argument(
            "--history",
            action="store_true",
            help="The files are an earlier year's return being migrated: accept episodes that "
            "do not touch --year (its code lists still apply)",
        )

    def handle(self, *args, **options):
        year = year_option(options["year"])
        try:
            result = ssda903_import(
                folder=Path(options["folder"]), year=year, history=options["history"]
            )
        except ImportRefused as refused:
            for failure in refused.failures[:200]:
                self.stderr.write(str(failure))
            raise CommandError(f"SSDA903 import refused: {refused}") from refused
        for note in result.notes:
            self.stdout.write(note)
        if result.warnings:
            self.stdout.write(f"{len(result.warnings)} rule warnings (imported anyway), e.g.:")
            for failure in result.warnings[:20]:
                self.stdout.write(f"  {failure}")
        self.stdout.write(
            f"SSDA903 {year.name} imported: created {dict(result.created)}; "
            f"updated {dict(result.updated)}"
        )
