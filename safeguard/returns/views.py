"""The returns page: run a return's validation, see the failures by rule, download the file."""

import tempfile
from collections import defaultdict
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.returns.cin_census.exporter import cin_return_build
from safeguard.returns.cin_census.rules import rules_for_year, rules_run
from safeguard.returns.cin_census.services import cin_census_export
from safeguard.returns.cin_census.years import collection_year
from safeguard.returns.forms import ReturnRunForm
from safeguard.returns.ssda903.services import ssda903_check, ssda903_export_zip
from safeguard.returns.ssda903.years import year_ending

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
            "code": code,
            "severity": rules[code].severity,
            "message": rules[code].message,
            "fields": rules[code].fields,
            "count": len(items),
            "children": [
                {"la_child_id": f.la_child_id, "person_id": f.person_id}
                for f in items
                if f.child is not None
            ][:CHILDREN_SHOWN_PER_RULE],
            "return_wide": any(f.child is None for f in items),
        }
        for code, items in by_code.items()
    ]
    return sorted(groups, key=lambda g: (g["severity"] != "ERROR", g["code"]))


def _ssda903_groups(check: dict) -> list[dict]:
    """Return the SSDA903 check's groups in the page's shape."""
    return [
        {
            "code": g["code"],
            "severity": "ERROR" if g["level"] == "error" else "QUERY",
            "message": g["message"],
            "fields": g["fields"],
            "count": g["count"],
            "children": [c for c in g["children"] if c["la_child_id"]],
            "return_wide": any(not c["la_child_id"] for c in g["children"]),
        }
        for g in check["groups"]
    ]


@login_required
@require_GET
def returns_home(request):
    _require(request.user)
    form = ReturnRunForm(request.GET or None)
    context = {"form": form}
    if request.GET:
        if not form.is_valid():
            return render(request, "returns/home.html", context, status=400)
        if form.cleaned_data["return_code"] == "ssda903":
            try:
                year_903 = year_ending(form.cleaned_data["year"])
            except ValueError as error:
                form.add_error("year", str(error))
                return render(request, "returns/home.html", context, status=400)
            check = ssda903_check(year=year_903)
            context.update(
                title=f"SSDA903 {year_903.name}",
                specification=year_903.specification,
                download="Download the CSV files (zip)",
                children=check["children"],
                groups=_ssda903_groups(check),
                errors=check["errors"],
                queries=check["queries"],
            )
        else:
            year = collection_year(form.cleaned_data["year"])
            rules = rules_for_year(year.end_year)
            cin_return = cin_return_build(year=year)
            failures = rules_run(cin_return, rules, year=year)
            context.update(
                title=f"Children in need census {year.label}",
                specification=year.specification,
                download="Download the XML file",
                children=len(cin_return.children),
                groups=_grouped(failures, rules),
                errors=sum(1 for f in failures if f.severity == "ERROR"),
                queries=sum(1 for f in failures if f.severity != "ERROR"),
            )
        context.update(
            ran=True,
            return_code=form.cleaned_data["return_code"],
            end_year=form.cleaned_data["year"],
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
    if form.cleaned_data["return_code"] == "ssda903":
        try:
            year_903 = year_ending(form.cleaned_data["year"])
        except ValueError as error:
            form.add_error("year", str(error))
            return render(request, "returns/home.html", {"form": form}, status=400)
        response = HttpResponse(
            ssda903_export_zip(year=year_903, user=request.user), content_type="application/zip"
        )
        end = form.cleaned_data["year"]
        response["Content-Disposition"] = f'attachment; filename="SSDA903_{end}.zip"'
        return response
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
