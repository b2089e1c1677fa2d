"""Write audit events. Call inside the transaction of the change they record."""

from datetime import date, datetime
from decimal import Decimal

from django.db import models

from safeguard.audit.choices import AuditAction
from safeguard.audit.models import AuditEvent


def _plain(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


# modified_at changes on every save; a password hash must never be copied into the log.
_NOT_RECORDED = frozenset({"modified_at", "password"})


def snapshot(instance: models.Model) -> dict:
    """Return the instance's concrete field values as JSON-safe data."""
    return {
        f.attname: _plain(getattr(instance, f.attname))
        for f in instance._meta.concrete_fields
        if f.attname not in _NOT_RECORDED
    }


def diff(before: dict, after: dict) -> dict:
    """Return {field: [before, after]} for each field that changed (after {} means deleted)."""
    if not after:
        return {k: [v, None] for k, v in before.items() if v is not None}
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


def audit_view(*, user, person, purpose: str = "view") -> AuditEvent:
    """Record that the user opened the person's record."""
    return AuditEvent.objects.create(
        user=_user(user),
        action=AuditAction.VIEW,
        object_type="person",
        object_id=str(person.pk),
        person_id=person.pk,
        summary=purpose[:300],
    )


def audit_access_denied(*, user, object_type: str, object_id: str) -> AuditEvent:
    """Record a refused attempt to open a record."""
    person_id = int(object_id) if object_type == "person" and object_id.isdigit() else None
    return AuditEvent.objects.create(
        user=_user(user),
        action=AuditAction.ACCESS_DENIED,
        object_type=object_type,
        object_id=object_id[:40],
        person_id=person_id,
    )


def audit_change(
    *,
    user,
    instance: models.Model,
    action: str,
    person_id: int | None,
    before: dict | None = None,
    summary: str = "",
    deleted: bool = False,
) -> AuditEvent:
    """Record a create, update, archive or deletion with the fields before and after."""
    after = {} if deleted else snapshot(instance)
    if before is None:
        before = {}
    changes = diff(before, after)
    return AuditEvent.objects.create(
        user=_user(user),
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        person_id=person_id,
        summary=summary[:300],
        changes=changes,
    )


def audit_bulk(*, user, action: str, object_type: str, summary: str) -> AuditEvent:
    """Record one bulk action (an import, a generator run, an export)."""
    return AuditEvent.objects.create(
        user=_user(user), action=action, object_type=object_type, object_id="*", summary=summary
    )
