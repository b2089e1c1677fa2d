"""The administration pages write Safeguard's audit log, as every other page does.

Django's admin keeps its own LogEntry, which says that a record changed but not how, and
lives outside the append-only log. Every model admin in Safeguard derives from
AuditedModelAdmin (a test checks), so a change of role, team, post, absence, local rule or
escalation rule is recorded with its fields before and after.
"""

from django.contrib import admin

from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_change, snapshot

SUMMARY = "Changed in the administration pages"


def _stored(instance) -> dict:
    """Return the instance's fields as stored, before the form's changes are saved."""
    return snapshot(type(instance)._default_manager.get(pk=instance.pk))


def _record(user, instance, action: str, before: dict | None = None) -> None:
    audit_change(
        user=user,
        instance=instance,
        action=action,
        person_id=getattr(instance, "person_id", None),
        before=before,
        summary=SUMMARY,
    )


class AuditedModelAdmin(admin.ModelAdmin):
    """A model admin whose saves and deletes, and its inlines', are audited."""

    def save_model(self, request, obj, form, change):
        before = _stored(obj) if change and obj.pk is not None else None
        super().save_model(request, obj, form, change)
        _record(request.user, obj, AuditAction.UPDATE if change else AuditAction.CREATE, before)

    def save_formset(self, request, form, formset, change):
        before = {
            f.instance.pk: _stored(f.instance)
            for f in formset.initial_forms
            if f.instance.pk is not None and f.has_changed()
        }
        deleted = [(f.instance, snapshot(f.instance)) for f in formset.deleted_forms]
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            _record(request.user, obj, AuditAction.CREATE)
        for obj, _fields in formset.changed_objects:
            _record(request.user, obj, AuditAction.UPDATE, before.get(obj.pk))
        for obj, fields in deleted:
            self._record_deleted(request.user, obj, fields)

    def delete_model(self, request, obj):
        fields, pk = snapshot(obj), obj.pk
        super().delete_model(request, obj)
        obj.pk = pk
        self._record_deleted(request.user, obj, fields)

    def delete_queryset(self, request, queryset):
        doomed = [(obj, snapshot(obj)) for obj in queryset]
        super().delete_queryset(request, queryset)
        for obj, fields in doomed:
            self._record_deleted(request.user, obj, fields)

    @staticmethod
    def _record_deleted(user, obj, fields: dict) -> None:
        if obj.pk is None:
            obj.pk = fields.get(obj._meta.pk.attname)
        audit_change(
            user=user,
            instance=obj,
            action=AuditAction.DELETE,
            person_id=getattr(obj, "person_id", None),
            before=fields,
            summary=SUMMARY,
            deleted=True,
        )
