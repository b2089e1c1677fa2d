"""The generator stage: every contact a partner submitted has the partner's own record of it."""

from unittest import mock

from safeguard.front_door.choices import Involvement
from safeguard.front_door.models import Contact, ContactPerson
from safeguard.partners.models import PartnerSubmission
from safeguard.synthetic import services as synthetic_services
from safeguard.synthetic.services import authority_generate
from safeguard.synthetic.services import generator_stages as real_generator_stages


def _up_to_partners():
    wanted = {"staff", "people", "front_door", "partners"}
    return [stage for stage in real_generator_stages() if stage.name in wanted]


def test_each_partner_contact_has_its_submission(db, levels):
    with (
        mock.patch.object(synthetic_services, "generator_stages", _up_to_partners),
        mock.patch.object(synthetic_services, "_clocks_rebuild", lambda **kwargs: None),
    ):
        authority_generate(children=3_000, seed=7)
    submitted = Contact.objects.filter(submitted_by__isnull=False)
    assert submitted.exists()
    submissions = PartnerSubmission.objects.select_related("contact")
    assert sorted(s.contact_id for s in submissions) == sorted(c.pk for c in submitted)
    for submission in submissions:
        child = (
            ContactPerson.objects.filter(contact=submission.contact, involvement=Involvement.CHILD)
            .order_by("pk")
            .first()
            .person
        )
        assert submission.submitted_by_id == submission.contact.submitted_by_id
        assert submission.child_name_given == f"{child.first_name} {child.last_name}"
