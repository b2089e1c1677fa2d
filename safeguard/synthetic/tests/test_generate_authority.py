"""The generator: deterministic, plausible, refusing bad arguments, extendable by stages."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, models

from safeguard.accounts.choices import Role, TeamKind
from safeguard.accounts.models import Team, User
from safeguard.people.identifiers import validate_la_child_id, validate_nhs_number, validate_upn
from safeguard.people.models import (
    Person,
    PersonAddress,
    PersonDisability,
    Relationship,
    RestrictedAccessGrant,
)
from safeguard.synthetic.context import GenerationContext
from safeguard.synthetic.models import SyntheticAuthority
from safeguard.synthetic.registry import Stage
from safeguard.synthetic.selectors import authority_digest
from safeguard.synthetic.services import authority_generate, generator_stages
from safeguard.synthetic.stages import DEMO_PASSWORD, staff_numbers

AS_OF = date(2026, 3, 31)


def generate(children=200, seed=7, **options):
    call_command(
        "generate_authority",
        children=str(children),
        seed=str(seed),
        no_progress=True,
        stdout=StringIO(),
        **options,
    )


def generate_core(children=300, seed=7, stages=("staff", "people")):
    """Run the generator's own stages only: other apps' stages have their own tests."""
    authority_generate(children=children, seed=seed, only_stages=stages)


def age(dob):
    return AS_OF.year - dob.year - ((AS_OF.month, AS_OF.day) < (dob.month, dob.day))


def _advance_id_sequences():
    if connection.vendor != "postgresql":
        return  # SQLite reuses the highest id + 1: nothing to advance
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.managed and isinstance(model._meta.pk, models.AutoField):
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), 5000)",
                    [model._meta.db_table, model._meta.pk.column],
                )


@pytest.mark.django_db
def test_same_seed_gives_the_same_authority_and_another_seed_another():
    # Given id sequences already advanced, as rolled-back earlier tests leave them on PostgreSQL
    _advance_id_sequences()
    # and an authority generated with seed 7
    generate(seed=7)
    first = authority_digest()
    # When the same arguments generate it again into the emptied database
    generate(seed=7, replace=True)
    again = authority_digest()
    # and another seed generates a third
    generate(seed=8, replace=True)
    other = authority_digest()
    # Then the same seed gives identical rows and another seed different ones
    assert first == again
    assert other != first
    assert SyntheticAuthority.objects.get().seed == 8


@pytest.mark.django_db
def test_children_look_like_a_city_population():
    generate_core(children=500)
    children = list(Person.objects.filter(kind="child"))
    assert len(children) == 500
    born = [c for c in children if c.date_of_birth]
    unborn = [c for c in children if c.date_of_birth is None]
    # Ages 0 to 17; the unborn carry an expected date of birth after the as-of date.
    assert all(0 <= age(c.date_of_birth) <= 17 for c in born)
    assert {age(c.date_of_birth) for c in born} == set(range(18))
    assert all(c.expected_date_of_birth and c.expected_date_of_birth > AS_OF for c in unborn)
    sexes = Counter(c.sex for c in born)
    assert 0.40 < sexes["M"] / len(born) < 0.60
    assert 0.40 < sexes["F"] / len(born) < 0.60
    wbri = sum(c.ethnicity == "WBRI" for c in children) / len(children)
    assert 0.5 < wbri < 0.8
    assert len({c.ethnicity for c in children}) >= 8
    disabled = PersonDisability.objects.values("person").distinct().count()
    assert 0.06 < disabled / len(born) < 0.2
    # Identifiers: every one valid, NHS numbers and LA child IDs unique.
    people = list(Person.objects.all())
    nhs_numbers = [p.nhs_number for p in people if p.nhs_number]
    assert len(nhs_numbers) == len(set(nhs_numbers)) > 500
    for value in nhs_numbers:
        validate_nhs_number(value)
    upns = [c.upn for c in children if c.upn]
    assert len(upns) == len(set(upns)) > 300
    for value in upns:
        validate_upn(value)
    assert all(age(c.date_of_birth) >= 5 for c in children if c.upn)
    ids = [c.la_child_id for c in children]
    assert len(set(ids)) == 500
    for value in ids:
        validate_la_child_id(value)


@pytest.mark.django_db
def test_households_share_an_address_and_are_related():
    generate_core(children=400)
    current = dict(
        PersonAddress.objects.filter(end_date__isnull=True).values_list("person_id", "address_id")
    )
    parents = Relationship.objects.filter(kind="parent").values_list(
        "person_id", "related_person_id"
    )
    shared = [
        current.get(adult) == current.get(child) for adult, child in parents if child in current
    ]
    assert shared and all(shared)
    siblings = Relationship.objects.filter(kind__in=["sibling", "half_sibling"])
    assert siblings.exists()
    assert all(
        current.get(s.person_id) == current.get(s.related_person_id)
        for s in siblings
        if s.person_id in current and s.related_person_id in current
    )
    # Every born child has a current address; previous addresses end before the current begins.
    born = Person.objects.filter(kind="child", date_of_birth__isnull=False).values_list(
        "id", flat=True
    )
    assert set(born) <= set(current)
    previous = PersonAddress.objects.filter(end_date__isnull=False).select_related()
    assert previous.exists()
    starts = dict(
        PersonAddress.objects.filter(end_date__isnull=True).values_list("person_id", "start_date")
    )
    assert all(p.start_date <= p.end_date < starts[p.person_id] for p in previous)
    kinds = set(Relationship.objects.values_list("kind", flat=True))
    assert {"parent", "sibling", "partner"} <= kinds


@pytest.mark.django_db
def test_restricted_records_are_granted_to_a_named_worker():
    generate_core(children=3000, seed=3)
    restricted = Person.objects.filter(is_restricted=True)
    assert restricted.exists()
    assert not restricted.filter(restriction_reason="").exists()
    for person in restricted:
        roles = set(
            RestrictedAccessGrant.objects.filter(person=person).values_list("user__role", flat=True)
        )
        assert Role.SOCIAL_WORKER in roles
    assert PersonAddress.objects.filter(is_protected=True).exists()


@pytest.mark.django_db
def test_staff_are_sized_to_the_authority_and_can_sign_in(client):
    generate_core(children=3000, stages=("staff",))
    numbers = staff_numbers(3000)
    assert User.objects.filter(role=Role.SOCIAL_WORKER).count() == numbers[Role.SOCIAL_WORKER]
    # Caseload of about 16: 300,000 children need ~530 social workers.
    assert 500 < staff_numbers(300_000)[Role.SOCIAL_WORKER] < 560
    for role in Role:
        assert User.objects.filter(role=role).exists(), role
    assert not Team.objects.filter(manager__isnull=True).exists()
    assert all(t.manager.role == Role.TEAM_MANAGER for t in Team.objects.select_related("manager"))
    assert client.login(username="sw0001", password=DEMO_PASSWORD)


@pytest.mark.django_db
def test_a_larger_authority_has_units_and_more_teams():
    generate_core(children=12_000, seed=1, stages=("staff",))
    assert Team.objects.filter(kind=TeamKind.UNIT).exists()
    assert Team.objects.filter(service_area="children_in_need").count() >= 2


@pytest.mark.parametrize(
    "options, message",
    [
        ({"children": "0"}, "at least 1"),
        ({"children": "-5"}, "at least 1"),
        ({"children": "many"}, "whole number"),
        ({"children": "3000001"}, "England scale"),
        ({"years": "-1"}, "years of history"),
        ({"years": "two"}, "whole number"),
        ({"as_of": "2026-02-30"}, "date like"),
        ({"seed": "-1"}, "seed"),
    ],
)
@pytest.mark.django_db
def test_bad_arguments_are_refused_and_nothing_is_written(options, message):
    arguments = {"children": "200", "seed": "1", **options}
    with pytest.raises(CommandError, match=message):
        call_command("generate_authority", no_progress=True, stdout=StringIO(), **arguments)
    assert not Person.objects.exists()
    assert not User.objects.exists()
    assert not SyntheticAuthority.objects.exists()


def test_bad_arguments_exit_non_zero_from_the_command_line(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "generate_authority", "--children", "0", "--seed", "1"],
        capture_output=True,
        text=True,
        env={
            "DJANGO_SETTINGS_MODULE": "config.django.test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "PATH": "/usr/bin:/bin",
        },
        check=False,
    )
    assert result.returncode != 0
    assert "at least 1" in result.stderr


@pytest.mark.django_db
def test_a_second_run_is_refused_without_replace():
    generate_core(seed=1)
    digest = authority_digest()
    with pytest.raises(CommandError, match="already holds a synthetic authority.*--replace"):
        generate(seed=2)
    assert authority_digest() == digest


@pytest.mark.django_db
def test_a_database_with_real_records_is_never_replaced(child):
    with pytest.raises(CommandError, match="did not make"):
        generate(seed=1, replace=True)
    assert list(Person.objects.all()) == [child]


@pytest.mark.django_db
def test_stages_run_in_order_with_their_own_stream_and_a_failure_writes_nothing(extra_stage):
    seen = {}

    def late(ctx: GenerationContext):
        seen["children"] = len(ctx.children)
        seen["staff"] = len(ctx.staff)
        seen["draw"] = ctx.rng.random()
        seen["stamp"] = ctx.bulk(Person, [Person(first_name="Extra", last_name="Stage")])[0]

    extra_stage(Stage(name="zz_test_late", order=90, func=late))
    assert [s.name for s in generator_stages()][:2] == ["staff", "people"]
    authority_generate(children=200, seed=5, only_stages={"staff", "people", "zz_test_late"})
    assert seen["children"] == 200 and seen["staff"] > 0
    extra = Person.objects.get(first_name="Extra")
    # A stamp left at the wall clock becomes the as-of moment: the run stays deterministic.
    assert extra.created_at.date() == AS_OF and extra.modified_at.date() == AS_OF
    first_draw = seen["draw"]

    def broken(ctx):
        raise RuntimeError("stage failed")

    extra_stage(Stage(name="zz_test_broken", order=99, func=broken))
    with pytest.raises(RuntimeError):
        authority_generate(children=200, seed=5, replace=True, only_stages={"zz_test_broken"})
    # The failed run rolled back: the first authority is still there, untouched.
    assert Person.objects.filter(first_name="Extra").count() == 1
    assert seen["draw"] == first_draw
