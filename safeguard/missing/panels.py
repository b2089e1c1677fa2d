"""The child record's section on missing episodes."""

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.missing.selectors import missing_episodes_for_person, repeat_flags_for_person
from safeguard.people.panels import record_panel


@record_panel(order=60, title="Missing episodes", template="missing/panel.html")
def missing_panel(*, person, user) -> dict | None:
    episodes = list(missing_episodes_for_person(person_id=person.pk)[:10])
    flags = [
        f for f in repeat_flags_for_person(person_id=person.pk) if f.strategy_discussion_prompt_open
    ]
    return {
        "episodes": episodes,
        "open_flags": flags,
        "can_edit": user_has_permission(user, Permission.EDIT_CASE_RECORDS),
    }
