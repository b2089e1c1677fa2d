"""Writes for partner agencies: submitting a contact about a child to the front door."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.front_door.models import Contact
from safeguard.front_door.services import contact_record, person_for_contact
from safeguard.partners.models import PartnerSubmission
from safeguard.people.choices import PersonKind
from safeguard.people.models import Person


def _child_with_nhs_number(nhs_number: str) -> Person | None:
    """Return the one child holding this NHS number, or None if none or several do."""
    if not nhs_number:
        return None
    found = list(Person.objects.filter(nhs_number=nhs_number, kind=PersonKind.CHILD)[:2])
    return found[0] if len(found) == 1 else None


@transaction.atomic
def partner_contact_submit(
    *,
    partner,
    child: dict,
    referral_source: str,
    referrer_contact_details: str,
    concern: str,
    consent_obtained: bool,
    where_the_child_lives: str = "",
) -> PartnerSubmission:
    """Send a partner agency's concern about a child to the front door, as a contact.

    The contact is received now, in the partner's name and organisation, and starts the
    screening decision clock at once. The partner cannot search the authority's records, so the
    child is linked to an existing record only when the NHS number given belongs to exactly one
    child; otherwise a new child record is added for the screener to match.
    """
    if not user_has_permission(partner, Permission.SUBMIT_CONTACTS):
        raise ValidationError("You cannot submit contacts")
    if not referrer_contact_details.strip():
        raise ValidationError(
            {"referrer_contact_details": ["Enter a telephone number or email we can reach you on"]}
        )
    existing = _child_with_nhs_number(child.get("nhs_number", ""))
    person = person_for_contact(acting_user=partner, existing=existing, new_fields=child)
    if where_the_child_lives.strip():
        concern = f"{concern.strip()}\n\nWhere the child lives (as given): {where_the_child_lives}"
    contact: Contact = contact_record(
        acting_user=partner,
        received_at=timezone.now(),
        referral_source=referral_source,
        referrer_name=partner.get_full_name() or partner.get_username(),
        referrer_contact_details=referrer_contact_details.strip(),
        concern=concern,
        children=[person],
        consent_obtained=consent_obtained,
        submitted_by_partner=True,
    )
    submission = PartnerSubmission(
        contact=contact,
        submitted_by=partner,
        submitted_at=contact.received_at,
        child_name_given=f"{child['first_name']} {child['last_name']}".strip(),
        child_date_of_birth_given=child.get("date_of_birth"),
        matched_existing_record=existing is not None,
    )
    submission.full_clean()
    submission.save()
    return submission
