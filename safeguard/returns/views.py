"""The returns page: run a return's validation, see the failures by rule, download the file."""

import tempfile
from collections import defaultdict
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.returns.cin_census.exporter import cin_return_build
from safeguard.returns.cin_census.rules import rules_for_year, rules_run
from safeguard.returns.cin_census.services import cin_census_export
from safeguard.returns.cin_census.years import collection_year
from safeguard.returns.forms import ReturnRunForm

CHILDREN_SHOWN_PER_RULE = 100


def _require(user) -> None:
    if not user_has_permission(user, Permission.RUN_RETURNS):
        raise PermissionDenied


def _grouped(failures, rules) -> list[dict]:
    """Return the failures grouped by rule: ERROR rules first, then by code."""
    by_code = defaultdict(list)
    for failure in failures:
        by_code[failure.code].append(failure)
    groups = [
        {
            "rule": rules[code],
            "count": len(items),
            "children": [f for f in items if f.child is not None][:CHILDREN_SHOWN_PER_RULE],
            "return_wide": any(f.child is None for f in items),
        }
        for code, items in by_code.items()
    ]
    return sorted(groups, key=lambda g: (g["rule"].severity != "ERROR", g["rule"].code))


@login_required
@require_GET
def returns_home(request):
    _require(request.user)
    form = ReturnRunForm(request.GET or None)
    context = {"form": form}
    if request.GET:
        if not form.is_valid():
            return render(request, "returns/home.html", context, status=400)
        year = collection_year(form.cleaned_data["year"])
        rules = rules_for_year(year.end_year)
        cin_return = cin_return_build(year=year)
        failures = rules_run(cin_return, rules, year=year)
        context.update(
            year=year,
            children=len(cin_return.children),
            groups=_grouped(failures, rules),
            errors=sum(1 for f in failures if f.severity == "ERROR"),
            queries=sum(1 for f in failures if f.severity != "ERROR"),
            shown=CHILDREN_SHOWN_PER_RULE,
        )
    return render(request, "returns/home.html", context)


@login_required
@require_GET
def returns_download(request):
    _require(request.user)
    form = ReturnRunForm(request.GET)
    if not form.is_valid():
        return render(request, "returns/home.html", {"form": form}, status=400)
    year = collection_year(form.cleaned_data["year"])
    # Written to a temporary file (streamed by lxml), then streamed to the browser.
    handle = tempfile.NamedTemporaryFile(suffix=".xml", delete=False)  # noqa: SIM115
    handle.close()
    path = Path(handle.name)
    cin_census_export(year=year, out=path, user=request.user)
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=f"CIN_census_{year.end_year}.xml"
    )
    path.unlink()  # the open handle keeps the data until the response is sent
    return response
