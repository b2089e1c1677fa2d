"""The generator's looked-after stage: realistic rates, records that pass the 903 rules."""

from collections import Counter
from datetime import date

import pytest
from django.db import transaction

from safeguard.compliance.models import Clock
from safeguard.compliance.services import clocks_recompute
from safeguard.looked_after.models import (
    CareEpisode,
    CareLeaver,
    HealthEvent,
    IROAssignment,
    LookedAfterReview,
    PersonalEducationPlan,
)
from safeguard.looked_after.selectors import looked_after_on, placement_stability
from safeguard.looked_after.services import episode_errors
from safeguard.looked_after.synthetic import generate_looked_after
from safeguard.people.models import Person
from safeguard.synthetic.context import GenerationContext
from safeguard.synthetic.services import authority_generate

AS_OF = date(2026, 3, 31)
CHILDREN = 4000


@pytest.fixture(scope="module")
def authority(django_db_setup, django_db_blocker):
    """Generate once for the module and roll it all back afterwards.

    A rollback, not a flush: flushing would also empty the reference rows that data migrations
    seed (threshold framework, screening tool, checklists) for every later test.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            authority_generate(children=CHILDREN, seed=5, years=3, as_of=AS_OF)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_the_stage_makes_nothing_without_staff(db):
    ctx = GenerationContext(seed=1, children=10, years=1, as_of=AS_OF)
    generate_looked_after(ctx)
    assert not CareEpisode.objects.exists()
    assert ctx.shared["looked_after.periods"] == []


@pytest.mark.django_db
def test_about_70_in_10000_children_are_looked_after(authority):
    children = Person.objects.filter(kind="child").count()
    looked_after = len(looked_after_on(as_of=AS_OF))
    assert 0.005 * children <= looked_after <= 0.009 * children
    # Children also left care during the three years.
    assert CareEpisode.objects.exclude(reason_episode_ceased__in=["", "X1"]).count() > 20


@pytest.mark.django_db
def test_every_generated_episode_passes_the_903_episode_rules(authority):
    for episode in CareEpisode.objects.all():
        assert episode_errors(episode) == {}, episode


@pytest.mark.django_db
def test_placements_legal_statuses_and_moves_are_plausible(authority):
    current = CareEpisode.objects.filter(end_date__isnull=True)
    statuses = Counter(current.values_list("legal_status", flat=True))
    assert statuses.most_common(1)[0][0] == "C2"
    places = Counter(current.values_list("placement_type", flat=True))
    foster = sum(n for code, n in places.items() if code.startswith("U"))
    assert foster / current.count() > 0.5
    assert CareEpisode.objects.filter(reason_new_episode="P").exclude(reason_place_change="")


@pytest.mark.django_db
def test_the_work_around_each_child_is_generated_and_the_clocks_compute(authority):
    ids = looked_after_on(as_of=AS_OF)
    assert LookedAfterReview.objects.filter(person_id__in=ids).count() >= len(ids)
    assert HealthEvent.objects.filter(kind="initial_health_assessment").exists()
    assert PersonalEducationPlan.objects.exists()
    assert IROAssignment.objects.filter(end_date__isnull=True).count() == len(ids)
    assert CareLeaver.objects.exists()
    clocks_recompute(person_ids=ids)
    reviews = Clock.objects.filter(rule_code__startswith="LAC_REVIEW", person_id__in=ids)
    met = reviews.filter(completed_on__isnull=False)
    assert met.count() > 0
    late = [c for c in met if c.completed_on > c.due_on]
    # Mostly on time, with a late tail for the work lists to find.
    assert 0 < len(late) < met.count() / 2
    stability = placement_stability(person=Person.objects.get(pk=ids[0]), as_of=AS_OF)
    assert stability["looked_after"] and stability["placements_last_12_months"] >= 1


@pytest.mark.django_db
def test_adopted_children_were_placed_for_adoption_under_a_placement_order(authority):
    from safeguard.looked_after.models import Adoption, PlacedForAdoption

    adopted = CareEpisode.objects.filter(reason_episode_ceased__in=["E11", "E12"])
    assert set(adopted.values_list("placement_type", flat=True)) <= {"A3", "A4", "A5", "A6"}
    assert Adoption.objects.count() == adopted.count()
    decided = set(PlacedForAdoption.objects.values_list("person_id", flat=True))
    assert set(adopted.values_list("person_id", flat=True)) <= decided
    assert PlacedForAdoption.objects.exists()


@pytest.mark.django_db
def test_moves_cluster_in_a_few_children(authority):
    moves = Counter(
        CareEpisode.objects.filter(reason_new_episode="P").values_list("person_id", flat=True)
    )
    children = CareEpisode.objects.values("person_id").distinct().count()
    # Some children move; most stay put (at 30,000 children about one in ten looked-after
    # children has three or more placements in a year; this small authority is too small to
    # pin that share).
    assert 0 < len(moves) < children * 0.6
