"""How the cross-table and stage 2 social worker rules read the DfE wording where it leaves room.

Each test starts from the clean return (which passes every rule), makes one realistic change and
says whether the rule should report it.
"""

from safeguard.returns.ssda903.reader import Return
from safeguard.returns.ssda903.rules import Context
from safeguard.returns.ssda903.rules.y2025_26 import RULES
from safeguard.returns.ssda903.years import year_ending
from safeguard.returns.tests.ssda903_fixtures import (
    A_DOB,
    B_DOB,
    A,
    B,
    E,
    add,
    both,
    cell,
    clean_return,
)

SW = "SWEpisodes"


def _flagged(code: str, *changes) -> list[int]:
    tables = clean_return()
    both(*changes)(tables)
    return list(RULES.rules[code].check(Context(Return(tables=tables), year_ending(2026))))


def test_adoption_with_no_ad1_row_is_reported_on_its_episode():
    # Given B adopted on 1 December 2025 with no AD1 row at all, then 601 reports the episode.
    assert _flagged("601", cell(E, 2, "REC", "E11")) == [2]


def test_mothers_child_born_after_an_earlier_spell_in_care_is_not_reported():
    # Given A left care in June 2025 and is looked after again at 31 March, when her first child
    # is born in January 2026, then 625 has nothing to report: she has not left care for good.
    assert (
        _flagged("625", cell("Header", 0, "MOTHER", "1"), cell("Header", 0, "MC_DOB", "01/01/2026"))
        == []
    )
    # But a child born after she left care, with no later episode, is reported.
    left = both(cell(E, 1, "DEC", "01/12/2025"), cell(E, 1, "REC", "E8"))
    assert _flagged(
        "625", left, cell("Header", 0, "MOTHER", "1"), cell("Header", 0, "MC_DOB", "01/01/2026")
    ) == [0]


def test_previous_permanence_is_reported_only_before_april_2016():
    # Given B's previous permanence, when B's care began in 2020, then 634 is content.
    assert _flagged("634", cell("PrevPerm", 0, "CHILD", B)) == []


def test_change_of_worker_ten_days_after_the_last_is_outside_the_week_but_not_early():
    # Given A's first worker left on 1 June and the next started on 11 June (not first contact)
    changes = (
        cell(SW, 0, "SW_DEC", "01/06/2025"),
        add(SW, f"{A},{A_DOB},SW00002,11/06/2025,,OTHERS"),
    )
    # Then SW10a reports the gap, and SW10 (a start before the last worker left) does not.
    assert _flagged("SW10aSTG2", *changes) == [1]
    assert _flagged("SW10STG2", *changes) == []


def test_worker_leaving_late_in_march_is_reported_only_without_a_successor():
    # Given A's worker left on 28 March
    ended = cell(SW, 0, "SW_DEC", "28/03/2026")
    assert _flagged("SW11bSTG2", ended) == [0]
    # When a successor started that day, then nothing is reported.
    successor = add(SW, f"{A},{A_DOB},SW00002,28/03/2026,,OTHERS")
    assert _flagged("SW11bSTG2", ended, successor) == []


def test_open_worker_at_year_end_is_asked_only_of_children_still_looked_after():
    # Given B, who left care in December, had a worker until then: SW17 does not ask for more.
    b_worker = add(SW, f"{B},{B_DOB},SW00003,01/02/2020,01/12/2025,FCONTA")
    assert _flagged("SW17STG2", b_worker) == []


def test_social_worker_history_reaches_back_to_april_or_to_first_contact():
    # Given A, looked after since May 2024, with no social worker episode, then SW12 reports A's
    # open episode.
    assert _flagged("SW12STG2", cell(SW, 0, "CHILD", B)) == [1]
    # Given A's first worker started in June 2025 as a first contact, a year after A came into
    # care, then that first contact cannot be right and SW12 reports it.
    assert _flagged("SW12STG2", cell(SW, 0, "SW_DECOM", "01/06/2025")) == [1]
    # Given A came into care on 1 May 2025 and was first allocated a worker on 3 May, it passes.
    came_in_may = both(
        cell(E, 0, "DECOM", "01/05/2025"),
        cell(E, 0, "DEC", "01/06/2025"),
        cell(SW, 0, "SW_DECOM", "03/05/2025"),
    )
    assert _flagged("SW12STG2", came_in_may) == []
