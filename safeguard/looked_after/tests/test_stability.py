"""Placement stability: placements in the last 12 months, current placement, DfE measures."""

from datetime import date

from safeguard.conftest import make_child
from safeguard.looked_after.selectors import (
    children_with_three_or_more_placements,
    long_term_placement_stability,
    looked_after_on,
    placement_stability,
    stability_counts,
)
from safeguard.looked_after.tests.conftest import make_episode, make_history

AS_OF = date(2026, 3, 31)


def moves(*days, first="S"):
    return [(day, first if i == 0 else "P", {}) for i, day in enumerate(days)]


def test_three_placements_in_the_year_are_counted_and_listed(child):
    # Given a child placed before the year began who then moved twice in it
    make_history(child, moves(date(2024, 11, 1), date(2025, 6, 1), date(2026, 1, 5)))
    # Then the placement current at the start of the year counts too
    stability = placement_stability(person=child, as_of=AS_OF)
    assert stability["placements_last_12_months"] == 3
    assert stability["current_placement_start"] == date(2026, 1, 5)
    assert stability["current_placement_days"] == 85
    assert children_with_three_or_more_placements(as_of=AS_OF) == [child.pk]


def test_placements_that_ended_before_the_year_are_not_counted(child):
    make_history(child, moves(date(2023, 1, 1), date(2024, 1, 1), date(2025, 2, 1)))
    assert placement_stability(person=child, as_of=AS_OF)["placements_last_12_months"] == 1
    assert children_with_three_or_more_placements(as_of=AS_OF) == []


def test_a_temporary_move_and_return_to_the_same_carer_is_not_a_new_placement(child):
    make_history(
        child,
        [
            (date(2025, 5, 1), "S", {"placement_postcode": "B1 1AA"}),
            (date(2025, 8, 1), "P", {"placement_type": "T2", "placement_postcode": "LL1 1AA"}),
            (date(2025, 8, 10), "P", {"placement_postcode": "B1 1AA"}),
        ],
    )
    stability = placement_stability(person=child, as_of=AS_OF)
    assert stability["placements_last_12_months"] == 1
    assert stability["current_placement_start"] == date(2025, 5, 1)


def test_a_change_of_legal_status_is_not_a_move(child):
    make_history(
        child,
        [(date(2025, 5, 1), "S", {"legal_status": "C1"}), (date(2025, 9, 1), "L", {})],
    )
    assert placement_stability(person=child, as_of=AS_OF)["placements_last_12_months"] == 1


def test_children_no_longer_looked_after_are_not_in_the_short_term_measure(child):
    make_history(
        child,
        moves(date(2025, 5, 1), date(2025, 6, 1), date(2025, 7, 1)),
        ceased=(date(2025, 12, 1), "E4A"),
    )
    assert placement_stability(person=child, as_of=AS_OF)["looked_after"] is False
    assert children_with_three_or_more_placements(as_of=AS_OF) == []


def test_short_breaks_are_not_counted_as_looked_after(child):
    make_episode(child, date(2025, 5, 1), legal_status="V4")
    assert looked_after_on(as_of=AS_OF) == []


def test_long_term_stability_cohort_and_stable_children(db):
    # Given: under 16, in care 3 years, same placement 2.5 years -> stable
    stable = make_child(date_of_birth=date(2015, 1, 1))
    make_history(stable, moves(date(2023, 1, 1), date(2023, 9, 1)))
    # Given: under 16, in care 3 years, moved a year ago -> in the cohort, not stable
    moved = make_child(date_of_birth=date(2015, 1, 1))
    make_history(moved, moves(date(2023, 1, 1), date(2025, 3, 1)))
    # Given: in care 2 years only -> not in the cohort
    recent = make_child(date_of_birth=date(2015, 1, 1))
    make_history(recent, moves(date(2024, 4, 1)))
    # Given: aged 16 -> not in the cohort
    older = make_child(date_of_birth=date(2009, 6, 1))
    make_history(older, moves(date(2020, 1, 1)))
    # Given: placed for adoption with the previous placement together over 2 years -> stable
    adopted = make_child(date_of_birth=date(2019, 1, 1))
    make_history(
        adopted,
        [
            (date(2023, 1, 1), "S", {}),
            (date(2024, 1, 1), "P", {}),
            (date(2025, 6, 1), "P", {"placement_type": "A5"}),
        ],
    )

    result = long_term_placement_stability(as_of=AS_OF)

    assert result["cohort"] == sorted([stable.pk, moved.pk, adopted.pk])
    assert result["stable"] == sorted([stable.pk, adopted.pk])
    assert stability_counts(as_of=AS_OF) == {
        "looked_after": 5,
        "three_or_more_placements": 0,
        "long_term_cohort": 3,
        "long_term_stable": 2,
    }
