"""Every form posted empty, with garbage, with far-future dates: no 500, nothing half-written.

A persona who can open the page posts to it (for a view with no page, the first persona the
view does not refuse). When the answer is the form again (200, errors shown), no row of any
case table may have been added or removed.
"""

import pytest

from .support import case_tables, clients_for, counts, form_fields, server_errors
from .test_crawl import ROUTES, _values

# Who tries first: the broadest practice and management rights first.
POSTERS = (
    "team_manager",
    "social_worker",
    "senior_manager",
    "chair",
    "screener",
    "early_help",
    "analyst",
    "admin",
    "partner",
)
LONG_TEXT = "x" * 20_000
FAR_FUTURE = "9999-12-31"
# {(route name, variant): the bug} for failures in apps still being written.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def _garbage(fields) -> dict:
    """Return a value for every field that its kind cannot accept."""
    data = {}
    for name, (kind, _options) in fields.items():
        if kind == "date":
            data[name] = "31/02/notadate"
        elif kind in ("number", "range"):
            data[name] = "twelve"
        elif kind in ("select", "radio", "checkbox"):
            data[name] = "ZZ-not-a-code"
        elif kind == "datetime-local":
            data[name] = "yesterday at teatime"
        elif kind == "file":
            continue
        else:
            data[name] = LONG_TEXT
    return data


def _future(fields) -> dict:
    """Return plausible values, but every date far in the future."""
    data = {}
    for name, (kind, options) in fields.items():
        real = [o for o in options if o]
        if kind == "date":
            data[name] = FAR_FUTURE
        elif kind == "datetime-local":
            data[name] = f"{FAR_FUTURE}T10:00"
        elif kind in ("number", "range"):
            data[name] = "1"
        elif kind in ("select", "radio", "checkbox"):
            if real:
                data[name] = real[0]
        elif kind in ("file", "hidden"):
            continue
        else:
            data[name] = "Smoke test"
    return data


# {path: (form fields, the first persona who can open it)}: the three variants ask once.
_PAGES: dict[str, tuple[dict, str | None]] = {}

VARIANTS = {"empty": lambda fields: {}, "garbage": _garbage, "future": _future}


def _params():
    for route in ROUTES:
        if not route.login_required:
            continue
        for variant in VARIANTS:
            marks = []
            if (route.name, variant) in KNOWN_BUGS:
                marks.append(
                    pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[(route.name, variant)])
                )
            yield pytest.param(route, variant, id=f"{route.name}-{variant}", marks=marks)


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "variant"), list(_params()))
def test_bad_post_never_fails_and_writes_nothing(route, variant, smoke):
    values = _values(route, smoke)["real"]
    if values is None:
        pytest.skip("the generated authority has no record of this kind")
    path = route.path(values)
    clients = clients_for(smoke.sessions)
    tables = case_tables()
    problems = []
    with server_errors() as caught:
        # Given the first persona who can open the page, and the fields of its form
        if path not in _PAGES:
            _PAGES[path] = ({}, None)
            for persona in POSTERS:
                page = clients[persona].get(path)
                if page.status_code == 200:
                    fields = form_fields(page.content.decode(errors="replace"))
                    _PAGES[path] = (fields, persona)
                    break
        fields, poster = _PAGES[path]
        for persona in [poster] if poster else POSTERS:
            before = counts(tables)
            # When they post bad input
            response = clients[persona].post(path, VARIANTS[variant](fields))
            status = response.status_code
            if status == 405:
                return  # the view takes no POST
            if status in (403, 404) and poster is None:
                continue  # not this persona's view: try the next
            # Then it is never a server error
            if status >= 500:
                problems.append(f"{persona} POST {path} ({variant}): {status}")
            # and a form shown again with its errors has written nothing
            if status == 200:
                after = counts(tables)
                changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
                if changed:
                    problems.append(
                        f"{persona} POST {path} ({variant}) re-rendered but changed {changed}"
                    )
            break
    assert not problems, "\n".join(problems + caught)


@pytest.mark.django_db
def test_the_fuzz_reads_the_fields_of_a_real_form(smoke):
    # Given the page for recording a visit, as a social worker
    route = next(r for r in ROUTES if r.name == "casework:visit_create")
    client = clients_for(smoke.sessions)["social_worker"]
    page = client.get(route.path(_values(route, smoke)["real"]))
    # When its form is read, then the garbage reaches its date, choice and text fields
    kinds = {kind for kind, _options in form_fields(page.content.decode()).values()}
    assert {"date", "select"} <= kinds, kinds
