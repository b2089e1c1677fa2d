"""The casework section of the child record: episodes, plans, visits, chronology."""

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.casework.choices import Service
from safeguard.casework.selectors import episodes_for_person, plans_for_person, visits_for_person
from safeguard.people.choices import PersonKind
from safeguard.people.panels import record_panel


@record_panel(order=20, title="Casework", template="casework/panel.html")
def casework_panel(*, person, user) -> dict | None:
    """Return the child's episodes, plans and recent visits, or None for an adult."""
    if person.kind != PersonKind.CHILD:
        return None
    episodes = episodes_for_person(person=person)
    return {
        "episodes": episodes,
        "plans": plans_for_person(person=person),
        "visits": visits_for_person(person=person, limit=5),
        "has_open_early_help": any(e.is_open and e.service == Service.EARLY_HELP for e in episodes),
        "can_edit": user_has_permission(user, Permission.EDIT_CASE_RECORDS),
        "can_authorise": user_has_permission(user, Permission.AUTHORISE),
    }
