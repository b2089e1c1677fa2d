"""Never lose typed work: drafts as you type, kept over a time-out; no silent overwrites."""

import threading

import pytest
from django.db import close_old_connections, connection
from django.urls import reverse

from safeguard.assessments.models import Assessment
from safeguard.assessments.services import EditConflict, assessment_update
from safeguard.casework.models import Draft
from safeguard.conftest import make_user

pytestmark = pytest.mark.django_db


def test_second_save_on_a_stale_version_is_refused(assessment, social_worker, team):
    colleague = make_user(team=team, first_name="Priya")
    opened = assessment.version
    assessment_update(
        assessment_id=assessment.pk,
        expected_version=opened,
        user=colleague,
        data={"parents_and_carers_views": "Priya's notes"},
    )
    with pytest.raises(EditConflict) as error:
        assessment_update(
            assessment_id=assessment.pk,
            expected_version=opened,
            user=social_worker,
            data={"parents_and_carers_views": "Sasha's notes"},
        )
    assert "Priya" in error.value.messages[0] and "kept as your draft" in error.value.messages[0]
    assessment.refresh_from_db()
    assert assessment.parents_and_carers_views == "Priya's notes"


def test_conflict_in_the_form_keeps_the_second_writers_text(
    client, assessment, social_worker, team
):
    # Given two workers open the same assessment
    colleague = make_user(team=team, first_name="Priya")
    url = reverse("assessments:edit", args=[assessment.pk])
    client.force_login(social_worker)
    client.get(url)
    opened = assessment.version
    # When the colleague saves first
    assessment_update(
        assessment_id=assessment.pk,
        expected_version=opened,
        user=colleague,
        data={"analysis_of_needs_and_risks": "Priya's analysis"},
    )
    # And the worker then saves from the version they opened
    response = client.post(
        url,
        {
            "version": opened,
            "analysis_of_needs_and_risks": "Sasha's long analysis typed over an hour",
        },
    )
    page = response.content.decode()
    # Then the save is refused with a clear message, nothing is overwritten
    assert response.status_code == 200 and "after you opened it" in page
    assessment.refresh_from_db()
    assert assessment.analysis_of_needs_and_risks == "Priya's analysis"
    # And the worker's text is in the form and kept as their draft
    assert "Sasha&#x27;s long analysis typed over an hour" in page
    assert "Priya&#x27;s analysis" in page
    draft = Draft.objects.get(user=social_worker, object_key=f"assessment:{assessment.pk}")
    assert draft.data["analysis_of_needs_and_risks"] == "Sasha's long analysis typed over an hour"
    # And a deliberate second save, now against the version they have seen, goes through
    response = client.post(
        url, {"version": draft.data["version"], "analysis_of_needs_and_risks": "Merged analysis"}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.analysis_of_needs_and_risks == "Merged analysis"
    assert not Draft.objects.filter(user=social_worker).exists()


def test_draft_typed_before_a_session_time_out_is_restored(client, assessment, social_worker):
    # Given a worker typing: HTMX posts the form to the draft endpoint as they type
    client.force_login(social_worker)
    response = client.post(
        reverse("casework:draft_save"),
        {
            "form_key": "assessments.assessment_edit",
            "object_key": f"assessment:{assessment.pk}",
            "version": assessment.version,
            "childs_wishes_and_feelings": "I like my school",
            "factors": ["3A", "4B"],
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Draft saved" in response.content.decode()
    # When the session times out (the session is gone), the open page's autosave says so
    client.session.flush()
    client.logout()
    late = client.post(
        reverse("casework:draft_save"),
        {
            "form_key": "assessments.assessment_edit",
            "object_key": f"assessment:{assessment.pk}",
            "version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    assert "Your session has ended" in late.content.decode()
    assert client.get(reverse("assessments:edit", args=[assessment.pk])).status_code == 302
    # And when they sign in again
    client.force_login(social_worker)
    page = client.get(reverse("assessments:edit", args=[assessment.pk])).content.decode()
    # Then the form re-opens with what they typed
    assert "I like my school" in page and "We restored what you typed" in page
    assert 'value="4B" class="govuk-checkboxes__input" id="id_factors_' in page.replace(
        " checked", ""
    )


def test_assessment_form_is_autosaved_and_prefilled(client, assessment, social_worker):
    client.force_login(social_worker)
    page = client.get(reverse("assessments:edit", args=[assessment.pk])).content.decode()
    assert 'hx-trigger="keyup changed delay:2s' in page
    assert "What the record already knows" in page and assessment.person.full_name in page


def test_drafts_are_private_to_each_user(client, assessment, social_worker, team_manager):
    client.force_login(social_worker)
    client.post(
        reverse("casework:draft_save"),
        {
            "form_key": "assessments.assessment_edit",
            "object_key": f"assessment:{assessment.pk}",
            "version": assessment.version,
            "parents_and_carers_views": "Sasha's private draft",
        },
    )
    client.force_login(team_manager)
    page = client.get(reverse("assessments:edit", args=[assessment.pk])).content.decode()
    assert "Sasha&#x27;s private draft" not in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks across sessions")
# Serialized rollback restores the rows data migrations seeded (threshold framework,
# screening tool, checklists) once this test's flush has emptied the tables.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_saves_on_postgresql_exactly_one_wins(episode, social_worker, team):
    """Two sessions save the same opened version at the same moment: the row lock makes one
    wait, then see the new version and refuse."""
    from safeguard.assessments.services import assessment_start

    colleague = make_user(team=team, first_name="Priya")
    assessment = assessment_start(episode=episode, worker=social_worker)
    opened = assessment.version
    barrier = threading.Barrier(2)
    results = {}

    def save(user, text):
        try:
            barrier.wait()
            assessment_update(
                assessment_id=assessment.pk,
                expected_version=opened,
                user=user,
                data={"analysis_of_needs_and_risks": text},
            )
            results[text] = "saved"
        except EditConflict:
            results[text] = "refused"
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=save, args=(u, t))
        for u, t in [(social_worker, "Sasha"), (colleague, "Priya")]
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results.values()) == ["refused", "saved"]
    winner = next(t for t, r in results.items() if r == "saved")
    saved = Assessment.objects.get(pk=assessment.pk)
    assert saved.analysis_of_needs_and_risks == winner and saved.version == opened + 1
