"""The GenerationContext every generator stage receives, and the rows it carries between stages.

A stage is `func(ctx)` registered with `@generator_stage(name=, order=)` in
`safeguard/<app>/synthetic.py`. What a stage may rely on:

- `ctx.seed`, `ctx.as_of` (the authority's "today", a date), `ctx.years` (how many years of
  history to make), `ctx.period_start` (as_of minus years), `ctx.now` (an aware datetime at the
  end of the as-of day: no generated timestamp is later than this).
- `ctx.rng`: a `random.Random` for the running stage alone, seeded from sha256(seed, stage
  name): adding or changing a stage never changes what another stage draws. Draw from nothing
  else (not `random.*`, not numpy's global state, not the clock, not `set` iteration order).
- `ctx.children`: list of `ChildRow` (id, date_of_birth, expected_date_of_birth, sex,
  ethnicity, household_id, is_restricted, la_child_id), in id order; `ctx.adults`: `AdultRow`;
  `ctx.households`: `HouseholdRow` (id, address_id, adult_ids, child_ids), index = id.
- `ctx.teams` (`TeamRow`), `ctx.staff` (`StaffRow`), `ctx.staff_with_role(role)`,
  `ctx.team_members(team_id, role=None)`, `ctx.teams_in(service_area)`, `ctx.team(team_id)`.
- `ctx.shared`: a dict stages use to hand their own rows on, keyed "<app>.<thing>"
  (e.g. `ctx.shared["casework.open_episodes"]`), documented by the stage that fills it.
- Writing: `ctx.bulk(Model, objs)` (bulk_create in batches; returns the objects with their
  ids) or, for hundreds of thousands of rows, `ctx.insert_rows(Model, fields, rows)` with
  tuples and ids from `ctx.reserve_ids(Model, n)`. Never `save()` per row.
- Time: `ctx.at(day, minutes=0)` gives an aware datetime on that day from 09:00 London time;
  `ctx.random_date(start, end)` a date between two dates inclusive.
- `ctx.progress(iterable, total=, desc=)`: a progress bar on stderr (silent in tests).

While the stages run, `django.utils.timezone.now()` returns `ctx.now`, so `auto_now` stamps
are deterministic; `ctx.bulk` also stamps `created_at`-style fields (default `timezone.now`)
left at the wall clock with `ctx.now`. Set `created_at` yourself when the record has a date.
"""

import hashlib
import random
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone
from tqdm import tqdm

LONDON = ZoneInfo("Europe/London")
INSERT_BATCH = 5_000
_REAL_NOW = timezone.now


class ChildRow(NamedTuple):
    id: int
    date_of_birth: date | None
    expected_date_of_birth: date | None
    sex: str
    ethnicity: str
    household_id: int
    is_restricted: bool
    la_child_id: str


class AdultRow(NamedTuple):
    id: int
    date_of_birth: date
    sex: str
    household_id: int


class HouseholdRow(NamedTuple):
    id: int
    address_id: int
    moved_in: date
    adult_ids: tuple[int, ...]
    child_ids: tuple[int, ...]


class TeamRow(NamedTuple):
    id: int
    name: str
    kind: str
    service_area: str
    manager_id: int | None


class StaffRow(NamedTuple):
    id: int
    username: str
    role: str
    team_id: int | None


def stage_seed(seed: int, stage: str) -> int:
    """Return the seed of a stage's random stream: stable across runs and Python processes."""
    digest = hashlib.sha256(f"{seed}:{stage}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


@contextmanager
def frozen_now(moment: datetime) -> Iterator[None]:
    """Make timezone.now() return the given moment while generating."""
    timezone.now = lambda: moment
    try:
        yield
    finally:
        timezone.now = _REAL_NOW


class GenerationContext:
    """What the generator hands each stage: the seed, the dates, the people and staff so far."""

    def __init__(
        self, *, seed: int, children: int, years: int, as_of: date, show_progress: bool = False
    ) -> None:
        self.seed = seed
        self.children_count = children
        self.years = years
        self.as_of = as_of
        self.period_start = _years_before(as_of, years)
        self.now = datetime.combine(as_of, time(18, 0), tzinfo=LONDON)
        self.show_progress = show_progress
        self.stage = ""
        self.rng = random.Random(stage_seed(seed, ""))
        self.children: list[ChildRow] = []
        self.adults: list[AdultRow] = []
        self.households: list[HouseholdRow] = []
        self.teams: list[TeamRow] = []
        self.staff: list[StaffRow] = []
        self.shared: dict[str, object] = {}
        self._next_ids: dict[type[models.Model], int] = {}
        self._unsynced: set[type[models.Model]] = set()
        self._started = _REAL_NOW()

    # Stages -----------------------------------------------------------------------------------

    def begin_stage(self, name: str) -> None:
        """Give the named stage its own random stream."""
        self.stage = name
        self.rng = random.Random(stage_seed(self.seed, name))

    # Staff --------------------------------------------------------------------------------------

    def staff_with_role(self, role: str) -> list[StaffRow]:
        """Return the staff with the role, in id order."""
        return [s for s in self.staff if s.role == role]

    def team_members(self, team_id: int, role: str | None = None) -> list[StaffRow]:
        """Return the team's members (optionally of one role), in id order."""
        return [s for s in self.staff if s.team_id == team_id and (role is None or s.role == role)]

    def teams_in(self, service_area: str) -> list[TeamRow]:
        """Return the teams of a service area, in id order."""
        return [t for t in self.teams if t.service_area == service_area]

    def team(self, team_id: int) -> TeamRow:
        """Return the team with the id."""
        return next(t for t in self.teams if t.id == team_id)

    # Time ---------------------------------------------------------------------------------------

    def at(self, day: date, minutes: int = 0) -> datetime:
        """Return an aware datetime on the day, `minutes` after 09:00 London time."""
        return datetime.combine(day, time(9, 0), tzinfo=LONDON) + timedelta(minutes=minutes)

    def random_date(self, start: date, end: date) -> date:
        """Return a date between start and end inclusive, drawn from the stage's stream."""
        span = (end - start).days
        return start + timedelta(days=self.rng.randint(0, max(span, 0)))

    # Progress -----------------------------------------------------------------------------------

    def progress(
        self, iterable: Iterable | None = None, *, total: int | None = None, desc: str = ""
    ):
        """Return a tqdm progress bar on stderr; silent unless the run shows progress."""
        return tqdm(
            iterable,
            total=total,
            desc=desc or self.stage,
            unit=" rows",
            file=sys.stderr,
            disable=not self.show_progress,
            leave=True,
            mininterval=0.5,
        )

    # Writing ------------------------------------------------------------------------------------

    def reserve_ids(self, model: type[models.Model], count: int) -> range:
        """Return `count` new primary keys for the model, for rows inserted with insert_rows."""
        start = self._next_ids.get(model)
        if start is None:
            start = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        self._next_ids[model] = start + count
        self._unsynced.add(model)
        return range(start, start + count)

    def insert_rows(
        self,
        model: type[models.Model],
        fields: Sequence[str],
        rows: Iterable[Sequence],
        *,
        batch_size: int = INSERT_BATCH,
    ) -> int:
        """Insert tuples of field values straight into the model's table; return how many.

        The fast path for large tables: no model instances, no signals, no validation, so the
        caller supplies every non-null column (including "id" from reserve_ids, created_at and
        modified_at). PostgreSQL loads with COPY; SQLite with executemany.
        """
        meta = model._meta
        columns = [meta.get_field(name) for name in fields]
        converters = [_converter(field) for field in columns]
        converted = [(i, convert) for i, convert in enumerate(converters) if convert]

        def prepare(row: Sequence) -> Sequence:
            if not converted:
                return row
            row = list(row)
            for i, convert in converted:
                if row[i] is not None:
                    row[i] = convert(row[i])
            return row

        quote = connection.ops.quote_name
        table = quote(meta.db_table)
        names = ", ".join(quote(field.column) for field in columns)
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # noqa: S608
                    for row in rows:
                        copy.write_row(prepare(row))
                        count += 1
            else:
                marks = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
                for batch in _batched(rows, batch_size):
                    cursor.executemany(sql, [prepare(row) for row in batch])
                    count += len(batch)
        if "id" in fields:
            self._unsynced.add(model)
        return count

    def bulk(
        self, model: type[models.Model], objs: Sequence[models.Model], *, batch_size: int = 1_000
    ) -> list[models.Model]:
        """Insert model instances with bulk_create in batches; return them with their ids."""
        self.sync_sequences([model])
        stamped = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.DateTimeField) and f.default is _REAL_NOW
        ]
        for obj in objs:
            for field in stamped:
                value = getattr(obj, field.attname)
                if value is None or value >= self._started:
                    setattr(obj, field.attname, self.now)
        return model.objects.bulk_create(objs, batch_size=batch_size)

    def sync_sequences(self, only: Iterable[type[models.Model]] | None = None) -> None:
        """Move PostgreSQL id sequences past ids inserted explicitly."""
        pending = self._unsynced if only is None else self._unsynced & set(only)
        if not pending:
            return
        if connection.vendor == "postgresql":
            statements = connection.ops.sequence_reset_sql(no_style(), sorted(pending, key=str))
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
        self._unsynced -= pending


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _converter(field: models.Field):
    """Return the function that turns a Python value into the column's database value, if any.

    Dates and timestamps repeat across a household's rows, so their conversions are cached.
    """
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return lru_cache(maxsize=65_536)(ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return lru_cache(maxsize=65_536)(ops.adapt_datefield_value)
    if isinstance(field, models.JSONField | models.DecimalField | models.UUIDField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _batched(rows: Iterable[Sequence], size: int) -> Iterator[list[Sequence]]:
    batch: list[Sequence] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
