"""Generator stage: the partner agencies' own record of the contacts they submitted.

The front door stage makes some schools' contacts arrive through the partner pages
(`submitted_by` set); this gives each its submission, with the child as the school knew them.
"""

from safeguard.front_door.choices import Involvement
from safeguard.front_door.models import Contact, ContactPerson
from safeguard.partners.models import PartnerSubmission
from safeguard.synthetic.registry import generator_stage


@generator_stage(name="partners", order=16)
def generate_partner_submissions(ctx) -> None:
    """Add a partner submission for every contact a partner agency user submitted."""
    contacts = (
        Contact.objects.filter(submitted_by__isnull=False, partner_submission__isnull=True)
        .order_by("pk")
        .values_list("pk", "submitted_by_id", "received_at")
    )
    first_child = {}
    for contact_id, first_name, last_name, born in (
        ContactPerson.objects.filter(
            contact__submitted_by__isnull=False, involvement=Involvement.CHILD
        )
        .order_by("contact_id", "pk")
        .values_list(
            "contact_id", "person__first_name", "person__last_name", "person__date_of_birth"
        )
    ):
        first_child.setdefault(contact_id, (f"{first_name} {last_name}", born))
    rows = []
    for contact_id, partner_id, received_at in contacts:
        if contact_id not in first_child:
            continue
        name, born = first_child[contact_id]
        rows.append((contact_id, partner_id, received_at, name, born, False))
    ids = ctx.reserve_ids(PartnerSubmission, len(rows))
    ctx.insert_rows(
        PartnerSubmission,
        [
            "id",
            "contact",
            "submitted_by",
            "submitted_at",
            "child_name_given",
            "child_date_of_birth_given",
            "matched_existing_record",
        ],
        [(pk, *row) for pk, row in zip(ids, rows, strict=True)],
    )
