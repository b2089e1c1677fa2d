from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguard.accounts.choices import Role
from safeguard.compliance.models import Clock
from safeguard.compliance.registry import ClockSpec
from safeguard.compliance.services import clocks_recompute
from safeguard.conftest import make_child, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(producer, child, social_worker, team):
    """Given: an overdue ICPC, a due visit and a met assessment owned by the worker, and an
    unowned allocation clock held by the team."""
    today = timezone.localdate()
    other = make_child(first_name="Brook")
    producer.specs = [
        ClockSpec(
            "ICPC",
            child.pk,
            "sd:1",
            today - timedelta(days=60),
            owner_id=social_worker.pk,
            team_id=team.pk,
        ),
        ClockSpec(
            "CP_VISIT", child.pk, "visit:1", today, owner_id=social_worker.pk, team_id=team.pk
        ),
        ClockSpec(
            "SINGLE_ASSESSMENT",
            child.pk,
            "ep:1",
            today - timedelta(days=30),
            completed=today - timedelta(days=2),
            owner_id=social_worker.pk,
            team_id=team.pk,
        ),
        ClockSpec("ALLOCATION", other.pk, "ep:2", today - timedelta(days=1), team_id=team.pk),
    ]
    clocks_recompute(person_ids=[child.pk, other.pk])
    return {c.rule_code: c for c in Clock.objects.all()}


def test_my_work_lists_open_clocks_overdue_first(client, social_worker, work):
    client.force_login(social_worker)
    response = client.get(reverse("compliance:my_work"))
    assert response.status_code == 200
    rows = [(c.rule_code, c.status) for c in response.context["clocks"]]
    # The met assessment is not on the list; the overdue ICPC comes first.
    assert rows == [("ICPC", "overdue"), ("CP_VISIT", "due")]
    assert response.context["summary"]["overdue"] == 1
    assert b"Initial child protection conference" in response.content
    content = response.content.decode()
    icpc = work["ICPC"]
    assert f'href="{reverse("compliance:explain", args=[icpc.pk])}"' in content
    assert f'href="{reverse("people:record", args=[icpc.person_id])}"' in content


def test_home_goes_to_my_work(client, social_worker):
    client.force_login(social_worker)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("compliance:my_work")


def test_team_work_shows_owners_and_breaches(client, team_manager, work):
    client.force_login(team_manager)
    response = client.get(reverse("compliance:team_work"))
    assert response.status_code == 200
    clocks = response.context["clocks"]
    rows = {c.rule_code: (c.owner_id is not None, c.is_breach) for c in clocks}
    # Broken clocks come first.
    assert [c.is_breach for c in clocks] == [True, True, False]
    # The overdue ICPC and the unowned allocation are breaches; the due visit is not.
    assert rows == {"ICPC": (True, True), "ALLOCATION": (False, True), "CP_VISIT": (True, False)}
    summary = response.context["summary"]
    assert (summary["open"], summary["breaches"], summary["unowned"]) == (3, 2, 1)
    assert b"No owner" in response.content


def test_manager_sees_breach_count_on_my_work(client, team_manager, work):
    client.force_login(team_manager)
    response = client.get(reverse("compliance:my_work"))
    assert [(t.name, n) for t, n in response.context["team_breaches"]] == [
        ("Assessment Team North", 2)
    ]
    assert b'data-team-breaches="2"' in response.content


def test_breach_escalates_to_owners_manager_even_if_another_team_holds_it(
    client, producer, child, social_worker, team_manager, other_team_worker
):
    # Given a clock owned by the manager's worker but held by another team,
    producer.specs = [
        ClockSpec(
            "ICPC",
            child.pk,
            "sd:9",
            date(2024, 1, 2),
            owner_id=social_worker.pk,
            team_id=other_team_worker.team_id,
        )
    ]
    clocks_recompute(person_ids=[child.pk])
    client.force_login(team_manager)
    response = client.get(reverse("compliance:team_work"))
    # then the owner's manager still sees it as broken.
    assert [(c.rule_code, c.is_breach) for c in response.context["clocks"]] == [("ICPC", True)]


def test_social_worker_may_not_see_team_work(client, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("compliance:team_work")).status_code == 403


def test_manager_may_not_pick_another_team(client, team_manager, other_team_worker):
    client.force_login(team_manager)
    url = reverse("compliance:team_work") + f"?team={other_team_worker.team_id}"
    assert client.get(url).status_code == 403


def test_explain_page_shows_the_counting(client, producer, child, social_worker):
    producer.specs = [
        ClockSpec("ICPC", child.pk, "sd:1", date(2025, 12, 19), owner_id=social_worker.pk)
    ]
    clocks_recompute(person_ids=[child.pk])
    clock = Clock.objects.get()
    client.force_login(social_worker)
    response = client.get(reverse("compliance:explain", args=[clock.pk]))
    assert response.status_code == 200
    assert (
        "15 working days from Fri 19 Dec 2025, skipping weekends and 25, 26 Dec and 1 Jan"
        in response.content.decode()
    )
    assert "Wed 14 Jan 2026" in response.content.decode()


def test_explain_refuses_partner_and_unknown_clock_alike(client, producer, child, partner):
    producer.specs = [ClockSpec("ICPC", child.pk, "sd:1", date(2025, 12, 19))]
    clocks_recompute(person_ids=[child.pk])
    clock = Clock.objects.get()
    client.force_login(partner)
    assert client.get(reverse("compliance:explain", args=[clock.pk])).status_code == 403
    assert client.get(reverse("compliance:explain", args=[clock.pk + 999])).status_code == 403


def test_restricted_child_name_is_masked_on_work_list(client, producer, social_worker):
    secret = make_child(first_name="Hidden", is_restricted=True, restriction_reason="adoption")
    producer.specs = [
        ClockSpec("CP_VISIT", secret.pk, "v", timezone.localdate(), owner_id=social_worker.pk)
    ]
    clocks_recompute(person_ids=[secret.pk])
    client.force_login(social_worker)
    content = client.get(reverse("compliance:my_work")).content.decode()
    assert "Restricted record" in content and "Hidden" not in content


def test_child_record_panel_lists_clocks_with_status(client, social_worker, child, work):
    client.force_login(social_worker)
    response = client.get(reverse("people:record", args=[child.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="child-clocks"' in content
    assert 'data-status="overdue"' in content and 'data-status="met"' in content


def test_partner_has_empty_my_work(client, partner, work):
    client.force_login(partner)
    response = client.get(reverse("compliance:my_work"))
    assert response.status_code == 200 and response.context["clocks"] == []


def test_senior_manager_without_team_is_refused(client, db):
    boss = make_user(Role.SENIOR_MANAGER)
    client.force_login(boss)
    assert client.get(reverse("compliance:team_work")).status_code == 403


def test_team_work_is_paged(client, team_manager, work, monkeypatch):
    from safeguard.compliance import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    client.force_login(team_manager)
    first = client.get(reverse("compliance:team_work"))
    second = client.get(reverse("compliance:team_work") + "?page=2")
    assert [len(first.context["clocks"]), len(second.context["clocks"])] == [2, 1]
    assert first.context["next_page"] == 2 and second.context["previous_page"] == 1
    # Totals cover every page.
    assert second.context["summary"]["open"] == 3
    assert client.get(reverse("compliance:team_work") + "?page=x").status_code == 200
