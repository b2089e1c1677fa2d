"""Explain a clock: its rule, source, start event and how its due date was counted."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from safeguard.compliance import calendar, pauses
from safeguard.compliance.choices import ClockStatus, Unit
from safeguard.compliance.models import Clock, LocalRuleSetting
from safeguard.compliance.rules import EVENTS, PAUSE_CONDITIONS, RULES, Rule
from safeguard.compliance.selectors import status_of
from safeguard.compliance.services import ClockContext, clock_context


@dataclass(frozen=True)
class Explanation:
    clock: Clock
    rule: Rule
    period: int
    local_setting: LocalRuleSetting | None
    counting: str
    recounted_due: date
    status: ClockStatus
    as_of: date
    # One line per counted pause ("Paused 3 to 7 Mar 2026 while missing from home: ...").
    pause_lines: tuple[str, ...] = ()
    # Whether the rule pauses, and whether the authority has switched its condition on.
    pause_rule: str = ""

    @property
    def satisfied_by(self) -> str:
        return " or ".join(EVENTS.get(e, e) for e in self.rule.satisfied_by)

    @property
    def stale(self) -> bool:
        """Return True if counting again today gives another date (a calendar changed)."""
        return self.recounted_due != self.clock.due_on

    def lines(self) -> list[str]:
        """Return the explanation as lines of plain text."""
        clock, rule = self.clock, self.rule
        value = f"{rule.describe_period(self.period)}"
        if self.local_setting is not None:
            value += (
                f" (local value set by {self.local_setting.decided_by} on "
                f"{self.local_setting.decided_on:%-d %b %Y}; catalogue default "
                f"{rule.describe_period()})"
            )
        kind = "statutory" if rule.statutory else "local policy"
        lines = [
            f"Clock {clock.pk}: {rule.name} ({rule.code}) for person {clock.person_id}",
            f"Rule: {value}, {kind}.",
            f"Source: {rule.source}.",
            f"Started by: {clock.start_event or EVENTS.get(rule.start_event, rule.start_event)}"
            f" on {_day(clock.started_on)}" + (f" ({clock.subject})" if clock.subject else ""),
            f"Met by: {self.satisfied_by}.",
            f"Counting: {self.counting}",
            *self.pause_lines,
        ]
        if self.pause_rule:
            lines.append(f"Pauses: {self.pause_rule}")
        if self.stale:
            lines.append(
                f"Note: counted again with today's calendars it would be due "
                f"{_day(self.recounted_due)}; run `clocks rebuild`."
            )
        if clock.completed_on:
            lines.append(f"Completed: {_day(clock.completed_on)}.")
        if clock.cancelled_on:
            lines.append(f"Cancelled: {_day(clock.cancelled_on)}.")
        lines.append(f"Owner: {clock.owner or 'nobody (an unowned clock is a breach)'}.")
        lines.append(f"Status as of {_day(self.as_of)}: {self.status.value}.")
        lines.append(f"Escalation: {rule.escalation}")
        if rule.notes:
            lines.append(f"Note: {rule.notes}")
        return lines


def _day(value: date) -> str:
    return value.strftime("%a %-d %b %Y")


def _time(value: datetime) -> str:
    return timezone.localtime(value).strftime("%H:%M %a %-d %b %Y")


def _day_list(days: list[date]) -> str:
    """Return '25, 26 Dec and 1 Jan': day numbers grouped by month, in order."""
    groups: list[tuple[str, list[str]]] = []
    # The counting shows both ends with their years; name the year only if a month recurs.
    with_year = (days[-1] - days[0]).days > 300
    for day in days:
        month = day.strftime("%b") + (f" {day.year}" if with_year else "")
        if groups and groups[-1][0] == month:
            groups[-1][1].append(str(day.day))
        else:
            groups.append((month, [str(day.day)]))
    parts = [f"{', '.join(numbers)} {month}" for month, numbers in groups]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _counted_days(cal: calendar.DayCalendar, start: date, due: date, what: str) -> str:
    skipped = cal.skipped_between(start, due)
    named = [d for d, why in skipped if why != "school holiday"]
    holidays = sum(1 for _, why in skipped if why == "school holiday")
    skips = []
    if holidays:
        skips.append(f"{holidays} weekdays of school holiday")
    if named:
        skips.append(_day_list(named))
    skipping = f", skipping weekends and {' and '.join(skips)}" if skips else ", skipping weekends"
    return f"{what} from {_day(start)}{skipping} → {_day(due)}."


def counting_text(rule: Rule, period: int, clock: Clock, context: ClockContext) -> tuple[str, date]:
    """Return the counting in words and the due date it gives with today's calendars."""
    start = clock.started_on
    what = rule.describe_period(period)
    if rule.unit == Unit.HOURS:
        start_at = clock.start_at or calendar.as_aware(start)
        due_at = calendar.add_hours(start_at, period)
        return f"{what} from {_time(start_at)} → {_time(due_at)}.", timezone.localdate(due_at)
    if rule.unit == Unit.WORKING_DAYS:
        due = context.working.add(start, period)
        return _counted_days(context.working, start, due, what), due
    if rule.unit == Unit.SCHOOL_DAYS:
        due = context.school.add(start, period)
        return _counted_days(context.school, start, due, what), due
    if rule.unit == Unit.MONTHS:
        due = calendar.add_months(start, period)
        clamp = " (the same day of the month, or the month's last day)"
        return f"{what} from {_day(start)}{clamp} → {_day(due)}.", due
    if rule.unit == Unit.WEEKS:
        due = calendar.add_weeks(start, period)
    else:
        due = calendar.add_calendar_days(start, period)
    return f"{what} from {_day(start)} → {_day(due)}.", due


def _span(start: date, end: date) -> str:
    """Return '3 to 7 Mar 2026', '27 Feb to 3 Mar 2026' or '30 Dec 2025 to 2 Jan 2026'."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} to {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} to {end.day} {end:%b %Y}"


def pause_text(
    rule: Rule, clock: Clock, due: date, context: ClockContext
) -> tuple[list[str], date]:
    """Return a line per stored pause and the due date they give, counted with today's
    calendars from the due date before any pause."""
    lines = []
    due_at = None
    if rule.unit == Unit.HOURS:
        start_at = clock.start_at or calendar.as_aware(clock.started_on)
        due_at = calendar.add_hours(start_at, context.period(rule))
    for pause in clock.pauses or ():
        start = date.fromisoformat(pause["start"])
        if pause["end"] is None:
            lines.append(
                f"Paused since {_day(start)} while {pause['reason']}: the due date moves on "
                "by the time paused when the pause ends."
            )
            continue
        end = date.fromisoformat(pause["end"])
        if due_at is not None:
            added = pause["added"]
            due_at = calendar.add_hours(due_at, added)
            due = timezone.localdate(due_at)
        else:
            added = pauses.units_between(rule, start, end, context)
            due = pauses.move_on(rule, due, added, context)
        lines.append(
            f"Paused {_span(start, end)} while {pause['reason']}: "
            f"{pauses.added_words(rule, added)} added → due {_day(due)}."
        )
    return lines, due


def pause_rule_text(rule: Rule, context: ClockContext) -> str:
    """Return whether and why the rule pauses, and whether that is switched on."""
    condition = PAUSE_CONDITIONS.get(rule.paused_while)
    if condition is None:
        return ""
    state = "switched on" if rule.paused_while in context.paused_conditions else "switched off"
    if condition.local:
        default = "on" if condition.on_by_default else "off"
        state += f" (a local setting, admin: Local pause settings; {default} unless set)"
    return f"stands still while {condition.words} ({condition.source}); {state}."


def clock_explain(clock: Clock, *, as_of: date | None = None) -> Explanation:
    """Return the explanation of a clock as of a date (default today)."""
    as_of = as_of or timezone.localdate()
    rule = RULES.get(clock.rule_code)
    if rule is None:
        raise KeyError(f"Clock {clock.pk} has rule {clock.rule_code!r}, not in the catalogue.")
    context = clock_context()
    period = context.period(rule)
    setting = None
    if period != rule.period or rule.code in context.periods:
        setting = LocalRuleSetting.objects.filter(rule_code=rule.code).first()
    counting, recounted = counting_text(rule, period, clock, context)
    pause_lines, recounted = pause_text(rule, clock, recounted, context)
    return Explanation(
        clock=clock,
        rule=rule,
        period=period,
        local_setting=setting,
        counting=counting,
        recounted_due=recounted,
        status=status_of(clock, as_of),
        as_of=as_of,
        pause_lines=tuple(pause_lines),
        pause_rule=pause_rule_text(rule, context),
    )
