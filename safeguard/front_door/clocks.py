"""Clocks the front door implies.

CONTACT_DECISION: from the contact received to the screening decision, one per child on it.
ALLOCATION: from the referral to the first lead allocation of each social care episode; closing
the episode first cancels it. The engine computes due dates; nothing here does date arithmetic.
"""

from collections.abc import Iterator

from django.db.models import Min

from safeguard.casework.choices import AllocationRole, Service
from safeguard.casework.models import Allocation, Episode
from safeguard.compliance.registry import ClockSpec, clock_producer
from safeguard.front_door.choices import Involvement
from safeguard.front_door.models import ContactPerson


@clock_producer(sources=[(ContactPerson, "person")])
def contact_decision_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield one CONTACT_DECISION clock per child per contact, met by the screening decision."""
    rows = ContactPerson.objects.filter(
        involvement=Involvement.CHILD, contact__archived_at__isnull=True
    )
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    for row in rows.values(
        "person_id",
        "contact_id",
        "contact__received_at",
        "contact__decision__decided_at",
        "contact__decision__decided_by_id",
        "contact__decision__decided_by_team_id",
    ):
        yield ClockSpec(
            rule_code="CONTACT_DECISION",
            person_id=row["person_id"],
            key=f"contact:{row['contact_id']}",
            start=row["contact__received_at"],
            completed=row["contact__decision__decided_at"],
            owner_id=row["contact__decision__decided_by_id"],
            team_id=row["contact__decision__decided_by_team_id"],
            subject=f"front_door.contact:{row['contact_id']}",
            start_event="contact received",
        )


@clock_producer(sources=[(Episode, "person")])
def allocation_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield one ALLOCATION clock per social care episode, met by its first lead allocation."""
    episodes = Episode.objects.active().filter(service=Service.SOCIAL_CARE)
    if person_ids is not None:
        episodes = episodes.filter(person_id__in=person_ids)
    rows = list(episodes.values("pk", "person_id", "team_id", "referral_date", "closure_date"))
    if not rows:
        return
    leads = Allocation.objects.filter(role=AllocationRole.LEAD)
    if person_ids is not None:
        # Everybody (a rebuild) reads the whole table rather than an IN list of every episode.
        leads = leads.filter(episode_id__in=[r["pk"] for r in rows])
    first_leads = dict(
        leads.values("episode_id")
        .annotate(first=Min("start_at"))
        .values_list("episode_id", "first")
    )
    for row in rows:
        allocated_at = first_leads.get(row["pk"])
        yield ClockSpec(
            rule_code="ALLOCATION",
            person_id=row["person_id"],
            key=f"episode:{row['pk']}",
            start=row["referral_date"],
            completed=allocated_at,
            cancelled=row["closure_date"] if allocated_at is None else None,
            team_id=row["team_id"],
            subject=f"casework.episode:{row['pk']}",
            start_event="referral received",
        )
