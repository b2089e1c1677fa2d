"""The chronology source: becoming looked after, moves, legal changes, reviews, leaving care."""

from datetime import date

from safeguard.looked_after.chronology import looked_after_events
from safeguard.looked_after.models import LookedAfterReview, PathwayPlan
from safeguard.looked_after.tests.conftest import make_history


def test_each_significant_event_is_one_entry(child):
    make_history(
        child,
        [
            (date(2025, 1, 6), "S", {"legal_status": "C1"}),
            (date(2025, 3, 3), "L", {"legal_status": "C2"}),
            (date(2025, 6, 2), "P", {"placement_type": "K2"}),
        ],
        ceased=(date(2025, 12, 1), "E4A"),
    )
    LookedAfterReview.objects.create(
        person=child, review_date=date(2025, 1, 30), participation="PN1"
    )
    PathwayPlan.objects.create(person=child, plan_date=date(2025, 7, 1))

    entries = sorted(looked_after_events(child.pk), key=lambda e: e.when)

    assert [(e.when, e.category, e.title) for e in entries] == [
        (date(2025, 1, 6), "placement", "Became looked after"),
        (date(2025, 1, 30), "review", "Looked-after review"),
        (date(2025, 3, 3), "placement", "Change of legal status"),
        (date(2025, 6, 2), "placement", "Placement move"),
        (date(2025, 7, 1), "plan", "Pathway plan"),
        (date(2025, 12, 1), "placement", "Ceased to be looked after"),
    ]
    assert all(e.url.endswith(f"/people/{child.pk}/looked-after/") for e in entries)
