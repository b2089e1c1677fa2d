"""Write clocks: turn what the producers say into stored clocks with due dates.

Clocks are derived state. For the children asked about, the engine runs every registered
producer, computes each clock's due date from the rule catalogue, and makes the stored set of
clocks EQUAL to the producers' output: new specs are inserted, changed ones updated in place
(so a clock keeps its id), and a stored clock that no producer yields any more is deleted. A
clock that ends without being met is not deleted: its producer yields it with `cancelled`.
Nothing else writes clocks, so nothing is lost by replacing them.

Each spec is validated before anything is written; a bad one raises ValidationError and, as
all the writing happens in the caller's transaction, nothing is written.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

import numpy as np
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from safeguard.compliance import calendar, pauses
from safeguard.compliance.choices import Unit
from safeguard.compliance.models import Clock, LocalRuleSetting
from safeguard.compliance.registry import PRODUCERS, ClockSpec
from safeguard.compliance.rules import RULES, Rule
from safeguard.compliance.sources import producers_with_records

# The stored values of a clock besides its identity (person, rule_code, key), in this order.
VALUE_FIELDS = (
    "started_on",
    "start_at",
    "due_on",
    "due_at",
    "completed_on",
    "completed_at",
    "cancelled_on",
    "owner_id",
    "team_id",
    "subject",
    "start_event",
    "pauses",
    "paused_from",
)
_UPDATE_FIELDS = [f.removesuffix("_id") for f in VALUE_FIELDS]
_BATCH = 500
_UNIX_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_MAX_ERRORS_SHOWN = 10

ClockKey = tuple[int, str, str]


@dataclass(frozen=True)
class ClockContext:
    """What due dates depend on besides the specs: local values, the calendars, and which
    pause conditions are switched on."""

    periods: dict[str, int]
    working: calendar.DayCalendar
    school: calendar.DayCalendar
    paused_conditions: frozenset[str] = frozenset()

    def period(self, rule: Rule) -> int:
        return self.periods.get(rule.code, rule.period)


@dataclass
class RecomputeResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    def add(self, other: "RecomputeResult") -> None:
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted
        self.unchanged += other.unchanged


def _settings_rows() -> list[tuple[str, str, str | None, str | None]]:
    """Return the local periods, closure days, term dates and pause settings, as text rows.

    One query rather than four: a recompute reads them on every write, and four ORM queries
    cost more than the rest of a typical child's recompute. Values are cast to text, which
    reads the same on PostgreSQL and SQLite (dates as YYYY-MM-DD).
    """
    from safeguard.compliance.models import LocalClosureDay, LocalPauseSetting, SchoolTerm

    q = connection.ops.quote_name

    def table(model) -> str:
        return q(model._meta.db_table)

    sql = (
        f"SELECT 'period', {q('rule_code')}, CAST({q('period')} AS TEXT), NULL "  # noqa: S608
        f"FROM {table(LocalRuleSetting)} "
        f"UNION ALL SELECT 'closure', CAST({q('date')} AS TEXT), {q('reason')}, NULL "
        f"FROM {table(LocalClosureDay)} "
        f"UNION ALL SELECT 'term', CAST({q('academic_year')} AS TEXT), "
        f"CAST({q('start_date')} AS TEXT), CAST({q('end_date')} AS TEXT) FROM {table(SchoolTerm)} "
        f"UNION ALL SELECT 'pause', {q('condition')}, "
        f"CASE WHEN {q('enabled')} THEN '1' ELSE '0' END, NULL FROM {table(LocalPauseSetting)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def clock_context() -> ClockContext:
    """Load the authority's local values, calendars and pause settings (one small query)."""
    periods: dict[str, int] = {}
    closures: list[tuple[date, str]] = []
    terms: list[tuple[int, date, date]] = []
    chosen: dict[str, bool] = {}
    for kind, first, second, third in _settings_rows():
        if kind == "period":
            if first in RULES and RULES[first].local_override_allowed:
                periods[first] = int(second)
        elif kind == "closure":
            closures.append((date.fromisoformat(first), second))
        elif kind == "term":
            terms.append((int(first), date.fromisoformat(second), date.fromisoformat(third)))
        else:
            chosen[first] = second == "1"
    return ClockContext(
        periods,
        calendar.working_calendar(tuple(sorted(closures))),
        calendar.school_calendar(tuple(sorted(terms, key=lambda term: term[1]))),
        pauses.enabled_conditions(chosen),
    )


def due_dates(rule: Rule, period: int, starts: list[date], context: ClockContext) -> list[date]:
    """Return the due date for each start date under the rule, counted in one numpy call."""
    if not starts:
        return []
    # Through day numbers: numpy converts a list of dates one object at a time, ~20 times slower.
    ordinals = np.fromiter(map(date.toordinal, starts), dtype=np.int64, count=len(starts))
    array = (ordinals - _UNIX_EPOCH_ORDINAL).astype("datetime64[D]")
    unit = rule.unit
    if unit == Unit.WORKING_DAYS:
        due = context.working.offset(array, period)
    elif unit == Unit.SCHOOL_DAYS:
        due = context.school.offset(array, period)
    elif unit == Unit.CALENDAR_DAYS:
        due = array + np.timedelta64(period, "D")
    elif unit == Unit.WEEKS:
        due = array + np.timedelta64(7 * period, "D")
    elif unit == Unit.MONTHS:
        due = calendar.add_months_array(array, period)
    elif unit == Unit.HOURS:
        # Only for starts known by date: the end of the period from local midnight.
        due = array + np.timedelta64(period // 24, "D")
    else:
        raise ValueError(f"Rule {rule.code} has unknown unit {unit!r}.")
    return due.tolist()


def _collect(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    wanted = None if person_ids is None else set(person_ids)
    producers = PRODUCERS if person_ids is None else producers_with_records(PRODUCERS, person_ids)
    for producer in producers:
        for spec in producer(person_ids):
            if wanted is None or spec.person_id in wanted:
                yield spec


def _describe(spec: ClockSpec) -> str:
    return f"clock {spec.rule_code} for person {spec.person_id} ({spec.key})"


def _day(value: date | datetime, zone: tzinfo) -> date:
    """Return the local date of a date or datetime (calendar.as_local_date, given the zone).

    The rebuild's hot loop: most values are plain dates and skip the conversion, and the
    current time zone is looked up once per batch rather than once per value.
    """
    if type(value) is date:
        return value
    if value.utcoffset() is None:
        return value.date()
    return value.astimezone(zone).date()


def _compute(
    specs: Iterable[ClockSpec],
    *,
    context: ClockContext,
    check_duplicates: bool = True,
    condition_pauses: pauses.ConditionPauses | None = None,
) -> list[tuple]:
    """Return one row (person_id, rule_code, key, *VALUE_FIELDS) per spec.

    condition_pauses: the pause sources' pauses of these people (pauses.condition_pauses).
    Raise ValidationError listing every bad spec: an unknown rule, the same clock twice, a
    start after the event that satisfied or cancelled it, or a bad pause (see pauses.py).
    """
    errors: list[str] = []
    # Per rule: the normalised parts of each spec, so due dates are counted a rule at a time.
    by_rule: dict[str, list[tuple]] = defaultdict(list)
    seen: set[ClockKey] = set()
    hourly_rules = {code for code, rule in RULES.items() if rule.unit == Unit.HOURS}
    zone = timezone.get_current_timezone()
    # The rules that pause now, and the pauses their condition's sources gave per person.
    pausing = {
        code: (condition_pauses or {}).get(rule.paused_while, {})
        for code, rule in RULES.items()
        if rule.paused_while in context.paused_conditions
    }
    for spec in specs:
        code = spec.rule_code
        if code not in RULES:
            errors.append(f"{_describe(spec)}: there is no rule {code!r}.")
            continue
        if check_duplicates:
            identity = (spec.person_id, code, spec.key)
            if identity in seen:
                errors.append(f"{_describe(spec)}: yielded twice.")
                continue
            seen.add(identity)
        hourly = code in hourly_rules
        start_at = calendar.as_aware(spec.start) if hourly else None
        started_on = _day(spec.start, zone)
        completed = spec.completed
        completed_at = completed_on = None
        if completed is not None:
            completed_on = _day(completed, zone)
            if isinstance(completed, datetime):
                completed_at = calendar.as_aware(completed)
            early = (
                completed_at < start_at
                if hourly and completed_at is not None
                else completed_on < started_on
            )
            if early:
                errors.append(
                    f"{_describe(spec)}: satisfied on {completed_on.isoformat()}, before it "
                    f"started on {started_on.isoformat()}."
                )
                continue
        cancelled_on = None if spec.cancelled is None else _day(spec.cancelled, zone)
        if cancelled_on is not None and cancelled_on < started_on:
            errors.append(
                f"{_describe(spec)}: cancelled on {cancelled_on.isoformat()}, before it started "
                f"on {started_on.isoformat()}."
            )
            continue
        if spec.pauses:
            problems = pauses.pause_problems(spec, RULES[code])
            if problems:
                errors.extend(f"{_describe(spec)}: {problem}" for problem in problems)
                continue
        by_rule[code].append((spec, started_on, start_at, completed_on, completed_at, cancelled_on))
    if errors:
        shown = errors[:_MAX_ERRORS_SHOWN]
        more = len(errors) - len(shown)
        raise ValidationError(shown + ([f"... and {more} more."] if more else []))

    rows: list[tuple] = []
    for code, items in by_rule.items():
        rule = RULES[code]
        period = context.period(rule)
        if rule.unit == Unit.HOURS:
            due_ats = [calendar.add_hours(item[2], period) for item in items]
            dues = [timezone.localdate(at) for at in due_ats]
        else:
            dues = due_dates(rule, period, [item[1] for item in items], context)
            due_ats = [None] * len(items)
        from_sources = pausing.get(code)
        for item, due_on, due_at in zip(items, dues, due_ats, strict=True):
            spec, started_on, start_at, completed_on, completed_at, cancelled_on = item
            stored_pauses = paused_from = None
            if from_sources is not None:
                found = spec.pauses + tuple(from_sources.get(spec.person_id, ()))
                if found:
                    stopped = min((d for d in (completed_on, cancelled_on) if d), default=None)
                    due_on, due_at, stored_pauses, paused_from = pauses.apply_pauses(
                        rule,
                        found,
                        started_on=started_on,
                        start_at=start_at,
                        due_on=due_on,
                        due_at=due_at,
                        stopped_on=stopped,
                        context=context,
                    )
            rows.append(
                (
                    spec.person_id,
                    code,
                    spec.key,
                    started_on,
                    start_at,
                    due_on,
                    due_at,
                    completed_on,
                    completed_at,
                    cancelled_on,
                    spec.owner_id,
                    spec.team_id,
                    spec.subject,
                    spec.start_event,
                    stored_pauses,
                    paused_from,
                )
            )
    return rows


def clock_rows(
    specs: Iterable[ClockSpec],
    *,
    context: ClockContext,
    condition_pauses: pauses.ConditionPauses | None = None,
) -> dict[ClockKey, tuple]:
    """Return {(person_id, rule_code, key): values in VALUE_FIELDS order} for the specs."""
    rows = _compute(specs, context=context, condition_pauses=condition_pauses)
    return {row[:3]: row[3:] for row in rows}


def _write(person_ids: list[int], rows: dict[ClockKey, tuple]) -> RecomputeResult:
    """Make the stored clocks of these people equal to rows, with a few bulk queries."""
    existing: dict[ClockKey, tuple[int, tuple]] = {}
    stored = Clock.objects.filter(person_id__in=person_ids).values_list(
        "id", "person_id", "rule_code", "key", *VALUE_FIELDS
    )
    for pk, person_id, rule_code, key, *values in stored:
        existing[(person_id, rule_code, key)] = (pk, tuple(values))
    result = RecomputeResult()
    stale = [pk for identity, (pk, _) in existing.items() if identity not in rows]
    changed = []
    for identity, values in rows.items():
        before = existing.get(identity)
        if before is None:
            result.created += 1
        elif before[1] != values:
            result.updated += 1
        else:
            result.unchanged += 1
            continue
        changed.append(
            Clock(
                person_id=identity[0],
                rule_code=identity[1],
                key=identity[2],
                **dict(zip(VALUE_FIELDS, values, strict=True)),
            )
        )
    for i in range(0, len(stale), 5000):
        Clock.objects.filter(pk__in=stale[i : i + 5000]).delete()
    result.deleted = len(stale)
    if changed:
        Clock.objects.bulk_create(
            changed,
            batch_size=_BATCH,
            update_conflicts=True,
            unique_fields=["person", "rule_code", "key"],
            update_fields=_UPDATE_FIELDS,
        )
    return result


@transaction.atomic
def clocks_recompute(
    *, person_ids: list[int], context: ClockContext | None = None
) -> RecomputeResult:
    """Recompute the clocks of these children from every registered producer.

    Call it at the end of every service that changes a record a clock depends on, inside the
    same transaction. The stored clocks of these children become exactly what the producers
    yield for them (see the module docstring).
    """
    person_ids = list(dict.fromkeys(person_ids))
    if not person_ids:
        return RecomputeResult()
    context = context or clock_context()
    found = pauses.condition_pauses(person_ids, context.paused_conditions)
    rows = clock_rows(_collect(person_ids), context=context, condition_pauses=found)
    return _write(person_ids, rows)


def _batches(specs: Iterable[ClockSpec], size: int) -> Iterator[list[ClockSpec]]:
    batch: list[ClockSpec] = []
    for spec in specs:
        batch.append(spec)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@transaction.atomic
def clocks_rebuild(
    *, progress: bool = False, chunk_size: int = 100_000, user=None
) -> RecomputeResult:
    """Recompute every child's clocks in one transaction (all or nothing).

    Each producer is asked once for everybody (person_ids=None), so a producer costs a few
    queries whatever the size of the authority. The specs are counted in batches of
    chunk_size, loaded into a temporary table and merged into the clocks with three set-based
    statements (insert new, update changed, delete what no producer yields any more): the
    stored set then equals the producers' output, as clocks_recompute does for a few children.
    """
    from safeguard.audit.choices import AuditAction
    from safeguard.audit.services import audit_bulk
    from safeguard.compliance import bulk

    context = clock_context()
    found = pauses.condition_pauses(None, context.paused_conditions)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(PRODUCERS) + 1, unit="producer", desc="Rebuilding clocks")
    staged = 0
    with bulk.ClockStage() as stage:
        for producer in PRODUCERS:
            for batch in _batches(producer(None), chunk_size):
                rows = _compute(
                    batch, context=context, check_duplicates=False, condition_pauses=found
                )
                stage.load(rows)
                staged += len(rows)
                if bar is not None:
                    bar.set_postfix(clocks=staged)
            if bar is not None:
                bar.update(1)
        counts = stage.merge()
    if bar is not None:
        bar.update(1)
        bar.close()
    total = RecomputeResult(**counts)
    audit_bulk(
        user=user,
        action=AuditAction.UPDATE,
        object_type="compliance.clock",
        summary=f"Clocks rebuilt: {staged} from {len(PRODUCERS)} producers; {total.created} "
        f"created, {total.updated} updated, {total.deleted} deleted, {total.unchanged} unchanged.",
    )
    return total
