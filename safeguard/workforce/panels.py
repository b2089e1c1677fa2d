"""The child record's section for supervision discussions and case file audits."""

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.people.panels import record_panel


@record_panel(order=80, title="Supervision and case audits", template="workforce/panel.html")
def supervision_panel(*, person, user) -> dict | None:
    """Return the child's last case discussions and audits, for practitioners and managers."""
    from safeguard.workforce.models import CaseAudit, SupervisionCaseDiscussion

    if not user_has_permission(user, Permission.EDIT_CASE_RECORDS):
        return None
    discussions = list(
        SupervisionCaseDiscussion.objects.filter(person=person, session__archived_at__isnull=True)
        .select_related("session__supervisor", "session__worker")
        .order_by("-session__session_date")[:5]
    )
    audits = list(
        CaseAudit.objects.active().filter(person=person).select_related("tool", "auditor")[:5]
    )
    if not discussions and not audits:
        return None
    return {"discussions": discussions, "audits": audits}
