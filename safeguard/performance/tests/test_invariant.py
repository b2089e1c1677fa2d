"""The number and the list can never disagree: every measure, several scopes, one authority."""

from datetime import date

import pytest
from django.db.models import Count

from safeguard.casework.models import Allocation
from safeguard.performance.measures import (
    MEASURES,
    SERVICE_AREA,
    TEAM,
    WORKER,
    Period,
    Scope,
)
from safeguard.performance.selectors import (
    DENOMINATOR,
    NOT_MET,
    NUMERATOR,
    figures_compute,
    measure_rows,
)
from safeguard.synthetic.services import authority_generate

AS_OF = date(2026, 3, 31)


def _scopes() -> list[Scope]:
    busiest = (
        Allocation.objects.values("worker_id", "team_id", "team__service_area")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return [
        Scope(),
        Scope(SERVICE_AREA, busiest["team__service_area"]),
        Scope(TEAM, str(busiest["team_id"])),
        Scope(WORKER, str(busiest["worker_id"])),
    ]


# Serialized rollback restores the rows data migrations seeded (threshold framework,
# screening tool, checklists) once this test's flush has emptied the tables.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_figure_equals_the_length_of_its_list():
    # Given a generated authority with records in every domain
    authority_generate(children=300, seed=11, as_of=AS_OF)
    period = Period(start=date(2025, 4, 1), end=AS_OF)
    nonzero = set()
    for scope in _scopes():
        cache: dict = {}
        # When every figure is computed and every list behind it is drawn
        figures = figures_compute(scope=scope, period=period, cache=cache)
        assert set(figures) == set(MEASURES)
        for code, figure in figures.items():
            measure = MEASURES[code]
            numerator = measure_rows(
                measure=measure, scope=scope, period=period, part=NUMERATOR, cache=cache
            )
            # Then the number is the list's length, for the numerator and the denominator
            assert figure.numerator == len(list(numerator)), (code, scope)
            if figure.denominator is not None:
                denominator = list(
                    measure_rows(
                        measure=measure, scope=scope, period=period, part=DENOMINATOR, cache=cache
                    )
                )
                not_met = list(
                    measure_rows(
                        measure=measure, scope=scope, period=period, part=NOT_MET, cache=cache
                    )
                )
                assert figure.denominator == len(denominator), (code, scope)
                assert figure.numerator + len(not_met) == figure.denominator, (code, scope)
                assert figure.numerator <= figure.denominator, (code, scope)
            if figure.numerator or figure.denominator:
                nonzero.add(code)
    # And the authority has figures to show for most measures (a vacuous check proves nothing)
    assert len(nonzero) >= len(MEASURES) - 4, set(MEASURES) - nonzero
    # And where a domain counts the same thing, the authority figure is the domain's count
    from safeguard.child_protection.selectors import repeat_plans_count
    from safeguard.looked_after.selectors import children_with_three_or_more_placements

    figures = figures_compute(scope=Scope(), period=period)
    repeat = repeat_plans_count(started_from=period.start, started_to=period.end)
    assert (figures["CP_PLANS_SECOND"].numerator, figures["CP_PLANS_SECOND"].denominator) == (
        repeat["repeat"],
        repeat["started"],
    )
    assert figures["PLACEMENTS_3_PLUS"].numerator == len(
        children_with_three_or_more_placements(as_of=AS_OF)
    )
