"""The SSDA903 code lists: data files per collection year, and the TextChoices that show them."""

from datetime import date

import pytest

from safeguard.looked_after import codes
from safeguard.looked_after.choices import (
    Accommodation,
    Activity,
    CategoryOfNeed,
    InTouch,
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonNewEpisode,
    ReasonPlaceChange,
    ReasonPlacedCeased,
    ReviewParticipation,
)

CHOICES = [
    ("episodes", "RNE", ReasonNewEpisode),
    ("episodes", "LS", LegalStatus),
    ("episodes", "CIN", CategoryOfNeed),
    ("episodes", "PLACE", PlacementType),
    ("episodes", "PLACE_PROVIDER", PlacementProvider),
    ("episodes", "REC", ReasonEpisodeCeased),
    ("episodes", "REASON_PLACE_CHANGE", ReasonPlaceChange),
    ("reviews", "REVIEW_CODE", ReviewParticipation),
    ("oc3", "IN_TOUCH", InTouch),
    ("oc3", "ACTIV", Activity),
    ("oc3", "ACCOM", Accommodation),
    ("placed_adoption", "REASON_PLACED_CEASED", ReasonPlacedCeased),
]


@pytest.mark.parametrize(("table", "column", "choices"), CHOICES)
def test_choices_carry_exactly_the_codes_of_the_years_held(table, column, choices):
    assert set(choices.values) == codes.all_codes(table, column)


def test_both_collection_years_are_held():
    assert codes.collection_years() == ["2025/26", "2026/27"]


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2025, 4, 1), "2025/26"),
        (date(2026, 3, 31), "2025/26"),
        (date(2026, 4, 1), "2026/27"),
        # Before the first year held, the oldest lists apply; after the last, the newest.
        (date(2019, 6, 1), "2025/26"),
        (date(2030, 1, 1), "2026/27"),
    ],
)
def test_a_date_maps_to_its_collection_year(day, year):
    assert codes.collection_year_for(day) == year


def test_placement_codes_follow_the_spec_diffs():
    place = codes.codes("episodes", "PLACE", year="2025/26")
    # 2025 diff removed H5 and P2 and added K3; 2026 diff added Z11-Z14.
    assert {"K3", "Z11", "Z14"} <= place
    assert not {"H5", "P2"} & place


def test_reason_episode_ceased_uses_the_2019_special_guardianship_codes():
    rec = codes.codes("episodes", "REC", on=date(2026, 5, 1))
    assert {"E45", "E46", "E47", "E48"} <= rec
    assert "E43" not in rec


def test_an_unknown_year_is_a_clear_error():
    with pytest.raises(KeyError, match="2019/20"):
        codes.codes("episodes", "LS", year="2019/20")
