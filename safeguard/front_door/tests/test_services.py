"""Contacts, screening decisions, authorisation and referrals: the rules and the bad input."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguard.audit.models import AuditEvent
from safeguard.casework.models import Episode
from safeguard.conftest import make_child
from safeguard.front_door.choices import ContactChannel, ContactStatus, ScreeningOutcome
from safeguard.front_door.models import Contact, Referral, ScreeningDecision
from safeguard.front_door.services import (
    contact_add_person,
    contact_intake,
    contact_record,
    referral_create,
    screening_authorise,
    screening_decide,
)
from safeguard.front_door.tests.conftest import new_contact, received
from safeguard.people.models import Person


def decide(contact, user, levels, outcome=ScreeningOutcome.REFERRAL, **kw):
    return screening_decide(
        contact=contact,
        level=levels["statutory"],
        outcome=outcome,
        rationale=kw.pop("rationale", "Domestic abuse with a baby in the home; police report."),
        evidence="Police log 123; GP contacted",
        acting_user=user,
        **kw,
    )


# Contacts ---------------------------------------------------------------------------------------


def test_contact_about_a_child_is_recorded_and_audited(screener, child):
    contact = new_contact(user=screener, children=[child])
    assert contact.status == ContactStatus.AWAITING_DECISION
    assert list(contact.people.all()) == [child]
    assert contact.recorded_by == screener
    assert AuditEvent.objects.filter(object_type="front_door.contact", person_id=child.pk).exists()


def test_contact_with_no_child_is_refused_and_nothing_saved(screener):
    with pytest.raises(ValidationError) as error:
        new_contact(user=screener, children=[])
    assert "Name at least one child" in str(error.value)
    assert Contact.objects.count() == 0


def test_contact_about_an_adult_only_is_refused(screener):
    adult = make_child(kind="adult", first_name="Dana", date_of_birth=date(1990, 1, 1))
    with pytest.raises(ValidationError):
        new_contact(user=screener, children=[adult])
    assert Contact.objects.count() == 0


def test_contact_with_new_child_and_bad_field_saves_neither(screener):
    # Given a new child to add, but a contact with no concern
    with pytest.raises(ValidationError) as error:
        contact_intake(
            acting_user=screener,
            contact_fields={
                "received_at": received(),
                "referral_source": "2A",
                "referrer_name": "Head teacher",
                "concern": "",
            },
            new_child={
                "first_name": "Noah",
                "last_name": "Baxter",
                "date_of_birth": date(2017, 1, 2),
            },
        )
    # Then the error names the field and neither the child nor the contact is saved
    assert "concern" in error.value.message_dict
    assert not Person.objects.filter(last_name="Baxter").exists()
    assert Contact.objects.count() == 0


def test_partner_submission_has_no_staff_recorder(partner, child):
    contact = contact_record(
        acting_user=partner,
        received_at=received(),
        referral_source="2A",
        referrer_name="Ms Patel, DSL",
        concern="Bruising noticed at school.",
        children=[child],
        submitted_by_partner=True,
    )
    assert contact.recorded_by is None
    assert contact.submitted_by == partner
    assert contact.submitted_by_organisation == "Oak Primary School"
    assert contact.channel == ContactChannel.PARTNER_PORTAL


def test_contact_received_in_the_future_is_refused(screener, child):
    with pytest.raises(ValidationError) as error:
        contact_record(
            acting_user=screener,
            received_at=timezone.now() + timedelta(days=1),
            referral_source="6",
            referrer_name="PC",
            concern="x",
            children=[child],
        )
    assert "received_at" in error.value.message_dict


def test_adult_is_added_before_the_decision_only(screener, contact, levels):
    adult = make_child(kind="adult", first_name="Lee", date_of_birth=date(1988, 2, 2))
    contact_add_person(contact=contact, person=adult, involvement="adult", acting_user=screener)
    assert contact.involved.filter(person=adult, involvement="adult").exists()
    decide(contact, screener, levels)
    sibling = make_child(first_name="Ruby")
    with pytest.raises(ValidationError):
        contact_add_person(
            contact=contact, person=sibling, involvement="child", acting_user=screener
        )


# Decisions --------------------------------------------------------------------------------------


def test_decision_without_rationale_is_refused_and_nothing_saved(screener, contact, levels):
    with pytest.raises(ValidationError) as error:
        decide(contact, screener, levels, rationale="   ")
    assert error.value.message_dict["rationale"] == ["Enter the rationale for the decision"]
    contact.refresh_from_db()
    assert contact.status == ContactStatus.AWAITING_DECISION
    assert ScreeningDecision.objects.count() == 0


def test_second_screener_is_told_and_the_first_decision_stands(
    screener, second_screener, contact, levels
):
    # Given two screeners who both opened the contact at version 1
    first = decide(contact, screener, levels, expected_version=1)
    stale = Contact.objects.get(pk=contact.pk)
    stale.status, stale.version = ContactStatus.AWAITING_DECISION, 1  # the second one's view
    # When the second decides too
    with pytest.raises(ValidationError) as error:
        decide(
            stale,
            second_screener,
            levels,
            outcome=ScreeningOutcome.NO_FURTHER_ACTION,
            expected_version=1,
        )
    # Then they are told who decided, and the first decision is unchanged
    assert "decided this contact" in error.value.messages[0]
    assert "Your decision was not saved" in error.value.messages[0]
    assert ScreeningDecision.objects.get().pk == first.pk
    assert ScreeningDecision.objects.get().outcome == ScreeningOutcome.REFERRAL


def test_decision_on_a_stale_version_is_refused(screener, contact, levels):
    adult = make_child(kind="adult", first_name="Lee", date_of_birth=date(1988, 2, 2))
    contact_add_person(contact=contact, person=adult, involvement="adult", acting_user=screener)
    Contact.objects.filter(pk=contact.pk).update(version=2)  # someone changed it meanwhile
    with pytest.raises(ValidationError, match="changed after you opened it"):
        decide(contact, screener, levels, expected_version=1)
    assert ScreeningDecision.objects.count() == 0


def test_social_worker_cannot_screen(social_worker, contact, levels):
    with pytest.raises(ValidationError):
        decide(contact, social_worker, levels)


def test_manager_authorises_but_not_their_own_decision(screener, mash_manager, contact, levels):
    decision = decide(contact, screener, levels)
    screening_authorise(decision=decision, acting_user=mash_manager, comment="Agreed")
    contact.refresh_from_db()
    assert contact.status == ContactStatus.AUTHORISED
    with pytest.raises(ValidationError, match="already authorised"):
        screening_authorise(decision=decision, acting_user=mash_manager)

    other = new_contact(user=screener, children=[make_child()])
    own = decide(other, mash_manager, levels)
    with pytest.raises(ValidationError, match="own decision"):
        screening_authorise(decision=own, acting_user=mash_manager)


def test_screener_cannot_authorise(screener, second_screener, contact, levels):
    decision = decide(contact, screener, levels)
    with pytest.raises(ValidationError, match="Only a manager"):
        screening_authorise(decision=decision, acting_user=second_screener)


# Referrals --------------------------------------------------------------------------------------


def _authorised(contact, screener, manager, levels, outcome=ScreeningOutcome.REFERRAL):
    decision = decide(contact, screener, levels, outcome=outcome)
    screening_authorise(decision=decision, acting_user=manager)
    return decision


def test_referral_opens_a_social_care_episode_with_dfe_items(
    screener, mash_manager, contact, child, levels, team
):
    _authorised(contact, screener, mash_manager, levels)
    referral = referral_create(
        contact=contact, person=child, acting_user=screener, primary_need="N1", team=team
    )
    episode = referral.episode
    assert episode.service == "social_care"
    assert episode.referral_source == "6"
    assert episode.primary_need == "N1"
    assert episode.referral_date == timezone.localtime(contact.received_at).date()
    assert episode.is_re_referral is False
    with pytest.raises(ValidationError, match="already been referred"):
        referral_create(contact=contact, person=child, acting_user=screener, primary_need="N1")


def test_referral_needs_an_authorised_referral_decision(
    screener, mash_manager, contact, child, levels
):
    decision = decide(contact, screener, levels, outcome=ScreeningOutcome.REFERRAL)
    with pytest.raises(ValidationError, match="authorise"):
        referral_create(contact=contact, person=child, acting_user=screener, primary_need="N1")
    assert Episode.objects.count() == 0
    screening_authorise(decision=decision, acting_user=mash_manager)
    assert referral_create(contact=contact, person=child, acting_user=screener, primary_need="N1")


def test_no_referral_from_an_advice_outcome(screener, mash_manager, contact, child, levels):
    _authorised(
        contact, screener, mash_manager, levels, outcome=ScreeningOutcome.INFORMATION_AND_ADVICE
    )
    with pytest.raises(ValidationError, match="decided as a referral"):
        referral_create(contact=contact, person=child, acting_user=screener, primary_need="N1")


def _closed_episode(child, referred: date, closed: date):
    return Episode.objects.create(
        person=child, referral_date=referred, closure_date=closed, closure_reason="RC8"
    )


def test_referral_within_12_months_is_a_re_referral_with_history(
    screener, mash_manager, contact, child, levels
):
    today = timezone.localtime(contact.received_at).date()
    earlier = _closed_episode(child, today - timedelta(days=300), today - timedelta(days=200))
    _authorised(contact, screener, mash_manager, levels)
    referral = referral_create(
        contact=contact, person=child, acting_user=screener, primary_need="N4"
    )
    assert referral.episode.is_re_referral is True
    assert referral.previous_episode == earlier


def test_referral_after_more_than_12_months_is_not_a_re_referral(
    screener, mash_manager, contact, child, levels
):
    today = timezone.localtime(contact.received_at).date()
    _closed_episode(child, today - timedelta(days=400), today - timedelta(days=380))
    _authorised(contact, screener, mash_manager, levels)
    referral = referral_create(
        contact=contact, person=child, acting_user=screener, primary_need="N4"
    )
    assert referral.episode.is_re_referral is False
    assert referral.previous_episode is None


def test_child_with_an_open_episode_is_not_referred_twice(
    screener, mash_manager, contact, child, levels
):
    Episode.objects.create(person=child, referral_date=date(2025, 1, 1))
    _authorised(contact, screener, mash_manager, levels)
    with pytest.raises(ValidationError, match="already has an open social care episode"):
        referral_create(contact=contact, person=child, acting_user=screener, primary_need="N4")
    assert Referral.objects.count() == 0


def test_someone_who_may_not_submit_contacts_is_refused(child):
    from safeguard.accounts.choices import Role
    from safeguard.conftest import make_user

    analyst = make_user(Role.PERFORMANCE_ANALYST)
    with pytest.raises(ValidationError, match="cannot record"):
        new_contact(user=analyst, children=[child])
    assert Contact.objects.count() == 0
