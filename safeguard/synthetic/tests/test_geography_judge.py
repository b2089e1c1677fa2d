"""The open validator (csc-validator-be-903) given the synthetic geography, where installed.

Without a look-up it flags 169, 179, 392a, 392c and 1015 on every generated return (its ONS
postcode data does not know the made-up postcodes); given the authority's own, none of them.
"""

import json
import subprocess
from datetime import date

import pytest
from django.core.management import call_command

from safeguard.returns.ssda903.exporter import ssda903_return_build, ssda903_write
from safeguard.returns.ssda903.years import year_ending
from safeguard.returns.tests.test_903_judge import JUDGE_PYTHON, RUNNER
from safeguard.synthetic.services import authority_generate

POSTCODE_RULES = {"164", "169", "179", "243", "392a", "392c", "406", "411", "420", "454", "1015"}


def _judge(folder, *extra) -> dict:
    done = subprocess.run(  # noqa: S603 - our script, the operator's interpreter
        [str(JUDGE_PYTHON), str(RUNNER), str(folder), "--year", "2026", *extra],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return json.loads(done.stdout.split("JUDGE-JSON", 1)[1])["flagged"]


@pytest.mark.skipif(not JUDGE_PYTHON.exists(), reason="csc-validator-be-903 venv not installed")
def test_the_judge_places_generated_postcodes_with_the_look_up(db, tmp_path, settings):
    settings.SAFEGUARD_LA_CODE = 330
    # Given a generated authority's 2025/26 return and its ONSPD-style look-up
    authority_generate(children=5_000, seed=42, years=3, as_of=date(2026, 3, 31))
    year = year_ending(2026)
    out = tmp_path / "return"
    out.mkdir()
    ssda903_write(tables=ssda903_return_build(year=year), year=year, out_dir=out)
    lookup = tmp_path / "onspd.csv"
    call_command("synthetic_postcodes", "--out", str(lookup), "--ons", stdout=None)
    # When the open validator runs without the look-up, then it cannot place the postcodes
    assert {"169", "392c"} <= set(_judge(out, "--la", "E08000025"))
    # When it runs with the look-up and the authority's ONS code
    flagged = _judge(out, "--la", "E08000025", "--postcodes", str(lookup))
    # Then no postcode rule fires
    assert set(flagged) & POSTCODE_RULES == set(), flagged
    # and with another authority's code, its own provision is out of area (1015)
    assert "1015" in _judge(out, "--la", "E08000030", "--postcodes", str(lookup))
