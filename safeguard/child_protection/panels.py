"""The child protection section of the child record."""

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.child_protection.models import EscalationEvent, PlanFlag
from safeguard.child_protection.selectors import (
    cp_plans_for_person,
    strategy_discussions_for_person,
)
from safeguard.people.choices import PersonKind
from safeguard.people.panels import record_panel


@record_panel(order=40, title="Child protection", template="child_protection/panel.html")
def child_protection_panel(*, person, user) -> dict | None:
    """Return the child's escalations, strategy discussions and plans, with open flags."""
    if person.kind != PersonKind.CHILD:
        return None
    plans = list(cp_plans_for_person(person_id=person.pk))
    return {
        "escalations": list(
            EscalationEvent.objects.active().filter(person=person).select_related("rule")[:5]
        ),
        "discussions": list(strategy_discussions_for_person(person_id=person.pk)[:5]),
        "plans": plans,
        "open_flags": list(
            PlanFlag.objects.filter(plan__in=[p.plan_id for p in plans], resolved_at__isnull=True)
        ),
        "can_edit": user_has_permission(user, Permission.EDIT_CASE_RECORDS),
    }
