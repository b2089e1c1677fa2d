"""manage.py performance snapshot --month-end YYYY-MM-DD | backfill [--months 24] [--until DATE]"""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from safeguard.core.forms import today
from safeguard.performance.services import month_ends_before, snapshot_take, snapshots_backfill


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"{text!r} is not a date: write it as YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = "Take month-end snapshots of every performance measure."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        take = sub.add_parser("snapshot", help="Snapshot one month end.")
        take.add_argument("--month-end", required=True, help="The last day of a month, YYYY-MM-DD")
        back = sub.add_parser("backfill", help="Snapshot the last N month ends from the records.")
        back.add_argument("--months", type=int, default=24)
        back.add_argument("--until", help="The day to count back from (default today)")

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["action"] == "snapshot":
            month_end = _date(options["month_end"])
            if month_end > today():
                raise CommandError("The month end cannot be in the future.")
            try:
                rows = snapshot_take(month_end=month_end)
            except ValueError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(
                f"Snapshot {month_end:%Y-%m-%d}: {rows} figures "
                f"in {time.perf_counter() - started:.1f} s"
            )
            return
        months = options["months"]
        if not 1 <= months <= 120:
            raise CommandError("--months must be between 1 and 120.")
        until = _date(options["until"]) if options["until"] else today()
        if not month_ends_before(until, months):
            raise CommandError("No month end to snapshot.")
        for month_end, rows in snapshots_backfill(until=until, months=months):
            self.stdout.write(f"Snapshot {month_end:%Y-%m-%d}: {rows} figures")
        self.stdout.write(
            f"Backfilled {months} month ends in {time.perf_counter() - started:.1f} s"
        )
