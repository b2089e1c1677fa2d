"""The register and the EHC pages, through HTTP."""

from datetime import date

import pytest

from safeguard.accounts.choices import Role
from safeguard.conftest import make_child, make_user
from safeguard.education.models import CMEEntry, EHCNeedsAssessment

pytestmark = pytest.mark.django_db


def add(client, child, officer, **extra):
    data = {"reason": "left_roll", "referred_on": "2026-03-02", "officer": officer.pk, **extra}
    return client.post(f"/people/{child.pk}/missing-education/new/", data)


def test_the_register_lists_open_entries_with_their_named_officer(client, social_worker, child):
    client.force_login(social_worker)
    add(client, child, social_worker)
    gone = make_child(first_name="Zara")
    CMEEntry.objects.create(
        person=gone,
        reason="left_roll",
        referred_on=date(2026, 1, 5),
        officer=social_worker,
        closed_on=date(2026, 1, 9),
        outcome="abroad",
    )
    page = client.get("/education/missing/").content.decode()
    assert child.full_name in page and social_worker.get_full_name() in page
    assert "Zara" not in page


def test_an_entry_needs_a_named_officer(client, social_worker, child):
    client.force_login(social_worker)
    response = client.post(
        f"/people/{child.pk}/missing-education/new/",
        {"reason": "left_roll", "referred_on": "2026-03-02", "officer": ""},
    )
    assert "Name the officer responsible for finding the child" in response.content.decode()
    assert not CMEEntry.objects.exists()


def test_closing_with_no_outcome_shows_an_error_and_the_child_stays_on_the_register(
    client, social_worker, child
):
    client.force_login(social_worker)
    add(client, child, social_worker)
    entry = CMEEntry.objects.get()
    response = client.post(
        f"/education/missing/{entry.pk}/close/", {"closed_on": "2026-03-10", "outcome": ""}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "Choose an outcome" in response.content.decode()
    entry.refresh_from_db()
    assert entry.is_open
    response = client.post(
        f"/education/missing/{entry.pk}/close/",
        {"closed_on": "2026-03-10", "outcome": "home_educated"},
    )
    entry.refresh_from_db()
    assert response.status_code == 302 and entry.outcome == "home_educated"


def test_enquiries_and_escalations_are_recorded_on_the_entry(client, social_worker, child):
    client.force_login(social_worker)
    add(client, child, social_worker)
    entry = CMEEntry.objects.get()
    client.post(
        f"/education/missing/{entry.pk}/enquiry/",
        {"made_on": "2026-03-03", "kind": "home_visit", "result": "No one home"},
    )
    client.post(
        f"/education/missing/{entry.pk}/escalate/",
        {"stage": "10", "escalated_on": "2026-03-16", "escalated_to": "CME lead"},
    )
    page = client.get(f"/education/missing/{entry.pk}/").content.decode()
    assert "No one home" in page and "Escalated at 10 school days" in page


def test_an_ehc_request_decision_and_outcome(client, social_worker, child):
    client.force_login(social_worker)
    client.post(
        f"/people/{child.pk}/ehc-needs-assessment/new/",
        {"request_received_on": "2025-09-01", "requested_by": "parent"},
    )
    a = EHCNeedsAssessment.objects.get()
    client.post(
        f"/education/ehc/{a.pk}/decision/", {"decision": "assess", "decision_on": "2025-10-06"}
    )
    client.post(
        f"/education/ehc/{a.pk}/outcome/", {"outcome": "plan_issued", "outcome_on": "2026-01-12"}
    )
    a.refresh_from_db()
    assert (a.decision, a.outcome) == ("assess", "plan_issued")
    assert "Final EHC plan issued" in client.get(f"/people/{child.pk}/").content.decode()


def test_a_partner_cannot_see_the_register(client):
    client.force_login(make_user(Role.PARTNER))
    assert client.get("/education/missing/").status_code == 403
