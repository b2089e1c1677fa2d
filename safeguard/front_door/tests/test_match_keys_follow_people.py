"""A person added or renamed anywhere is findable by the front door's name keys at once."""

from datetime import date

from safeguard.front_door.match_keys import match_keys_refresh
from safeguard.front_door.models import PersonMatchKey
from safeguard.people.services import person_create, person_update


def test_a_person_added_through_the_people_service_gets_match_keys(social_worker):
    person = person_create(
        acting_user=social_worker,
        first_name="Isla",
        last_name="Fairweather",
        date_of_birth=date(2018, 4, 9),
        sex="F",
        ethnicity="WBRI",
    )
    key = PersonMatchKey.objects.get(person=person)
    assert key.birth_year == 2018


def test_renaming_a_person_refreshes_the_keys(social_worker, child):
    match_keys_refresh(person_ids=[child.pk])
    before = PersonMatchKey.objects.get(person=child).surname_key
    person_update(person=child, acting_user=social_worker, last_name="Quartermaine")
    after = PersonMatchKey.objects.get(person=child).surname_key
    assert after != before
