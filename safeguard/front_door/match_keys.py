"""Keep the front door's blocking keys (PersonMatchKey) in step with people's records."""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from safeguard.front_door.matching import (
    canonical_first_name,
    normalise_postcode,
    soundex,
)
from safeguard.front_door.models import PersonMatchKey
from safeguard.people.models import Person, PersonAddress

BATCH = 5_000


def match_key_for(*, person_id, first_name, last_name, date_of_birth, postcode) -> PersonMatchKey:
    """Return the (unsaved) blocking keys for one person."""
    return PersonMatchKey(
        person_id=person_id,
        surname_key=soundex(last_name),
        first_name_key=soundex(canonical_first_name(first_name)),
        birth_year=date_of_birth.year if date_of_birth else None,
        postcode=normalise_postcode(postcode),
    )


def _current_postcodes(person_ids: Iterable[int] | None) -> dict[int, str]:
    rows = PersonAddress.objects.filter(end_date__isnull=True)
    if person_ids is not None:
        rows = rows.filter(person_id__in=list(person_ids))
    postcodes: dict[int, str] = {}
    for person_id, postcode in rows.order_by("start_date").values_list(
        "person_id", "address__postcode"
    ):
        postcodes[person_id] = postcode  # the latest current address wins
    return postcodes


@transaction.atomic
def match_keys_refresh(*, person_ids: list[int] | None = None) -> int:
    """Rebuild the blocking keys of the given people (everyone if None); return how many.

    Call after creating or renaming people outside the front door; the generator and
    `manage.py rebuild_match_keys` call it for everyone.
    """
    people = Person.objects.all()
    if person_ids is not None:
        people = people.filter(pk__in=person_ids)
        PersonMatchKey.objects.filter(person_id__in=person_ids).delete()
    else:
        PersonMatchKey.objects.all().delete()
    postcodes = _current_postcodes(person_ids)
    batch, written = [], 0
    rows = people.order_by("pk").values_list("pk", "first_name", "last_name", "date_of_birth")
    for pk, first, last, dob in rows.iterator(chunk_size=BATCH):
        batch.append(
            match_key_for(
                person_id=pk,
                first_name=first,
                last_name=last,
                date_of_birth=dob,
                postcode=postcodes.get(pk, ""),
            )
        )
        if len(batch) >= BATCH:
            PersonMatchKey.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    PersonMatchKey.objects.bulk_create(batch)
    return written + len(batch)


def postcodes_by_person(person_ids: list[int]) -> dict[int, set[str]]:
    """Return every postcode (current and past) of each person, normalised."""
    found: dict[int, set[str]] = defaultdict(set)
    rows = PersonAddress.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "address__postcode"
    )
    for person_id, postcode in rows:
        found[person_id].add(normalise_postcode(postcode))
    return found
