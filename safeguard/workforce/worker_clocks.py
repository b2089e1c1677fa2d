"""Clocks on workers, not children: supervision and appraisal.

The compliance engine's clocks belong to a child (ClockSpec.person_id, Clock.person), so a
worker's supervision and appraisal clocks are computed here, from the same rule catalogue,
local rule settings and calendar functions the engine uses. They are computed when read (a
worker has a few dozen sessions a year, and a team a few dozen workers), so nothing can drift.

A cycle: the first clock starts when the worker starts (or the ASYE starts); each session (or
appraisal) meets the open clock and starts the next. A newly qualified worker's clocks follow
SUPERVISION_NQSW (weekly) while the cycle starts within the first N weeks of the ASYE (N from
the WorkforcePolicy, default 6), and SUPERVISION (monthly) after.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from safeguard.compliance import calendar
from safeguard.compliance.choices import ClockStatus, Unit
from safeguard.compliance.rules import rule_get

SUPERVISION = "SUPERVISION"
SUPERVISION_NQSW = "SUPERVISION_NQSW"
APPRAISAL = "APPRAISAL"


def local_periods() -> dict[str, int]:
    """Return the authority's own periods for rules, by code (one query)."""
    from safeguard.compliance.models import LocalRuleSetting

    return dict(LocalRuleSetting.objects.values_list("rule_code", "period"))


def due_date(rule_code: str, start: date, *, periods: dict[str, int] | None = None) -> date:
    """Return the due date of a clock for the rule started on `start`, using local periods."""
    rule = rule_get(rule_code)
    periods = local_periods() if periods is None else periods
    n = periods.get(rule_code, rule.period)
    match rule.unit:
        case Unit.WORKING_DAYS:
            return calendar.add_working_days(start, n)
        case Unit.SCHOOL_DAYS:
            return calendar.add_school_days(start, n)
        case Unit.CALENDAR_DAYS:
            return calendar.add_calendar_days(start, n)
        case Unit.WEEKS:
            return calendar.add_weeks(start, n)
        case Unit.MONTHS:
            return calendar.add_months(start, n)
    raise ValueError(f"{rule_code}: a worker clock cannot be counted in {rule.unit}.")


@dataclass(frozen=True)
class WorkerClock:
    """One cycle of a worker's clock: started, due, met or not."""

    rule_code: str
    worker_id: int
    team_id: int | None
    key: str
    start: date
    due: date
    completed: date | None = None
    cancelled: date | None = None

    def status(self, as_of: date) -> str:
        if self.completed is not None:
            return ClockStatus.MET if self.completed <= self.due else ClockStatus.MET_LATE
        if self.cancelled is not None:
            return ClockStatus.CANCELLED
        return ClockStatus.OVERDUE if as_of > self.due else ClockStatus.DUE

    def is_overdue(self, as_of: date) -> bool:
        return self.status(as_of) == ClockStatus.OVERDUE


@dataclass(frozen=True)
class _Service:
    """The part of a worker's employment the clocks need."""

    worker_id: int
    team_id: int
    start: date
    end: date | None
    asye_start: date | None


def cycle_clocks(
    *,
    service: _Service,
    events: list[date],
    rule_for,
    name: str,
    as_of: date,
    periods: dict[str, int],
) -> list[WorkerClock]:
    """Return the clocks for one worker's service: one per cycle up to the open one.

    rule_for(cycle_start) gives the rule code for a cycle starting on that date. An event on
    or after a cycle's start meets it and starts the next; events after the worker left and
    after as_of are ignored.
    """
    last_day = min(d for d in (service.end, as_of) if d is not None)
    dates = sorted({d for d in events if service.start <= d <= last_day})
    clocks, start, n = [], service.start, 1
    for event in dates:
        if event < start:
            continue
        code = rule_for(start)
        clocks.append(
            WorkerClock(
                rule_code=code,
                worker_id=service.worker_id,
                team_id=service.team_id,
                key=f"{name}:{service.start.isoformat()}:{n}",
                start=start,
                due=due_date(code, start, periods=periods),
                completed=event,
            )
        )
        start, n = event, n + 1
        # An event on the start day meets the first cycle; a second that day starts nothing new.
    code = rule_for(start)
    clocks.append(
        WorkerClock(
            rule_code=code,
            worker_id=service.worker_id,
            team_id=service.team_id,
            key=f"{name}:{service.start.isoformat()}:{n}",
            start=start,
            due=due_date(code, start, periods=periods),
            cancelled=service.end if service.end is not None and service.end <= as_of else None,
        )
    )
    return clocks


def _services(worker_ids: list[int], as_of: date) -> dict[int, _Service]:
    """Return each worker's current (or most recent) continuous service up to as_of."""
    from safeguard.workforce.models import Employment

    rows = (
        Employment.objects.filter(user_id__in=worker_ids, start_date__lte=as_of)
        .order_by("user_id", "start_date")
        .values(
            "user_id", "team_id", "start_date", "end_date", "is_newly_qualified", "asye_start_date"
        )
    )
    found: dict[int, _Service] = {}
    for row in rows:
        uid = row["user_id"]
        before = found.get(uid)
        asye = row["asye_start_date"] if row["is_newly_qualified"] else None
        # A move between teams with no gap continues the same service (and its clocks).
        continues = (
            before is not None
            and before.end is not None
            and (row["start_date"] - before.end).days <= 1
        )
        found[uid] = _Service(
            worker_id=uid,
            team_id=row["team_id"],
            start=before.start if continues else row["start_date"],
            end=row["end_date"],
            asye_start=asye or (before.asye_start if continues else None),
        )
    return found


def _supervision_services(worker_ids: list[int], as_of: date) -> dict:
    """Return {worker_id: (service, rule_for)}: where each worker's supervision cycle starts
    and which rule a cycle starting on a day follows."""
    from safeguard.workforce.selectors import policy_in_force

    weekly_weeks = policy_in_force(as_of=as_of).nqsw_weekly_supervision_weeks
    found = {}
    for wid, service in _services(worker_ids, as_of).items():
        phase_end = (
            calendar.add_weeks(service.asye_start, weekly_weeks) if service.asye_start else None
        )

        def rule_for(start, asye=service.asye_start, phase_end=phase_end):
            if asye is not None and asye <= start < phase_end:
                return SUPERVISION_NQSW
            return SUPERVISION

        # The first clock of a newly qualified worker starts with the ASYE, if later.
        if service.asye_start and service.asye_start > service.start:
            service = _Service(
                service.worker_id,
                service.team_id,
                service.asye_start,
                service.end,
                service.asye_start,
            )
        found[wid] = (service, rule_for)
    return found


def _sessions(worker_ids, as_of: date):
    from safeguard.workforce.models import SupervisionSession

    return (
        SupervisionSession.objects.active()
        .filter(worker_id__in=list(worker_ids), session_date__lte=as_of)
        .values_list("worker_id", "session_date")
    )


def supervision_clocks_for_workers(*, worker_ids, as_of: date) -> dict[int, list[WorkerClock]]:
    """Return each worker's supervision clocks up to as_of (3 queries for any number)."""
    worker_ids = list(worker_ids)
    services = _supervision_services(worker_ids, as_of)
    periods = local_periods()
    sessions: dict[int, list[date]] = defaultdict(list)
    for wid, day in _sessions(services, as_of):
        sessions[wid].append(day)
    result: dict[int, list[WorkerClock]] = {wid: [] for wid in worker_ids}
    for wid, (service, rule_for) in services.items():
        result[wid] = cycle_clocks(
            service=service,
            events=sessions[wid],
            rule_for=rule_for,
            name="supervision",
            as_of=as_of,
            periods=periods,
        )
    return result


def supervision_overdue(*, worker_ids, as_of: date) -> set[int]:
    """Return the workers whose supervision is overdue on as_of (3 queries, any number).

    Of a worker's cycle (see supervision_clocks_for_workers) only the open clock can be
    overdue: it starts at the latest session in the service (or at its start) and is
    cancelled if the service has ended. So the latest session is all that is read.
    """
    from django.db.models import Max

    services = _supervision_services(list(worker_ids), as_of)
    periods = local_periods()
    latest = dict(
        _sessions(services, as_of)
        .order_by()
        .values("worker_id")
        .annotate(last=Max("session_date"))
        .values_list("worker_id", "last")
    )
    overdue = set()
    for wid, (service, rule_for) in services.items():
        if service.end is not None and service.end <= as_of:
            continue
        last = latest.get(wid)
        start = last if last is not None and last >= service.start else service.start
        if as_of > due_date(rule_for(start), start, periods=periods):
            overdue.add(wid)
    return overdue


def appraisal_clocks_for_workers(*, worker_ids, as_of: date) -> dict[int, list[WorkerClock]]:
    """Return each worker's appraisal (personal development review) clocks up to as_of."""
    from safeguard.workforce.models import Appraisal

    worker_ids = list(worker_ids)
    services = _services(worker_ids, as_of)
    periods = local_periods()
    held: dict[int, list[date]] = defaultdict(list)
    for wid, day in (
        Appraisal.objects.active()
        .filter(worker_id__in=list(services), appraisal_date__lte=as_of)
        .values_list("worker_id", "appraisal_date")
    ):
        held[wid].append(day)
    result: dict[int, list[WorkerClock]] = {wid: [] for wid in worker_ids}
    for wid, service in services.items():
        result[wid] = cycle_clocks(
            service=service,
            events=held[wid],
            rule_for=lambda start: APPRAISAL,
            name="appraisal",
            as_of=as_of,
            periods=periods,
        )
    return result


def open_clock(clocks: list[WorkerClock]) -> WorkerClock | None:
    """Return the open (last) clock of a worker's cycle, if it is neither met nor cancelled."""
    if clocks and clocks[-1].completed is None and clocks[-1].cancelled is None:
        return clocks[-1]
    return None


def overdue_worker_clocks(*, worker_ids, as_of: date) -> list[WorkerClock]:
    """Return the open supervision and appraisal clocks past their due date."""
    found = []
    for clocks in (
        supervision_clocks_for_workers(worker_ids=worker_ids, as_of=as_of),
        appraisal_clocks_for_workers(worker_ids=worker_ids, as_of=as_of),
    ):
        for cycle in clocks.values():
            clock = open_clock(cycle)
            if clock is not None and clock.is_overdue(as_of):
                found.append(clock)
    return sorted(found, key=lambda c: c.due)


__all__ = [
    "WorkerClock",
    "appraisal_clocks_for_workers",
    "due_date",
    "overdue_worker_clocks",
    "supervision_clocks_for_workers",
    "supervision_overdue",
]
