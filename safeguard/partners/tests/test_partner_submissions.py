"""A partner agency tells the front door about a concern and sees the decision.

Personas: a school's designated safeguarding lead (the `partner` fixture, Oak Primary School),
a MASH screener and the MASH manager who authorises decisions, a social worker.
"""

from datetime import date

import pytest
from django.urls import reverse

from safeguard.audit.models import AuditEvent
from safeguard.compliance.models import Clock
from safeguard.conftest import make_child, make_user
from safeguard.front_door.choices import ContactChannel, ScreeningOutcome
from safeguard.front_door.models import Contact
from safeguard.front_door.services import screening_authorise, screening_decide
from safeguard.partners.models import PartnerSubmission
from safeguard.people.models import Person

VALID_NHS = "9434765919"  # a valid check digit, as on NHS Digital's test numbers


def _post(client, **changes):
    data = {
        "first_name": "Lily",
        "last_name": "Marsh",
        "date_of_birth": "2017-05-02",
        "sex": "F",
        "nhs_number": "",
        "where_the_child_lives": "12 Mill Lane",
        "referral_source": "2A",
        "referrer_contact_details": "0161 496 0000",
        "concern": "Lily arrived with bruising to her arm and said her step-dad grabbed her.",
        "consent_obtained": "no",
        **changes,
    }
    return client.post(reverse("partners:submit"), data)


@pytest.fixture
def partner_client(client, partner):
    client.force_login(partner)
    return client


def test_partner_submission_reaches_the_front_door_and_starts_the_clock(partner_client, partner):
    # Given a school's safeguarding lead, when they send a concern about a child,
    response = _post(partner_client)
    # then it is a contact received from a partner, in their name, with the decision clock on.
    submission = PartnerSubmission.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("partners:detail", args=[submission.pk])
    contact = submission.contact
    assert contact.channel == ContactChannel.PARTNER_PORTAL
    assert (contact.submitted_by, contact.recorded_by) == (partner, None)
    assert contact.submitted_by_organisation == "Oak Primary School"
    assert "12 Mill Lane" in contact.concern
    child = contact.people.get()
    assert (child.first_name, child.last_name, child.date_of_birth) == (
        "Lily",
        "Marsh",
        date(2017, 5, 2),
    )
    assert Clock.objects.filter(person=child, rule_code="CONTACT_DECISION").count() == 1
    assert AuditEvent.objects.filter(person_id=child.pk, user=partner).exists()
    assert submission.child_name_given == "Lily Marsh"
    assert not submission.matched_existing_record


def test_nhs_number_links_the_child_without_revealing_the_record(partner_client):
    # Given a child held under another name (say after adoption) with this NHS number,
    held = make_child(first_name="Rose", last_name="Kent", nhs_number=VALID_NHS)
    # when the partner sends a concern giving that NHS number,
    _post(partner_client, nhs_number="943 476 5919")
    # then the contact is about the child held, no duplicate record is added,
    submission = PartnerSubmission.objects.get()
    assert list(submission.contact.people.all()) == [held]
    assert Person.objects.filter(last_name="Marsh").count() == 0
    assert submission.matched_existing_record
    # and the partner is shown only what they typed, never the record's name.
    page = partner_client.get(reverse("partners:detail", args=[submission.pk]))
    assert "Lily Marsh" in page.content.decode()
    assert "Rose" not in page.content.decode()
    assert "Kent" not in page.content.decode()


def test_two_children_with_one_nhs_number_are_not_guessed_between(partner_client):
    # Given two records sharing an NHS number (a duplicate to be merged),
    make_child(nhs_number=VALID_NHS)
    make_child(nhs_number=VALID_NHS)
    # when a partner gives it, then a new record is added for the screener to match.
    _post(partner_client, nhs_number=VALID_NHS)
    assert not PartnerSubmission.objects.get().matched_existing_record
    assert Person.objects.filter(last_name="Marsh").count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"concern": ""}, "This field is required"),
        ({"nhs_number": "1234567890"}, "NHS number"),
        ({"date_of_birth": "2099-01-01"}, "Date of birth"),
        ({"referral_source": "ZZ"}, "Select a valid choice"),
        ({"referrer_contact_details": "  "}, "This field is required"),
        ({"consent_obtained": ""}, "This field is required"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_written(partner_client, changes, message):
    response = _post(partner_client, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Contact.objects.exists()
    assert not PartnerSubmission.objects.exists()
    assert not Person.objects.filter(last_name="Marsh").exists()


def test_partner_sees_the_decision_only_once_authorised(
    partner_client, screener, levels, mash_manager
):
    _post(partner_client)
    submission = PartnerSubmission.objects.get()
    home = reverse("partners:home")
    assert "Received, awaiting a decision" in partner_client.get(home).content.decode()
    # When the screener decides, the partner sees it is being decided, not the outcome yet;
    decision = screening_decide(
        contact=submission.contact,
        level=levels[min(levels)],
        outcome=ScreeningOutcome.INFORMATION_AND_ADVICE,
        rationale="School to support; family agreed to early help conversation.",
        acting_user=screener,
    )
    page = partner_client.get(home).content.decode()
    assert "Being decided" in page
    assert "Information and advice" not in page
    # once the manager authorises it, the outcome and its date are shown.
    screening_authorise(decision=decision, acting_user=mash_manager)
    page = partner_client.get(home).content.decode()
    assert "Decision made" in page
    assert "Information and advice" in page


def test_a_partner_sees_only_their_own_submissions(partner_client, client):
    _post(partner_client)
    submission = PartnerSubmission.objects.get()
    other = make_user("partner", username="otherpartner", organisation="Elm Surgery")
    client.force_login(other)
    assert client.get(reverse("partners:detail", args=[submission.pk])).status_code == 404
    assert client.get(reverse("partners:detail", args=["not-a-number"])).status_code == 404
    assert "Lily Marsh" not in client.get(reverse("partners:home")).content.decode()


def test_staff_do_not_use_the_partner_pages(client, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("partners:home")).status_code == 403
    assert client.get(reverse("partners:submit")).status_code == 403


def test_a_partner_signs_in_to_their_concerns(partner_client):
    response = partner_client.get(reverse("home"))
    assert response.url == reverse("partners:home")
    page = partner_client.get(response.url).content.decode()
    assert "call 999" in page
    assert reverse("partners:submit") in page
