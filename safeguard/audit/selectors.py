from django.db.models import Count, Max, QuerySet

from safeguard.audit.choices import AuditAction
from safeguard.audit.models import AuditEvent


def record_viewers(*, person_id: int) -> QuerySet:
    """Return who has viewed a person's record: each user, how often, and when last."""
    return (
        AuditEvent.objects.filter(person_id=person_id, action=AuditAction.VIEW)
        .values("user__id", "user__first_name", "user__last_name", "user__username", "user__role")
        .annotate(views=Count("id"), last_viewed=Max("at"))
        .order_by("-last_viewed")
    )


def record_history(*, person_id: int, limit: int = 50) -> QuerySet:
    """Return the latest events on a person's record, newest first."""
    return AuditEvent.objects.filter(person_id=person_id).select_related("user")[:limit]
