"""Changes made in the administration pages are in the audit log, with what changed.

Persona: the system administrator (a superuser), keeping closure days, teams, roles and
audit tools.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from safeguard.accounts.choices import Role
from safeguard.accounts.models import User
from safeguard.audit.admin import AuditedModelAdmin
from safeguard.audit.choices import AuditAction
from safeguard.audit.models import AuditEvent
from safeguard.compliance.models import LocalClosureDay
from safeguard.conftest import make_user
from safeguard.workforce.models import AuditTool, AuditToolSection


@pytest.fixture
def administrator(db):
    return User.objects.create_superuser("sysadmin", password="x", role=Role.SYSTEM_ADMINISTRATOR)


@pytest.fixture
def admin_site_client(client, administrator):
    client.force_login(administrator)
    return client


def _events(model, action):
    return AuditEvent.objects.filter(object_type=model._meta.label_lower, action=action)


def test_every_safeguard_model_admin_is_audited():
    ours = [m for m in admin.site._registry if m.__module__.startswith("safeguard.")]
    assert len(ours) > 10, "the Safeguard models kept in the admin are missing"
    not_audited = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if model.__module__.startswith("safeguard.")
        and not isinstance(model_admin, AuditedModelAdmin)
    ]
    assert not_audited == []


def test_adding_changing_and_deleting_a_closure_day_is_audited(admin_site_client, administrator):
    # When the administrator adds a closure day,
    response = admin_site_client.post(
        reverse("admin:compliance_localclosureday_add"),
        {"date": "2026-12-29", "reason": "Office closed between Christmas and New Year"},
    )
    assert response.status_code == 302
    day = LocalClosureDay.objects.get()
    (created,) = _events(LocalClosureDay, AuditAction.CREATE)
    assert (created.user, created.object_id) == (administrator, str(day.pk))
    assert created.changes["date"] == [None, "2026-12-29"]
    # changes its reason,
    admin_site_client.post(
        reverse("admin:compliance_localclosureday_change", args=[day.pk]),
        {"date": "2026-12-29", "reason": "Closed"},
    )
    (changed,) = _events(LocalClosureDay, AuditAction.UPDATE)
    assert changed.changes == {"reason": ["Office closed between Christmas and New Year", "Closed"]}
    # and deletes it, then each step is in the log, the deletion with the fields it had.
    admin_site_client.post(
        reverse("admin:compliance_localclosureday_delete", args=[day.pk]), {"post": "yes"}
    )
    assert not LocalClosureDay.objects.exists()
    (deleted,) = _events(LocalClosureDay, AuditAction.DELETE)
    assert deleted.object_id == str(day.pk)
    assert deleted.changes["date"] == ["2026-12-29", None]
    assert deleted.changes["reason"] == ["Closed", None]


def test_a_role_change_is_audited_without_the_password(administrator):
    # Given a social worker, when the administrator makes them a team manager,
    worker = make_user(Role.SOCIAL_WORKER, username="promoted")
    request = RequestFactory().post("/admin/")
    request.user = administrator
    worker.role = Role.TEAM_MANAGER
    admin.site._registry[User].save_model(request, worker, form=None, change=True)
    # then the log says who changed the role from what to what, and holds no password hash.
    (event,) = _events(User, AuditAction.UPDATE)
    assert event.changes == {"role": [Role.SOCIAL_WORKER, Role.TEAM_MANAGER]}
    created = AuditEvent.objects.filter(object_type="accounts.user")
    assert all("password" not in e.changes for e in created)


def test_inline_rows_are_audited(admin_site_client):
    # When an audit tool is added with a section in its inline table,
    admin_site_client.post(
        reverse("admin:workforce_audittool_add"),
        {
            "name": "Practice quality audit",
            "description": "",
            "is_active": "on",
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "0",
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "1000",
            "sections-0-position": "1",
            "sections-0-title": "The child's voice",
            "sections-0-guidance": "",
        },
    )
    # then the tool and its section are each recorded as created.
    section = AuditToolSection.objects.get()
    assert _events(AuditTool, AuditAction.CREATE).count() == 1
    (event,) = _events(AuditToolSection, AuditAction.CREATE)
    assert event.object_id == str(section.pk)
    assert event.changes["title"] == [None, "The child's voice"]
