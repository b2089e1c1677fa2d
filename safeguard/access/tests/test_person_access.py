"""Who may open a child's record: the permission matrix and the audit of every refusal."""

import re

import pytest
from django.urls import reverse

from safeguard.accounts.choices import Role
from safeguard.audit.choices import AuditAction
from safeguard.audit.models import AuditEvent
from safeguard.conftest import make_child, make_user
from safeguard.people.models import RestrictedAccessGrant


@pytest.fixture
def restricted_child(social_worker):
    child = make_child(is_restricted=True, restriction_reason="adoption")
    RestrictedAccessGrant.objects.create(person=child, user=social_worker)
    return child


@pytest.mark.parametrize(
    "role, can_open",
    [
        (Role.SOCIAL_WORKER, True),
        (Role.TEAM_MANAGER, True),
        (Role.SENIOR_MANAGER, True),
        (Role.MASH_SCREENER, True),
        (Role.CONFERENCE_CHAIR, True),
        (Role.EARLY_HELP_PRACTITIONER, True),
        (Role.PERFORMANCE_ANALYST, True),
        (Role.PARTNER, False),
        (Role.SYSTEM_ADMINISTRATOR, False),
    ],
)
def test_permission_matrix_for_an_ordinary_record(client, child, role, can_open):
    # Given a user in each role
    client.force_login(make_user(role))
    # When they open an unrestricted child's record
    response = client.get(reverse("people:record", args=[child.pk]))
    # Then only the roles that see all children may
    assert response.status_code == (200 if can_open else 403)


def test_named_user_opens_a_restricted_record_and_the_view_is_logged(
    client, social_worker, restricted_child
):
    client.force_login(social_worker)
    response = client.get(reverse("people:record", args=[restricted_child.pk]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        user=social_worker, action=AuditAction.VIEW, person_id=restricted_child.pk
    ).exists()


def test_user_of_another_team_is_refused_a_restricted_record_and_the_refusal_is_logged(
    client, other_team_worker, restricted_child
):
    client.force_login(other_team_worker)
    response = client.get(reverse("people:record", args=[restricted_child.pk]))
    assert response.status_code == 403
    assert restricted_child.last_name not in response.content.decode()
    refusal = AuditEvent.objects.get(user=other_team_worker, action=AuditAction.ACCESS_DENIED)
    assert refusal.person_id == restricted_child.pk
    assert not AuditEvent.objects.filter(user=other_team_worker, action=AuditAction.VIEW).exists()


def test_a_refusal_does_not_reveal_whether_the_record_exists(
    client, other_team_worker, restricted_child
):
    client.force_login(other_team_worker)
    missing = client.get(reverse("people:record", args=[restricted_child.pk + 1000]))
    hidden = client.get(reverse("people:record", args=[restricted_child.pk]))
    assert missing.status_code == hidden.status_code == 403
    # The pages differ only in the sign-out form's CSRF token.
    assert _without_csrf(missing) == _without_csrf(hidden)


def _without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_restricted_records_do_not_appear_in_search_for_others(
    client, other_team_worker, social_worker, restricted_child
):
    url = reverse("people:search") + f"?name={restricted_child.last_name}"
    client.force_login(other_team_worker)
    assert restricted_child.get_absolute_url() not in client.get(url).content.decode()
    client.force_login(social_worker)
    assert restricted_child.get_absolute_url() in client.get(url).content.decode()


def test_signed_out_visitor_is_sent_to_sign_in(client, child):
    response = client.get(reverse("people:record", args=[child.pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
