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
from datetime import date, datetime

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.compliance import calendar
from safeguard.compliance.choices import Unit
from safeguard.compliance.models import Clock, LocalRuleSetting
from safeguard.compliance.registry import PRODUCERS, ClockSpec
from safeguard.compliance.rules import RULES, Rule

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
)
_UPDATE_FIELDS = [f.removesuffix("_id") for f in VALUE_FIELDS]
_BATCH = 500
_MAX_ERRORS_SHOWN = 10

ClockKey = tuple[int, str, str]


@dataclass(frozen=True)
class ClockContext:
    """What due dates depend on besides the specs: local values and the two calendars."""

    periods: dict[str, int]
    working: calendar.DayCalendar
    school: calendar.DayCalendar

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


def clock_context() -> ClockContext:
    """Load the authority's local values and calendars (three small queries)."""
    periods = {
        code: period
        for code, period in LocalRuleSetting.objects.values_list("rule_code", "period")
        if code in RULES and RULES[code].local_override_allowed
    }
    return ClockContext(periods, calendar.working_calendar(), calendar.school_calendar())


def due_dates(rule: Rule, period: int, starts: list[date], context: ClockContext) -> list[date]:
    """Return the due date for each start date under the rule, counted in one numpy call."""
    if not starts:
        return []
    array = np.array(starts, dtype="datetime64[D]")
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
    for producer in PRODUCERS:
        for spec in producer(person_ids):
            if wanted is None or spec.person_id in wanted:
                yield spec


def _describe(spec: ClockSpec) -> str:
    return f"clock {spec.rule_code} for person {spec.person_id} ({spec.key})"


def clock_rows(specs: Iterable[ClockSpec], *, context: ClockContext) -> dict[ClockKey, tuple]:
    """Return {(person_id, rule_code, key): values in VALUE_FIELDS order} for the specs.

    Raise ValidationError listing every bad spec: an unknown rule, the same clock twice, or a
    start after the event that satisfied or cancelled it.
    """
    errors: list[str] = []
    # Per rule: the normalised parts of each spec, so due dates are counted a rule at a time.
    by_rule: dict[str, list[tuple]] = defaultdict(list)
    seen: set[ClockKey] = set()
    for spec in specs:
        rule = RULES.get(spec.rule_code)
        if rule is None:
            errors.append(f"{_describe(spec)}: there is no rule {spec.rule_code!r}.")
            continue
        identity = (spec.person_id, spec.rule_code, spec.key)
        if identity in seen:
            errors.append(f"{_describe(spec)}: yielded twice.")
            continue
        seen.add(identity)
        hourly = rule.unit == Unit.HOURS
        start = spec.start
        start_at = calendar.as_aware(start) if hourly else None
        started_on = calendar.as_local_date(start)
        completed = spec.completed
        completed_at = completed_on = None
        if completed is not None:
            completed_on = calendar.as_local_date(completed)
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
        cancelled_on = None if spec.cancelled is None else calendar.as_local_date(spec.cancelled)
        if cancelled_on is not None and cancelled_on < started_on:
            errors.append(
                f"{_describe(spec)}: cancelled on {cancelled_on.isoformat()}, before it started "
                f"on {started_on.isoformat()}."
            )
            continue
        by_rule[spec.rule_code].append(
            (spec, started_on, start_at, completed_on, completed_at, cancelled_on)
        )
    if errors:
        shown = errors[:_MAX_ERRORS_SHOWN]
        more = len(errors) - len(shown)
        raise ValidationError(shown + ([f"... and {more} more."] if more else []))

    rows: dict[ClockKey, tuple] = {}
    for code, items in by_rule.items():
        rule = RULES[code]
        period = context.period(rule)
        if rule.unit == Unit.HOURS:
            due_ats = [calendar.add_hours(item[2], period) for item in items]
            dues = [timezone.localdate(at) for at in due_ats]
        else:
            dues = due_dates(rule, period, [item[1] for item in items], context)
            due_ats = [None] * len(items)
        for item, due_on, due_at in zip(items, dues, due_ats, strict=True):
            spec, started_on, start_at, completed_on, completed_at, cancelled_on = item
            rows[(spec.person_id, code, spec.key)] = (
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
            )
    return rows


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
    rows = clock_rows(_collect(person_ids), context=context)
    return _write(person_ids, rows)


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


@transaction.atomic
def clocks_rebuild(*, progress: bool = False, chunk_size: int = 2000, user=None) -> RecomputeResult:
    """Recompute every child's clocks, in chunks, in one transaction (all or nothing)."""
    from safeguard.audit.choices import AuditAction
    from safeguard.audit.services import audit_bulk
    from safeguard.people.models import Person

    person_ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    context = clock_context()
    total = RecomputeResult()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(person_ids), unit="children", desc="Rebuilding clocks")
    for chunk in _chunks(person_ids, chunk_size):
        rows = clock_rows(_collect(chunk), context=context)
        total.add(_write(chunk, rows))
        if bar is not None:
            bar.update(len(chunk))
    if bar is not None:
        bar.close()
    audit_bulk(
        user=user,
        action=AuditAction.UPDATE,
        object_type="compliance.clock",
        summary=f"Clocks rebuilt for {len(person_ids)} people: {total.created} created, "
        f"{total.updated} updated, {total.deleted} deleted, {total.unchanged} unchanged.",
    )
    return total
