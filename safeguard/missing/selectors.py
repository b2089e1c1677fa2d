"""Reads for missing episodes, return-home interviews and repeat-missing flags."""

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet

from safeguard.casework.choices import AllocationRole
from safeguard.casework.models import Allocation
from safeguard.missing.choices import MissingFrom
from safeguard.missing.models import MissingEpisode, RepeatMissingFlag

RHI_OFFER_HOURS = 72


def lead_workers(person_ids: list[int] | None) -> dict[int, tuple[int, int]]:
    """Return {person_id: (worker_id, team_id)} for each child's current lead worker."""
    rows = Allocation.objects.filter(
        role=AllocationRole.LEAD, end_at__isnull=True, episode__closure_date__isnull=True
    )
    if person_ids is not None:
        rows = rows.filter(episode__person_id__in=person_ids)
    return {
        person_id: (worker_id, team_id)
        for person_id, worker_id, team_id in rows.order_by("start_at").values_list(
            "episode__person_id", "worker_id", "team_id"
        )
    }


def missing_episodes_for_person(*, person_id: int) -> QuerySet[MissingEpisode]:
    """Return the child's missing episodes, newest first, with their interviews."""
    return (
        MissingEpisode.objects.active()
        .filter(person_id=person_id)
        .select_related("return_home_interview", "return_home_interview__conducted_by")
    )


def repeat_flags_for_person(*, person_id: int) -> QuerySet[RepeatMissingFlag]:
    return RepeatMissingFlag.objects.active().filter(person_id=person_id)


def rhi_offer_overdue(*, as_of: datetime) -> QuerySet[MissingEpisode]:
    """Return episodes whose child returned over 72 hours ago with no interview offered.

    72 clock hours, not working days: a return on a Friday evening or before a bank holiday
    is due an offer by the same time three days later.
    """
    return (
        MissingEpisode.objects.active()
        .filter(found_returned_at__lt=as_of - timedelta(hours=RHI_OFFER_HOURS))
        .filter(Q(return_home_interview__isnull=True))
        .select_related("person")
    )


def missing_episodes_from_care(
    *, start: datetime, end: datetime, person_ids: list[int] | None = None
) -> QuerySet[MissingEpisode]:
    """Return episodes from care that began in [start, end), for the SSDA903 missing table.

    Each row carries what the return needs: reported_missing_at (MIS_START), found_returned_at
    (MIS_END) and missing_type (M or A); and its return-home interview, if any.
    """
    episodes = MissingEpisode.objects.active().filter(
        missing_from=MissingFrom.CARE, reported_missing_at__gte=start, reported_missing_at__lt=end
    )
    if person_ids is not None:
        episodes = episodes.filter(person_id__in=person_ids)
    return episodes.select_related("return_home_interview").order_by(
        "person_id", "reported_missing_at"
    )
