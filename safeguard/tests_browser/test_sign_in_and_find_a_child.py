"""The first journey in a real browser: sign in, search, open a child's record."""

import re
from datetime import date

import pytest

from safeguard.accounts.choices import Role
from safeguard.conftest import make_child, make_team, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_social_worker_signs_in_searches_and_opens_a_record(live_server, page):
    # Given a social worker and a child on the system
    team = make_team("Assessment Team South")
    make_user(Role.SOCIAL_WORKER, team=team, username="sasha", first_name="Sasha")
    child = make_child(first_name="Olivia", last_name="Brennan", date_of_birth=date(2014, 9, 3))

    # When they sign in
    page.goto(f"{live_server.url}/")
    page.get_by_label("Username").fill("sasha")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()

    # And search for the child by surname
    page.goto(f"{live_server.url}/people/")
    page.get_by_label("Name").fill("brenn")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=re.compile("BRENNAN, Olivia")).click()

    # Then the record opens with the child's identity
    page.wait_for_url(re.compile(rf"/people/{child.pk}/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Olivia BRENNAN"
    assert "3 September 2014" in page.content()
    # And GOV.UK Frontend's styles were served from node_modules
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.govuk-header')).backgroundColor"
    ) not in ("", "rgba(0, 0, 0, 0)")
