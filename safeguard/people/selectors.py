"""Reads of people's records."""

from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Upper

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

    A name matches on the start of the surname or first name; two words match first name and
    surname in either order. Other names (aliases, previous names) match the same way.
    """
    people = people_visible_to(user)
    if nhs_number:
        people = people.filter(nhs_number=nhs_number)
    if la_child_id:
        people = people.alias(la_upper=Upper("la_child_id")).filter(
            la_upper=la_child_id.strip().upper()
        )
    if date_of_birth:
        people = people.filter(date_of_birth=date_of_birth)
    words = [w.upper() for w in name.split()]
    if words:
        # Aliases are looked up first (a short list of ids) rather than as an OR EXISTS, which
        # would stop the database using the name indexes.
        alias_ids = list(
            _with_upper_names(PersonName.objects.all())
            .filter(_name_matches(words))
            .values_list("person_id", flat=True)[: SEARCH_LIMIT * 20]
        )
        people = _with_upper_names(people).filter(_name_matches(words) | Q(pk__in=alias_ids))
    return people.order_by("last_name", "first_name", "date_of_birth")[:SEARCH_LIMIT]


def _with_upper_names(queryset: QuerySet) -> QuerySet:
    return queryset.alias(last_upper=Upper("last_name"), first_upper=Upper("first_name"))


def _starts_with(field: str, prefix: str) -> Q:
    """Match values starting with prefix as a range, which a plain index on the field serves.

    "SMI" becomes SMI <= value < SMJ: the same rows as LIKE 'SMI%' in byte order, as both
    SQLite and the production database (C collation) compare.
    """
    upper_bound = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": upper_bound})


def _name_matches(words: list[str]) -> Q:
    if len(words) == 1:
        return _starts_with("last_upper", words[0]) | _starts_with("first_upper", words[0])
    first, last = words[0], words[-1]
    return (_starts_with("first_upper", first) & _starts_with("last_upper", last)) | (
        _starts_with("first_upper", last) & _starts_with("last_upper", first)
    )


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
