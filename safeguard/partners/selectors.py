"""Reads for partner agencies: their own submissions and what became of them."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.http import Http404

from safeguard.front_door.choices import ContactStatus
from safeguard.partners.models import PartnerSubmission


@dataclass(frozen=True)
class Feedback:
    """What the partner is told: where the contact is, and the decision once authorised."""

    status: str
    outcome: str = ""
    decided_at: datetime | None = None


def submissions_for_partner(*, partner) -> QuerySet[PartnerSubmission]:
    """Return the partner's own submissions, newest first, with their contact and decision."""
    return PartnerSubmission.objects.filter(submitted_by=partner).select_related(
        "contact", "contact__decision"
    )


def submission_get_for_partner(*, partner, submission_id) -> PartnerSubmission:
    """Return one of the partner's own submissions; anyone else's is simply not found."""
    try:
        return submissions_for_partner(partner=partner).get(pk=int(submission_id))
    except (PartnerSubmission.DoesNotExist, ValueError, TypeError) as error:
        raise Http404("No such submission") from error


def submission_feedback(submission: PartnerSubmission) -> Feedback:
    """Return what the partner may know of the decision on their contact.

    The outcome is given only once a manager has authorised it: an unauthorised decision can
    still change, and telling a school "no further action" that then becomes a referral would
    mislead them.
    """
    contact = submission.contact
    decision = getattr(contact, "decision", None)
    if contact.status == ContactStatus.AUTHORISED and decision is not None:
        return Feedback(
            status="Decision made",
            outcome=decision.get_outcome_display(),
            decided_at=decision.authorised_at or decision.decided_at,
        )
    if contact.status == ContactStatus.AWAITING_AUTHORISATION:
        return Feedback(status="Being decided")
    return Feedback(status="Received, awaiting a decision")
