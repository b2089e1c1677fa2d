"""Adoption (PlacedAdoption, AD1) and UASC records: 903 codes and dates checked."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from safeguard.looked_after.models import Adoption, PlacedForAdoption
from safeguard.looked_after.services import (
    adoption_record,
    placed_for_adoption_record,
    uasc_record,
)


def test_a_decision_reversed_before_it_was_made_is_refused(child, social_worker):
    with pytest.raises(ValidationError) as error:
        placed_for_adoption_record(
            person=child,
            acting_user=social_worker,
            date_placed=date(2025, 5, 1),
            date_placed_ceased=date(2025, 4, 1),
            reason_placed_ceased="RD1",
        )
    assert "date_placed_ceased" in error.value.message_dict
    assert not PlacedForAdoption.objects.exists()


def test_a_reversal_needs_a_903_reason(child, social_worker):
    with pytest.raises(ValidationError) as error:
        placed_for_adoption_record(
            person=child,
            acting_user=social_worker,
            date_placed=date(2025, 5, 1),
            date_placed_ceased=date(2025, 9, 1),
            reason_placed_ceased="RD9",
        )
    assert "RD9 is not an SSDA903 code." in error.value.message_dict["reason_placed_ceased"]
    decision = placed_for_adoption_record(
        person=child,
        acting_user=social_worker,
        date_placed=date(2025, 5, 1),
        date_placed_ceased=date(2025, 9, 1),
        reason_placed_ceased="RD3",
    )
    assert decision.pk


@pytest.mark.parametrize(
    ("field", "value"),
    [("sex_of_adopters", "XX"), ("legal_status_of_adopters", "L9"), ("number_of_adopters", 3)],
)
def test_ad1_codes_outside_the_list_are_refused(child, social_worker, field, value):
    details = {
        "date_should_be_placed": date(2024, 5, 1),
        "date_matched": date(2024, 11, 1),
        "adopted_by_foster_carer": False,
        "number_of_adopters": 2,
        "sex_of_adopters": "MF",
        "legal_status_of_adopters": "L11",
    }
    with pytest.raises(ValidationError) as error:
        adoption_record(person=child, acting_user=social_worker, **{**details, field: value})
    assert field in error.value.message_dict
    assert not Adoption.objects.exists()
    assert adoption_record(person=child, acting_user=social_worker, **details).pk


def test_uasc_is_recorded_once(child, social_worker):
    uasc_record(person=child, acting_user=social_worker, date_uasc_ceased=date(2034, 3, 14))
    with pytest.raises(ValidationError):
        uasc_record(person=child, acting_user=social_worker)
