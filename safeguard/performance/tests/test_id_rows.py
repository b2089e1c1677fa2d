"""Lists behind figures counted as ids (placement stability): pages and exports from the list."""

import dataclasses
from unittest import mock

from safeguard.people.models import Person
from safeguard.performance.measures import MEASURES, Scope
from safeguard.performance.selectors import (
    DENOMINATOR,
    NOT_MET,
    NUMERATOR,
    IdRows,
    measure_rows,
)
from safeguard.performance.tests.conftest import PERIOD

FIELDS = ["pk", "first_name", "last_name"]


def _people(ids):
    return list(Person.objects.filter(pk__in=ids).order_by("pk").values(*FIELDS))


def test_pages_and_export_are_the_children_in_id_order(children):
    # Given the ids of five children, out of order and one given twice
    ids = [children[6].pk, children[1].pk, children[4].pk, children[1].pk, children[3].pk]
    ids.append(children[0].pk)
    expected = _people(ids)
    rows = IdRows(Person, ids, FIELDS)
    # Then the count is of distinct children and each page is theirs, in id order
    assert rows.count() == len(rows) == 5
    assert rows[0:2] == expected[0:2]
    assert rows[2:4] == expected[2:4]
    assert rows[4:6] == expected[4:]
    assert rows[3] == expected[3]
    # And the whole list reads the same in chunks as at once
    with mock.patch.object(IdRows, "CHUNK", 2):
        assert list(rows) == expected


def test_a_page_reads_only_its_own_children(children, django_assert_num_queries):
    rows = IdRows(Person, [child.pk for child in children], FIELDS)
    # When a page is read, one query fetches it (the count needs none)
    with django_assert_num_queries(1):
        assert rows.count() == len(children)
        page = rows[2:4]
    assert [row["pk"] for row in page] == sorted(child.pk for child in children)[2:4]


def test_an_id_measures_parts_are_its_numerator_denominator_and_the_rest(children):
    # Given a stability measure whose looked-after children are four, two of them moved often
    looked_after = [children[5].pk, children[2].pk, children[7].pk, children[0].pk]
    moved = [children[7].pk, children[2].pk]
    measure = dataclasses.replace(
        MEASURES["PLACEMENTS_3_PLUS"], ids=lambda scope, period, cache: (moved, looked_after)
    )
    parts = {
        part: measure_rows(measure=measure, scope=Scope(), period=PERIOD, part=part)
        for part in (NUMERATOR, DENOMINATOR, NOT_MET)
    }
    # Then each part lists its own children, counted and read alike
    assert [row["pk"] for row in parts[NUMERATOR]] == sorted(moved)
    assert [row["pk"] for row in parts[DENOMINATOR]] == sorted(looked_after)
    assert [row["pk"] for row in parts[NOT_MET]] == sorted({children[5].pk, children[0].pk})
    assert [parts[part].count() for part in (NUMERATOR, DENOMINATOR, NOT_MET)] == [2, 4, 2]
    assert (
        parts[DENOMINATOR][0:1][0]["first_name"]
        == Person.objects.get(pk=min(looked_after)).first_name
    )
