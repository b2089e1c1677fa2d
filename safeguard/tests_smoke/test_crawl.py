"""Every page, as every role and as nobody, with real, unknown and malformed ids: never a 500.

The ids come from a generated authority (see conftest.py and urlmap.py). A failure message
lists every bad response of the route with the view's traceback, so one run shows them all.
"""

import re

import pytest
from django.urls import reverse

from .support import clients_for, server_errors
from .urlmap import param_source, project_routes

ROUTES = project_routes()
# Routes that fail because of a known bug in an app still being written: {route name: reason}.
KNOWN_BUGS: dict[str, str] = {}

UNKNOWN_ID = "987654321"
MALFORMED_ID = "not-an-id"
# Unknown and malformed ids are tried as these (the real ones as every persona).
ODD_ID_PERSONAS = ("anonymous", "social_worker", "partner")


def _crawl_params(route):
    marks = []
    if route.name in KNOWN_BUGS:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[route.name]))
    return pytest.param(route, id=route.name, marks=marks)


def _values(route, smoke) -> dict[str, dict[str, str] | None]:
    """Return {variant: {param: value}}; "real" is None when the authority has no such row."""
    real: dict[str, str] | None = {}
    for _converter, param in route.params:
        ids = smoke.ids.get(param_source(route, param, smoke.ids["_sources"]) or "", [])
        if not ids:
            real = None
            break
        real[param] = ids[0]
    variants = {"real": real}
    if route.params:
        variants["unknown"] = {param: UNKNOWN_ID for _c, param in route.params}
        variants["malformed"] = {param: MALFORMED_ID for _c, param in route.params}
    return variants


@pytest.mark.django_db
def test_every_url_parameter_has_an_id_source(smoke):
    # Given every URL pattern, then each parameter maps to a kind of record
    unmapped = [
        f"{route.name}: {param}"
        for route in ROUTES
        for _converter, param in route.params
        if param_source(route, param, smoke.ids["_sources"]) is None
    ]
    assert not unmapped, f"add these to urlmap.ROUTE_SOURCES: {unmapped}"


@pytest.mark.django_db
@pytest.mark.parametrize("route", [_crawl_params(r) for r in ROUTES])
def test_get_never_fails_and_refuses_who_it_should(route, smoke):
    # Given the generated authority and a client per persona
    clients = clients_for(smoke.sessions)
    markers = re.compile("|".join(re.escape(m) for m in smoke.child_markers))
    sign_in = reverse("login")
    problems = []
    with server_errors() as caught:
        for variant, values in _values(route, smoke).items():
            if values is None:
                continue
            path = route.path(values)
            personas = clients if variant == "real" else ODD_ID_PERSONAS
            for persona in personas:
                # When the persona opens the page
                response = clients[persona].get(path)
                status = response.status_code
                # Then it is never a server error
                if status >= 500:
                    problems.append(f"{persona} GET {path} ({variant}): {status}")
                    continue
                # and nobody signed out gets past the sign-in page
                if persona == "anonymous" and route.login_required and status != 404:
                    location = response.get("Location", "")
                    if status != 302 or not location.startswith(sign_in):
                        problems.append(f"anonymous GET {path}: {status} {location}")
                # and a partner never sees a child's record
                if persona == "partner" and status == 200 and variant == "real":
                    found = markers.search(response.content.decode(errors="replace"))
                    if found:
                        problems.append(f"partner GET {path} shows {found.group()!r}")
    assert not problems, "\n".join(problems + caught)


@pytest.mark.django_db
def test_the_crawl_reaches_real_records(smoke):
    # Given the generated authority, then most routes with ids are crawled with real ones
    # (a route without rows of its kind is still crawled with unknown and malformed ids).
    with_params = [r for r in ROUTES if r.params]
    real = [r for r in with_params if _values(r, smoke)["real"] is not None]
    assert len(real) >= 0.9 * len(with_params), sorted(
        {r.name for r in with_params} - {r.name for r in real}
    )
