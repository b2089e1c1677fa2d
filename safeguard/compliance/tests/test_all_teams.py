"""The senior managers' all-teams view, and paused clocks on the work lists, through HTTP."""

from collections import Counter
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguard.accounts.choices import Role
from safeguard.compliance.models import Clock, LocalPauseSetting
from safeguard.compliance.registry import ClockSpec, Pause
from safeguard.compliance.services import clocks_recompute
from safeguard.conftest import make_child, make_team, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def senior_manager(db):
    return make_user(Role.SENIOR_MANAGER, username="senior", first_name="Sol")


@pytest.fixture
def clocks(producer, child, social_worker, team, other_team_worker):
    """Given, as of today, in the worker's team: an overdue ICPC, a CP visit paused while the
    child is missing, an unowned allocation; a clock the other team holds but the worker
    owns (it counts for both teams); the other team's own due visit; and a team with none."""
    LocalPauseSetting.objects.create(
        condition="child_missing", enabled=True, decided_by="LSCP", decided_on=date(2026, 1, 5)
    )
    today = timezone.localdate()
    other = make_child(first_name="Brook")
    third = make_child(first_name="Casey")
    west = other_team_worker.team_id
    long_ago = today - timedelta(days=60)
    producer.specs = [
        ClockSpec("ICPC", child.pk, "sd:1", long_ago, owner_id=social_worker.pk, team_id=team.pk),
        ClockSpec(
            "CP_VISIT",
            child.pk,
            "visit:1",
            long_ago,
            owner_id=social_worker.pk,
            team_id=team.pk,
            # Missing since the day after the plan started, and not yet found.
            pauses=(Pause(long_ago + timedelta(days=1), None, "missing from home"),),
        ),
        ClockSpec("ALLOCATION", other.pk, "ep:2", today - timedelta(days=1), team_id=team.pk),
        ClockSpec(
            "STRATEGY_DISCUSSION",
            third.pk,
            "cp:3",
            long_ago,
            owner_id=social_worker.pk,
            team_id=west,
        ),
        ClockSpec(
            "CP_VISIT", third.pk, "visit:3", today, owner_id=other_team_worker.pk, team_id=west
        ),
    ]
    clocks_recompute(person_ids=[child.pk, other.pk, third.pk])
    make_team("Fostering")
    return producer


def _rows(response) -> dict[str, dict]:
    return {row["team"].name: row for row in response.context["rows"]}


def test_all_teams_view_counts_each_team(client, senior_manager, clocks):
    client.force_login(senior_manager)
    response = client.get(reverse("compliance:all_teams_work"))
    assert response.status_code == 200
    counts = {
        name: tuple(row["summary"][k] for k in ("open", "overdue", "paused", "unowned"))
        for name, row in _rows(response).items()
    }
    # North: ICPC overdue, CP visit paused (not overdue), allocation unowned, and the
    # strategy discussion its worker owns for West (overdue). West: that strategy discussion
    # and its own due visit. Fostering: nothing.
    assert counts == {
        "Assessment Team North": (4, 2, 1, 1),
        "Children in Care West": (2, 1, 0, 0),
        "Fostering": (0, 0, 0, 0),
    }
    assert b'data-paused="1"' in response.content


def test_all_teams_counts_equal_each_team_page(client, senior_manager, clocks):
    client.force_login(senior_manager)
    response = client.get(reverse("compliance:all_teams_work"))
    for name, row in _rows(response).items():
        # When the senior manager follows the team's link
        assert f'href="{row["url"]}"' in response.content.decode()
        page = client.get(row["url"])
        assert page.status_code == 200, name
        assert page.context["team"].name == name
        listed = page.context["clocks"]
        statuses = Counter(c.status for c in listed)
        # then the team page's list gives the same counts as the all-teams row.
        assert row["summary"] == page.context["summary"], name
        assert row["summary"]["open"] == len(listed), name
        assert row["summary"]["overdue"] == statuses["overdue"], name
        assert row["summary"]["paused"] == statuses["paused"], name
        assert row["summary"]["unowned"] == sum(c.owner_id is None for c in listed), name


@pytest.mark.parametrize(
    "persona, allowed",
    [("senior_manager", True), ("team_manager", False), ("social_worker", False)],
)
def test_only_senior_managers_see_all_teams(client, request, persona, allowed, clocks):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("compliance:all_teams_work"))
    assert response.status_code == (200 if allowed else 403)


def test_senior_manager_is_offered_the_all_teams_view(client, senior_manager, team_manager):
    client.force_login(senior_manager)
    assert (
        reverse("compliance:all_teams_work")
        in client.get(reverse("compliance:my_work")).content.decode()
    )
    client.force_login(team_manager)
    assert (
        reverse("compliance:all_teams_work")
        not in client.get(reverse("compliance:my_work")).content.decode()
    )


def test_paused_clock_is_not_a_breach_on_team_and_my_work(
    client, social_worker, team_manager, clocks
):
    client.force_login(team_manager)
    response = client.get(reverse("compliance:team_work"))
    rows = {c.rule_code: (c.status, c.is_breach) for c in response.context["clocks"]}
    assert rows["CP_VISIT"] == ("paused", False)
    assert rows["ICPC"] == ("overdue", True)
    assert b"govuk-tag--yellow" in response.content and b"Paused" in response.content
    client.force_login(social_worker)
    response = client.get(reverse("compliance:my_work"))
    assert response.context["summary"]["overdue"] == 2
    assert response.context["summary"]["paused"] == 1
    assert 'id="paused-count">1 paused' in response.content.decode()


def test_explain_page_shows_the_open_pause(client, social_worker, clocks):
    visit = Clock.objects.get(rule_code="CP_VISIT", owner=social_worker)
    client.force_login(social_worker)
    content = client.get(reverse("compliance:explain", args=[visit.pk])).content.decode()
    assert 'id="pauses"' in content and "while missing from home" in content
    assert "Stands still while the child is recorded missing" in content
