"""Failing cases for the SSDA903 rules that read last year's return, Ofsted's providers or
postcodes (and those of that group that turned out to need this year's files alone).

The clean return is given clean extra inputs (`clean_inputs`): last year's return holding
CHILDB (in care then too, the episode open at 31 March 2025), a provider list and a postcode
look-up that agree with every episode, and the authority's LA code. Each change below breaks
one rule; changes find rows by child, so new rows in the clean return do not move them.
"""

import dataclasses
from datetime import date

from safeguard.returns.ssda903.lookups import Place, Postcodes, Provider, Providers
from safeguard.returns.ssda903.reader import Return
from safeguard.returns.tests.ssda903_fixtures import A_DOB, B_DOB, A, B, E, add, both, cell

OWN_LA = "E08000025"
OTHER_LA = "E08000026"
NOBODY = "NOBODY"


def clean_inputs(tables: dict) -> dict:
    """Return last year's return, the look-ups and the LA code that the clean return passes."""
    header = [dict(r) for r in tables["Header"] if r["CHILD"] == B]
    episodes = [
        {**r, "DEC": "", "REC": "", "REASON_PLACE_CHANGE": ""}
        for r in tables["Episodes"]
        if r["CHILD"] == B
    ]
    previous = Return(tables={name: [] for name in tables})
    previous.tables.update(Header=header, Episodes=episodes)
    # Each URN allows every placement and provider code its episodes give.
    providers: dict[str, Provider] = {}
    for r in tables["Episodes"]:
        if not r["URN"] or r["URN"] == "XXXXXXX":
            continue
        known = providers.get(r["URN"])
        providers[r["URN"]] = Provider(
            urn=r["URN"],
            place_codes=frozenset({r["PLACE"]}) | (known.place_codes if known else frozenset()),
            provider_codes=frozenset({r["PLACE_PROVIDER"]})
            | (known.provider_codes if known else frozenset()),
            registration_ended=None,
            postcode=r["PL_POST"].replace(" ", ""),
            las=frozenset({OTHER_LA if r["PLACE_PROVIDER"] == "PR2" else OWN_LA}),
        )
    postcodes = sorted({r[c] for r in tables["Episodes"] for c in ("HOME_POST", "PL_POST") if r[c]})
    # A few miles apart, all in the authority's own area.
    places = {pc: Place(OWN_LA, 400_000 + 1_000 * n, 280_000) for n, pc in enumerate(postcodes)}
    return {
        "previous": previous,
        "providers": Providers(list(providers.values())),
        "postcodes": Postcodes(places),
        "la": OWN_LA,
    }


def _row(rows: list[dict], child: str, n: int = 0) -> dict:
    return [r for r in rows if r["CHILD"] == child][n]


def first(table: str, child: str, column: str, value: str, n: int = 0):
    """Change the child's first (or n-th) row of a table in this year's return."""

    def change(t):
        _row(t[table], child, n)[column] = value

    return change


def last_year(table: str, child: str, column: str, value: str):
    """Change the child's first row of a table in last year's return."""

    def change(t):
        _row(t["previous"].tables[table], child)[column] = value

    return change


def add_last_year(table: str, row: dict):
    def change(t):
        t["previous"].tables[table].append(dict(row))

    return change


def provider(urn: str, **values):
    """Change one provider on the list."""

    def change(t):
        by_urn = t["providers"].by_urn
        by_urn[urn] = dataclasses.replace(by_urn[urn], **values)

    return change


def place(postcode: str, **values):
    """Change where the postcode look-up puts a postcode."""

    def change(t):
        places = t["postcodes"].places
        key = postcode.replace(" ", "")
        places[key] = dataclasses.replace(places[key], **values)

    return change


class _EverywhereIn(Postcodes):
    """A look-up whose location disagrees with its own LA: the only way 411 can fail."""

    def location(self, postcode, la):
        return "IN"


def _location_disagrees(t):
    t["postcodes"] = _EverywhereIn(t["postcodes"].places)
    place(_row(t[E], B)["PL_POST"], la=OTHER_LA)(t)


def _without_episodes_of(child: str):
    def change(t):
        t[E][:] = [r for r in t[E] if r["CHILD"] != child]

    return change


A_HEADER = {
    "CHILD": A,
    "SEX": "F",
    "DOB": A_DOB,
    "ETHNIC": "WBRI",
    "UPN": "A123456789012",
    "MOTHER": "0",
    "MC_DOB": "",
}
B_PL_POST = "AB7 8JK"

FAILING = {
    # Last year's return.
    "202": last_year("Header", B, "SEX", "F"),
    "203": last_year("Header", B, "DOB", "02/01/2008"),
    "204": last_year("Header", B, "ETHNIC", "WIRI"),
    "207": last_year("Header", B, "MOTHER", "1"),
    "208": last_year("Header", B, "UPN", "A123456789012"),
    "205A": add_last_year("UASC", {"CHILD": B, "SEX": "M", "DOB": B_DOB, "DUC": "01/01/2026"}),
    "205B": both(
        add_last_year("Header", A_HEADER),
        add_last_year("UASC", {"CHILD": A, "SEX": "F", "DOB": A_DOB, "DUC": "01/06/2030"}),
    ),
    "205C": add("UASC", f"{NOBODY},F,{A_DOB},01/05/2030"),
    "205D": add_last_year("Header", A_HEADER),
    "576": add_last_year(
        "Missing",
        {"CHILD": A, "DOB": A_DOB, "MISSING": "M", "MIS_START": "01/03/2025", "MIS_END": ""},
    ),
    "1000": first(E, B, "REC", "E2"),
    "1001": first(E, B, "REC", "E11"),
    "1002": cell("OC3", 0, "CHILD", NOBODY),
    "1010": _without_episodes_of(B),
    # This year's files alone.
    "1003": first("PlacedAdoption", A, "DATE_PLACED", "01/01/2024"),
    "1007": both(first(E, B, "DEC", ""), first(E, B, "REC", "")),
    "1009": first(E, A, "REASON_PLACE_CHANGE", "MOVED"),
    "1011": first(E, B, "REC", "E3"),
    "1012": add("Reviews", f"{NOBODY},{A_DOB},01/07/2025,PN1"),
    "1014": both(add("UASC", f"{B},M,{B_DOB},01/01/2026"), first(E, B, "DEC", "01/03/2025")),
    "1016": first(E, B, "DEC", "01/02/2026"),
    "225": first(E, A, "REASON_PLACE_CHANGE", ""),
    "222": first(E, B, "URN", "SC111111"),
    "242": first(E, B, "URN", "XXXXXXX"),
    # Ofsted's provider list.
    "1008": first(E, A, "URN", "SC999999"),
    "219": first(E, A, "PLACE", "U5"),
    "221": both(first(E, A, "PLACE", "K2", n=1), first(E, A, "PL_POST", "AB1 2CD", n=1)),
    "224": first(E, A, "PLACE_PROVIDER", "PR5"),
    "227": provider("SC123456", registration_ended=date(2024, 5, 1)),
    "228": provider("SC654321", registration_ended=date(2026, 1, 1)),
    "229": provider("SC123456", las=frozenset({OTHER_LA})),
    "241": both(first(E, A, "PLACE", "K3", n=1), provider("SC654321", las=frozenset({OTHER_LA}))),
    # Postcodes and what is derived from them (B is not UASC; A is).
    "164": place(B_PL_POST, easting=2_500_000),
    "169": first(E, B, "PL_POST", "ZZ9 9ZZ"),
    "179": first(E, B, "PL_POST", "ZZ9 9ZZ"),
    "392a": first(E, B, "PL_POST", "ZZ9 9ZZ"),
    "392b": first(E, B, "HOME_POST", ""),
    "392c": first(E, B, "HOME_POST", "ZZ9 9ZZ"),
    "392d": first(E, B, "PL_POST", "AB1 2CD"),
    "411": _location_disagrees,
    "1015": both(first(E, B, "PLACE_PROVIDER", "PR1"), place(B_PL_POST, la=OTHER_LA)),
    "243": both(first(E, B, "URN", "SC111111"), place(B_PL_POST, la="SCO")),
}
