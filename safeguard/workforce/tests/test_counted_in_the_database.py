"""Caseload weights and overdue supervision counted in the database equal the full readings."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from safeguard.workforce.selectors import caseloads_for_workers, weighted_caseloads
from safeguard.workforce.services import employment_end, supervision_record
from safeguard.workforce.tests.conftest import AS_OF, employ
from safeguard.workforce.worker_clocks import supervision_clocks_for_workers, supervision_overdue


def weighted_from_the_caseload_page(worker_ids, as_of) -> dict[int, float]:
    loads = caseloads_for_workers(worker_ids=worker_ids, as_of=as_of)
    return {wid: float(load.weighted) for wid, load in loads.items()}


def overdue_from_the_whole_cycle(worker_ids, as_of) -> set[int]:
    cycles = supervision_clocks_for_workers(worker_ids=worker_ids, as_of=as_of)
    return {wid for wid, cycle in cycles.items() if any(c.is_overdue(as_of) for c in cycle)}


def test_overdue_supervision_is_the_open_clock_of_the_cycle(social_worker, team_manager, team):
    from safeguard.conftest import make_user

    def supervise(worker, day):
        supervision_record(
            acting_user=team_manager,
            worker=worker,
            supervisor=team_manager,
            session_date=day,
            kind="individual",
        )

    # Given an experienced worker supervised now and then, a newly qualified worker in her
    # weekly weeks, a leaver, and a worker who has never been supervised
    employ(social_worker, start=date(2025, 9, 1))
    for day in (date(2025, 10, 1), date(2025, 12, 15), date(2026, 1, 10)):
        supervise(social_worker, day)
    newly = make_user("social_worker", team=team, username="nq")
    employ(newly, start=date(2025, 11, 3), nqsw=True, asye_start=date(2025, 11, 10))
    for day in (date(2025, 11, 12), date(2025, 11, 19), date(2025, 12, 10), date(2026, 2, 1)):
        supervise(newly, day)
    leaver = make_user("social_worker", team=team, username="leaver")
    employment = employ(leaver, start=date(2025, 6, 2))
    supervise(leaver, date(2025, 7, 1))
    employment_end(
        acting_user=team_manager,
        employment=employment,
        end_date=date(2025, 12, 31),
        leaving_reason="resignation",
    )
    never = make_user("social_worker", team=team, username="never")
    employ(never, start=date(2026, 1, 5))
    workers = [social_worker.pk, newly.pk, leaver.pk, never.pk]
    # Then on every day from August 2025 to June 2026 the two readings agree
    day, seen = date(2025, 8, 1), set()
    while day <= AS_OF:
        overdue = supervision_overdue(worker_ids=workers, as_of=day)
        assert overdue == overdue_from_the_whole_cycle(workers, day), day
        seen |= overdue
        day += timedelta(days=1)
    # and every worker was overdue on some day, so each path was taken
    assert seen == set(workers)


@pytest.fixture
def no_clock_rebuild(monkeypatch):
    """Leave the children's clocks out: these readings do not use them."""
    monkeypatch.setattr("safeguard.synthetic.services._clocks_rebuild", lambda **kw: None)


@pytest.mark.django_db
def test_a_generated_authority_is_counted_the_same_both_ways(no_clock_rebuild):
    from safeguard.synthetic.services import authority_generate
    from safeguard.workforce.models import CaseWeighting

    # Given a generated authority, with weights that are not whole numbers
    as_of = date(2026, 3, 31)
    authority_generate(children=1500, seed=5, years=2, as_of=as_of)
    for case_type, weight in [("looked_after", "1.30"), ("court_work", "2.10")]:
        CaseWeighting.objects.update_or_create(
            case_type=case_type, defaults={"weight": Decimal(weight)}
        )
    workers = sorted(get_user_model().objects.values_list("pk", flat=True))
    # Then on each month end of the last year both counts agree for every worker
    day, loaded, overdue = as_of, 0.0, 0
    for _ in range(12):
        loads = weighted_caseloads(worker_ids=workers, as_of=day)
        assert loads == weighted_from_the_caseload_page(workers, day), day
        late = supervision_overdue(worker_ids=workers, as_of=day)
        assert late == overdue_from_the_whole_cycle(workers, day), day
        loaded, overdue = loaded + sum(loads.values()), overdue + len(late)
        day = day.replace(day=1) - timedelta(days=1)
    # and there were caseloads and overdue supervisions to compare
    assert loaded > 0 and overdue > 0
