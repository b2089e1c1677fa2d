"""Writes to people's records. Each writes its audit row in the same transaction."""

from collections.abc import Callable

from django.db import transaction

from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_change, snapshot
from safeguard.people.models import Person, PersonDisability

_PERSON_FIELDS = {f.name for f in Person._meta.concrete_fields} - {
    "id",
    "created_at",
    "modified_at",
    "created_by",
    "modified_by",
    "archived_at",
}


# Apps that keep rows derived from a person's details (the front door's match keys) register
# here, so a new or renamed person is findable at once; each runs in the writer's transaction.
_PERSON_SAVED_HOOKS: list[Callable[[list[int]], None]] = []


def on_person_saved(func: Callable[[list[int]], None]) -> Callable[[list[int]], None]:
    """Register func(person_ids) to run after a person is created or changed."""
    _PERSON_SAVED_HOOKS.append(func)
    return func


def _person_saved(person: Person) -> None:
    for hook in _PERSON_SAVED_HOOKS:
        hook([person.pk])


def _set_disabilities(person: Person, codes: list[str]) -> None:
    person.disabilities.exclude(code__in=codes).delete()
    have = set(person.disabilities.values_list("code", flat=True))
    PersonDisability.objects.bulk_create(
        [PersonDisability(person=person, code=c) for c in codes if c not in have]
    )


@transaction.atomic
def person_create(*, acting_user, disabilities: list[str] | None = None, **fields) -> Person:
    """Create a person, validate every field, and audit the creation."""
    unknown = set(fields) - _PERSON_FIELDS
    if unknown:
        raise TypeError(f"Unknown person fields: {', '.join(sorted(unknown))}")
    person = Person(**fields, created_by=acting_user, modified_by=acting_user)
    person.full_clean()
    person.save()
    _set_disabilities(person, disabilities or [])
    audit_change(
        user=acting_user, instance=person, action=AuditAction.CREATE, person_id=person.pk
    )
    _person_saved(person)
    return person


@transaction.atomic
def person_update(
    *, person: Person, acting_user, disabilities: list[str] | None = None, **fields
) -> Person:
    """Change a person's details and audit what changed, before and after."""
    unknown = set(fields) - _PERSON_FIELDS
    if unknown:
        raise TypeError(f"Unknown person fields: {', '.join(sorted(unknown))}")
    before = snapshot(Person.objects.select_for_update().get(pk=person.pk))
    for name, value in fields.items():
        setattr(person, name, value)
    person.modified_by = acting_user
    person.full_clean()
    person.save()
    if disabilities is not None:
        _set_disabilities(person, disabilities)
    audit_change(
        user=acting_user,
        instance=person,
        action=AuditAction.UPDATE,
        person_id=person.pk,
        before=before,
    )
    _person_saved(person)
    return person
