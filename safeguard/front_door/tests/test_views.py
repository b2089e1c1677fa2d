"""Through the views with the test client: contact -> decision -> authorise -> referral ->
allocation, and the bad input each page must refuse."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguard.casework.models import Allocation, Episode
from safeguard.conftest import make_child
from safeguard.front_door.match_keys import match_keys_refresh
from safeguard.front_door.models import Contact, ScreeningDecision
from safeguard.front_door.tests.conftest import new_contact
from safeguard.people.models import Person


def _contact_post(**extra):
    data = {
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "referral_source": "6",
        "channel": "phone",
        "referrer_name": "PC Ellis",
        "concern": "Police attended a domestic incident; the child was present.",
        "child-first_name": "",
        "child-last_name": "",
    }
    data.update(extra)
    return data


def test_journey_contact_decision_authorise_referral_allocation(
    client, screener, mash_manager, team, team_manager, social_worker, levels
):
    # Given a child already known, typed with a typo by the screener
    known = make_child(first_name="Amelia", last_name="Hartley", date_of_birth=date(2016, 3, 4))
    match_keys_refresh()
    client.force_login(screener)
    panel = client.get(
        reverse("front_door:match_candidates"),
        {
            "prefix": "child",
            "child-first_name": "Amelia",
            "child-last_name": "Hartly",
            "child-date_of_birth": "2016-04-03",
        },
    )
    assert panel.status_code == 200
    assert "Amelia Hartley" in panel.text
    assert "day and month swapped" in panel.text

    # When the screener links the contact to the known child
    response = client.post(
        reverse("front_door:contact_create"),
        _contact_post(
            **{
                "child-first_name": "Amelia",
                "child-last_name": "Hartly",
                "child-date_of_birth": "2016-04-03",
                "child-existing_person": known.pk,
            }
        ),
    )
    contact = Contact.objects.get()
    assert response.status_code == 302 and response.url == contact.get_absolute_url()
    assert list(contact.people.all()) == [known]
    assert Person.objects.count() == 1  # no duplicate made

    # ... decides a referral
    page = client.get(reverse("front_door:decision_create", args=[contact.pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("front_door:decision_create", args=[contact.pk]),
        {
            "level": levels["statutory"].pk,
            "outcome": "referral",
            "rationale": "Repeat domestic abuse incidents",
            "evidence": "Police log",
            "version": 1,
        },
    )
    assert response.status_code == 302

    # ... a manager authorises
    client.force_login(mash_manager)
    response = client.post(
        reverse("front_door:decision_authorise", args=[contact.pk]), {"comment": "Agreed"}
    )
    assert response.status_code == 302
    assert ScreeningDecision.objects.get().authorised_by == mash_manager

    # ... the referral opens the episode
    response = client.post(
        reverse("front_door:referral_create", args=[contact.pk]),
        {
            "person": known.pk,
            "referral_date": timezone.localdate().isoformat(),
            "primary_need": "N1",
            "risk_level": "high",
            "team": team.pk,
        },
    )
    assert response.status_code == 302
    episode = Episode.objects.get(person=known)
    assert (episode.primary_need, episode.referral_source) == ("N1", "6")

    # ... it waits in the unallocated queue
    client.force_login(team_manager)
    queue = client.get(reverse("front_door:unallocated"))
    assert "Amelia Hartley" in queue.text
    page = client.get(reverse("front_door:allocate", args=[episode.pk]))
    assert str(social_worker) in page.text  # suggested

    # Then the manager allocates it to a social worker and it leaves the queue
    response = client.post(
        reverse("front_door:allocate", args=[episode.pk]), {"worker": social_worker.pk}
    )
    assert response.status_code == 302
    assert Allocation.objects.get(episode=episode, end_at__isnull=True).worker == social_worker
    queue = client.get(response.url)
    assert "Amelia Hartley allocated to" in queue.text
    assert "Every open case has an allocated worker" in queue.text


def test_contact_with_no_child_shows_an_error_and_saves_nothing(client, screener):
    client.force_login(screener)
    response = client.post(reverse("front_door:contact_create"), _contact_post())
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Choose a matching person, or enter the first and last name" in response.text
    assert Contact.objects.count() == 0 and Person.objects.count() == 0


def test_new_child_is_added_with_the_contact(client, screener):
    client.force_login(screener)
    client.post(
        reverse("front_door:contact_create"),
        _contact_post(
            **{
                "child-first_name": "Noah",
                "child-last_name": "Baxter",
                "child-date_of_birth": "2017-01-02",
            }
        ),
    )
    contact = Contact.objects.get()
    assert [p.full_name for p in contact.people.all()] == ["Noah Baxter"]


def test_decision_without_rationale_shows_an_error(client, screener, contact, levels):
    client.force_login(screener)
    response = client.post(
        reverse("front_door:decision_create", args=[contact.pk]),
        {"level": levels["early_help"].pk, "outcome": "early_help", "rationale": "", "version": 1},
    )
    assert response.status_code == 200
    assert "Enter the rationale for the decision" in response.text
    assert ScreeningDecision.objects.count() == 0


def test_second_screener_is_told_and_keeps_their_words(
    client, screener, second_screener, contact, levels
):
    client.force_login(screener)
    client.post(
        reverse("front_door:decision_create", args=[contact.pk]),
        {
            "level": levels["statutory"].pk,
            "outcome": "referral",
            "rationale": "First",
            "version": 1,
        },
    )
    client.force_login(second_screener)
    response = client.post(
        reverse("front_door:decision_create", args=[contact.pk]),
        {
            "level": levels["universal"].pk,
            "outcome": "nfa",
            "rationale": "My own reasons",
            "version": 1,
        },
    )
    assert response.status_code == 200
    assert "decided this contact" in response.text
    assert "My own reasons" in response.text  # nothing of theirs lost
    assert ScreeningDecision.objects.get().rationale == "First"


def test_allocation_to_a_manager_shows_an_error(client, team, team_manager, screener):
    episode = Episode.objects.create(person=make_child(), referral_date=date(2026, 1, 5), team=team)
    client.force_login(team_manager)
    response = client.post(
        reverse("front_door:allocate", args=[episode.pk]), {"worker": screener.pk}
    )
    assert response.status_code == 200
    assert "not a social worker" in response.text
    assert Allocation.objects.count() == 0


@pytest.mark.parametrize(
    "url_name,needs_contact",
    [
        ("front_door:home", False),
        ("front_door:contact_create", False),
        ("front_door:contact_detail", True),
        ("front_door:decision_create", True),
        ("front_door:unallocated", False),
        ("front_door:consistency", False),
    ],
)
def test_social_worker_and_partner_are_refused(
    client, social_worker, partner, contact, url_name, needs_contact
):
    url = reverse(url_name, args=[contact.pk] if needs_contact else [])
    for user in (social_worker, partner):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_contact_naming_a_restricted_child_is_refused_to_those_not_named(client, screener):
    hidden = make_child(is_restricted=True, restriction_reason="adoption")
    contact = new_contact(user=screener, children=[hidden])
    client.force_login(screener)
    assert client.get(reverse("front_door:contact_detail", args=[contact.pk])).status_code == 403


def test_consistency_report_renders_and_drills_down(
    client, mash_manager, screener, contact, levels
):
    client.force_login(screener)
    client.post(
        reverse("front_door:decision_create", args=[contact.pk]),
        {"level": levels["statutory"].pk, "outcome": "referral", "rationale": "r", "version": 1},
    )
    client.force_login(mash_manager)
    response = client.get(reverse("front_door:consistency"))
    assert response.status_code == 200 and str(screener) in response.text
    today = timezone.localdate().isoformat()
    response = client.get(
        reverse("front_door:consistency"),
        {
            "date_from": today,
            "date_to": today,
            "by": "screener",
            "gap_points": 15,
            "min_count": 10,
            "maker": screener.pk,
            "outcome": "referral",
        },
    )
    assert contact.get_absolute_url() in response.text


def test_child_record_shows_the_contacts_panel(client, social_worker, contact, child):
    client.force_login(social_worker)
    response = client.get(child.get_absolute_url())
    assert "Contacts at the front door" in response.text


def test_chosen_match_stays_chosen_when_the_form_is_redisplayed(client, screener):
    known = make_child(first_name="Amelia", last_name="Hartley", date_of_birth=date(2016, 3, 4))
    match_keys_refresh()
    client.force_login(screener)
    response = client.post(
        reverse("front_door:contact_create"),
        _contact_post(
            concern="",
            **{
                "child-first_name": "Amelia",
                "child-last_name": "Hartley",
                "child-date_of_birth": "2016-03-04",
                "child-existing_person": known.pk,
            },
        ),
    )
    assert response.status_code == 200
    assert f'value="{known.pk}" checked' in response.text
    assert Contact.objects.count() == 0
