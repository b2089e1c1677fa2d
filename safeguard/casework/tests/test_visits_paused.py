"""The visits list: a visit clock paused while the child is missing is not overdue."""

from datetime import date

import pytest

from safeguard.casework.selectors import visits_overview
from safeguard.compliance.models import Clock
from safeguard.conftest import make_child

pytestmark = pytest.mark.django_db


def _visit_clock(person, *, due, pauses=None):
    return Clock.objects.create(
        person=person,
        rule_code="CIN_VISIT",
        key="cin:1",
        started_on=date(2026, 2, 2),
        due_on=due,
        pauses=pauses,
        paused_from=date.fromisoformat(pauses[0]["start"]) if pauses else None,
    )


def test_paused_visit_is_not_overdue_and_an_unpaused_one_is():
    # Given two children whose CIN visits fell due on Mon 2 Mar 2026, one missing since 20 Feb
    missing, seen = make_child(first_name="Missing"), make_child(first_name="Home")
    _visit_clock(
        missing,
        due=date(2026, 3, 2),
        pauses=[{"start": "2026-02-20", "end": None, "reason": "missing from home"}],
    )
    _visit_clock(seen, due=date(2026, 3, 2))
    # When the list is drawn as of Tue 10 Mar
    rows = {
        r["person"].first_name: (r["overdue"], r["paused"])
        for r in visits_overview(person_ids=[missing.pk, seen.pk], as_of=date(2026, 3, 10))
    }
    # Then only the child who was not missing is overdue.
    assert rows == {"Missing": (False, True), "Home": (True, False)}
