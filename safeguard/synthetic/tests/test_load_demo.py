from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from safeguard.people.models import Person
from safeguard.synthetic.models import SyntheticAuthority
from safeguard.synthetic.stages import DEMO_PASSWORD


def load_demo(children="300", seed="2026"):
    out = StringIO()
    call_command("load_demo", children=children, seed=seed, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_generates_once_then_says_already_loaded(client):
    # Given an empty database, when the demo loads
    first = load_demo()
    people = Person.objects.count()
    # Then it generates and prints the sign-ins with the demo password
    assert "Loaded the demo authority" in first
    assert DEMO_PASSWORD in first
    for username in [
        "sw0001",
        "tm0001",
        "mash0001",
        "chair0001",
        "analyst0001",
        "partner0001",
        "admin0001",
    ]:
        assert username in first
    assert client.login(username="tm0001", password=DEMO_PASSWORD)
    # When it runs again, it does not regenerate
    second = load_demo()
    assert "already loaded" in second
    assert "sw0001" in second
    assert Person.objects.count() == people
    assert SyntheticAuthority.objects.count() == 1


@pytest.mark.django_db
def test_the_demo_is_generated_as_of_today_so_its_clocks_are_live():
    load_demo()
    assert SyntheticAuthority.objects.get().as_of == timezone.localdate()


@pytest.mark.django_db
def test_load_demo_keeps_a_different_authority_and_says_how_to_change_it():
    load_demo(seed="1")
    out = load_demo(seed="2")
    assert "different synthetic authority" in out and "--replace" in out
    assert SyntheticAuthority.objects.get().seed == 1
