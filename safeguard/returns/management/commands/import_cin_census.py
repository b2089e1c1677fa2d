"""Import a CIN census XML file into the records (migration from another system)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from safeguard.returns.cin_census.importer import ImportRefused, cin_census_import


class Command(BaseCommand):
    help = (
        "Create or update children and their social care episodes, assessments, CIN plans, "
        "section 47 enquiries and child protection plans from a CIN census file. One "
        "transaction: a file that cannot be imported writes nothing. Re-importing changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CIN census XML file")
        parser.add_argument("--year", help="Refuse a file not for this collection year (YYYY)")
        parser.add_argument("--user", help="Username the import is recorded against")

    def handle(self, *args, file: str, year: str | None, user: str | None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        if year is not None and not year.isdigit():
            raise CommandError(f"--year must be a year like 2026, not {year!r}.")
        acting = None
        if user:
            acting = get_user_model().objects.filter(username=user).first()
            if acting is None:
                raise CommandError(f"No user called {user!r}.")
        try:
            result = cin_census_import(path=path, user=acting, end_year=int(year) if year else None)
        except ImportRefused as refused:
            for problem in refused.problems:
                self.stderr.write(f"{path.name}: {problem}")
            raise CommandError(
                f"{path.name} was not imported ({len(refused.problems)} problem(s)); "
                "nothing was written."
            ) from refused
        created = ", ".join(f"{n} {k}" for k, n in result.created.items() if n) or "nothing"
        updated = ", ".join(f"{n} {k}" for k, n in result.updated.items() if n) or "nothing"
        self.stdout.write(
            f"{path.name}: {result.children} children. Created {created}; updated {updated}."
        )
