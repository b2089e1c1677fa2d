"""Episodes of care: starting, changing and ceasing, and the bad input the 903 forbids."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from safeguard.audit.models import AuditEvent
from safeguard.compliance.models import Clock
from safeguard.looked_after.models import CareEpisode
from safeguard.looked_after.services import (
    care_episode_cease,
    care_episode_change,
    care_episode_record,
    care_episode_start,
)
from safeguard.looked_after.tests.conftest import make_episode

START = {
    "legal_status": "C1",
    "category_of_need": "N1",
    "placement_type": "U6",
    "placement_provider": "PR1",
    "home_postcode": "b12 9qq",
    "placement_postcode": "B13 8AA",
}


@pytest.fixture
def in_care(child, social_worker):
    return care_episode_start(
        person=child, acting_user=social_worker, start_date=date(2025, 6, 2), **START
    )


def test_starting_care_records_an_s_episode_audits_it_and_starts_the_clocks(in_care, child):
    assert in_care.reason_new_episode == "S"
    assert in_care.home_postcode == "B12 9QQ"
    assert AuditEvent.objects.filter(object_type="looked_after.careepisode", person_id=child.pk)
    rules = set(Clock.objects.filter(person=child).values_list("rule_code", flat=True))
    assert {"LAC_VISIT_FIRST_WEEK", "LAC_REVIEW_FIRST", "INITIAL_HEALTH_ASSESSMENT"} <= rules


def test_an_overlapping_episode_is_refused_and_nothing_is_saved(child, social_worker):
    make_episode(child, date(2025, 1, 6), end=date(2025, 3, 1), rec="E4A")
    with pytest.raises(ValidationError) as error:
        care_episode_record(
            person=child,
            acting_user=social_worker,
            start_date=date(2025, 2, 1),
            end_date=date(2025, 4, 1),
            reason_episode_ceased="E4A",
            reason_new_episode="S",
            **START,
        )
    assert "overlaps the child's episode from 6 January 2025 to 1 March 2025" in str(
        error.value.message_dict["start_date"]
    )
    assert CareEpisode.objects.filter(person=child).count() == 1


def test_a_second_period_while_still_in_care_is_an_overlap(in_care, child, social_worker):
    with pytest.raises(ValidationError) as error:
        care_episode_start(
            person=child, acting_user=social_worker, start_date=date(2025, 9, 1), **START
        )
    assert "overlaps" in str(error.value.message_dict["start_date"])
    assert CareEpisode.objects.filter(person=child).count() == 1


def test_an_episode_ending_before_it_starts_is_refused(child, social_worker):
    with pytest.raises(ValidationError) as error:
        care_episode_record(
            person=child,
            acting_user=social_worker,
            start_date=date(2025, 5, 1),
            end_date=date(2025, 4, 1),
            reason_episode_ceased="E4A",
            reason_new_episode="S",
            **START,
        )
    assert error.value.message_dict["end_date"] == ["The episode cannot end before it starts."]
    assert not CareEpisode.objects.exists()


@pytest.mark.parametrize(
    ("field", "code", "message"),
    [
        ("placement_type", "H5", "H5 is not a Placement type (PLACE) code on the SSDA903 list"),
        ("placement_type", "P2", "P2 is not a Placement type (PLACE) code"),
        ("legal_status", "C9", "C9 is not a Legal status (LS) code"),
        ("category_of_need", "N0", "N0 is not a Category of need (CIN) code"),
        ("placement_provider", "PR9", "PR9 is not a Placement provider (PLACE_PROVIDER) code"),
    ],
)
def test_codes_outside_the_903_lists_are_refused(child, social_worker, field, code, message):
    with pytest.raises(ValidationError) as error:
        care_episode_start(
            person=child,
            acting_user=social_worker,
            start_date=date(2025, 6, 2),
            **{**START, field: code},
        )
    assert message in str(error.value.message_dict[field])
    assert not CareEpisode.objects.exists()


def test_a_reason_episode_ceased_outside_the_list_is_refused(in_care, social_worker):
    with pytest.raises(ValidationError) as error:
        care_episode_cease(
            episode=in_care,
            acting_user=social_worker,
            end_date=date(2025, 8, 1),
            reason_episode_ceased="E43",
        )
    assert "E43 is not a Reason episode ceased (REC) code" in str(error.value)
    in_care.refresh_from_db()
    assert in_care.end_date is None


def test_a_bad_postcode_is_refused(child, social_worker):
    with pytest.raises(ValidationError) as error:
        care_episode_start(
            person=child,
            acting_user=social_worker,
            start_date=date(2025, 6, 2),
            **{**START, "placement_postcode": "NOT A CODE"},
        )
    assert "not a full UK postcode" in str(error.value.message_dict["placement_postcode"])


def test_a_placement_move_ends_the_episode_with_x1_and_carries_the_rest(in_care, social_worker):
    new = care_episode_change(
        episode=in_care,
        acting_user=social_worker,
        change_date=date(2025, 8, 4),
        reason_new_episode="P",
        reason_place_change="CREQB",
        placement_type="K2",
        placement_provider="PR4",
        placement_postcode="WV1 1AA",
        urn="SC123456",
    )
    in_care.refresh_from_db()
    assert (in_care.end_date, in_care.reason_episode_ceased) == (date(2025, 8, 4), "X1")
    assert in_care.reason_place_change == "CREQB"
    assert (new.reason_new_episode, new.legal_status, new.home_postcode) == ("P", "C1", "B12 9QQ")
    assert new.placement_type == "K2" and new.is_open


def test_a_move_without_a_reason_for_placement_change_is_refused(in_care, social_worker):
    with pytest.raises(ValidationError) as error:
        care_episode_change(
            episode=in_care,
            acting_user=social_worker,
            change_date=date(2025, 8, 4),
            reason_new_episode="P",
            placement_type="K2",
        )
    assert "reason_place_change" in error.value.message_dict
    assert CareEpisode.objects.count() == 1


def test_a_legal_status_change_must_change_the_legal_status(in_care, social_worker):
    with pytest.raises(ValidationError) as error:
        care_episode_change(
            episode=in_care,
            acting_user=social_worker,
            change_date=date(2025, 8, 4),
            reason_new_episode="L",
        )
    assert "legal_status" in error.value.message_dict
    in_care.refresh_from_db()
    assert in_care.is_open


def test_rne_l_with_a_new_placement_is_refused(in_care, social_worker):
    with pytest.raises(ValidationError) as error:
        care_episode_change(
            episode=in_care,
            acting_user=social_worker,
            change_date=date(2025, 8, 4),
            reason_new_episode="L",
            legal_status="C2",
            placement_type="K2",
        )
    assert "use B or U" in str(error.value)


def test_a_legal_status_change_keeps_the_placement(in_care, social_worker):
    new = care_episode_change(
        episode=in_care,
        acting_user=social_worker,
        change_date=date(2025, 9, 1),
        reason_new_episode="L",
        legal_status="C2",
    )
    assert (new.legal_status, new.placement_type, new.reason_place_change) == ("C2", "U6", "")


def test_a_later_episode_needs_the_one_before_to_end_with_x1(child, social_worker):
    make_episode(child, date(2025, 1, 6), end=date(2025, 3, 1), rec="E4A")
    with pytest.raises(ValidationError) as error:
        care_episode_record(
            person=child,
            acting_user=social_worker,
            start_date=date(2025, 3, 1),
            reason_new_episode="P",
            **START,
        )
    assert "use S" in str(error.value.message_dict["reason_new_episode"])


def test_ceasing_care_needs_a_final_reason(in_care, social_worker):
    with pytest.raises(ValidationError):
        care_episode_cease(
            episode=in_care,
            acting_user=social_worker,
            end_date=date(2025, 8, 1),
            reason_episode_ceased="X1",
        )
    ended = care_episode_cease(
        episode=in_care,
        acting_user=social_worker,
        end_date=date(2025, 8, 1),
        reason_episode_ceased="E4A",
    )
    assert not ended.is_open
    open_review = Clock.objects.get(person=in_care.person, rule_code="LAC_REVIEW_FIRST")
    assert open_review.cancelled_on == date(2025, 8, 1)


def test_a_change_on_the_day_the_episode_began_is_refused(in_care, social_worker):
    with pytest.raises(ValidationError) as error:
        care_episode_change(
            episode=in_care,
            acting_user=social_worker,
            change_date=in_care.start_date,
            reason_new_episode="L",
            legal_status="C2",
        )
    assert "must be after the episode began" in str(error.value.message_dict["change_date"])
    assert CareEpisode.objects.count() == 1


def test_an_episode_before_the_child_was_born_is_refused(child, social_worker):
    with pytest.raises(ValidationError) as error:
        care_episode_start(
            person=child, acting_user=social_worker, start_date=date(2016, 3, 1), **START
        )
    assert "before the child was born" in str(error.value.message_dict["start_date"])
    assert not CareEpisode.objects.exists()
