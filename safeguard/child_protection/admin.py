from django.contrib import admin

from safeguard.audit.admin import AuditedModelAdmin
from safeguard.child_protection.models import EscalationRule


@admin.register(EscalationRule)
class EscalationRuleAdmin(AuditedModelAdmin):
    """Administrators add the authority's own escalation rules here (no code change).

    A rule fires when a caller of services.escalation_raise passes its trigger and the child
    meets its condition. Rules are switched off, never deleted, once events cite them.
    """

    list_display = (
        "name",
        "trigger",
        "condition",
        "strategy_discussion_within_working_days",
        "is_active",
    )
    list_filter = ("condition", "is_active")
    search_fields = ("name", "trigger", "code")

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.events.exists()
