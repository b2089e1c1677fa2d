"""Is this child known? Blocking and scoring find typo duplicates, not namesakes."""

from datetime import date

import pytest

from safeguard.accounts.choices import Role
from safeguard.casework.models import Episode, Plan
from safeguard.conftest import make_child, make_user
from safeguard.front_door.match_keys import match_keys_refresh
from safeguard.front_door.matching import (
    CandidateFacts,
    MatchQuery,
    canonical_first_name,
    day_month_swapped,
    score_candidate,
    soundex,
)
from safeguard.front_door.selectors import match_candidates
from safeguard.people.models import Address, PersonAddress, PersonName


def test_soundex_groups_spelling_variants():
    assert soundex("Smith") == soundex("Smyth") == "S530"
    assert soundex("Robert") == "R163"
    assert soundex("Hartley") != soundex("Harris")


def test_nicknames_resolve_to_the_formal_name():
    assert canonical_first_name("Bill") == "william"
    assert canonical_first_name("Kate") == canonical_first_name("Katherine")
    assert canonical_first_name("Zainab") == "zainab"


def test_day_month_swap_only_when_it_makes_another_real_date():
    assert day_month_swapped(date(2016, 3, 4)) == date(2016, 4, 3)
    assert day_month_swapped(date(2016, 3, 14)) is None  # no 14th month
    assert day_month_swapped(date(2016, 5, 5)) is None  # the same date


def _facts(**kw):
    base = dict(
        person_id=1,
        first_name="Katherine",
        last_name="Smith",
        date_of_birth=date(2015, 4, 3),
        nhs_number="",
    )
    base.update(kw)
    return CandidateFacts(**base)


def test_score_gives_reasons_for_each_part():
    # Given a nickname, a misspelt surname and a transposed date of birth
    query = MatchQuery(first_name="Kate", last_name="Smyth", date_of_birth=date(2015, 3, 4))
    # When scored against the record
    score = score_candidate(query, _facts())
    # Then it scores high and says why
    assert score.value >= 60
    assert "date of birth matches with day and month swapped" in score.reasons
    assert "surname 'Smyth' ~ 'Smith'" in score.reasons
    assert any("short form" in r for r in score.reasons)


def test_same_nhs_number_outweighs_everything():
    score = score_candidate(
        MatchQuery(first_name="K", last_name="Jones", nhs_number="9434765919"),
        _facts(nhs_number="9434765919"),
    )
    assert "same NHS number" in score.reasons
    assert score.value >= 50


def test_a_different_date_of_birth_counts_against_a_namesake():
    query = MatchQuery(first_name="Katherine", last_name="Smith", date_of_birth=date(2015, 4, 3))
    same = score_candidate(query, _facts())
    namesake = score_candidate(query, _facts(date_of_birth=date(2009, 11, 22)))
    assert same.value - namesake.value >= 50


@pytest.fixture
def known(db):
    """Given an authority's records: one child, and namesakes with other birthdays and homes."""
    amelia = make_child(
        first_name="Amelia",
        last_name="Hartley",
        date_of_birth=date(2016, 3, 4),
        nhs_number="9434765919",
    )
    home = Address.objects.create(line_1="1 Oak Road", town="Leeds", postcode="LS1 4AB")
    PersonAddress.objects.create(person=amelia, address=home, start_date=date(2020, 1, 1))
    namesake = make_child(first_name="Amelia", last_name="Hartley", date_of_birth=date(2011, 9, 23))
    elsewhere = Address.objects.create(line_1="9 Elm Street", town="Leeds", postcode="LS9 8ZZ")
    PersonAddress.objects.create(person=namesake, address=elsewhere, start_date=date(2019, 1, 1))
    others = [
        make_child(first_name="Oliver", last_name=f"Other{n}", date_of_birth=date(2016, 3, 4))
        for n in range(5)
    ]
    match_keys_refresh()
    return {"amelia": amelia, "namesake": namesake, "others": others}


def test_typo_duplicate_is_the_top_candidate(screener, known):
    # When the screener types the child with a typo in the surname and day/month swapped
    query = MatchQuery(first_name="Amelia", last_name="Hartly", date_of_birth=date(2016, 4, 3))
    found = match_candidates(user=screener, query=query)
    # Then the existing record comes first, with the reasons
    assert found[0].person == known["amelia"]
    assert "date of birth matches with day and month swapped" in found[0].reasons


def test_nickname_and_postcode_find_the_child(screener, known):
    query = MatchQuery(first_name="Millie", last_name="Hartley", postcode="ls1 4ab")
    found = match_candidates(user=screener, query=query)
    assert found[0].person == known["amelia"]
    assert "lives or lived at LS1 4AB" in found[0].reasons


def test_namesake_with_other_birthday_and_address_is_not_ranked_top(screener, known):
    query = MatchQuery(
        first_name="Amelia", last_name="Hartley", date_of_birth=date(2016, 3, 4), postcode="LS1 4AB"
    )
    found = match_candidates(user=screener, query=query)
    ids = [c.person.pk for c in found]
    assert ids[0] == known["amelia"].pk
    namesake = next((c for c in found if c.person == known["namesake"]), None)
    assert namesake is None or namesake.score < found[0].score - 40


def test_same_birthday_alone_does_not_make_a_match(screener, known):
    query = MatchQuery(first_name="Zara", last_name="Nadeem", date_of_birth=date(2016, 3, 4))
    found = match_candidates(user=screener, query=query)
    assert all(c.score < 50 for c in found)
    assert known["amelia"] not in [c.person for c in found if c.score >= 50]


def test_alias_is_matched(screener, known):
    PersonName.objects.create(person=known["amelia"], first_name="Amelia", last_name="Brown")
    query = MatchQuery(first_name="Amelia", last_name="Brown", date_of_birth=date(2016, 3, 4))
    found = match_candidates(user=screener, query=query)
    assert found[0].person == known["amelia"]
    assert "known as Amelia Brown" in found[0].reasons


def test_candidate_shows_open_episodes_and_plans(screener, known, social_worker):
    episode = Episode.objects.create(person=known["amelia"], referral_date=date(2025, 1, 6))
    Plan.objects.create(
        person=known["amelia"], episode=episode, kind="child_in_need", start_date=date(2025, 2, 1)
    )
    query = MatchQuery(first_name="Amelia", last_name="Hartley", date_of_birth=date(2016, 3, 4))
    top = match_candidates(user=screener, query=query)[0]
    assert top.open_episodes[0]["lead"] == "Unallocated"
    assert top.plans[0]["start_date"] == date(2025, 2, 1)


def test_restricted_record_is_not_offered_to_someone_not_named(screener, known):
    known["amelia"].is_restricted = True
    known["amelia"].restriction_reason = "adoption"
    known["amelia"].save()
    query = MatchQuery(first_name="Amelia", last_name="Hartley", date_of_birth=date(2016, 3, 4))
    assert known["amelia"] not in [c.person for c in match_candidates(user=screener, query=query)]


def test_a_partner_sees_no_candidates(known):
    partner = make_user(Role.PARTNER, organisation="Oak Primary")
    query = MatchQuery(first_name="Amelia", last_name="Hartley", date_of_birth=date(2016, 3, 4))
    assert match_candidates(user=partner, query=query) == []
