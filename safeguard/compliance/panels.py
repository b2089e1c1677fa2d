"""The child record's "Clocks" section."""

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.compliance.selectors import clocks_for_person
from safeguard.people.panels import record_panel

# The child record shows the open clocks and the most recent closed ones.
PANEL_LIMIT = 30


@record_panel(order=5, title="Statutory clocks", template="compliance/panel.html")
def clocks_panel(*, person, user) -> dict | None:
    """Return the child's clocks with their status, or None for a user without case access."""
    if not user_has_permission(user, Permission.VIEW_ALL_CHILDREN):
        return None
    clocks = list(clocks_for_person(person=person)[: PANEL_LIMIT + 1])
    return {"clocks": clocks[:PANEL_LIMIT], "more": len(clocks) > PANEL_LIMIT}
