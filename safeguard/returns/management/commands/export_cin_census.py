"""Export the Children in Need census XML for a collection year, validated before writing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeguard.returns.cin_census.services import cin_census_export
from safeguard.returns.cin_census.years import collection_year


class Command(BaseCommand):
    help = "Write the CIN census for the year ending 31 March YYYY (DfE XML), validated first."

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="Year the census period ends (YYYY)")
        parser.add_argument("--out", required=True, help="The XML file to write")

    def handle(self, *args, year: str, out: str, **options):
        if not year.isdigit():
            raise CommandError(f"--year must be a year like 2026, not {year!r}.")
        try:
            collection = collection_year(int(year))
        except ValueError as error:
            raise CommandError(str(error)) from error
        path = Path(out)
        if not path.parent.exists():
            raise CommandError(f"The folder {path.parent} does not exist.")
        result = cin_census_export(year=collection, out=path)
        errors = sum(1 for f in result.failures if f.severity == "ERROR")
        queries = len(result.failures) - errors
        self.stdout.write(
            f"CIN census {collection.label} ({collection.specification}): "
            f"{result.children} children written to {path}. "
            f"Validation: {errors} error(s), {queries} query(ies)"
            + (" - run validate_cin_census for the list." if result.failures else ".")
        )
