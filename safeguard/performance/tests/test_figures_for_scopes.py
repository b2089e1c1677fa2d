"""The month-end snapshot's figures, counted for every team at once, are each scope's figures."""

from datetime import date, timedelta

import pytest
from django.db.models import Count

from safeguard.casework.models import Allocation
from safeguard.performance.measures import MEASURES, WORKER, Period, Scope, _years_before
from safeguard.performance.selectors import figures_compute, figures_for_scopes, snapshot_scopes
from safeguard.synthetic.services import authority_generate

AS_OF = date(2026, 3, 31)


# Serialized rollback restores the rows data migrations seeded, as in test_invariant.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_scope_counted_at_once_has_the_figures_counted_scope_by_scope():
    # Given a generated authority, and the scopes a snapshot keeps
    authority_generate(children=300, seed=11, as_of=AS_OF)
    scopes = snapshot_scopes()
    assert len(scopes) > 3
    busiest = Allocation.objects.values("worker_id").annotate(n=Count("pk")).order_by("-n").first()
    for end in (AS_OF, date(2025, 9, 30)):
        period = Period(start=_years_before(end, 1) + timedelta(days=1), end=end)
        # When every scope is counted at once
        together = figures_for_scopes(scopes=scopes, period=period)
        # Then each figure is the one figures_compute gives for that scope alone
        counted = 0
        for scope in scopes:
            alone = figures_compute(scope=scope, period=period)
            assert set(together[scope.key]) == set(MEASURES)
            for code, figure in alone.items():
                kept = together[scope.key][code]
                assert (kept.numerator, kept.denominator) == (
                    figure.numerator,
                    figure.denominator,
                ), (end, scope, code)
                counted += figure.numerator + (figure.denominator or 0)
        assert counted > 0
    # And a worker's scope, which no measure groups by, is counted scope by scope
    worker = Scope(WORKER, str(busiest["worker_id"]))
    period = Period(start=date(2025, 4, 1), end=AS_OF)
    by_worker = figures_for_scopes(scopes=[Scope(), worker], period=period)
    alone = figures_compute(scope=worker, period=period)
    assert {c: (f.numerator, f.denominator) for c, f in by_worker[worker.key].items()} == {
        c: (f.numerator, f.denominator) for c, f in alone.items()
    }
