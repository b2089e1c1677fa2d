"""The front door's section of the child record: contacts and their decisions."""

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.front_door.selectors import contacts_for_person
from safeguard.people.panels import record_panel


@record_panel(order=15, title="Contacts at the front door", template="front_door/panel.html")
def contacts_panel(*, person, user) -> dict | None:
    """Return the child's contacts, newest first, for anyone who may see the record."""
    if not user_has_permission(user, Permission.VIEW_ALL_CHILDREN):
        return None
    contacts = contacts_for_person(person_id=person.pk)
    if not contacts:
        return None
    can_open = any(
        user_has_permission(user, p)
        for p in (Permission.SCREEN_CONTACTS, Permission.AUTHORISE, Permission.ALLOCATE)
    )
    return {"contacts": contacts, "can_open": can_open}
