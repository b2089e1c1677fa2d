"""Returns: SSDA903 export and built-in validation times, and the open validator's for scale.

Builds the 2025/26 return from the records (a few bulk reads), writes its CSV files, reads them
back and runs every built-in rule. When Data to Insight's validator is installed in its own
virtual environment (SSDA903_JUDGE_PYTHON, default /tmp/val903/bin/python) it is run on the
same files and its time and flagged rules recorded; it is never a project dependency.
"""

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

TITLE = "Returns: SSDA903"
JUDGE = Path(__file__).resolve().parent.parent / "safeguard/returns/ssda903/judge/run_903_judge.py"


def run(context: dict) -> dict:
    from safeguard.returns.ssda903.exporter import ssda903_return_build, ssda903_write
    from safeguard.returns.ssda903.validation import errors, ssda903_validate
    from safeguard.returns.ssda903.years import year_ending

    year = year_ending(2026)
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        started = time.perf_counter()
        tables = ssda903_return_build(year=year)
        ssda903_write(tables=tables, year=year, out_dir=out)
        figures["export s"] = round(time.perf_counter() - started, 2)
        figures["children in return"] = len(tables["Header"])
        figures["episodes"] = len(tables["Episodes"])
        started = time.perf_counter()
        _, failures = ssda903_validate(folder=out, year=year)
        figures["built-in validation s"] = round(time.perf_counter() - started, 2)
        figures["built-in errors"] = len(errors(failures))
        # The judge lives in a throwaway venv the operator made (see the module docstring).
        judge = os.environ.get("SSDA903_JUDGE_PYTHON", "/tmp/val903/bin/python")  # noqa: S108
        if Path(judge).exists():
            started = time.perf_counter()
            done = subprocess.run(  # noqa: S603 - our own script, the operator's interpreter
                [judge, str(JUDGE), str(out), "--year", "2026"],
                capture_output=True,
                text=True,
                check=False,
            )
            figures["open validator s"] = round(time.perf_counter() - started, 2)
            try:
                report = json.loads(done.stdout.split("JUDGE-JSON", 1)[1])
                figures["open validator rules flagged"] = len(report["flagged"])
            except (ValueError, IndexError):
                figures["open validator rules flagged"] = -1
            if figures["built-in validation s"]:
                figures["speed-up (open / built-in)"] = round(
                    figures["open validator s"] / figures["built-in validation s"], 1
                )
    return figures


def notes(results: dict) -> str:
    return (
        "Export: the 2025/26 return from the records. Built-in validation: reading the CSV "
        "files and running every rule held (docs/returns.md lists them). The open validator "
        "(csc-validator-be-903, 316 rules, in /tmp/val903) runs on the same files in its own "
        "process, including its start-up; what it flags is explained in docs/returns.md."
    )
