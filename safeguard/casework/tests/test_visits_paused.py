"""The visits list: a visit clock paused while the child is missing is not overdue."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from safeguard.casework.selectors import visits_overview
from safeguard.casework.tests.conftest import weeks_ago
from safeguard.compliance.calendar import add_working_days, working_days_between
from safeguard.compliance.models import Clock, LocalPauseSetting
from safeguard.compliance.selectors import status_of
from safeguard.conftest import make_child
from safeguard.missing.services import missing_episode_record, missing_episode_return

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


def test_cin_visit_clock_pauses_while_the_child_is_missing(child, social_worker, episode, cin_plan):
    # Given the authority pauses visits while a child is missing, and a CIN plan started
    # eight weeks ago (its first visit, 20 working days on, is long overdue)
    LocalPauseSetting.objects.create(
        condition="child_missing", enabled=True, decided_by="LSCP", decided_on=weeks_ago(9)
    )
    gone = weeks_ago(7)
    # When the child is reported missing a week after the plan started
    episode_record = missing_episode_record(
        person=child,
        acting_user=social_worker,
        missing_from="home",
        reported_missing_at=timezone.make_aware(datetime.combine(gone, time(20))),
    )
    clock = Clock.objects.get(person=child, rule_code="CIN_VISIT")
    # Then the visit clock is paused, not overdue, and its due date has not moved yet
    base_due = add_working_days(cin_plan.start_date, 20)
    assert (clock.due_on, status_of(clock)) == (base_due, "paused")
    # When the child is found three weeks later
    back = gone + timedelta(weeks=3)
    missing_episode_return(
        episode=episode_record,
        acting_user=social_worker,
        found_returned_at=timezone.make_aware(datetime.combine(back, time(9))),
    )
    # Then the due date moves on by the working days the child was missing
    clock.refresh_from_db()
    assert clock.due_on == add_working_days(base_due, working_days_between(gone, back))
    assert clock.pauses[0]["end"] == back.isoformat()
