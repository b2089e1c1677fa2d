"""Caseload counts and weights, checked against a hand count, and the caseload alerts."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from safeguard.accounts.choices import Role
from safeguard.casework.choices import AllocationRole, PlanKind
from safeguard.conftest import make_child, make_user
from safeguard.workforce.choices import CaseType, ContractType
from safeguard.workforce.models import CaseWeighting, WorkforcePolicy
from safeguard.workforce.selectors import (
    caseload_alerts,
    caseloads_for_workers,
    team_capacity,
    weighted_caseloads,
)
from safeguard.workforce.services import case_weighting_set, workforce_policy_set
from safeguard.workforce.tests.conftest import AS_OF, employ, live_at, open_case, plan


@pytest.fixture
def weights(team_manager):
    for case_type, weight in [
        (CaseType.CHILD_PROTECTION, "2.00"),
        (CaseType.LOOKED_AFTER, "1.50"),
        (CaseType.CHILD_IN_NEED, "1.00"),
        (CaseType.COURT_WORK, "3.00"),
    ]:
        case_weighting_set(acting_user=team_manager, case_type=case_type, weight=Decimal(weight))


@pytest.fixture
def sasha_caseload(social_worker, other_team_worker, address, extra_case_types, weights):
    """Sasha's cases on 30 June 2026, built so that the hand count is easy to follow.

    child  case                                    household        counts?  weight
    A      child protection plan                   12 Elm Road      yes      2.0
    B      no plan (child in need)                 12 Elm Road      yes      1.0  (A's sibling)
    C      child in need plan                      3 Oak Lane       yes      1.0
    D      child protection plan + court work      no address       yes      3.0  (largest)
    H      no plan; moved from Elm Road to Ash St  4 Ash Street     yes      1.0
    I      looked after                            9 Birch Close    yes      1.5
    E      episode closed in May                   -                no
    F      Sasha's lead allocation ended in April  -                no
    G      Sasha only a co-worker                  -                no
    P      CP plan ended in March (so child in need) 3 Oak Lane     yes      1.0  (C's house)

    Hand count: children = A B C D H I P = 7.
    Families (households) = Elm Road {A, B}, Oak Lane {C, P}, D alone, Ash Street {H},
    Birch Close {I} = 5.
    Weighted = 2.0 + 1.0 + 1.0 + 3.0 + 1.0 + 1.5 + 1.0 = 10.5.
    By type: child protection 2 (A, D), child in need 4 (B, C, H, P), court work 1 (D),
    looked after 1 (I).
    """
    elm, oak, ash, birch = (
        address(x) for x in ["12 Elm Road", "3 Oak Lane", "4 Ash Street", "9 Birch Close"]
    )
    kids = {name: make_child(first_name=name) for name in "ABCDEFGHIP"}
    episodes = {name: open_case(kids[name], social_worker) for name in "ABCDHIP"}
    plan(kids["A"], episodes["A"], PlanKind.CHILD_PROTECTION)
    plan(kids["C"], episodes["C"], PlanKind.CHILD_IN_NEED)
    plan(kids["D"], episodes["D"], PlanKind.CHILD_PROTECTION)
    plan(kids["P"], episodes["P"], PlanKind.CHILD_PROTECTION, end=date(2026, 3, 31))
    extra_case_types[kids["D"].pk] = {CaseType.COURT_WORK}
    extra_case_types[kids["I"].pk] = {CaseType.LOOKED_AFTER}
    live_at(kids["A"], elm)
    live_at(kids["B"], elm)
    live_at(kids["C"], oak)
    live_at(kids["P"], oak)
    live_at(kids["H"], elm, end=date(2026, 4, 30))
    live_at(kids["H"], ash, start=date(2026, 5, 1))
    live_at(kids["I"], birch)
    open_case(kids["E"], social_worker, closed=date(2026, 5, 15))
    open_case(kids["F"], social_worker, ended=date(2026, 4, 10))
    episode_g = open_case(kids["G"], other_team_worker)
    from safeguard.casework.models import Allocation
    from safeguard.workforce.tests.conftest import at

    Allocation.objects.create(
        episode=episode_g,
        worker=social_worker,
        team=social_worker.team,
        role=AllocationRole.CO_WORKER,
        start_at=at(date(2026, 1, 5)),
    )
    employ(social_worker)
    return kids


def test_caseload_matches_the_hand_count(social_worker, sasha_caseload):
    # Given Sasha's cases (see the fixture's table)
    # When her caseload on 30 June 2026 is counted
    load = caseloads_for_workers(worker_ids=[social_worker.pk], as_of=AS_OF)[social_worker.pk]
    # Then it matches the hand count
    assert load.children == 7
    assert load.families == 5
    assert load.weighted == Decimal("10.50")
    assert load.by_case_type == {
        CaseType.CHILD_PROTECTION: 2,
        CaseType.CHILD_IN_NEED: 4,
        CaseType.COURT_WORK: 1,
        CaseType.LOOKED_AFTER: 1,
    }


def test_caseload_on_an_earlier_date_counts_what_was_open_then(social_worker, sasha_caseload):
    # On 1 April: E still open (+1, CIN), F still allocated (+1, CIN), H still at Elm Road
    # (so Elm Road = A, B, H), and P's plan ended on 31 March (CIN). 9 children.
    load = caseloads_for_workers(worker_ids=[social_worker.pk], as_of=date(2026, 4, 1))
    load = load[social_worker.pk]
    assert load.children == 9
    # Households: Elm {A,B,H}, Oak {C,P}, D, Birch {I}, E alone, F alone = 6
    assert load.families == 6
    # 2 + 1 + 1 + 3 + 1 + 1.5 + 1 + 1 + 1 = 12.5
    assert load.weighted == Decimal("12.50")


def test_weights_are_data_changing_one_changes_the_load(
    social_worker, team_manager, sasha_caseload
):
    case_weighting_set(
        acting_user=team_manager, case_type=CaseType.CHILD_PROTECTION, weight=Decimal("1.00")
    )
    # A now 1.0; D still 3.0 (court work is its largest): 10.5 - 1.0 = 9.5
    assert weighted_caseloads(worker_ids=[social_worker.pk], as_of=AS_OF) == {social_worker.pk: 9.5}


def test_a_worker_with_no_cases_has_an_empty_caseload(social_worker):
    load = caseloads_for_workers(worker_ids=[social_worker.pk], as_of=AS_OF)[social_worker.pk]
    assert (load.children, load.families, load.weighted) == (0, 0, Decimal("0"))


def test_alert_when_a_worker_exceeds_the_limit(social_worker, team_manager, team, sasha_caseload):
    # Given a limit of 10 weighted cases per full-time worker
    workforce_policy_set(
        acting_user=team_manager, effective_from=date(2026, 1, 1), caseload_limit=10
    )
    # When the team's alerts are read, Then Sasha (10.5) is over the limit
    alerts = caseload_alerts(team_ids=[team.pk], as_of=AS_OF)
    assert [(a.worker, a.kind) for a in alerts] == [(social_worker, "over_limit")]
    assert "10.50" in alerts[0].message
    # And at 10.5 exactly she is at, not over, the limit: no alert
    workforce_policy_set(
        acting_user=team_manager, effective_from=date(2026, 1, 1), caseload_limit="10.5"
    )
    assert caseload_alerts(team_ids=[team.pk], as_of=AS_OF) == []


def test_a_part_time_workers_limit_is_pro_rata(team, team_manager):
    # Given a 0.5 FTE worker with five children in need and a limit of 18
    worker = make_user(Role.SOCIAL_WORKER, team=team)
    employ(worker, fte="0.50")
    for _ in range(5):
        open_case(make_child(), worker)
    workforce_policy_set(
        acting_user=team_manager, effective_from=date(2026, 1, 1), caseload_limit=18
    )
    # Then 5 is under 9 (18 x 0.5): no alert; at a limit of 9, 5 is over 4.5: an alert
    assert caseload_alerts(team_ids=[team.pk], as_of=AS_OF) == []
    workforce_policy_set(
        acting_user=team_manager, effective_from=date(2026, 1, 1), caseload_limit=9
    )
    assert [a.worker for a in caseload_alerts(team_ids=[team.pk], as_of=AS_OF)] == [worker]


def test_a_long_term_absent_worker_still_holding_cases_is_an_alert(team, team_manager):
    from safeguard.workforce.services import absence_record

    worker = make_user(Role.SOCIAL_WORKER, team=team)
    employment = employ(worker)
    open_case(make_child(), worker)
    absence_record(
        acting_user=team_manager,
        employment=employment,
        absence_type="sickness",
        start_date=date(2026, 5, 1),
    )
    alerts = caseload_alerts(team_ids=[team.pk], as_of=AS_OF)
    assert [(a.worker, a.kind) for a in alerts] == [(worker, "absent_holding_cases")]


def test_team_capacity_counts_posts_vacancies_agency_and_unallocated(
    team, team_manager, social_worker
):
    from safeguard.casework.models import Episode
    from safeguard.workforce.services import post_create

    # Given four funded posts, two filled (one permanent, one agency) and two vacant
    posts = [
        post_create(
            acting_user=team_manager, team=team, fte=Decimal("1.00"), funded_from=date(2025, 1, 1)
        )
        for _ in range(4)
    ]
    employ(social_worker, post=posts[0])
    agency = make_user(Role.SOCIAL_WORKER, team=team)
    employ(agency, post=posts[1], contract=ContractType.AGENCY)
    # and an open episode in the team with no lead worker
    Episode.objects.create(person=make_child(), team=team, referral_date=date(2026, 6, 1))
    capacity = team_capacity(team=team, as_of=AS_OF)
    assert (capacity.funded_posts, capacity.vacant_posts) == (4, 2)
    assert capacity.vacancy_rate == Decimal("50.0")
    assert capacity.agency_rate == Decimal("50.0")
    assert capacity.unallocated == 1
    # The manager has no employment record: shown, counted as 1 FTE permanent by default
    assert {w.user for w in capacity.workers} == {social_worker, agency, team_manager}


@pytest.mark.parametrize("limit", [-1, "-0.5"])
def test_a_negative_caseload_limit_is_refused_and_nothing_saved(team_manager, limit):
    with pytest.raises(ValidationError) as error:
        workforce_policy_set(
            acting_user=team_manager, effective_from=date(2026, 1, 1), caseload_limit=limit
        )
    assert error.value.message_dict["caseload_limit"] == [
        "The caseload limit cannot be below zero."
    ]
    assert not WorkforcePolicy.objects.exists()


def test_a_negative_weight_is_refused(team_manager):
    with pytest.raises(ValidationError):
        case_weighting_set(
            acting_user=team_manager, case_type=CaseType.LOOKED_AFTER, weight=Decimal("-1")
        )
    assert not CaseWeighting.objects.exists()


def test_caseloads_take_the_same_few_queries_for_one_worker_or_many(
    team, social_worker, sasha_caseload, django_assert_max_num_queries
):
    others = [make_user(Role.SOCIAL_WORKER, team=team) for _ in range(5)]
    for worker in others:
        for _ in range(3):
            open_case(make_child(), worker)
    # allocations, plans, care episodes, the test's source (no query), addresses, weights
    with django_assert_max_num_queries(5):
        loads = caseloads_for_workers(
            worker_ids=[social_worker.pk] + [w.pk for w in others], as_of=AS_OF
        )
    assert [loads[w.pk].children for w in others] == [3] * 5


def test_looked_after_and_care_proceedings_come_from_care_episodes(social_worker):
    from safeguard.looked_after.models import CareEpisode

    def care(child, start, legal_status, end=None):
        CareEpisode.objects.create(
            person=child,
            start_date=start,
            end_date=end,
            reason_episode_ceased="X1" if end else "",
            reason_new_episode="S",
            legal_status=legal_status,
            category_of_need="N1",
            placement_type="U4",
            placement_provider="PR1",
            placement_postcode="B1 1AA",
        )

    in_care, proceedings, left_care = make_child(), make_child(), make_child()
    for child in (in_care, proceedings, left_care):
        open_case(child, social_worker)
    care(in_care, date(2026, 2, 1), "C2")
    care(proceedings, date(2026, 2, 1), "C1")
    care(left_care, date(2026, 2, 1), "V2", end=date(2026, 5, 1))
    load = caseloads_for_workers(worker_ids=[social_worker.pk], as_of=AS_OF)[social_worker.pk]
    assert load.by_case_type == {
        CaseType.LOOKED_AFTER: 2,
        CaseType.COURT_WORK: 1,
        CaseType.CHILD_IN_NEED: 1,
    }


def test_weighted_caseloads_counted_in_the_database_are_the_caseload_pages(
    social_worker, sasha_caseload
):
    # Given Sasha's hand-counted caseload (10.5 on 30 June 2026)
    assert weighted_caseloads(worker_ids=[social_worker.pk], as_of=AS_OF) == {
        social_worker.pk: 10.5
    }
    # Then on every fourth day of the first half of 2026 the database count is the page's
    for offset in range(0, 181, 4):
        day = AS_OF - timedelta(days=offset)
        page = caseloads_for_workers(worker_ids=[social_worker.pk], as_of=day)
        assert weighted_caseloads(worker_ids=[social_worker.pk], as_of=day) == {
            social_worker.pk: float(page[social_worker.pk].weighted)
        }, day
