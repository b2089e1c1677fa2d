"""Every page of the three apps renders for a social worker (and its form has its fields)."""

from datetime import date

import pytest

from safeguard.education.models import CMEEntry, EHCNeedsAssessment
from safeguard.exploitation.models import RiskAssessment
from safeguard.missing.models import MissingEpisode, RepeatMissingFlag
from safeguard.missing.tests.conftest import at

pytestmark = pytest.mark.django_db


def test_every_page_renders(client, social_worker, child):
    episode = MissingEpisode.objects.create(
        person=child,
        missing_from="home",
        reported_missing_at=at(2026, 3, 1, 20, 0),
        found_returned_at=at(2026, 3, 2, 1, 0),
    )
    flag = RepeatMissingFlag.objects.create(
        person=child,
        raised_at=at(2026, 3, 1, 20, 0),
        triggering_episode=episode,
        episode_count=3,
        window_days=90,
    )
    entry = CMEEntry.objects.create(
        person=child, reason="left_roll", referred_on=date(2026, 3, 2), officer=social_worker
    )
    ehc = EHCNeedsAssessment.objects.create(
        person=child, request_received_on=date(2026, 1, 5), requested_by="parent"
    )
    assessment = RiskAssessment.objects.create(
        person=child, started_on=date(2026, 3, 2), assessed_by=social_worker
    )
    client.force_login(social_worker)
    pages = [
        f"/people/{child.pk}/",
        f"/people/{child.pk}/missing/new/",
        f"/missing/{episode.pk}/",
        f"/missing/{episode.pk}/return/",
        f"/missing/{episode.pk}/interview/",
        f"/missing/flags/{flag.pk}/",
        f"/people/{child.pk}/exploitation/screening/",
        f"/people/{child.pk}/exploitation/plan/",
        f"/exploitation/assessments/{assessment.pk}/complete/",
        f"/people/{child.pk}/exploitation/links/",
        "/exploitation/panel/",
        "/exploitation/panel/new/",
        "/education/missing/",
        f"/people/{child.pk}/missing-education/new/",
        f"/education/missing/{entry.pk}/",
        f"/education/missing/{entry.pk}/enquiry/",
        f"/education/missing/{entry.pk}/escalate/",
        f"/education/missing/{entry.pk}/close/",
        f"/people/{child.pk}/ehc-needs-assessment/new/",
        f"/education/ehc/{ehc.pk}/",
        f"/education/ehc/{ehc.pk}/decision/",
        f"/education/ehc/{ehc.pk}/outcome/",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
    screening_form = client.get(f"/people/{child.pk}/exploitation/screening/").content.decode()
    assert screening_form.count('name="indicators"') == 17


def test_exploitation_and_education_events_reach_the_chronology(child, social_worker):
    from safeguard.casework.chronology import SOURCES
    from safeguard.education.chronology import education_events
    from safeguard.exploitation.chronology import exploitation_events
    from safeguard.exploitation.models import ExploitationLink, PlaceOfConcern

    CMEEntry.objects.create(
        person=child,
        reason="left_roll",
        referred_on=date(2026, 3, 2),
        officer=social_worker,
        closed_on=date(2026, 3, 9),
        outcome="abroad",
    )
    RiskAssessment.objects.create(
        person=child, started_on=date(2026, 3, 2), assessed_by=social_worker
    )
    place = PlaceOfConcern.objects.create(name="Hotel on the ring road")
    ExploitationLink.objects.create(
        child=child, place=place, nature="Seen", recorded_on=date(2026, 3, 3)
    )
    assert {education_events, exploitation_events} <= set(SOURCES)
    assert [e.title for e in education_events(child.pk)] == [
        "Added to the children missing education register",
        "Left the children missing education register",
    ]
    exploitation = [e.title for e in exploitation_events(child.pk)]
    # The links of concern are restricted, so never on the chronology everyone may read.
    assert exploitation == ["Exploitation risk assessment started"]
