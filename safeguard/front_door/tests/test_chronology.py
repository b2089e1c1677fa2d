"""The front door's events on the child's chronology."""

from safeguard.front_door.chronology import front_door_events
from safeguard.front_door.services import referral_create, screening_authorise, screening_decide


def test_contact_decision_and_referral_appear_in_order(
    screener, mash_manager, contact, child, levels
):
    decision = screening_decide(
        contact=contact,
        level=levels["statutory"],
        outcome="referral",
        rationale="Serious concern",
        acting_user=screener,
    )
    screening_authorise(decision=decision, acting_user=mash_manager)
    referral_create(contact=contact, person=child, acting_user=screener, primary_need="N1")

    entries = list(front_door_events(child.pk))

    assert [e.category for e in entries] == ["contact", "contact", "referral"]
    assert entries[0].title == "Contact from police"
    assert entries[1].title == "Screening decision: Referral to children's social care"
    assert entries[2].source.startswith("front_door.referral:")
    assert all(e.url == contact.get_absolute_url() for e in entries)
