"""Pages: recording episodes, reviews, health, PEPs and care leaver records; the IRO's view."""

from datetime import date

import pytest
from django.urls import reverse

from safeguard.compliance.services import clocks_recompute
from safeguard.conftest import make_child
from safeguard.looked_after.models import (
    CareEpisode,
    CareLeaverBirthdayRecord,
    HealthEvent,
    IROAssignment,
    LookedAfterReview,
)
from safeguard.looked_after.tests.conftest import make_episode


@pytest.fixture
def in_care(child):
    return make_episode(child, date(2025, 6, 2), legal_status="C1")


def url(name, person):
    return reverse(f"looked_after:{name}", args=[person.pk])


def test_a_social_worker_records_a_child_becoming_looked_after(client, social_worker, child):
    client.force_login(social_worker)
    response = client.post(
        url("episode_start", child),
        {
            "start_date": "2025-06-02",
            "legal_status": "C1",
            "category_of_need": "N1",
            "placement_type": "U6",
            "placement_provider": "PR1",
            "placement_postcode": "b13 8aa",
        },
    )
    assert response.status_code == 302
    episode = CareEpisode.objects.get(person=child)
    assert (episode.reason_new_episode, episode.placement_postcode) == ("S", "B13 8AA")


def test_an_overlapping_start_shows_the_error_summary_and_saves_nothing(
    client, social_worker, child, in_care
):
    client.force_login(social_worker)
    response = client.post(
        url("episode_start", child),
        {
            "start_date": "2025-07-01",
            "legal_status": "C2",
            "category_of_need": "N1",
            "placement_type": "U6",
        },
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "overlaps" in response.content.decode()
    assert CareEpisode.objects.filter(person=child).count() == 1


def test_a_code_outside_the_list_is_refused_by_the_form(client, social_worker, child):
    client.force_login(social_worker)
    response = client.post(
        url("episode_start", child),
        {
            "start_date": "2025-06-02",
            "legal_status": "XX",
            "category_of_need": "N1",
            "placement_type": "U6",
        },
    )
    assert "Select a valid choice" in response.content.decode()
    assert not CareEpisode.objects.exists()


def test_a_placement_move_is_recorded_as_a_new_episode(client, social_worker, child, in_care):
    client.force_login(social_worker)
    response = client.post(
        url("episode_change", child),
        {
            "change_date": "2025-08-04",
            "reason_new_episode": "P",
            "reason_place_change": "CHILD",
            "placement_type": "K2",
            "placement_postcode": "WV1 1AA",
        },
    )
    form = response.context["form"] if response.status_code == 200 else None
    assert response.status_code == 302, f"refused: {form.errors.as_data() if form else ''}"
    assert list(
        CareEpisode.objects.filter(person=child).values_list("reason_new_episode", "placement_type")
    ) == [("S", "U4"), ("P", "K2")]


def test_a_placement_ending_before_it_starts_is_refused(client, social_worker, child, in_care):
    client.force_login(social_worker)
    response = client.post(
        url("episode_cease", child), {"end_date": "2025-05-01", "reason_episode_ceased": "E4A"}
    )
    assert "cannot end before it starts" in response.content.decode()
    in_care.refresh_from_db()
    assert in_care.is_open


def test_review_health_and_pep_are_recorded(client, social_worker, child, in_care):
    client.force_login(social_worker)
    client.post(url("review_create", child), {"review_date": "2025-06-27", "participation": "PN1"})
    client.post(
        url("health_create", child),
        {"kind": "initial_health_assessment", "event_date": "2025-06-20"},
    )
    client.post(url("pep_create", child), {"kind": "initial", "meeting_date": "2025-06-25"})
    assert LookedAfterReview.objects.filter(person=child).count() == 1
    assert HealthEvent.objects.filter(person=child).count() == 1
    page = client.get(url("child", child)).content.decode()
    assert "Initial personal education plan" in page
    assert "Placements in the last 12 months" in page


def test_a_review_when_not_looked_after_is_refused(client, social_worker, child):
    client.force_login(social_worker)
    response = client.post(
        url("review_create", child), {"review_date": "2025-06-27", "participation": "PN1"}
    )
    assert "not looked after on that date" in response.content.decode()
    assert not LookedAfterReview.objects.exists()


def test_care_leaver_birthday_with_unknown_code_is_refused(client, social_worker, child):
    client.force_login(social_worker)
    response = client.post(
        url("birthday_create", child),
        {"birthday_age": "19", "in_touch": "YES", "activity": "F3", "accommodation": "U1"},
    )
    assert "Select a valid choice" in response.content.decode()
    assert not CareLeaverBirthdayRecord.objects.exists()


def test_care_leaver_records_are_made(client, social_worker, child):
    client.force_login(social_worker)
    client.post(
        url("care_leaver", child),
        {"eligibility": "former_relevant", "personal_adviser": social_worker.pk},
    )
    client.post(url("pathway_plan_create", child), {"plan_date": "2025-03-01"})
    client.post(
        url("birthday_create", child),
        {"birthday_age": "19", "in_touch": "YES", "activity": "F4", "accommodation": "U1"},
    )
    record = CareLeaverBirthdayRecord.objects.get(person=child)
    assert record.accommodation_suitable is True
    assert child.care_leaver.personal_adviser == social_worker


def test_the_iro_sees_their_children_and_review_clocks_only(
    client, iro, other_iro, social_worker, child, in_care
):
    other_child = make_child(first_name="Noah")
    make_episode(other_child, date(2025, 6, 2))
    client.force_login(social_worker)
    client.post(url("iro_assign", child), {"iro": iro.pk, "start_date": "2025-06-02"})
    client.post(url("iro_assign", other_child), {"iro": other_iro.pk, "start_date": "2025-06-02"})
    clocks_recompute(person_ids=[child.pk, other_child.pk])
    assert IROAssignment.objects.count() == 2

    client.force_login(iro)
    page = client.get(reverse("looked_after:iro")).content.decode()

    assert "Amelia Hartley" in page and "First review" in page
    assert "Overdue" in page  # due in June 2025, never held
    assert "Noah" not in page


def test_only_a_conference_chair_can_be_named_iro(client, social_worker, child, in_care):
    client.force_login(social_worker)
    response = client.post(
        url("iro_assign", child), {"iro": social_worker.pk, "start_date": "2025-06-02"}
    )
    assert "Select a valid choice" in response.content.decode()
    assert not IROAssignment.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("social_worker", 403), ("team_manager", 200), ("iro", 200), ("partner", 403)],
)
def test_who_may_see_the_overview(client, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("looked_after:overview")).status_code == status


def test_a_partner_cannot_record_anything(client, partner, child):
    client.force_login(partner)
    assert client.get(url("episode_start", child)).status_code == 403


def test_the_child_record_shows_the_looked_after_panel(client, social_worker, child, in_care):
    client.force_login(social_worker)
    page = client.get(reverse("people:record", args=[child.pk])).content.decode()
    assert "Placements in the last 12 months" in page
    assert "Interim care order" in page


def test_the_chronology_lists_becoming_looked_after(child, in_care):
    from safeguard.looked_after.chronology import looked_after_events

    entries = list(looked_after_events(child.pk))
    assert [(e.when, e.title) for e in entries] == [(date(2025, 6, 2), "Became looked after")]


def test_missing_from_care_is_read_from_the_missing_module(client, social_worker, child, in_care):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from safeguard.missing.models import MissingEpisode

    london = ZoneInfo("Europe/London")
    MissingEpisode.objects.create(
        person=child,
        missing_from="care",
        reported_missing_at=datetime(2025, 7, 1, 22, tzinfo=london),
    )
    MissingEpisode.objects.create(
        person=child,
        missing_from="home",
        reported_missing_at=datetime(2025, 1, 1, 22, tzinfo=london),
    )
    client.force_login(social_worker)
    page = client.get(url("child", child)).content.decode()
    assert "Missing from 1 July 2025 22:00" in page
    assert "1 January 2025" not in page
    assert reverse("missing:episode_create", args=[child.pk]) in page


def test_recording_a_change_when_not_in_care_says_so(client, social_worker, child):
    client.force_login(social_worker)
    response = client.post(
        url("episode_change", child),
        {"change_date": "2025-08-04", "reason_new_episode": "L", "legal_status": "C2"},
    )
    assert "The child is not looked after now." in response.content.decode()
    assert not CareEpisode.objects.exists()


def test_the_child_page_reads_in_a_fixed_number_of_queries(
    client, social_worker, child, django_assert_max_num_queries
):
    from safeguard.casework.models import Visit
    from safeguard.looked_after.tests.conftest import make_history

    make_history(child, [(date(2024, 1, 1 + i), "S" if i == 0 else "P", {}) for i in range(8)])
    for day in range(1, 20):
        LookedAfterReview.objects.create(
            person=child,
            review_date=date(2024, 2, day),
            participation="PN1",
            chaired_by=social_worker,
        )
        Visit.objects.create(
            person=child,
            visit_date=date(2024, 3, day),
            visit_type="care_leaver",
            worker=social_worker,
        )
    client.force_login(social_worker)
    with django_assert_max_num_queries(30):
        response = client.get(url("child", child))
    assert response.status_code == 200
    assert response.content.decode().count("Keeping in touch") == 1
