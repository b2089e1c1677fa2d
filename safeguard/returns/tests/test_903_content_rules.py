"""How the cohort, episode-pattern and Header rules read the DfE wording at their edges.

Each test starts from the clean return, changes what the reading turns on, and runs one rule.
"""

from safeguard.returns.ssda903.reader import Return
from safeguard.returns.ssda903.rules import Context, run
from safeguard.returns.ssda903.rules.y2025_26 import RULES
from safeguard.returns.ssda903.rules.y2025_26.continuous_care import looked_after_all_year
from safeguard.returns.ssda903.years import year_ending
from safeguard.returns.tests.ssda903_fixtures import A, B, C, E, add, clean_return


def _context(tables) -> Context:
    return Context(Return(tables=tables), year_ending(2026))


def _flagged(code: str, tables) -> list:
    return list(RULES.rules[code].check(_context(tables)))


def _a_episode(start: str, place: str, rne: str = "P", post: str = "AB5 6GH") -> str:
    return f"{A},{start},{rne},C2,N1,{place},PR4,,,,AB1 2CD,{post},SC654321"


def test_looked_after_all_year_follows_the_dfe_definition():
    # Given the clean return: A in care since 2024 (an X1 change of placement in the year),
    # B left care in the year and C started in the year before and was adopted in it.
    tables = clean_return()
    # Then only A was looked after continuously for the 12 months.
    assert looked_after_all_year(_context(tables)) == {A}
    # When A's later episode is a short break, A is no longer in the cohort.
    tables[E][1]["LS"] = "V3"
    assert looked_after_all_year(_context(tables)) == frozenset()


def test_care_ending_on_31_march_still_counts_as_the_whole_year():
    # Given A's care ends on 31 March itself (not "before 31 March")
    tables = clean_return()
    tables[E][1].update(DEC="31/03/2026", REC="E13")
    # Then A is still in the 12-month cohort and OC2 holds A.
    assert A in looked_after_all_year(_context(tables))
    assert _flagged("191", tables) == []


def test_un4_is_for_a_child_whose_care_began_in_the_last_week():
    # Given A with UN4 whose current period of care began on 25 March
    tables = clean_return()
    tables["Header"][0]["UPN"] = "UN4"
    tables[E][1].update(DEC="24/03/2026", REC="E13")
    add(E, _a_episode("25/03/2026", "U6", rne="S"))(tables)
    # Then 210 is content: A has been looked after for less than a week at 31 March.
    assert _flagged("210", tables) == []
    # When care began a day earlier than the last week, 210 reports A's Header row.
    tables[E][-1]["DECOM"] = "23/03/2026"
    tables[E][1]["DEC"] = "23/03/2026"
    assert _flagged("210", tables) == [0]


def test_three_carer_holidays_are_too_many_only_within_a_year():
    # Given three T3 (foster carer holiday) placements spread over more than a year
    tables = clean_return()
    tables[E][0]["PLACE"] = "T3"
    add(E, _a_episode("01/03/2025", "T3"))(tables)
    add(E, _a_episode("02/05/2025", "T3"))(tables)
    # Then 377 is content: no 12-month period holds three.
    assert _flagged("377", tables) == []
    # When the third falls within a year of the first, all three are reported.
    tables[E][-1]["DECOM"] = "30/04/2025"
    last = len(tables[E]) - 1
    assert sorted(_flagged("377", tables)) == [0, last - 1, last]


def test_return_from_temporary_placement_compares_blank_postcodes_as_equal():
    # Given A goes to a temporary placement and back to the same placement, neither with a
    # placement postcode
    tables = clean_return()
    tables[E][0]["PL_POST"] = ""
    tables[E][1].update(PLACE="T1", DEC="01/08/2025", REC="X1")
    add(E, _a_episode("01/08/2025", "U4", post=""))(tables)
    # Then 383 is content.
    assert _flagged("383", tables) == []
    # When the return is to a placement of another type, 383 reports it.
    tables[E][-1]["PLACE"] = "U6"
    assert _flagged("383", tables) == [len(tables[E]) - 1]


def test_foster_placement_needed_before_adoption_only_by_current_carers():
    # Given A placed for adoption from residential care with new adopters (A4)
    tables = clean_return()
    tables[E][0]["PLACE"] = "R1"
    tables[E][1]["PLACE"] = "A4"
    # Then 336 is content: only A3 and A5 say the carers were the child's foster carers.
    assert _flagged("336", tables) == []


def test_mother_status_for_boys_and_care_leavers():
    # Given a boy with MOTHER recorded, then 165 reports him.
    tables = clean_return()
    tables["Header"][1]["MOTHER"] = "0"
    assert _flagged("165", tables) == [1]
    # Given a girl with no episode in the year (a care leaver only), MOTHER may be blank.
    tables = clean_return()
    tables["Header"][1].update(SEX="F")
    for row in tables[E]:
        if row["CHILD"] == B:
            row.update(DECOM="01/02/2020", DEC="01/03/2025", REC="E8")
    assert _flagged("165", tables) == []


def test_uasc_age_is_a_query_not_an_error():
    assert RULES.rules["231"].level == "query"


def test_adoption_details_stay_out_of_the_cohort_even_when_adopted_later():
    # Given C's AD1 row and C looked after all year (C's adoption moved past 31 March)
    tables = clean_return()
    tables[E][4].update(DEC="", REC="")
    # Then 187 reports C's AD1 row, as AD1 cannot be completed for the cohort.
    assert _flagged("187", tables) == [0]
    assert tables["AD1"][0]["CHILD"] == C


def test_cohort_rules_point_at_the_row_to_mend():
    # Given A, in the cohort, also has care leaver details and no OC2 row
    tables = clean_return()
    tables["OC3"][0]["CHILD"] = A
    tables["OC2"] = []
    # When every rule runs, then 187 points at the OC3 line and 191 at A's first episode.
    failures = run(RULES, Return(tables=tables), year_ending(2026))
    where = {(f.code, f.file, f.line, f.child) for f in failures if f.code in ("187", "191")}
    assert where == {("187", "oc3.csv", 2, A), ("191", "episodes.csv", 2, A)}
