"""Reads of people's records."""

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from safeguard.access.selectors import people_visible_to
from safeguard.people.models import Person, PersonAddress, PersonName, Relationship

SEARCH_LIMIT = 50


def person_search(
    *,
    user,
    name: str = "",
    date_of_birth: date | None = None,
    nhs_number: str = "",
    la_child_id: str = "",
) -> QuerySet[Person]:
    """Return people the user may see who match every criterion given.

    A name matches on the start of the surname and, if two words are given, of the first name,
    in either order, and on other names (aliases, previous names) the same way.
    """
    people = people_visible_to(user)
    if nhs_number:
        people = people.filter(nhs_number=nhs_number)
    if la_child_id:
        people = people.filter(la_child_id__iexact=la_child_id)
    if date_of_birth:
        people = people.filter(date_of_birth=date_of_birth)
    words = name.split()
    if words:
        people = people.filter(_name_matches(words, "") | Exists(
            PersonName.objects.filter(_name_matches(words, ""), person=OuterRef("pk"))
        ))
    return people.order_by("last_name", "first_name", "date_of_birth")[:SEARCH_LIMIT]


def _name_matches(words: list[str], prefix: str) -> Q:
    if len(words) == 1:
        return Q(**{f"{prefix}last_name__istartswith": words[0]}) | Q(
            **{f"{prefix}first_name__istartswith": words[0]}
        )
    first, last = words[0], words[-1]
    return Q(
        **{f"{prefix}first_name__istartswith": first, f"{prefix}last_name__istartswith": last}
    ) | Q(**{f"{prefix}first_name__istartswith": last, f"{prefix}last_name__istartswith": first})


def person_record(*, person: Person) -> dict:
    """Return what the child record page shows: identity, addresses, relationships, household."""
    addresses = list(
        PersonAddress.objects.filter(person=person).select_related("address").order_by(
            "-start_date"
        )
    )
    current = [a for a in addresses if a.end_date is None]
    relationships = list(
        Relationship.objects.filter(Q(person=person) | Q(related_person=person)).select_related(
            "person", "related_person"
        )
    )
    household = []
    if current:
        household = list(
            PersonAddress.objects.filter(
                address_id__in=[a.address_id for a in current], end_date__isnull=True
            )
            .exclude(person=person)
            .select_related("person")
            .order_by("person__date_of_birth")
        )
    return {
        "person": person,
        "other_names": list(person.other_names.all()),
        "disabilities": list(person.disabilities.all()),
        "addresses": addresses,
        "current_addresses": current,
        "relationships": relationships,
        "household": [pa.person for pa in household],
    }


def people_with_prefetch() -> QuerySet[Person]:
    """Return people with the rows a list of records shows, fetched in bulk."""
    return Person.objects.prefetch_related(
        "disabilities",
        Prefetch("addresses", queryset=PersonAddress.objects.select_related("address")),
    )
