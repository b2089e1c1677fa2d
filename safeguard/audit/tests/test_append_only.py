"""The audit log is append-only, in the application and, on PostgreSQL, in the database."""

import pytest
from django.db import DatabaseError, connection, transaction

from safeguard.audit.choices import AuditAction
from safeguard.audit.models import AuditEvent
from safeguard.audit.services import audit_view


@pytest.fixture
def event(child, social_worker):
    return audit_view(user=social_worker, person=child)


def test_saving_an_existing_event_again_is_refused(event):
    event.summary = "changed"
    with pytest.raises(ValueError, match="append-only"):
        event.save()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
# Serialized rollback restores the rows data migrations seeded (threshold framework,
# screening tool, checklists) once this test's flush has emptied the tables.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgresql_refuses_update_and_delete_even_in_raw_sql(child, social_worker):
    event = audit_view(user=social_worker, person=child)
    for sql in (
        "UPDATE audit_auditevent SET summary = 'tampered' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    event.refresh_from_db()
    assert event.summary == "view"
    assert AuditEvent.objects.filter(pk=event.pk, action=AuditAction.VIEW).exists()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(summary="tampered")
