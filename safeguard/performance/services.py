"""Write month-end snapshots and self-evaluation statements."""

import calendar
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_bulk, audit_change, snapshot
from safeguard.performance.measures import Period, _years_before
from safeguard.performance.models import MonthEndSnapshot, SelfEvaluationStatement
from safeguard.performance.selectors import figures_for_scopes, snapshot_scopes


def month_ends_before(day: date, months: int) -> list[date]:
    """Return the last `months` month ends on or before the day, oldest first."""
    ends = []
    year, month = day.year, day.month
    while len(ends) < months:
        end = date(year, month, calendar.monthrange(year, month)[1])
        if end <= day:
            ends.append(end)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(ends))


def is_month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


@transaction.atomic
def snapshot_take(*, month_end: date, user=None) -> int:
    """Store every measure for every kept scope over the twelve months to month_end.

    Replaces the month's earlier snapshot (snapshots are derived; recomputing is safe).
    Return the number of rows written.
    """
    if not is_month_end(month_end):
        raise ValueError(f"{month_end:%d %B %Y} is not the last day of a month.")
    period = Period(start=_years_before(month_end, 1) + timedelta(days=1), end=month_end)
    rows = []
    scopes = snapshot_scopes()
    figures = figures_for_scopes(scopes=scopes, period=period)
    for scope in scopes:
        for code, figure in figures[scope.key].items():
            value = figure.value
            rows.append(
                MonthEndSnapshot(
                    measure_code=code,
                    scope_key=scope.key,
                    month_end=month_end,
                    numerator=figure.numerator,
                    denominator=figure.denominator,
                    value=None if value is None else Decimal(str(value)),
                )
            )
    MonthEndSnapshot.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["measure_code", "scope_key", "month_end"],
        update_fields=["numerator", "denominator", "value", "taken_at"],
    )
    audit_bulk(
        user=user,
        action=AuditAction.CREATE,
        object_type="performance_snapshot",
        summary=f"Month-end snapshot {month_end:%Y-%m-%d}: {len(rows)} figures",
    )
    return len(rows)


def snapshots_backfill(*, until: date, months: int = 24, user=None) -> list[tuple[date, int]]:
    """Take the snapshot of each of the last `months` month ends from the records."""
    return [
        (end, snapshot_take(month_end=end, user=user)) for end in month_ends_before(until, months)
    ]


@transaction.atomic
def statement_create(
    *, user, heading: str, claim: str, measure_codes: list[str], target: Decimal | None = None
) -> SelfEvaluationStatement:
    """Record a self-evaluation statement citing measures."""
    statement = SelfEvaluationStatement(
        heading=heading,
        claim=claim,
        measure_codes=list(measure_codes),
        target=target,
        written_by=user,
        written_at=timezone.now(),
    )
    statement.full_clean()
    statement.save()
    audit_change(
        user=user,
        instance=statement,
        action=AuditAction.CREATE,
        person_id=None,
        summary=f"Self-evaluation statement: {heading}",
    )
    return statement


@transaction.atomic
def statement_archive(*, user, statement: SelfEvaluationStatement) -> None:
    """Withdraw a statement from the self-evaluation (kept, not deleted)."""
    before = snapshot(statement)
    statement.archived_at = timezone.now()
    statement.save(update_fields=["archived_at"])
    audit_change(
        user=user,
        instance=statement,
        action=AuditAction.ARCHIVE,
        person_id=None,
        before=before,
        summary=f"Withdrew self-evaluation statement: {statement.heading}",
    )
