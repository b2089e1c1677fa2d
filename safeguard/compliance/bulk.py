"""Set-based merge of a whole authority's clocks, for clocks_rebuild.

Rows are loaded into a temporary table (binary COPY on PostgreSQL, executemany on SQLite).
One full join of that stage with compliance_clock puts what differs (new, changed, no longer
implied) into a small second table; a DELETE, an UPDATE and an INSERT then read only that, so
a clock that has not changed is never written. Identity is (person_id, rule_code, key), the
clock's unique constraint, so a clock keeps its id across rebuilds while it is still implied.
"""

import json
from collections.abc import Iterator
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from safeguard.compliance.models import Clock
from safeguard.compliance.services import VALUE_FIELDS

TABLE = "compliance_clock"
STAGE = "compliance_clock_stage"
DIFF = "compliance_clock_diff"
# Negative: KiB. 512 MiB at most, used only as the merge needs it.
SQLITE_CACHE_KIB = -512 * 1024
# When most of the table is being written (a first build), dropping the secondary indexes and
# building them again afterwards is several times cheaper than updating them row by row.
BULK_INDEX_MIN_ROWS = 50_000
# Memory for the merge's hash joins, set for the rebuild's transaction only (PostgreSQL).
MERGE_WORK_MEM = "256MB"
IDENTITY = ("person_id", "rule_code", "key")
INDEXES = Clock._meta.indexes
COLUMNS = IDENTITY + VALUE_FIELDS
_TYPES = {
    "person_id": "bigint",
    "rule_code": "varchar(40)",
    "key": "varchar(100)",
    "started_on": "date",
    "start_at": "{dt}",
    "due_on": "date",
    "due_at": "{dt}",
    "completed_on": "date",
    "completed_at": "{dt}",
    "cancelled_on": "date",
    "owner_id": "bigint",
    "team_id": "bigint",
    "subject": "varchar(100)",
    "start_event": "varchar(200)",
    "pauses": "{json}",
    "paused_from": "date",
}
# The stage's columns as PostgreSQL's binary COPY names their types (four times less work per
# row than text COPY, and the pauses go as they are rather than as JSON text).
_COPY_TYPES = [
    {"bigint": "int8", "date": "date", "{dt}": "timestamptz", "{json}": "jsonb"}.get(
        _TYPES[c], "varchar"
    )
    for c in COLUMNS
]


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


class ClockStage:
    """A temporary table of computed clocks, merged into the clocks table on merge()."""

    def __enter__(self) -> "ClockStage":
        self.postgres = connection.vendor == "postgresql"
        datetime_type = "timestamp with time zone" if self.postgres else "datetime"
        json_type = "jsonb" if self.postgres else "text"
        columns = ", ".join(
            f"{_q(c)} {_TYPES[c].format(dt=datetime_type, json=json_type)}" for c in COLUMNS
        )
        with connection.cursor() as cursor:
            if not self.postgres:
                # The merge updates six indexes in random order; with SQLite's default 2 MB
                # page cache that spills to disk on every few rows. Give it room for the job.
                cursor.execute("PRAGMA cache_size")
                self.cache_size = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA cache_size = {SQLITE_CACHE_KIB}")
            cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
            cursor.execute(f"CREATE TEMPORARY TABLE {STAGE} ({columns})")
        self.staged = 0
        self.identity_hashes: set[int] = set()
        self.maybe_duplicates = False
        return self

    def __exit__(self, *exc) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
            cursor.execute(f"DROP TABLE IF EXISTS {DIFF}")
            if not self.postgres:
                cursor.execute(f"PRAGMA cache_size = {self.cache_size}")

    def load(self, rows: list[tuple]) -> None:
        """Add computed rows (person_id, rule_code, key, *VALUE_FIELDS) to the stage."""
        if not rows:
            return
        self.staged += len(rows)
        hashes = self.identity_hashes
        before = len(hashes)
        hashes.update(hash(row[:3]) for row in rows)
        if len(hashes) - before < len(rows):
            self.maybe_duplicates = True
        names = ", ".join(_q(c) for c in COLUMNS)
        with connection.cursor() as cursor:
            if self.postgres:
                copy_sql = f"COPY {STAGE} ({names}) FROM STDIN (FORMAT BINARY)"
                with cursor.cursor.copy(copy_sql) as copy:
                    copy.set_types(_COPY_TYPES)
                    for row in rows:
                        copy.write_row(row)
                return
            marks = ", ".join(["%s"] * len(COLUMNS))
            cursor.executemany(
                f"INSERT INTO {STAGE} ({names}) VALUES ({marks})",  # noqa: S608
                _sqlite_rows(rows),
            )

    def merge(self) -> dict[str, int]:
        """Make the clocks table equal the stage; return created/updated/deleted/unchanged.

        One full join of the stage with the clocks finds what differs (new, changed, no
        longer staged) into a small table; the delete, update and insert then read only that.
        A clock that has not changed is read once and never written (an upsert of every row
        would lock, and so write, every row); the counts come from the differences.
        """
        same_identity = " AND ".join(f"c.{_q(c)} = s.{_q(c)}" for c in IDENTITY)
        staged_identity = " AND ".join(f"s.{_q(c)} = d.{_q(c)}" for c in IDENTITY)
        distinct = "IS DISTINCT FROM" if self.postgres else "IS NOT"
        differs = " OR ".join(f"c.{_q(c)} {distinct} s.{_q(c)}" for c in VALUE_FIELDS)
        names = ", ".join(_q(c) for c in COLUMNS)
        staged_names = ", ".join(f"s.{_q(c)}" for c in COLUMNS)
        updates = ", ".join(f"{_q(c)} = s.{_q(c)}" for c in VALUE_FIELDS)
        identity = ", ".join(_q(c) for c in IDENTITY)
        staged_identity_names = ", ".join(f"s.{_q(c)}" for c in IDENTITY)
        with connection.cursor() as cursor:
            if self.postgres:
                # The joins below hash a whole authority's clocks: let them do it in memory,
                # for this transaction only.
                cursor.execute("SELECT current_setting('work_mem')")
                work_mem = cursor.fetchone()[0]
                cursor.execute(f"SET LOCAL work_mem = '{MERGE_WORK_MEM}'")
                # No unique index on the stage: it draws the planner into index-order joins
                # through the few buffers a temporary table has, several times slower than
                # hashing. load() saw every identity's hash; only if two were equal does the
                # database look for duplicates (a hash can collide: it decides).
                if self.maybe_duplicates:
                    duplicates = self._duplicates(cursor)
                    if duplicates:
                        raise ValidationError(duplicates)
                cursor.execute(f"ANALYZE {STAGE}")
            else:
                try:
                    with transaction.atomic():
                        cursor.execute(
                            f"CREATE UNIQUE INDEX {STAGE}_identity ON {STAGE} ({identity})"
                        )
                except IntegrityError:
                    raise ValidationError(self._duplicates(cursor)) from None
            # clock_id NULL: new; person_id NULL: no longer staged; both set: changed.
            cursor.execute(
                f"CREATE TEMPORARY TABLE {DIFF} AS "  # noqa: S608
                f"SELECT c.id AS clock_id, {staged_identity_names} "
                f"FROM {STAGE} s FULL OUTER JOIN {TABLE} c ON {same_identity} "
                f"WHERE s.{_q('person_id')} IS NULL OR c.id IS NULL OR {differs}"
            )
            cursor.execute(
                f"SELECT COUNT(*) FILTER (WHERE clock_id IS NULL), "  # noqa: S608
                f"COUNT(*) FILTER (WHERE clock_id IS NOT NULL AND person_id IS NOT NULL) "
                f"FROM {DIFF}"
            )
            created, updated = cursor.fetchone()
            if self.postgres:
                cursor.execute(f"ANALYZE {DIFF}")
            cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")  # noqa: S608
            stored = cursor.fetchone()[0]
            rebuild_indexes = (
                created >= BULK_INDEX_MIN_ROWS and created + updated > (stored + created) // 2
            )
            if rebuild_indexes:
                # On PostgreSQL this holds an exclusive lock on the clocks until commit, which
                # is why it is kept to builds where most clocks are new.
                recreate = [str(i.create_sql(Clock, connection.schema_editor())) for i in INDEXES]
                for index in INDEXES:
                    cursor.execute(f"DROP INDEX {_q(index.name)}")
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE id IN "  # noqa: S608
                f"(SELECT clock_id FROM {DIFF} WHERE person_id IS NULL)"
            )
            deleted = cursor.rowcount
            if updated:
                cursor.execute(
                    f"UPDATE {TABLE} AS c SET {updates} FROM {STAGE} s, {DIFF} d "  # noqa: S608
                    f"WHERE d.clock_id = c.id AND d.person_id IS NOT NULL AND {staged_identity}"
                )
            if created:
                cursor.execute(
                    f"INSERT INTO {TABLE} ({names}) SELECT {staged_names} "  # noqa: S608
                    f"FROM {STAGE} s JOIN {DIFF} d ON {staged_identity} "
                    f"WHERE d.clock_id IS NULL ORDER BY {staged_identity_names}"
                )
            cursor.execute(f"DROP TABLE {DIFF}")
            if rebuild_indexes:
                if self.postgres:
                    # Run the deferred foreign-key checks now: PostgreSQL will not build an
                    # index on a table with pending trigger events.
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                for sql in recreate:
                    cursor.execute(sql)
            if self.postgres:
                cursor.execute("SELECT set_config('work_mem', %s, true)", [work_mem])
        return {
            "created": created,
            "updated": updated,
            "deleted": deleted,
            "unchanged": self.staged - created - updated,
        }

    def _duplicates(self, cursor) -> list[str]:
        identity = ", ".join(_q(c) for c in IDENTITY)
        cursor.execute(
            f"SELECT {identity}, COUNT(*) FROM {STAGE} GROUP BY {identity} "  # noqa: S608
            f"HAVING COUNT(*) > 1 ORDER BY {identity} LIMIT 10"
        )
        return [
            f"clock {code} for person {person} ({key}): yielded {n} times."
            for person, code, key, n in cursor.fetchall()
        ]


def _sqlite_rows(rows: list[tuple]) -> Iterator[tuple]:
    # Store dates and times exactly as Django's SQLite backend does, so the merge's
    # comparisons with stored rows are exact. Unrolled: this runs once per clock.
    for p, r, k, s_on, s_at, d_on, d_at, c_on, c_at, x_on, o, t, subj, ev, ps, p_on in rows:
        yield (
            p,
            r,
            k,
            s_on.isoformat(),
            s_at and _sqlite_datetime(s_at),
            d_on.isoformat(),
            d_at and _sqlite_datetime(d_at),
            c_on and c_on.isoformat(),
            c_at and _sqlite_datetime(c_at),
            x_on and x_on.isoformat(),
            o,
            t,
            subj,
            ev,
            # As Django's JSONField writes it, so an unchanged list compares equal.
            ps and json.dumps(ps),
            p_on and p_on.isoformat(),
        )


def _sqlite_datetime(value: datetime) -> str:
    return str(value.astimezone(UTC).replace(tzinfo=None))
