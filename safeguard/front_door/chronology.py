"""The front door's events on a child's chronology: contacts, decisions and referrals."""

from collections.abc import Iterator

from django.urls import reverse

from safeguard.casework.chronology import ChronologyEntry, chronology_source
from safeguard.front_door.choices import Involvement
from safeguard.front_door.models import ContactPerson, Referral


@chronology_source
def front_door_events(person_id: int) -> Iterator[ChronologyEntry]:
    """Yield each contact about the child, its screening decision, and each referral."""
    rows = (
        ContactPerson.objects.filter(
            person_id=person_id,
            involvement=Involvement.CHILD,
            contact__archived_at__isnull=True,
        )
        .select_related("contact", "contact__decision", "contact__decision__level")
        .order_by("contact__received_at")
    )
    for row in rows:
        contact = row.contact
        url = reverse("front_door:contact_detail", args=[contact.pk])
        yield ChronologyEntry(
            when=contact.received_at,
            category="contact",
            title=f"Contact from {contact.get_referral_source_display().lower()}",
            detail=contact.concern[:300],
            url=url,
            source=f"front_door.contact:{contact.pk}",
        )
        decision = getattr(contact, "decision", None)
        if decision is not None:
            yield ChronologyEntry(
                when=decision.decided_at,
                category="contact",
                title=f"Screening decision: {decision.get_outcome_display()}",
                detail=f"{decision.level.name}. {decision.rationale[:250]}",
                url=url,
                source=f"front_door.screeningdecision:{decision.pk}",
            )
    for referral in Referral.objects.filter(person_id=person_id).select_related("episode"):
        yield ChronologyEntry(
            when=referral.episode.referral_date,
            category="referral",
            title="Re-referral to children's social care"
            if referral.episode.is_re_referral
            else "Referral to children's social care",
            detail=referral.episode.get_primary_need_display(),
            url=reverse("front_door:contact_detail", args=[referral.contact_id]),
            source=f"front_door.referral:{referral.pk}",
        )
