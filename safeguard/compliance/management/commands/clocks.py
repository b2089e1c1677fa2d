"""`clocks rebuild | list | explain | docs`: the clock engine from the command line."""

import json
from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from safeguard.compliance.choices import ClockStatus
from safeguard.compliance.docs import DOCS_PATH, render_timescales
from safeguard.compliance.explain import clock_explain
from safeguard.compliance.models import Clock
from safeguard.compliance.rules import RULES
from safeguard.compliance.selectors import clocks_list
from safeguard.compliance.services import clock_context, clocks_rebuild

LIST_FIELDS = ("child", "rule_code", "started", "due", "completed", "owner", "status")


def _as_of(value: str | None) -> date:
    if value is None:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {value!r}.") from None


def _team_id(value: str | None) -> int | None:
    from safeguard.accounts.models import Team

    if value is None:
        return None
    team = Team.objects.filter(pk=int(value)).first() if value.isdigit() else None
    team = team or Team.objects.filter(name=value).first()
    if team is None:
        raise CommandError(f"There is no team {value!r} (give its id or exact name).")
    return team.pk


def _child_id(value: int | None) -> int | None:
    from safeguard.people.models import Person

    if value is not None and not Person.objects.filter(pk=value).exists():
        raise CommandError(f"There is no child with id {value}.")
    return value


class Command(BaseCommand):
    help = "Rebuild, list and explain statutory clocks; regenerate the timescales document."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        rebuild = sub.add_parser("rebuild", help="Recompute every child's clocks.")
        rebuild.add_argument("--no-progress", action="store_true")
        listing = sub.add_parser("list", help="One row per clock with its status as of a date.")
        listing.add_argument("--child", type=int, help="Person id")
        listing.add_argument("--team", help="Team id or exact name")
        listing.add_argument("--overdue", action="store_true", help="Only overdue clocks")
        listing.add_argument(
            "--status", choices=ClockStatus.values, help="Only clocks with this status"
        )
        listing.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default today)")
        listing.add_argument("--json", action="store_true", help="Print a JSON array")
        explain = sub.add_parser("explain", help="Explain one clock's due date.")
        explain.add_argument("clock_id")
        explain.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default today)")
        docs = sub.add_parser("docs", help="Write docs/statutory-timescales.md.")
        docs.add_argument("--check", action="store_true", help="Fail if the file is stale.")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _rebuild(self, *, no_progress=False, **_):
        try:
            result = clocks_rebuild(progress=not no_progress)
        except ValidationError as error:
            raise CommandError("Nothing written: " + "; ".join(error.messages)) from None
        self.stdout.write(
            f"Clocks rebuilt: {result.created} created, {result.updated} updated, "
            f"{result.deleted} deleted, {result.unchanged} unchanged."
        )

    def _list(self, *, child=None, team=None, overdue=False, as_of=None, status=None, **options):
        as_of_date = _as_of(as_of)
        clocks = clocks_list(
            as_of=as_of_date,
            person_id=_child_id(child),
            team_id=_team_id(team),
            overdue_only=overdue,
            status=status,
        )
        periods = clock_context().periods
        rows = (self._row(clock, periods) for clock in clocks.iterator(chunk_size=5000))
        if options.get("json"):
            self._write_json(rows)
        else:
            self.stdout.write("\t".join(LIST_FIELDS))
            for row in rows:
                self.stdout.write("\t".join("none" if v is None else str(v) for v in row.values()))

    @staticmethod
    def _row(clock: Clock, periods: dict[str, int]) -> dict:
        rule = RULES.get(clock.rule_code)
        return {
            "child": clock.person_id,
            "rule_code": clock.rule_code,
            "started": clock.started_on.isoformat(),
            "due": clock.due_on.isoformat(),
            "completed": clock.completed_on.isoformat() if clock.completed_on else None,
            "owner": clock.owner.username if clock.owner_id else None,
            "status": clock.status,
            "id": clock.pk,
            "key": clock.key,
            "started_at": clock.start_at.isoformat() if clock.start_at else None,
            "due_at": clock.due_at.isoformat() if clock.due_at else None,
            "cancelled": clock.cancelled_on.isoformat() if clock.cancelled_on else None,
            # The period and unit the due date was counted with (a local value if set).
            "period": periods.get(clock.rule_code, rule.period) if rule else None,
            "unit": rule.unit.value if rule else None,
            # Each counted pause: start, end (null while open), reason, units added.
            "pauses": clock.pauses or [],
        }

    def _write_json(self, rows):
        # Streamed, so a whole authority's clocks never sit in memory as one string.
        self.stdout.write("[", ending="")
        for i, row in enumerate(rows):
            self.stdout.write(("," if i else "") + "\n" + json.dumps(row), ending="")
        self.stdout.write("\n]")

    def _explain(self, *, clock_id, as_of=None, **_):
        as_of_date = _as_of(as_of)
        clock = (
            Clock.objects.select_related("owner").filter(pk=int(clock_id)).first()
            if str(clock_id).isdigit()
            else None
        )
        if clock is None:
            raise CommandError(f"There is no clock with id {clock_id}.")
        try:
            explanation = clock_explain(clock, as_of=as_of_date)
        except KeyError as error:
            raise CommandError(str(error.args[0])) from None
        for line in explanation.lines():
            self.stdout.write(line)

    def _docs(self, *, check=False, **_):
        text = render_timescales()
        if check:
            current = DOCS_PATH.read_text() if DOCS_PATH.exists() else ""
            if current != text:
                raise CommandError(f"{DOCS_PATH} is out of date: run `manage.py clocks docs`.")
            self.stdout.write(f"{DOCS_PATH} is up to date.")
            return
        DOCS_PATH.write_text(text)
        self.stdout.write(f"Wrote {DOCS_PATH}.")
