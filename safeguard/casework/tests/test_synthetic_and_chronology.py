"""The generator's casework and assessment stages, and the chronology of a generated child."""

from datetime import date
from statistics import mean

import pytest
from django.db.models import Count

from safeguard.assessments.models import Assessment, AssessmentManagerDecision
from safeguard.assessments.synthetic import generate_assessments
from safeguard.casework.choices import ClosureStatus, EpisodeTransition, Service
from safeguard.casework.models import (
    Allocation,
    CaseClosure,
    CaseNote,
    Episode,
    ManagementOversight,
    ManualChronologyEntry,
    Plan,
    PlanReview,
    Visit,
)
from safeguard.casework.selectors import chronology_for_person
from safeguard.casework.services import manual_chronology_entry_add
from safeguard.casework.synthetic import generate_casework
from safeguard.casework.synthetic_dates import add_working_days
from safeguard.people.models import Person, PersonAddress
from safeguard.synthetic.context import GenerationContext
from safeguard.synthetic.services import authority_generate

AS_OF = date(2026, 3, 31)


def _working_days(start: date, end: date) -> int:
    n, day = 0, start
    while day < end:
        day = add_working_days(day, 1)
        n += 1
    return n


def test_stages_make_nothing_when_there_are_no_episodes(db):
    ctx = GenerationContext(seed=1, children=10, years=1, as_of=AS_OF)
    generate_assessments(ctx)
    generate_casework(ctx)
    assert not Assessment.objects.exists() and not Visit.objects.exists()
    assert ctx.shared["assessments.assessments"] == []


@pytest.fixture
def authority(db):
    return authority_generate(children=400, seed=11, years=2, as_of=AS_OF)


def test_generated_authority(authority, social_worker):
    """One generated authority (generating is slow), checked three ways."""
    _realistic_rates()
    _chronology_of_a_generated_child_lists_every_event_in_order(social_worker)
    _chronology_filters_by_category_and_date()


def _realistic_rates():
    referrals = Episode.objects.filter(service=Service.SOCIAL_CARE, referral_nfa=False)
    assert referrals.count() > 20
    authorised = list(
        Assessment.objects.filter(authorised_on__isnull=False).values_list(
            "episode__referral_date", "authorised_on"
        )
    )
    # About one assessment per referral; a mean near 33 working days; some late
    assert Assessment.objects.count() >= 0.7 * referrals.count()
    durations = [_working_days(r, a) for r, a in authorised]
    assert 24 <= mean(durations) <= 40
    assert 0.05 <= sum(d > 45 for d in durations) / len(durations) <= 0.35
    assert AssessmentManagerDecision.objects.filter(decision="returned").exists()
    # Visits, notes, oversight, plans with reviews
    assert Visit.objects.filter(visit_type="child_in_need").exists()
    assert Visit.objects.filter(child_seen=False).exists()
    assert CaseNote.objects.count() > referrals.count()
    assert ManagementOversight.objects.exists() and PlanReview.objects.exists()
    assert Plan.objects.filter(kind="child_in_need").exists()
    # Every closed social care episode with a worker and manager has its approved closure
    closed = referrals.filter(closure_date__isnull=False, allocations__isnull=False).distinct()
    assert CaseClosure.objects.filter(status=ClosureStatus.APPROVED).count() >= 0.9 * closed.count()
    # Step-down and step-up keep the history linked
    assert Episode.objects.filter(
        transition=EpisodeTransition.STEP_DOWN, previous_episode__service=Service.SOCIAL_CARE
    ).exists()
    assert Episode.objects.filter(
        transition=EpisodeTransition.STEP_UP, previous_episode__service=Service.EARLY_HELP
    ).exists()


def _chronology_of_a_generated_child_lists_every_event_in_order(social_worker):
    # Given the generated child with the most visits
    child = Person.objects.annotate(n=Count("visits")).filter(n__gt=0).order_by("-n", "pk").first()
    manual_chronology_entry_add(
        person=child,
        author=social_worker,
        occurred_on=date(2025, 6, 1),
        category="court",
        title="Child arrangements hearing",
    )
    # When the chronology is built
    failures: list[str] = []
    entries = chronology_for_person(person_id=child.pk, failures=failures)
    # Then no source failed and the events are in date order
    assert failures == []
    days = [
        e.when if isinstance(e.when, date) and not hasattr(e.when, "hour") else e.when.date()
        for e in entries
    ]
    assert days == sorted(days)
    # And every record on the child has its event: none missing
    sources = {e.source for e in entries}
    expected = set()
    expected |= {
        f"casework.visit:{pk}"
        for pk in Visit.objects.filter(person=child).values_list("pk", flat=True)
    }
    expected |= {
        f"casework.casenote:{pk}"
        for pk in CaseNote.objects.filter(person=child).values_list("pk", flat=True)
    }
    expected |= {
        f"casework.managementoversight:{pk}"
        for pk in ManagementOversight.objects.filter(person=child).values_list("pk", flat=True)
    }
    expected |= {
        f"casework.plan:{pk}"
        for pk in Plan.objects.filter(person=child).values_list("pk", flat=True)
    }
    expected |= {
        f"casework.planreview:{pk}"
        for pk in PlanReview.objects.filter(plan__person=child).values_list("pk", flat=True)
    }
    episodes = Episode.objects.filter(person=child).values_list(
        "pk", "front_door_referral", "closure_date", "transition"
    )
    expected |= {
        f"casework.episode:{pk}"
        for pk, referral, closed, transition in episodes
        if referral is None or closed or transition
    }
    expected |= {f"front_door.referral:{r}" for _, r, _, _ in episodes if r is not None}
    expected |= {
        f"casework.allocation:{pk}"
        for pk in Allocation.objects.filter(episode__person=child).values_list("pk", flat=True)
    }
    expected |= {
        f"people.personaddress:{pk}"
        for pk in PersonAddress.objects.filter(person=child).values_list("pk", flat=True)
    }
    expected |= {
        f"assessments.assessment:{pk}"
        for pk in Assessment.objects.filter(person=child).values_list("pk", flat=True)
    }
    expected |= {
        f"assessments.assessmentmanagerdecision:{pk}"
        for pk in AssessmentManagerDecision.objects.filter(assessment__person=child).values_list(
            "pk", flat=True
        )
    }
    expected |= {
        f"casework.manualchronologyentry:{pk}"
        for pk in ManualChronologyEntry.objects.filter(person=child).values_list("pk", flat=True)
    }
    assert len(expected) > 10
    assert expected - sources == set()
    # And each closed episode has its closure event
    closed = Episode.objects.filter(person=child, closure_date__isnull=False).count()
    assert (
        sum(e.category == "closure" and e.source.startswith("casework.episode") for e in entries)
        == closed
    )


def _chronology_filters_by_category_and_date():
    person_id = Visit.objects.values_list("person_id", flat=True).first()
    visits = chronology_for_person(person_id=person_id, categories=["visit"], failures=[])
    assert visits and {e.category for e in visits} == {"visit"}
    first = visits[0].when
    later = chronology_for_person(
        person_id=person_id, categories=["visit"], date_from=first, date_to=first, failures=[]
    )
    assert later and all(e.when == first for e in later)
