"""Write Ofsted's Annex A lists for a period to an Excel workbook."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeguard.returns.annex_a.exporter import annex_a_build, annex_a_write


def _date(option: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--{option} must be a date like 2026-03-31, not {value!r}.") from error


class Command(BaseCommand):
    help = "Write the Annex A lists (List 1 to List 11) for START to END to FILE.xlsx."

    def add_arguments(self, parser):
        parser.add_argument("--start", required=True, help="First day, YYYY-MM-DD")
        parser.add_argument("--end", required=True, help="Last day, YYYY-MM-DD")
        parser.add_argument("--out", required=True, help="The .xlsx file to write")

    def handle(self, *args, **options):
        start, end = _date("start", options["start"]), _date("end", options["end"])
        if end < start:
            raise CommandError(f"--end ({end}) is before --start ({start}).")
        out = Path(options["out"])
        if out.suffix.lower() != ".xlsx":
            raise CommandError(f"--out must be an .xlsx file, not {out.name!r}.")
        lists = annex_a_build(start=start, end=end)
        try:
            annex_a_write(lists=lists, path=out)
        except OSError as error:
            raise CommandError(f"Cannot write to {options['out']}: {error.strerror}.") from error
        counts = ", ".join(f"{name}: {len(rows)}" for name, rows in lists.items())
        self.stdout.write(f"Annex A {start} to {end} written to {out} ({counts})")
