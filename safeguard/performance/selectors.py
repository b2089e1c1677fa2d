"""Read the figures, the lists behind them, trends and the England reference."""

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import Count, F, QuerySet

from safeguard.performance.measures import (
    AUTHORITY,
    MEASURES,
    SERVICE_AREA,
    TEAM,
    WORKER,
    Figure,
    Measure,
    Period,
    Scope,
)
from safeguard.performance.models import MonthEndSnapshot

NUMERATOR, DENOMINATOR, NOT_MET = "numerator", "denominator", "not_met"
PARTS = (NUMERATOR, DENOMINATOR, NOT_MET)


def figures_compute(
    *, scope: Scope, period: Period, codes=None, cache: dict | None = None
) -> dict[str, Figure]:
    """Return each measure's figure: one aggregate query per measure, ids otherwise.

    Each queryset measure is one SELECT over its own rows (its base as the WHERE, so the
    database reads them through an index) counting them and, filtered, its numerator. Measures
    on one table are not folded into a single scan: each row of such a scan would be tested
    against every measure's conditions, which costs far more than reading each measure's rows.
    """
    cache = {} if cache is None else cache
    figures: dict[str, Figure] = {}
    for code in codes or MEASURES:
        measure = MEASURES[code]
        if measure.ids is not None:
            numerator, denominator = measure.ids(scope, period, cache)
            figures[code] = Figure(
                measure, len(numerator), None if denominator is None else len(denominator)
            )
            continue
        counts = {"rows": Count("pk")}
        if measure.met is not None:
            counts["met"] = Count("pk", filter=measure.met(period))
        result = measure.source(period).filter(measure.base(scope, period)).aggregate(**counts)
        if measure.met is None:
            figures[code] = Figure(measure, result["rows"])
        else:
            figures[code] = Figure(measure, result["met"], result["rows"])
    return figures


def figures_for_scopes(
    *, scopes: list[Scope], period: Period, cache: dict | None = None
) -> dict[str, dict[str, Figure]]:
    """Return {scope key: {code: figure}} for the authority, service areas and teams.

    The figures of figures_compute, scope by scope. A measure with a team_path is counted for
    every team at once, grouped by its rows' team: the authority adds up every row, a service
    area the rows of its teams. The others are computed for each scope in turn.
    """
    from safeguard.accounts.models import Team

    cache = {} if cache is None else cache
    area_of = dict(Team.objects.values_list("pk", "service_area"))
    result: dict[str, dict[str, Figure]] = {scope.key: {} for scope in scopes}
    for code, measure in MEASURES.items():
        if (
            measure.ids is not None
            or measure.team_path is None
            or any(scope.kind == WORKER for scope in scopes)
        ):
            for scope in scopes:
                figure = figures_compute(scope=scope, period=period, codes=[code], cache=cache)
                result[scope.key][code] = figure[code]
            continue
        counts = {"rows": Count("pk")}
        if measure.met is not None:
            counts["met"] = Count("pk", filter=measure.met(period))
        groups = (
            measure.source(period)
            .filter(measure.base(Scope(), period))
            .values(row_team=F(f"{measure.team_path}_id"))
            .annotate(**counts)
            .order_by()
        )
        by_team = {group["row_team"]: group for group in groups}
        for scope in scopes:
            if scope.kind == AUTHORITY:
                found = list(by_team.values())
            elif scope.kind == SERVICE_AREA:
                found = [g for t, g in by_team.items() if area_of.get(t) == scope.value]
            else:
                found = [by_team[int(scope.value)]] if int(scope.value) in by_team else []
            rows = sum(g["rows"] for g in found)
            if measure.met is None:
                result[scope.key][code] = Figure(measure, rows)
            else:
                result[scope.key][code] = Figure(measure, sum(g["met"] for g in found), rows)
    return result


def _person_prefix(measure: Measure) -> str | None:
    if measure.person_path is None:
        return None
    return "" if measure.person_path == "pk" else measure.person_path.removesuffix("_id") + "__"


class MeasureRows:
    """The rows behind a figure, as dicts, in primary key order: for a page or an export.

    A page is read in two steps: the page's keys from the measure's own rows alone (no joins,
    so the database orders and cuts just the matching rows), then those few rows with the
    columns shown. The count is of the same rows without the joins the columns need (each is
    a join to one row, so it changes no count).
    """

    def __init__(self, rows: QuerySet, fields: list[str]):
        self.rows = rows
        self.fields = fields

    def _shown(self, rows: QuerySet) -> QuerySet:
        return rows.values(*self.fields).order_by("pk")

    def count(self) -> int:
        return self.rows.order_by().count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self._shown(self.rows))

    def __getitem__(self, index):
        if not isinstance(index, slice):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        keys = list(self.rows.order_by("pk").values_list("pk", flat=True)[index])
        return list(self._shown(self.rows.filter(pk__in=keys)))


class IdRows(MeasureRows):
    """The rows behind a figure counted as a list of ids (placement stability).

    The figure is the list's length, so the count is too; a page reads just its own ids, not
    the whole list sent back to the database as an IN list for the count, keys and page.
    """

    # Lists are read in chunks of ids: SQLite limits the parameters of one statement.
    CHUNK = 2000

    def __init__(self, model, ids: list[int], fields: list[str]):
        super().__init__(model._default_manager.all(), fields)
        self.ids = sorted(set(ids))

    def count(self) -> int:
        return len(self.ids)

    def __iter__(self):
        for start in range(0, len(self.ids), self.CHUNK):
            yield from self._shown(self.rows.filter(pk__in=self.ids[start : start + self.CHUNK]))

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return super().__getitem__(index)
        return list(self._shown(self.rows.filter(pk__in=self.ids[index])))


def measure_rows(
    *, measure: Measure, scope: Scope, period: Period, part: str, cache: dict | None = None
) -> MeasureRows:
    """Return the rows behind a figure: the numerator, denominator, or those not met.

    The same querysets the figure counts, as dicts: pk, the measure's columns, and the
    child's id and name where the rows are about a child.
    """
    fields = ["pk", *(path for _, path in measure.columns)]
    prefix = _person_prefix(measure)
    if prefix is not None:
        fields += [measure.person_path, f"{prefix}first_name", f"{prefix}last_name"]
    fields = list(dict.fromkeys(fields))
    if measure.ids is not None:
        numerator_ids, denominator_ids = measure.ids(scope, period, {} if cache is None else cache)
        if part == DENOMINATOR and denominator_ids is not None:
            ids = denominator_ids
        elif part == NOT_MET and denominator_ids is not None:
            ids = set(denominator_ids) - set(numerator_ids)
        else:
            ids = numerator_ids
        return IdRows(measure.model(), list(ids), fields)
    numerator, denominator = measure.querysets(scope, period, cache)
    if part == DENOMINATOR and denominator is not None:
        rows = denominator
    elif part == NOT_MET and denominator is not None:
        rows = denominator.exclude(pk__in=numerator.values("pk"))
    else:
        rows = numerator
    return MeasureRows(rows, fields)


def table_for_rows(measure: Measure, rows) -> tuple[list[str], list[list]]:
    """Return headers and cells for export: the child (id, name), then the columns."""
    prefix = _person_prefix(measure)
    headers, cells = [], []
    if prefix is not None:
        headers = ["Person ID", "Name"]
    headers += ["Row ID"] + [label for label, _ in measure.columns]
    for row in rows:
        line = []
        if prefix is not None:
            line = [
                row[measure.person_path],
                f"{row[f'{prefix}first_name']} {row[f'{prefix}last_name']}",
            ]
        line += [row["pk"]] + [row[path] for _, path in measure.columns]
        cells.append(line)
    return headers, cells


def figures_table(figures: dict[str, Figure]) -> tuple[list[str], list[list]]:
    """Return the dashboard as a table: one line per measure."""
    headers = ["Code", "Measure", "Numerator", "Denominator", "Value", "England"]
    cells = []
    for code, figure in figures.items():
        england = england_for(figure.measure)
        cells.append(
            [
                code,
                figure.measure.title,
                figure.numerator,
                figure.denominator,
                figure.value,
                england.value if england else None,
            ]
        )
    return headers, cells


# --- scopes ----------------------------------------------------------------------------


def scope_label(scope: Scope) -> str:
    """Return how a scope reads on the page."""
    from django.contrib.auth import get_user_model

    from safeguard.accounts.choices import ServiceArea
    from safeguard.accounts.models import Team

    if scope.kind == AUTHORITY:
        return "The authority"
    if scope.kind == SERVICE_AREA:
        return str(dict(ServiceArea.choices).get(scope.value, scope.value))
    if scope.kind == TEAM:
        team = Team.objects.filter(pk=scope.value).first()
        return team.name if team else "Unknown team"
    worker = get_user_model().objects.filter(pk=scope.value).first()
    return str(worker) if worker else "Unknown worker"


def scope_is_known(scope: Scope) -> bool:
    from django.contrib.auth import get_user_model

    from safeguard.accounts.choices import ServiceArea
    from safeguard.accounts.models import Team

    if scope.kind == AUTHORITY:
        return True
    if scope.kind == SERVICE_AREA:
        return scope.value in ServiceArea.values
    if not scope.value.isdigit():
        return False
    if scope.kind == TEAM:
        return Team.objects.filter(pk=scope.value).exists()
    if scope.kind == WORKER:
        return get_user_model().objects.filter(pk=scope.value).exists()
    return False


def team_members(scope: Scope) -> list:
    """Return the members of a team scope, whose own figures the page links to."""
    from django.contrib.auth import get_user_model

    if scope.kind != TEAM:
        return []
    return list(get_user_model().objects.filter(team_id=int(scope.value), is_active=True))


def snapshot_scopes() -> list[Scope]:
    """Return the scopes kept at month end: the authority, each service area, each team."""
    from safeguard.accounts.models import Team

    areas = sorted(set(Team.objects.values_list("service_area", flat=True)))
    teams = Team.objects.order_by("pk").values_list("pk", flat=True)
    return (
        [Scope()]
        + [Scope(SERVICE_AREA, area) for area in areas]
        + [Scope(TEAM, str(pk)) for pk in teams]
    )


# --- England reference and trends ------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    key: str
    value: float
    unit: str
    period: str
    source: str


def _statistics_dir() -> Path:
    return Path(settings.SAFEGUARD_REFERENCE_DIR) / "statistics"


@cache
def england_reference() -> dict[str, Reference]:
    """Return the published England figures (DfE) by key; empty if the file is absent."""
    path = _statistics_dir() / "england.csv"
    if not path.exists():
        return {}
    with path.open(newline="") as handle:
        return {
            row["measure"]: Reference(
                row["measure"], float(row["value"]), row["unit"], row["period"], row["source"]
            )
            for row in csv.DictReader(handle)
        }


def statistical_neighbours_reference() -> dict[str, Reference]:
    """Return statistical neighbour averages: none are in the reference data we hold."""
    path = _statistics_dir() / "statistical_neighbours.csv"
    if not path.exists():
        return {}
    with path.open(newline="") as handle:
        return {
            row["measure"]: Reference(
                row["measure"], float(row["value"]), row["unit"], row["period"], row["source"]
            )
            for row in csv.DictReader(handle)
        }


def england_for(measure: Measure) -> Reference | None:
    return england_reference().get(measure.comparator) if measure.comparator else None


def trend(*, measure: Measure, scope: Scope, months: int = 24, until: date | None = None):
    """Return the measure's month-end snapshots for the scope, oldest first (at most months)."""
    rows = MonthEndSnapshot.objects.filter(measure_code=measure.code, scope_key=scope.key)
    if until is not None:
        rows = rows.filter(month_end__lte=until)
    return list(reversed(rows.order_by("-month_end")[:months]))


def trends_for(*, codes, scope: Scope, months: int = 24) -> dict[str, list[MonthEndSnapshot]]:
    """Return trends for several measures in one query."""
    result: dict[str, list] = {code: [] for code in codes}
    for row in MonthEndSnapshot.objects.filter(
        measure_code__in=list(codes), scope_key=scope.key
    ).order_by("measure_code", "month_end"):
        result[row.measure_code].append(row)
    return {code: rows[-months:] for code, rows in result.items()}


def is_worse(measure: Measure, value, reference) -> bool:
    """Return True if value is worse than reference in the measure's good direction."""
    if value is None or reference is None or not measure.good:
        return False
    return value > reference if measure.good == "down" else value < reference


@dataclass
class CitedMeasure:
    measure: Measure
    figure: Figure
    trend: list
    england: Reference | None
    concerns: list[str]


def self_evaluation(*, statements, period: Period, cache: dict | None = None) -> list[dict]:
    """Return each statement with its cited measures' figures, trends and concerns."""
    cache = {} if cache is None else cache
    codes = sorted({c for s in statements for c in s.measure_codes if c in MEASURES})
    figures = figures_compute(scope=Scope(), period=period, codes=codes, cache=cache)
    trends = trends_for(codes=codes, scope=Scope())
    result = []
    for statement in statements:
        cited = []
        for code in statement.measure_codes:
            if code not in MEASURES:
                continue
            measure, figure = MEASURES[code], figures[code]
            england = england_for(measure)
            concerns = []
            if england and is_worse(measure, figure.value, england.value):
                concerns.append(f"worse than England ({england.value:g})")
            target = statement.target
            if (
                target is not None
                and measure.is_ratio
                and is_worse(measure, figure.value, float(target))
            ):
                concerns.append(f"misses the target ({statement.target:g}%)")
            history = trends[code]
            first = history[0].value if len(history) >= 2 else None
            if first is not None and is_worse(measure, figure.value, float(first)):
                concerns.append(f"worse than {history[0].month_end:%B %Y}")
            if measure.is_ratio and figure.value is None:
                concerns.append("no cases to count: the claim has no evidence here")
            cited.append(CitedMeasure(measure, figure, history, england, concerns))
        result.append(
            {
                "statement": statement,
                "cited": cited,
                "optimistic": any(c.concerns for c in cited),
            }
        )
    return result


def statements_current():
    from safeguard.performance.models import SelfEvaluationStatement

    return SelfEvaluationStatement.objects.filter(archived_at__isnull=True).select_related(
        "written_by"
    )
