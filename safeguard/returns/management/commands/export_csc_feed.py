"""Write the day's children's social care feed: one JSON document per child changed that day."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeguard.returns.csc_feed.exporter import csc_feed_build, csc_feed_write


class Command(BaseCommand):
    help = (
        "Write one JSON document (DfE CSC API payload v0.7 shape) per child with a record "
        "changed, or an event dated, on DATE into DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="The day, YYYY-MM-DD")
        parser.add_argument("--out", required=True, help="Folder to write the JSON files into")

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["date"])
        except ValueError as error:
            raise CommandError(
                f"--date must be a date like 2026-03-31, not {options['date']!r}."
            ) from error
        payloads = csc_feed_build(day=day)
        try:
            paths = csc_feed_write(payloads=payloads, day=day, out_dir=Path(options["out"]))
        except OSError as error:
            raise CommandError(f"Cannot write to {options['out']}: {error.strerror}.") from error
        self.stdout.write(f"CSC feed for {day}: {len(paths)} children written to {options['out']}")
