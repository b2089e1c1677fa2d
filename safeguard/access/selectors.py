"""Access selectors: the only way a view reaches a child's record.

A refusal never says whether the record exists: an unknown id and a record the user may not
see give the same PermissionDenied, and both are written to the audit log.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.audit.services import audit_access_denied, audit_view
from safeguard.people.models import Person, RestrictedAccessGrant


def people_visible_to(user) -> QuerySet[Person]:
    """Return the people the user may see: restricted records only where named."""
    people = Person.objects.active()
    if user_has_permission(user, Permission.VIEW_ALL_CHILDREN):
        granted = RestrictedAccessGrant.objects.filter(person=OuterRef("pk"), user=user)
        return people.filter(Q(is_restricted=False) | Exists(granted))
    return people.none()


def person_can_be_viewed_by(user, person: Person) -> bool:
    """Return True if the user may open this person's record."""
    if not user_has_permission(user, Permission.VIEW_ALL_CHILDREN):
        return False
    if person.archived_at is not None:
        return False
    if person.is_restricted:
        return RestrictedAccessGrant.objects.filter(person=person, user=user).exists()
    return True


def person_get_for_user(*, user, person_id, purpose: str = "view", audit: bool = True) -> Person:
    """Return the person if the user may see them, logging the view; else PermissionDenied."""
    person = Person.objects.filter(pk=person_id).first() if str(person_id).isdigit() else None
    if person is None or not person_can_be_viewed_by(user, person):
        audit_access_denied(user=user, object_type="person", object_id=str(person_id))
        raise PermissionDenied("You do not have access to this record.")
    if audit:
        audit_view(user=user, person=person, purpose=purpose)
    return person
