"""The looked-after section of the child record."""

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.looked_after.models import CareEpisode, CareLeaver
from safeguard.looked_after.selectors import (
    current_episode,
    current_iro,
    missing_from_care,
    placement_stability,
)
from safeguard.people.panels import record_panel


@record_panel(order=45, title="Looked after", template="looked_after/panel.html")
def looked_after_panel(*, person, user) -> dict | None:
    """Show legal status, placement, stability and IRO for a child who is or was in care."""
    if not user_has_permission(user, Permission.VIEW_ALL_CHILDREN):
        return None
    ever = CareEpisode.objects.active().filter(person=person).exists()
    leaver = CareLeaver.objects.active().filter(person=person).first()
    if not ever and leaver is None:
        return None
    return {
        "episode": current_episode(person=person),
        "stability": placement_stability(person=person),
        "iro": current_iro(person=person),
        "care_leaver": leaver,
        "missing_from_care": len(missing_from_care(person=person)),
    }
