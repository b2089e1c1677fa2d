"""The synthetic authority's geography: where its made-up postcodes lie, and the look-up file."""

import csv
import itertools
import math
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from safeguard.looked_after.models import CareEpisode
from safeguard.looked_after.synthetic import OWN_POSTCODE_AREA, POSTCODE_AREAS
from safeguard.returns.ssda903.exporter import ssda903_return_build
from safeguard.returns.ssda903.lookups import METRES_PER_MILE, postcodes_read
from safeguard.returns.ssda903.reader import Return
from safeguard.returns.ssda903.validation import errors, ssda903_validate_return
from safeguard.returns.ssda903.years import year_ending
from safeguard.synthetic import geography, names
from safeguard.synthetic.selectors import postcodes_recorded
from safeguard.synthetic.services import authority_generate

OWN = {"la": "330", "ons_la": "E08000025"}
# The SSDA903 rules that read the postcode look-up.
POSTCODE_RULES = {"164", "169", "179", "243", "392a", "392c", "406", "411", "420", "454", "1015"}


def _sample_postcodes():
    """Yield postcodes of every kind the generator makes: homes (XS) and placements."""
    for area in [names.POSTCODE_AREA, *POSTCODE_AREAS]:
        for district, sector, unit in itertools.product((1, 17, 40), (1, 9), ("AB", "ZX")):
            yield f"{area}{district} {sector}{unit}"


def _miles(a, b) -> float:
    return math.hypot(a.easting - b.easting, a.northing - b.northing) / METRES_PER_MILE


def test_the_same_postcode_always_lies_in_the_same_place():
    # Given each postcode, written with and without its space and in lower case
    for postcode in _sample_postcodes():
        first = geography.postcode_place(postcode, **OWN)
        # Then it gives the same place each time, however written
        assert geography.postcode_place(postcode.replace(" ", "").lower(), **OWN) == first
    # and different postcodes lie in different places
    points = {(p.easting, p.northing) for p in geography.places(_sample_postcodes(), **OWN)}
    assert len(points) == len(list(_sample_postcodes()))


def test_homes_and_own_provision_lie_in_the_authority_and_the_rest_next_door():
    # Given a home address postcode and a placement in the authority's own area
    home = geography.postcode_place(f"{names.POSTCODE_AREA}12 3AB", **OWN)
    own = geography.postcode_place(f"{OWN_POSTCODE_AREA}7 1ZZ", **OWN)
    # Then both lie in the authority, with its DfE and ONS codes
    assert (home.la, home.ons_la) == (own.la, own.ons_la) == ("330", "E08000025")
    # and a placement in another area lies in that area's authority
    assert geography.postcode_place("WS3 4AB", **OWN).la == "335"
    assert geography.postcode_place("WR3 4AB", **OWN).ons_la == "E07000237"
    # and every placement area but the authority's own is some other authority
    others = {geography.postcode_place(f"{a}1 1AA", **OWN).la for a in POSTCODE_AREAS}
    assert others - {"330"} == {a.dfe_code for a in geography.NEIGHBOURS.values()}
    # and the authority's code follows the one given
    assert geography.postcode_place("XS1 1AA", la="335", ons_la="E08000030").la == "335"


def test_distances_from_home_are_plausible():
    # Given every home and placement postcode of the sample
    rows = geography.places(_sample_postcodes(), **OWN)
    homes = [p for p in rows if p.postcode.startswith(names.POSTCODE_AREA)]
    placed = [p for p in rows if not p.postcode.startswith(names.POSTCODE_AREA)]
    miles = [_miles(h, p) for h in homes for p in placed]
    # Then none is as far as the 350 miles the DfE queries, nor even 50
    assert max(miles) < 50
    # and most placements lie within 20 miles of home, some further
    assert sum(m <= 20 for m in miles) > len(miles) / 2
    assert any(m > 20 for m in miles)
    # and a placement in the authority's own area is within 12 miles of any home
    own = [p for p in placed if p.la == "330"]
    assert own and max(_miles(h, p) for h in homes for p in own) < 12


def test_the_authority_codes_come_from_the_setting_or_are_given(settings):
    settings.SAFEGUARD_LA_CODE = 330
    assert geography.authority_codes() == ("330", "E08000025")
    assert geography.authority_codes(ons_code="e08000030") == ("330", "E08000030")
    with pytest.raises(ValueError, match="letter and eight digits"):
        geography.authority_codes(ons_code="330")
    settings.SAFEGUARD_LA_CODE = 999
    with pytest.raises(geography.UnknownOnsCode, match="999"):
        geography.authority_codes()


def _read(path):
    with path.open(newline="") as f:
        return list(csv.reader(f))


@pytest.mark.django_db
def test_the_command_writes_every_recorded_postcode(tmp_path, settings):
    settings.SAFEGUARD_LA_CODE = 330
    # Given a small generated authority
    authority_generate(children=300, seed=5, years=2, as_of=date(2026, 3, 31))
    recorded = postcodes_recorded()
    # When its look-up is written in both forms
    plain, ons = tmp_path / "postcodes.csv", tmp_path / "onspd.csv"
    call_command("synthetic_postcodes", "--out", str(plain), stdout=_Sink())
    call_command("synthetic_postcodes", "--out", str(ons), "--ons", stdout=_Sink())
    rows, ons_rows = _read(plain), _read(ons)
    # Then it holds one row per postcode the records use, with DfE or ONS codes
    assert rows[0] == ["POSTCODE", "LA", "EASTING", "NORTHING"]
    assert ons_rows[0] == ["pcd", "laua", "oseast1m", "osnrth1m"]
    assert {r[0] for r in rows[1:]} == {geography.normalised(pc) for pc in recorded}
    assert [r[0] for r in rows[1:]] == [r[0] for r in ons_rows[1:]]
    assert {r[1] for r in ons_rows[1:]} >= {"E08000025"}
    # and the validator's reader takes it, placing every episode's postcodes
    lookup = postcodes_read(plain)
    episodes = CareEpisode._base_manager.values_list("home_postcode", "placement_postcode")
    assert episodes
    for home, placed in episodes:
        assert lookup.la(placed) is not None
        if home:
            assert lookup.la(home) == "330"
    # and the authority's own provision lies in its area
    own = CareEpisode._base_manager.filter(placement_provider="PR1")
    assert own.exists()
    assert {lookup.la(pc) for pc in own.values_list("placement_postcode", flat=True)} == {"330"}
    # and writing it again gives the same file
    again = tmp_path / "again.csv"
    call_command("synthetic_postcodes", "--out", str(again), stdout=_Sink())
    assert again.read_bytes() == plain.read_bytes()

    # When the 2025/26 SSDA903 is checked with the look-up and the authority's code
    year = year_ending(2026)
    tables = ssda903_return_build(year=year)
    failures = ssda903_validate_return(
        ret=Return(tables=tables), year=year, postcodes=lookup, la="330"
    )
    # Then no postcode rule reports an error
    assert len(tables["Episodes"]) > 10
    assert [(f.code, f.child) for f in errors(failures) if f.code in POSTCODE_RULES] == []


@pytest.mark.django_db
def test_the_command_refuses_a_database_without_a_synthetic_authority(tmp_path):
    out = tmp_path / "postcodes.csv"
    with pytest.raises(CommandError, match="no synthetic authority"):
        call_command("synthetic_postcodes", "--out", str(out), stdout=_Sink())
    assert not out.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--out", "{tmp}"], "must name a file"),
        (["--out", "{tmp}/no/such/p.csv"], "does not exist"),
        (["--out", "{tmp}/p.csv", "--ons-la", "330"], "letter and eight digits"),
    ],
)
def test_the_command_refuses_bad_arguments(arguments, message, tmp_path):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in arguments]
    with pytest.raises(CommandError, match=message):
        call_command("synthetic_postcodes", *argv, stdout=_Sink())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_ons_codes_need_the_authority_ons_code_where_unknown(tmp_path, settings):
    settings.SAFEGUARD_LA_CODE = 999
    out = tmp_path / "onspd.csv"
    with pytest.raises(CommandError, match="--ons-la"):
        call_command("synthetic_postcodes", "--out", str(out), "--ons", stdout=_Sink())
    assert not out.exists()


def test_the_generator_letters_are_those_the_geography_knows():
    # A new placement area added to the generator needs a place on the map.
    assert set(POSTCODE_AREAS) - {OWN_POSTCODE_AREA} == set(geography.NEIGHBOURS)


class _Sink:
    def write(self, text):
        pass

    def flush(self):
        pass
