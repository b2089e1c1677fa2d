"""Performance pages: the dashboard, drill-down lists, trends, self-evaluation, data quality."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.accounts.choices import ServiceArea
from safeguard.accounts.models import Team
from safeguard.core.forms import today
from safeguard.performance import charts, selectors, services
from safeguard.performance.dataquality import CHECKS, check_rows, check_table, data_quality_summary
from safeguard.performance.exports import table_response
from safeguard.performance.forms import PeriodForm, StatementForm
from safeguard.performance.measures import MEASURES, Scope, default_period
from safeguard.performance.models import SelfEvaluationStatement

PAGE_SIZE = 50


def _require(user, permission=Permission.VIEW_PERFORMANCE):
    if not user_has_permission(user, permission):
        raise PermissionDenied


def _period_form(request):
    form = PeriodForm(request.GET or None)
    if not request.GET:
        form = PeriodForm({"scope": "authority"})
    form.is_valid()
    return form


def _query(scope, period) -> str:
    return f"scope={scope.key}&start={period.start:%Y-%m-%d}&end={period.end:%Y-%m-%d}"


def _scope_choices():
    teams = Team.objects.order_by("name").values_list("pk", "name")
    return (
        [("authority", "The authority")]
        + [(f"service_area:{v}", label) for v, label in ServiceArea.choices]
        + [(f"team:{pk}", name) for pk, name in teams]
    )


@login_required
def dashboard(request):
    _require(request.user)
    form = _period_form(request)
    context = {"form": form, "scope_choices": _scope_choices()}
    if "period" not in form.cleaned_data or form.errors:
        return render(request, "performance/dashboard.html", context, status=400)
    scope, period = form.cleaned_data["scope"], form.cleaned_data["period"]
    figures = selectors.figures_compute(scope=scope, period=period)
    fmt = request.GET.get("format")
    if fmt:
        headers, cells = selectors.figures_table(figures)
        response = table_response(fmt, filename="performance", headers=headers, rows=cells)
        if response is None:
            raise Http404
        return response
    sections: dict[str, list] = {}
    for figure in figures.values():
        england = selectors.england_for(figure.measure)
        sections.setdefault(figure.measure.section, []).append(
            {
                "figure": figure,
                "england": england,
                "held": figure.measure.has_records(),
                "worse": bool(england)
                and selectors.is_worse(figure.measure, figure.value, england.value),
            }
        )
    context.update(
        members=selectors.team_members(scope),
        scope=scope,
        scope_label=selectors.scope_label(scope),
        period=period,
        query=_query(scope, period),
        sections=sections,
    )
    return render(request, "performance/dashboard.html", context)


@login_required
def drilldown(request, code: str):
    _require(request.user)
    measure = MEASURES.get(code)
    if measure is None:
        raise Http404
    form = _period_form(request)
    part = request.GET.get("part", selectors.NUMERATOR)
    if form.errors or "period" not in form.cleaned_data or part not in selectors.PARTS:
        return render(
            request,
            "performance/dashboard.html",
            {"form": form, "scope_choices": _scope_choices(), "bad_part": part},
            status=400,
        )
    scope, period = form.cleaned_data["scope"], form.cleaned_data["period"]
    rows = selectors.measure_rows(measure=measure, scope=scope, period=period, part=part)
    fmt = request.GET.get("format")
    if fmt:
        headers, cells = selectors.table_for_rows(measure, rows)
        response = table_response(
            fmt, filename=f"{code.lower()}-{part}", headers=headers, rows=cells
        )
        if response is None:
            raise Http404
        return response
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    headers, cells = selectors.table_for_rows(measure, page.object_list)
    links = []
    for row in page.object_list:
        if measure.person_path:
            links.append(reverse("people:record", args=[row[measure.person_path]]))
        elif measure.rows == "contacts":
            links.append(reverse("front_door:contact_detail", args=[row["pk"]]))
        else:
            links.append(None)
    return render(
        request,
        "performance/drilldown.html",
        {
            "measure": measure,
            "scope_label": selectors.scope_label(scope),
            "period": period,
            "part": part,
            "query": _query(scope, period),
            "page": page,
            "headers": headers,
            "lines": list(zip(cells, links, strict=True)),
        },
    )


@login_required
def trend(request, code: str):
    _require(request.user)
    measure = MEASURES.get(code)
    if measure is None:
        raise Http404
    form = _period_form(request)
    if form.errors:
        return render(
            request,
            "performance/dashboard.html",
            {"form": form, "scope_choices": _scope_choices()},
            status=400,
        )
    scope = form.cleaned_data["scope"]
    history = selectors.trend(measure=measure, scope=scope)
    england = selectors.england_for(measure)
    references = [("England", england.value)] if england else []
    rows = [
        [s.month_end, s.numerator, s.denominator, None if s.value is None else float(s.value)]
        for s in history
    ]
    headers = ["Month end", "Numerator", "Denominator", "Value"]
    fmt = request.GET.get("format")
    if fmt:
        response = table_response(fmt, filename=f"{code.lower()}-trend", headers=headers, rows=rows)
        if response is None:
            raise Http404
        return response
    chart = charts.line_chart(
        title=f"{measure.title}: {selectors.scope_label(scope)}, by month end",
        points=[(f"{r[0]:%b %y}", r[3]) for r in rows],
        references=references,
    )
    return render(
        request,
        "performance/trend.html",
        {
            "measure": measure,
            "scope": scope,
            "scope_label": selectors.scope_label(scope),
            "chart": chart,
            "rows": rows,
            "england": england,
            "neighbours": selectors.statistical_neighbours_reference().get(measure.comparator),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def self_evaluation(request):
    _require(request.user)
    may_write = user_has_permission(request.user, Permission.AUTHORISE)
    form = StatementForm(request.POST or None)
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.statement_create(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Statement added to the self-evaluation.")
                return redirect("performance:self_evaluation")
    period = default_period(today())
    statements = list(selectors.statements_current())
    audit_from = period.start
    from safeguard.workforce.selectors import case_audit_results

    return render(
        request,
        "performance/self_evaluation.html",
        {
            "form": form,
            "may_write": may_write,
            "period": period,
            "query": _query(Scope(), period),
            "items": selectors.self_evaluation(statements=statements, period=period),
            "audits": case_audit_results(date_from=audit_from, date_to=period.end),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["POST"])
def statement_archive(request, statement_id: int):
    _require(request.user)
    _require(request.user, Permission.AUTHORISE)
    statement = get_object_or_404(SelfEvaluationStatement, pk=statement_id, archived_at=None)
    services.statement_archive(user=request.user, statement=statement)
    messages.success(request, "Statement withdrawn.")
    return redirect("performance:self_evaluation")


@login_required
def data_quality(request):
    _require(request.user)
    return render(request, "performance/data_quality.html", {"summary": data_quality_summary()})


@login_required
def data_quality_check(request, code: str):
    _require(request.user)
    item = CHECKS.get(code)
    if item is None:
        raise Http404
    rows = check_rows(item)
    fmt = request.GET.get("format")
    if fmt:
        headers, cells = check_table(item, rows)
        response = table_response(fmt, filename=code.lower(), headers=headers, rows=cells)
        if response is None:
            raise Http404
        return response
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    headers, cells = check_table(item, page.object_list)
    links = [reverse("people:record", args=[line[0]]) for line in cells]
    return render(
        request,
        "performance/data_quality_check.html",
        {
            "check": item,
            "page": page,
            "headers": headers,
            "lines": list(zip(cells, links, strict=True)),
        },
    )
