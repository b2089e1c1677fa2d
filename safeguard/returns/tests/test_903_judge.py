"""The independent judge (Data to Insight's csc-validator-be-903), run only where installed.

It pins old pandas, so it lives in its own virtual environment (docs/returns.md says how) and
this test skips when that environment is absent: CI does not depend on it.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

from safeguard.returns.ssda903.exporter import ssda903_return_build, ssda903_write
from safeguard.returns.ssda903.years import year_ending
from safeguard.returns.tests.test_903_export_import import make_looked_after_authority

JUDGE_PYTHON = Path(os.environ.get("SSDA903_JUDGE_PYTHON", "/tmp/val903/bin/python"))  # noqa: S108
RUNNER = Path(__file__).resolve().parents[1] / "ssda903/judge/run_903_judge.py"
# Explained in docs/returns.md: rules that look real postcodes up (the test's postcodes are made
# up), and SW12STG2, which as written flags every child looked after at 31 March whose current
# episode is not the one that began the period of care.
EXPLAINED = {"164", "169", "179", "392a", "392c", "1015", "SW12STG2"}


@pytest.mark.skipif(not JUDGE_PYTHON.exists(), reason="csc-validator-be-903 venv not installed")
def test_judge_flags_only_explained_rules_on_a_clean_export(db, tmp_path):
    # Given a clean small authority's 2025/26 export,
    make_looked_after_authority()
    year = year_ending(2026)
    ssda903_write(tables=ssda903_return_build(year=year), year=year, out_dir=tmp_path)
    # when the open validator runs all its 2025/26 rules on the files,
    done = subprocess.run(  # noqa: S603 - our script, the operator's interpreter
        [str(JUDGE_PYTHON), str(RUNNER), str(tmp_path), "--year", "2026"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    report = json.loads(done.stdout.split("JUDGE-JSON", 1)[1])
    # then it flags nothing beyond the explained rules.
    assert report["rules"] == 316
    assert set(report["flagged"]) - EXPLAINED == set(), report["messages"]
