"""The off-the-radar report: every child the system knows of whom no one is keeping in view.

One small named function per line of the report, each computed straight from the records (not
from stored clocks or other reports, so a fault elsewhere cannot hide a child here):

- an open involvement with no allocated worker and no place in the unallocated queue;
- a children missing education entry with no activity within its interval;
- a missing episode whose return-home interview was never offered, past the 72 hours;
- an exploitation screening that called for a full assessment, with no assessment or plan.

For a well-run authority the report is empty. The dashboard uses off_the_radar_count().
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import models
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone


class Reason(models.TextChoices):
    UNALLOCATED = "unallocated", "Open involvement with no allocated worker and not in the queue"
    CME_NO_ACTIVITY = "cme_no_activity", "Missing education with no activity within its interval"
    RHI_NOT_OFFERED = (
        "rhi_not_offered",
        "Returned from missing with no return-home interview offered",
    )
    EXPLOITATION_UNASSESSED = (
        "exploitation_unassessed",
        ("Exploitation flag with no risk assessment or plan"),
    )


@dataclass(frozen=True, slots=True)
class RadarLine:
    person_id: int
    reason: str
    since: date
    detail: str
    url: str

    @property
    def reason_label(self) -> str:
        return Reason(self.reason).label


def unallocated_not_queued(*, as_of: datetime) -> list[RadarLine]:
    """Return open episodes with no active lead worker that the queue does not hold either.

    By the queue's definition this should never happen; it is computed here independently
    (a lead whose account is closed does not count as allocated) to prove it.
    """
    from safeguard.casework.allocations import unallocated_queue
    from safeguard.casework.choices import AllocationRole
    from safeguard.casework.models import Allocation, Episode

    active_lead = Allocation.objects.filter(
        episode=OuterRef("pk"),
        role=AllocationRole.LEAD,
        end_at__isnull=True,
        start_at__lte=as_of,
        worker__is_active=True,
    )
    rows = (
        Episode.objects.filter(
            archived_at__isnull=True,
            closure_date__isnull=True,
            person__archived_at__isnull=True,
        )
        .annotate(has_worker=Exists(active_lead))
        .filter(has_worker=False)
        .exclude(pk__in=unallocated_queue().order_by().values("pk"))
        .values("pk", "person_id", "referral_date", "team__name")
    )
    return [
        RadarLine(
            r["person_id"],
            Reason.UNALLOCATED,
            r["referral_date"],
            f"Episode from {r['referral_date']:%d %b %Y} ({r['team__name'] or 'no team'})",
            reverse("people:record", args=[r["person_id"]]),
        )
        for r in rows
    ]


def cme_without_activity(*, as_of: datetime) -> list[RadarLine]:
    """Return open register entries whose next activity was due before today.

    An entry must have its first checks within CME_FIRST_CHECKS school days of referral, and
    then some activity (an enquiry or escalation) every CME_ENQUIRY_INTERVAL school days.
    """
    from safeguard.compliance.rules import rule_get
    from safeguard.compliance.services import clock_context
    from safeguard.education.models import CMEEntry

    context = clock_context()
    first = context.period(rule_get("CME_FIRST_CHECKS"))
    interval = context.period(rule_get("CME_ENQUIRY_INTERVAL"))
    today = timezone.localdate(as_of)
    rows = (
        CMEEntry.objects.active()
        .filter(closed_on__isnull=True, person__archived_at__isnull=True)
        .annotate(
            last_enquiry=Max("enquiries__made_on"), last_escalation=Max("escalations__escalated_on")
        )
        .values("pk", "person_id", "referred_on", "last_enquiry", "last_escalation")
    )
    lines = []
    for r in rows:
        if r["last_enquiry"] is None:
            last, period, what = r["referred_on"], first, "no first checks since referral"
        else:
            last = max(d for d in (r["last_enquiry"], r["last_escalation"]) if d is not None)
            period, what = interval, "no enquiry since"
        due = context.school.add(last, period)
        if due < today:
            lines.append(
                RadarLine(
                    r["person_id"],
                    Reason.CME_NO_ACTIVITY,
                    last,
                    f"{what} {last:%d %b %Y} (activity was due by {due:%d %b %Y})",
                    reverse("education:cme_entry", args=[r["pk"]]),
                )
            )
    return lines


def rhi_not_offered(*, as_of: datetime) -> list[RadarLine]:
    """Return returns from missing with no interview offered once the offer period has passed."""
    from safeguard.compliance.rules import rule_get
    from safeguard.compliance.services import clock_context
    from safeguard.missing.models import MissingEpisode, ReturnHomeInterview

    hours = clock_context().period(rule_get("RHI_OFFER"))
    offered = ReturnHomeInterview.objects.filter(
        missing_episode=OuterRef("pk"), archived_at__isnull=True
    )
    rows = (
        MissingEpisode.objects.active()
        .filter(
            found_returned_at__lt=as_of - timedelta(hours=hours),
            person__archived_at__isnull=True,
        )
        .annotate(was_offered=Exists(offered))
        .filter(was_offered=False)
        .values("pk", "person_id", "found_returned_at")
    )
    return [
        RadarLine(
            r["person_id"],
            Reason.RHI_NOT_OFFERED,
            timezone.localdate(r["found_returned_at"]),
            f"Returned {timezone.localtime(r['found_returned_at']):%d %b %Y %H:%M}; "
            f"no interview offered within {hours} hours",
            reverse("missing:episode", args=[r["pk"]]),
        )
        for r in rows
    ]


def exploitation_unassessed(*, as_of: datetime) -> list[RadarLine]:
    """Return children whose latest screening called for a full assessment that never began,
    and who have no open exploitation plan."""
    from safeguard.casework.choices import PlanKind
    from safeguard.casework.models import Plan
    from safeguard.exploitation.models import RiskAssessment, Screening

    latest = (
        Screening.objects.active()
        .filter(person_id=OuterRef("person_id"))
        .order_by("-screened_on", "-pk")
    )
    assessed = RiskAssessment.objects.active().filter(
        person_id=OuterRef("person_id"), started_on__gte=OuterRef("screened_on")
    )
    planned = Plan.objects.active().filter(
        person_id=OuterRef("person_id"), kind=PlanKind.EXPLOITATION, end_date__isnull=True
    )
    rows = (
        Screening.objects.active()
        .filter(
            requires_full_assessment=True,
            screened_on__lte=timezone.localdate(as_of),
            person__archived_at__isnull=True,
        )
        .filter(pk=models.Subquery(latest.values("pk")[:1]))
        .annotate(has_assessment=Exists(assessed), has_plan=Exists(planned))
        .filter(has_assessment=False, has_plan=False)
        .values("pk", "person_id", "screened_on", "risk_level")
    )
    return [
        RadarLine(
            r["person_id"],
            Reason.EXPLOITATION_UNASSESSED,
            r["screened_on"],
            f"Screened {r['screened_on']:%d %b %Y} at {r['risk_level']} risk; "
            "no assessment or plan",
            reverse("exploitation:screening", args=[r["pk"]]),
        )
        for r in rows
    ]


LINES = (unallocated_not_queued, cme_without_activity, rhi_not_offered, exploitation_unassessed)


def off_the_radar_lines(*, as_of: datetime | None = None) -> list[RadarLine]:
    """Return every line of the report, for every child, oldest first."""
    as_of = as_of or timezone.now()
    lines = [line for compute in LINES for line in compute(as_of=as_of)]
    return sorted(lines, key=lambda line: (line.since, line.person_id, line.reason))


def off_the_radar_count(*, as_of: datetime | None = None) -> int:
    """Return how many children are off the radar (a child with several lines counts once)."""
    return len({line.person_id for line in off_the_radar_lines(as_of=as_of)})


def off_the_radar(*, as_of: datetime | None = None, user) -> list[dict]:
    """Return the report's rows the user may see: each line with its child."""
    from safeguard.access.selectors import people_visible_to

    lines = off_the_radar_lines(as_of=as_of)
    people = {
        p.pk: p for p in people_visible_to(user).filter(pk__in={line.person_id for line in lines})
    }
    return [
        {"line": line, "person": people[line.person_id]}
        for line in lines
        if line.person_id in people
    ]
