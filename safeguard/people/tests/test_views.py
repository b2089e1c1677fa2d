"""A person signs in, finds a child and opens the record; bad input is refused and not saved."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from safeguard.audit.choices import AuditAction
from safeguard.audit.models import AuditEvent
from safeguard.conftest import make_child
from safeguard.people.models import Address, Person, PersonAddress, Relationship

PASSWORD = "correct horse battery staple"


def test_sign_in_search_and_open_a_child_record(client, social_worker, child):
    # Given a social worker signs in with their password
    response = client.post(
        reverse("login"), {"username": social_worker.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    # When they search by surname and date of birth
    response = client.get(reverse("people:search"), {"name": "hart", "date_of_birth": "2016-03-14"})
    # Then the child is listed with a link to the record
    assert response.status_code == 200
    assert child.get_absolute_url() in response.content.decode()
    # And opening it shows the identity, and the view is logged
    response = client.get(child.get_absolute_url())
    assert "Amelia" in response.content.decode()
    assert AuditEvent.objects.filter(person_id=child.pk, action=AuditAction.VIEW).count() == 1


def test_search_by_nhs_number_la_id_and_alias(client, social_worker):
    named = make_child(first_name="Kai", last_name="Osei", nhs_number="9434765919")
    named.other_names.create(first_name="Kai", last_name="Mensah")
    client.force_login(social_worker)
    for query in (
        {"nhs_number": "943 476 5919"},
        {"la_child_id": named.la_child_id},
        {"name": "kai mensah"},
        {"name": "osei kai"},
    ):
        body = client.get(reverse("people:search"), query).content.decode()
        assert named.get_absolute_url() in body, query


def test_search_with_nothing_entered_asks_for_something(client, social_worker):
    client.force_login(social_worker)
    body = client.get(reverse("people:search"), {"name": ""}).content.decode()
    assert "Enter a name, date of birth, NHS number or LA child ID" in body


def test_search_typed_into_the_page_with_nothing_entered_asks_for_something(client, social_worker):
    # Given a social worker on the search page, whose form sends by HTMX
    client.force_login(social_worker)
    # When they search with every box empty
    response = client.get(
        reverse("people:search"),
        {"name": "", "date_of_birth": "", "nhs_number": "", "la_child_id": ""},
        headers={"HX-Request": "true"},
    )
    # Then the part swapped into the page says what to enter, and lists no one
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a name, date of birth, NHS number or LA child ID" in body
    assert "found" not in body


def test_search_typed_into_the_page_shows_a_bad_nhs_number(client, social_worker):
    client.force_login(social_worker)
    body = client.get(
        reverse("people:search"), {"nhs_number": "123"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "govuk-error-summary" in body


def test_record_shows_household_addresses_and_relationships(client, team_manager, child):
    mother = Person.objects.create(kind="adult", first_name="Grace", last_name="Hartley")
    home = Address.objects.create(line_1="1 Elm Road", town="Demo", postcode="DM1 1AA")
    for person in (child, mother):
        PersonAddress.objects.create(person=person, address=home, start_date=date(2020, 1, 1))
    Relationship.objects.create(person=mother, related_person=child, kind="parent")
    client.force_login(team_manager)
    body = client.get(child.get_absolute_url()).content.decode()
    assert "1 Elm Road" in body
    assert "Grace Hartley" in body
    assert "parent of this person" in body
    # Managers see who has viewed the record
    assert "Who has viewed this record" in body


def _valid_form(**overrides):
    data = {
        "kind": "child",
        "first_name": "Noah",
        "last_name": "Field",
        "date_of_birth": "2019-05-02",
        "sex": "M",
        "ethnicity": "WBRI",
        "nhs_number": "",
        "upn": "",
        "la_child_id": "N0001",
    }
    data.update(overrides)
    return data


def test_adding_a_child_saves_and_audits(client, social_worker):
    client.force_login(social_worker)
    response = client.post(reverse("people:create"), _valid_form(disabilities=["AUT"]))
    assert response.status_code == 302
    noah = Person.objects.get(la_child_id="N0001")
    assert list(noah.disabilities.values_list("code", flat=True)) == ["AUT"]
    created = AuditEvent.objects.get(action=AuditAction.CREATE, person_id=noah.pk)
    assert created.changes["first_name"] == [None, "Noah"]


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"nhs_number": "9434765918"}, "check digit"),
        ({"upn": "A801200100001"}, "check letter"),
        ({"date_of_birth": (date.today() + timedelta(days=2)).isoformat()}, "today or in the past"),
        ({"ethnicity": "XXXX"}, "Select a valid choice"),
        ({"sex": "X"}, "Select a valid choice"),
        ({"disabilities": ["NONE", "AUT"]}, "not both"),
        ({"disabilities": ["WINGS"]}, "Select a valid choice"),
        ({"date_of_birth": "", "expected_date_of_birth": ""}, "expected date of birth"),
        ({"date_of_birth": "31/02/2019"}, "Enter a valid date"),
    ],
)
def test_bad_input_gets_a_field_error_and_nothing_is_saved(
    client, social_worker, overrides, message
):
    client.force_login(social_worker)
    before = (Person.objects.count(), AuditEvent.objects.count())
    response = client.post(reverse("people:create"), _valid_form(**overrides))
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert message in body
    assert (Person.objects.count(), AuditEvent.objects.count()) == before


def test_a_duplicate_la_child_id_is_refused(client, social_worker, child):
    client.force_login(social_worker)
    response = client.post(reverse("people:create"), _valid_form(la_child_id=child.la_child_id))
    assert "already exists" in response.content.decode()
    assert Person.objects.count() == 1


def test_editing_records_before_and_after(client, social_worker, child):
    client.force_login(social_worker)
    data = _valid_form(
        first_name="Amelia", last_name="Hartley-Jones", la_child_id=child.la_child_id
    )
    response = client.post(reverse("people:edit", args=[child.pk]), data)
    assert response.status_code == 302
    change = AuditEvent.objects.get(action=AuditAction.UPDATE, person_id=child.pk)
    assert change.changes["last_name"] == ["Hartley", "Hartley-Jones"]
    assert change.user == social_worker


def test_partner_cannot_search_or_add(client, partner):
    client.force_login(partner)
    assert client.get(reverse("people:search")).status_code == 403
    assert client.post(reverse("people:create"), _valid_form()).status_code == 403
