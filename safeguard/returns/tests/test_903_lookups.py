"""The SSDA903 validation's extra inputs: last year's return, Ofsted's providers, postcodes.

Given a return and the inputs some rules read, when validated from the command line or from
the records, then those rules run only with their input, and a bad input file is refused with a
message that says what is wrong and where.
"""

import copy
import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safeguard.returns.ssda903.exporter import ssda903_write
from safeguard.returns.ssda903.lookups import (
    LookupFileError,
    la_code,
    postcodes_read,
    providers_read,
)
from safeguard.returns.ssda903.previous import year_before
from safeguard.returns.ssda903.reader import Return
from safeguard.returns.ssda903.rules import Context, run
from safeguard.returns.ssda903.rules.y2025_26 import RULES
from safeguard.returns.ssda903.rules.y2025_26 import postcodes as postcode_rules
from safeguard.returns.ssda903.rules.y2025_26 import previous_year as previous_rules
from safeguard.returns.ssda903.rules.y2025_26 import providers as provider_rules
from safeguard.returns.ssda903.services import ssda903_check
from safeguard.returns.ssda903.years import year_ending
from safeguard.returns.tests import test_903_rules
from safeguard.returns.tests.cases_903_lookups import FAILING, OWN_LA
from safeguard.returns.tests.ssda903_fixtures import B, clean_return

YEAR = year_ending(2026)
# The input each rule cannot run without (the rules that read only this year's files, and
# 1000, which reads last year's episodes when given, are not here).
NEEDS = {
    **{code: "previous" for code in ("202", "203", "204", "205A", "205B", "205C", "205D")},
    **{code: "previous" for code in ("207", "208", "576", "1001", "1002", "1010")},
    **{code: "providers" for code in ("1008", "219", "221", "224", "227", "228", "229", "241")},
    **{code: "postcodes" for code in ("164", "169", "179", "392a", "392c", "411", "1015", "243")},
}


def _given() -> dict:
    """Return the clean return with every case module's inputs, as the rule tests give it."""
    given = test_903_rules._given()
    del given["DoLo"]
    return given


def _check(code: str, given: dict) -> list:
    tables = {k: v for k, v in given.items() if k not in Context.INPUTS}
    inputs = {k: v for k, v in given.items() if k in Context.INPUTS}
    return list(RULES.rules[code].check(Context(Return(tables=tables), YEAR, **inputs)))


def test_every_rule_of_the_group_is_in_a_module_of_its_input():
    modules = {code: RULES.rules[code].check.__module__ for code in NEEDS}
    expected = {
        "previous": previous_rules.__name__,
        "providers": provider_rules.__name__,
        "postcodes": postcode_rules.__name__,
    }
    # 241 reads the providers and the postcodes; 243 is on Ofsted's area, read from postcodes.
    assert {code: m for code, m in modules.items() if m != expected[NEEDS[code]]} == {}


@pytest.mark.parametrize("code", sorted(NEEDS))
def test_rule_reports_nothing_without_its_input(code):
    # Given the change that makes the rule fail, when its input is not given,
    changed = copy.deepcopy(_given())
    FAILING[code](changed)
    assert _check(code, changed), "the failing case must fail with every input given"
    changed[NEEDS[code]] = None
    # then the rule reports nothing.
    assert _check(code, changed) == []


def test_authority_code_is_needed_to_compare_with_its_own_area():
    changed = copy.deepcopy(_given())
    FAILING["1015"](changed)
    changed["la"] = None
    assert _check("1015", changed) == []


def test_a_rule_can_point_at_rows_of_other_files():
    # Given a review of a child with no episode this year, when every rule runs,
    tables = clean_return()
    del tables["DoLo"]
    FAILING["1012"](tables)
    failures = [f for f in run(RULES, Return(tables=tables), YEAR) if f.code == "1012"]
    # then 1012 names the reviews file and its line.
    assert [(f.file, f.line, f.child) for f in failures] == [("reviews.csv", 3, "NOBODY")]


def test_year_before():
    before = year_before(YEAR)
    assert (before.name, before.start, before.end) == (
        "2024/25",
        date(2024, 4, 1),
        date(2025, 3, 31),
    )


# Look-up files.


def test_providers_file_read(tmp_path):
    path = tmp_path / "providers.csv"
    path.write_text(
        "urn,place_codes,provider_codes,reg_end,postcode,la,name\n"
        "SC123456,K2/R3,PR4;PR5,31/12/2025,ab3 4ef,,A home\n"
        "SC654321,U6,PR4,,AB5 6GH,E08000025/S12000033,\n"
    )
    providers = providers_read(path)
    home = providers.get("sc123456")
    assert home.place_codes == {"K2", "R3"} and home.provider_codes == {"PR4", "PR5"}
    assert home.registration_ended == date(2025, 12, 31) and home.postcode == "AB34EF"
    assert providers.get("SC654321").las == {"E08000025", "SCO"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("URN,PLACE_CODES,POSTCODE\nSC1,K2,AB1\n", "no PROVIDER_CODES, REG_END columns"),
        ("URN,PLACE_CODES,PROVIDER_CODES,REG_END,POSTCODE\n,K2,PR4,,AB1\n", "line 2: no URN"),
        (
            "URN,PLACE_CODES,PROVIDER_CODES,REG_END,POSTCODE\nSC1,K2,PR4,2025-12-31,AB1\n",
            "line 2: REG_END '2025-12-31' is not dd/mm/YYYY",
        ),
    ],
)
def test_bad_providers_file_is_refused(tmp_path, text, message):
    path = tmp_path / "providers.csv"
    path.write_text(text)
    with pytest.raises(LookupFileError, match=message):
        providers_read(path)


def test_postcodes_file_read_with_onspd_names(tmp_path):
    path = tmp_path / "onspd.csv"
    path.write_text(
        "pcd,pcds,oslaua,oseast1m,osnrth1m,ctry\n"
        "B1  1AA,B1 1AA,E08000025,406000,286000,E92000001\n"
        "B2  2BB,B2 2BB,E08000025,409000,290000,E92000001\n"
        "EH1 1AA,EH1 1AA,S12000036,325000,673000,S92000003\n"
        "XX1 1XX,XX1 1XX,,,,\n"
    )
    postcodes = postcodes_read(path)
    assert len(postcodes) == 3  # a postcode with no authority places nothing
    # 3 km east and 4 km north: 5 km, 3.1 miles.
    assert postcodes.miles("b11aa", "B2 2BB") == 3.1
    assert postcodes.la("EH1 1AA") == "SCO"
    assert postcodes.location("B1 1AA", "e08000025") == "IN"
    assert postcodes.location("EH1 1AA", "E08000025") == "OUT"
    assert postcodes.location("ZZ9 9ZZ", "E08000025") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("POSTCODE,LA\nB1 1AA,E08000025\n", "no EASTING, NORTHING columns"),
        ("POSTCODE,LA,EASTING,NORTHING\nB1 1AA,E08000025,east,1\n", "line 2: EASTING 'east'"),
        ("POSTCODE,LA,EASTING,NORTHING\n,E08000025,1,1\n", "line 2: no POSTCODE"),
    ],
)
def test_bad_postcodes_file_is_refused(tmp_path, text, message):
    path = tmp_path / "postcodes.csv"
    path.write_text(text)
    with pytest.raises(LookupFileError, match=message):
        postcodes_read(path)


def test_unreadable_file_is_refused(tmp_path):
    (tmp_path / "latin.csv").write_bytes(
        "POSTCODE,LA,EASTING,NORTHING\nB1,\xe9,1,1\n".encode("latin-1")
    )
    with pytest.raises(LookupFileError, match="not a UTF-8 CSV file"):
        postcodes_read(tmp_path / "latin.csv")
    with pytest.raises(LookupFileError, match="Cannot read Providers file"):
        providers_read(tmp_path / "missing.csv")


def test_la_code_reads_other_nations():
    assert [la_code(c) for c in (" e08000025 ", "W06000015", "N09000003", "330", "sco")] == [
        "E08000025",
        "WAL",
        "NIR",
        "330",
        "SCO",
    ]


# The command.


@pytest.fixture
def folders(tmp_path):
    """Write the clean return, last year's, and its look-ups as files; return their paths."""
    given = _given()
    tables = {k: v for k, v in given.items() if k not in Context.INPUTS}
    this, last = tmp_path / "this", tmp_path / "last"
    ssda903_write(tables=tables, year=YEAR, out_dir=this)
    ssda903_write(tables=given["previous"].tables, year=year_before(YEAR), out_dir=last)
    providers = tmp_path / "providers.csv"
    providers.write_text(
        "URN,PLACE_CODES,PROVIDER_CODES,REG_END,POSTCODE,LA\n"
        + "".join(
            f"{p.urn},{'/'.join(p.place_codes)},{'/'.join(p.provider_codes)},,{p.postcode},"
            f"{'/'.join(p.las)}\n"
            for p in given["providers"].by_urn.values()
        )
    )
    postcodes = tmp_path / "postcodes.csv"
    postcodes.write_text(
        "POSTCODE,LA,EASTING,NORTHING\n"
        + "".join(
            f"{pc},{p.la},{p.easting},{p.northing}\n" for pc, p in given["postcodes"].places.items()
        )
    )
    return {"this": this, "last": last, "providers": providers, "postcodes": postcodes}


def _validate(folders, *options) -> str:
    out = io.StringIO()
    call_command("validate_ssda903", str(folders["this"]), *options, stdout=out, stderr=out)
    return out.getvalue()


def test_command_passes_the_clean_return_with_every_input(folders):
    output = _validate(
        folders,
        "--previous",
        str(folders["last"]),
        "--providers",
        str(folders["providers"]),
        "--postcodes",
        str(folders["postcodes"]),
        "--la",
        OWN_LA,
    )
    assert "0 failures" in output


def test_command_compares_with_last_year_only_when_given(folders):
    # Given last year's header recorded the child's sex differently,
    header = folders["last"] / "header.csv"
    header.write_text(header.read_text().replace(f"{B},M,", f"{B},F,"))
    # when validated without last year's return, then nothing compares them;
    assert "0 failures" in _validate(folders)
    # when validated with it, then 202 fails and the command exits with an error.
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 SSDA903 validation errors"):
        call_command(
            "validate_ssda903", str(folders["this"]), "--previous", str(folders["last"]), stdout=out
        )
    assert "202 header.csv line 3 child CHILDB [SEX]" in out.getvalue()


def test_command_reads_look_ups_and_reports_by_them(folders):
    # Given an episode whose URN is not on the provider list,
    episodes = folders["this"] / "episodes.csv"
    episodes.write_text(episodes.read_text().replace("SC123456", "SC999999"))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "validate_ssda903",
            str(folders["this"]),
            "--providers",
            str(folders["providers"]),
            stdout=out,
        )
    assert "1008 episodes.csv line 2 child CHILDA [URN]" in out.getvalue()


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--previous", "Last year's return \\(2024/25\\) in .* cannot be used"),
        ("--providers", "Cannot read Providers file"),
        ("--postcodes", "Cannot read Postcodes file"),
    ],
)
def test_command_refuses_a_missing_input(folders, tmp_path, option, message):
    with pytest.raises(CommandError, match=message):
        _validate(folders, option, str(tmp_path / "nowhere"))


def test_command_refuses_a_look_up_with_the_wrong_header(folders):
    folders["postcodes"].write_text("postcode,district\nB1 1AA,E08000025\n")
    with pytest.raises(CommandError, match="no LA, EASTING, NORTHING columns"):
        _validate(folders, "--postcodes", str(folders["postcodes"]))


def test_command_warns_when_no_postcode_is_in_the_authority(folders):
    output = _validate(folders, "--postcodes", str(folders["postcodes"]), "--la", "330")
    assert "No postcode in" in output and "lies in LA 330" in output


# From the records.


def test_check_from_the_records_compares_with_last_year_built_from_them(db):
    from safeguard.returns.tests.test_903_export_import import make_looked_after_authority

    # Given an authority whose care leaver (LA0003) has no episode of care in either year,
    make_looked_after_authority()
    # when the page checks the 2025/26 return (last year's built from the records),
    result = ssda903_check(year=YEAR)
    # then 1002 queries that care leaver, and stops nothing (a query, not an error).
    (group,) = [g for g in result["groups"] if g["code"] == "1002"]
    assert [c["la_child_id"] for c in group["children"]] == ["LA0003"]
    assert group["level"] == "query"
