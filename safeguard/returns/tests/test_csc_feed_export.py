"""Daily CSC feed: one document per child changed that day, in the v0.7 example's shape."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from safeguard.casework.models import Allocation, Episode, Plan
from safeguard.conftest import make_child
from safeguard.looked_after.models import CareEpisode, HealthEvent
from safeguard.returns.csc_feed.exporter import children_for_day, csc_feed_build

EXAMPLE = str(Path(settings.SAFEGUARD_REFERENCE_DIR) / "csc_api/payload_example_v0.7.json")
DAY = date(2026, 3, 2)


def _shape(value, path="") -> dict[str, set[str]]:
    """Return {path: keys} for every object in value (a list's items share one path)."""
    found: dict[str, set[str]] = {}
    if isinstance(value, dict):
        found[path] = set(value)
        for key, item in value.items():
            for sub, keys in _shape(item, f"{path}.{key}").items():
                found.setdefault(sub, set()).update(keys)
    elif isinstance(value, list):
        for item in value:
            for sub, keys in _shape(item, f"{path}[]").items():
                found.setdefault(sub, set()).update(keys)
    return found


@pytest.fixture
def child_in_care_changed_today(db, team, social_worker):
    child = make_child(la_child_id="FEED01", date_of_birth=date(2014, 2, 1))
    episode = Episode.objects.create(
        person=child, team=team, referral_date=DAY, referral_source="1A", primary_need="N1"
    )
    Allocation.objects.create(
        episode=episode, worker=social_worker, team=team, start_at="2026-03-02T10:00:00Z"
    )
    Plan.objects.create(person=child, episode=episode, kind="child_in_need", start_date=DAY)
    CareEpisode.objects.create(
        person=child, start_date=DAY, reason_new_episode="S", legal_status="V2",
        category_of_need="N1", placement_type="U6", placement_provider="PR1",
        placement_postcode="AB1 2CD",
    )  # fmt: skip
    HealthEvent.objects.create(person=child, kind="sdq", event_date=DAY, sdq_score=14)
    return child


def test_payload_has_the_examples_field_names_and_nesting(child_in_care_changed_today):
    # Given a child referred and placed today, when the feed is built,
    payload = csc_feed_build(day=DAY)[child_in_care_changed_today.pk]
    with open(EXAMPLE) as f:
        example = json.load(f)
    ours, theirs = _shape(payload), _shape(example)
    # then every object has exactly the example's keys at the same place,
    for path, keys in ours.items():
        assert keys == theirs[path], path
    # and the main branches are filled from the records.
    episodes = ".Children.social_care_episodes[]"
    assert {
        episodes,
        f"{episodes}.care_worker_details[]",
        f"{episodes}.child_looked_after_placements[]",
        ".Children.health_and_wellbeing.sdq_assessments[]",
    } <= set(ours)
    episode = payload["Children"]["social_care_episodes"][0]
    assert episode["referral_date"] == "2026-03-02"
    assert episode["child_looked_after_placements"][0]["placement_type"] == "U6"
    assert episode["child_in_need_plans"][0]["start_date"] == "2026-03-02"
    assert payload["Children"]["child_details"]["date_of_birth"] == "2014-02-01"


def test_only_children_changed_or_with_events_that_day(child_in_care_changed_today):
    # Given another child created today with no records dated 2 March 2026,
    other = make_child(la_child_id="FEED02")
    # when the days' children are listed, then each is in its own day, and a day with
    # nothing dated or changed has no one.
    today = date.today()
    assert child_in_care_changed_today.pk in children_for_day(DAY)
    assert other.pk in children_for_day(today)
    assert children_for_day(date(2020, 1, 1)) == []


def test_command_writes_one_json_per_child(child_in_care_changed_today, tmp_path):
    call_command("export_csc_feed", "--date", "2026-03-02", "--out", str(tmp_path))
    files = sorted(p.name for p in tmp_path.iterdir())
    assert "FEED01_2026-03-02.json" in files
    document = json.loads((tmp_path / "FEED01_2026-03-02.json").read_text())
    assert document["Children"]["la_child_id"] == "FEED01"


def test_bad_date_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="--date must be a date"):
        call_command("export_csc_feed", "--date", "02/03/2026", "--out", str(tmp_path))
