"""Pauses: intervals during which a clock stands still, and how they move its due date.

A rule pauses only if its catalogue entry names a pause condition (Rule.paused_while) and the
condition is switched on (a local condition by LocalPauseSetting, else its default). The
pauses come from the spec itself and from the condition's pause sources (registry.py).

Counting, in the rule's own unit and on the engine's convention of (start, end]:
- the time paused is what lies in (pause start, pause end]: working days for a working-day
  rule, school days for a school-day rule, calendar days for calendar days, weeks and months
  (a paused week adds 7 days), elapsed whole hours for hours;
- the due date moves on by that much, counted from the due date so far (working days paused
  add working days: a pause from Tue 3 to Sat 7 Mar 2026 adds Wed, Thu and Fri);
- a pause counts only while the clock is running: it is clipped to start no earlier than the
  clock and to end no later than the day the clock was met or cancelled; one that starts after
  the due date so far does not count (the clock was already overdue: a later pause does not
  undo a breach), nor does one that starts once the clock is met or cancelled;
- overlapping pauses count once (merged, their reasons joined);
- an open pause (no end) adds nothing yet: the due date stays as counted so far and the clock
  is `paused` from the pause's start until the pause ends and the clock is counted again.
A clock is `paused` on a date D when a counted pause has start <= D <= end (or no end).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from safeguard.compliance import calendar
from safeguard.compliance.choices import Unit
from safeguard.compliance.registry import PAUSE_SOURCES, ClockSpec, Pause
from safeguard.compliance.rules import PAUSE_CONDITIONS, Rule

# Condition -> person id -> pauses, as the pause sources gave them.
ConditionPauses = dict[str, dict[int, list[Pause]]]


def enabled_conditions(chosen: dict[str, bool] | None = None) -> frozenset[str]:
    """Return the pause conditions switched on: the local settings, else each default.

    chosen: {condition: enabled} as already read from LocalPauseSetting, else read here.
    """
    if chosen is None:
        from safeguard.compliance.models import LocalPauseSetting

        chosen = dict(LocalPauseSetting.objects.values_list("condition", "enabled"))
    return frozenset(
        code
        for code, condition in PAUSE_CONDITIONS.items()
        if (chosen.get(code, condition.on_by_default) if condition.local else True)
    )


def condition_pauses(person_ids: list[int] | None, conditions: Iterable[str]) -> ConditionPauses:
    """Ask each switched-on condition's sources for the pauses of these people (None: all)."""
    found: ConditionPauses = {}
    for condition in conditions:
        by_person: dict[int, list[Pause]] = defaultdict(list)
        for source in PAUSE_SOURCES.get(condition, ()):
            for person_id, pause in source(person_ids):
                by_person[person_id].append(pause)
        found[condition] = dict(by_person)
    return found


def pause_problems(spec: ClockSpec, rule: Rule) -> list[str]:
    """Return what is wrong with the spec's own pauses, in plain words."""
    if not spec.pauses:
        return []
    if not rule.paused_while:
        return [f"{rule.name} ({rule.code}) does not pause; the catalogue names no condition."]
    problems = []
    for pause in spec.pauses:
        if pause.end is not None and _sortable(pause.end) < _sortable(pause.start):
            problems.append(
                f"a pause ({pause.reason or 'no reason given'}) ends on {_iso(pause.end)}, "
                f"before it starts on {_iso(pause.start)}."
            )
        if not pause.reason:
            problems.append(f"a pause from {_iso(pause.start)} gives no reason.")
    return problems


def _sortable(value: date | datetime) -> datetime:
    return calendar.as_aware(value)


def _iso(value: date | datetime) -> str:
    return calendar.as_local_date(value).isoformat()


def _merged(pauses: list[Pause], key) -> list[Pause]:
    """Return the pauses in order of key(start), overlapping or touching ones merged."""
    if len(pauses) < 2:
        return pauses
    merged: list[Pause] = []
    for pause in sorted(pauses, key=lambda p: key(p.start)):
        if merged:
            last = merged[-1]
            if last.end is None or key(pause.start) <= key(last.end):
                end = (
                    None
                    if last.end is None or pause.end is None
                    else max(last.end, pause.end, key=key)
                )
                same = pause.reason in last.reason.split("; ")
                reasons = last.reason if same else f"{last.reason}; {pause.reason}"
                merged[-1] = Pause(last.start, end, reasons)
                continue
        merged.append(pause)
    return merged


def units_between(rule: Rule, start: date, end: date, context) -> int:
    """Return the time in (start, end] in the rule's unit (days for weeks and months)."""
    if rule.unit == Unit.WORKING_DAYS:
        return context.working.between(start, end)
    if rule.unit == Unit.SCHOOL_DAYS:
        return context.school.between(start, end)
    return (end - start).days


def move_on(rule: Rule, due: date, added: int, context) -> date:
    """Return the due date moved on by `added` of the rule's unit (days for weeks, months)."""
    if not added:
        return due
    if rule.unit == Unit.WORKING_DAYS:
        return context.working.add(due, added)
    if rule.unit == Unit.SCHOOL_DAYS:
        return context.school.add(due, added)
    return due + timedelta(days=added)


def apply_pauses(
    rule: Rule,
    pauses: Iterable[Pause],
    *,
    started_on: date,
    start_at: datetime | None,
    due_on: date,
    due_at: datetime | None,
    stopped_on: date | None,
    context,
) -> tuple[date, datetime | None, list[dict] | None, date | None]:
    """Return (due_on, due_at, stored pauses, paused_from) after counting the pauses.

    stopped_on is the day the clock was met or cancelled, if it was. See the module docstring.
    """
    stored: list[dict] = []
    hourly = rule.unit == Unit.HOURS
    if not hourly:
        # Counted in days: two episodes on the same day are one pause.
        pauses = [
            Pause(
                calendar.as_local_date(p.start),
                None if p.end is None else calendar.as_local_date(p.end),
                p.reason,
            )
            for p in pauses
        ]
    # Days compare as they are; times as aware datetimes (a date is local midnight).
    for pause in _merged(list(pauses), (lambda day: day) if not hourly else _sortable):
        if hourly:
            start_time = max(calendar.as_aware(pause.start), start_at)
            start = calendar.as_local_date(start_time)
        else:
            start = max(calendar.as_local_date(pause.start), started_on)
        end = None if pause.end is None else calendar.as_local_date(pause.end)
        if end is not None and end < started_on:
            continue
        if (stopped_on is not None and start >= stopped_on) or start > due_on:
            # Later pauses start later still: none of them counts either.
            break
        if end is None:
            stored.append({"start": start.isoformat(), "end": None, "reason": pause.reason})
            break
        if stopped_on is not None and end > stopped_on:
            end = stopped_on
        if hourly:
            end_time = calendar.as_aware(pause.end)
            if stopped_on is not None and calendar.as_local_date(end_time) > stopped_on:
                end_time = calendar.as_aware(stopped_on)
            added = max(0, int((end_time - start_time).total_seconds() // 3600))
            due_at = calendar.add_hours(due_at, added)
            due_on = calendar.as_local_date(due_at)
        else:
            added = units_between(rule, start, end, context)
            due_on = move_on(rule, due_on, added, context)
        stored.append(
            {
                "start": start.isoformat(),
                "end": end.isoformat(),
                "reason": pause.reason,
                "added": added,
            }
        )
    if not stored:
        return due_on, due_at, None, None
    return due_on, due_at, stored, date.fromisoformat(stored[0]["start"])


def paused_on(pauses: list[dict] | None, as_of: date) -> bool:
    """Return True if one of the stored pauses is open on the date."""
    day = as_of.isoformat()
    return any(p["start"] <= day and (p["end"] is None or day <= p["end"]) for p in pauses or ())


def added_words(rule: Rule, added: int) -> str:
    """Return '3 working days' for the time a pause added, in the rule's counting unit."""
    if rule.unit in (Unit.WEEKS, Unit.MONTHS, Unit.CALENDAR_DAYS):
        label = "day" if added == 1 else "days"
    else:
        label = rule.unit.label if added != 1 else rule.unit.label[:-1]
    return f"{added} {label}"
