"""A recompute skips the producers whose source tables hold nothing for the children."""

from datetime import date

import pytest

from safeguard.compliance import sources
from safeguard.compliance.models import Clock
from safeguard.compliance.registry import PRODUCER_SOURCES, PRODUCERS, ClockSpec
from safeguard.compliance.services import clocks_rebuild, clocks_recompute
from safeguard.conftest import make_child
from safeguard.people.models import Person, RestrictedAccessGrant

pytestmark = pytest.mark.django_db


class CountingProducer:
    """Yield the specs a test sets and count the calls."""

    def __init__(self, specs):
        self.specs = specs
        self.calls = 0

    def __call__(self, person_ids):
        self.calls += 1
        return [s for s in self.specs if person_ids is None or s.person_id in person_ids]


@pytest.fixture
def granted_producer(producer, child, monkeypatch):
    """A producer that reads its children from access grants (any table with a person FK)."""
    counting = CountingProducer([ClockSpec("ICPC", child.pk, "sd:1", date(2025, 12, 19))])
    PRODUCERS[:] = [counting]  # the producer fixture puts the registered ones back
    monkeypatch.setitem(PRODUCER_SOURCES, counting, ((RestrictedAccessGrant, "person"),))
    return counting


def test_producer_with_no_source_row_for_the_child_is_not_run(granted_producer, child):
    # Given no access grant for the child, the producer is not asked at all.
    assert clocks_recompute(person_ids=[child.pk]).created == 0
    assert granted_producer.calls == 0
    assert not Clock.objects.exists()


def test_producer_with_a_source_row_for_the_child_runs(granted_producer, child, social_worker):
    # Given a row in the producer's source table for the child,
    RestrictedAccessGrant.objects.create(person=child, user=social_worker)
    # when the child's clocks are recomputed, then the producer runs and its clock is stored.
    assert clocks_recompute(person_ids=[child.pk]).created == 1
    assert granted_producer.calls == 1
    # A row for one of several children is enough to run it for them all.
    other = make_child()
    clocks_recompute(person_ids=[other.pk, child.pk])
    assert granted_producer.calls == 2


def test_producer_without_declared_sources_always_runs(producer, child):
    producer.specs = [ClockSpec("ICPC", child.pk, "sd:1", date(2025, 12, 19))]
    assert clocks_recompute(person_ids=[child.pk]).created == 1


def test_many_children_run_every_producer_without_the_check(granted_producer, child, monkeypatch):
    monkeypatch.setattr(sources, "MAX_CHECKED", 1)
    other = make_child()
    assert clocks_recompute(person_ids=[child.pk, other.pk]).created == 1
    assert granted_producer.calls == 1


def test_one_query_answers_for_every_source(child, social_worker, django_assert_num_queries):
    RestrictedAccessGrant.objects.create(person=child, user=social_worker)
    tables = [(RestrictedAccessGrant, "person"), (Clock, "person")]
    with django_assert_num_queries(1):
        held = sources.sources_with_rows(tables, [child.pk, child.pk + 1])
    assert held == {(RestrictedAccessGrant, "person")}


def test_every_domain_producer_names_tables_with_a_person_column():
    # Each app's producers start from tables keyed by the child: the check relies on it.
    assert PRODUCERS, "the domain apps register their producers at start-up"
    for producer in PRODUCERS:
        declared = PRODUCER_SOURCES.get(producer)
        assert declared, f"{producer.__qualname__} names no source tables"
        for model, field in declared:
            assert model._meta.get_field(field).related_model is Person, (model, field)


def test_generated_authority_recompute_of_each_child_equals_the_rebuild():
    # Given a small generated authority whose clocks were all built at once from every
    # producer asked for everybody,
    from safeguard.synthetic.services import authority_generate

    authority_generate(children=300, seed=7)
    clocks_rebuild()
    stored = Clock.objects.count()
    assert stored > 100
    # when each child's clocks are recomputed alone (producers skipped by the source check),
    # then nothing is created, changed or deleted: the skipped producers had nothing to say.
    total = None
    for pk in Person.objects.filter(kind="child").values_list("pk", flat=True):
        result = clocks_recompute(person_ids=[pk])
        if total is None:
            total = result
        else:
            total.add(result)
    assert (total.created, total.updated, total.deleted) == (0, 0, 0)
    assert total.unchanged == stored
