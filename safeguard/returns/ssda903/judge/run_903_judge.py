"""Run Data to Insight's open SSDA903 validator on an exported return; print what it flags.

Not part of the project: run it with the interpreter of a throwaway virtual environment that
holds csc-validator-be-903 (it pins old pandas), e.g.

    python3 -m venv /tmp/val903 && /tmp/val903/bin/pip install csc-validator-be-903 'numpy<2' pytest
    /tmp/val903/bin/python safeguard/returns/ssda903/judge/run_903_judge.py DIR --year 2026

`--previous DIR2` gives it last year's files too (as its "Prev year" upload), so the rules
comparing the years run.

`--postcodes FILE.csv` replaces the validator's own ONS postcode data with the file (ONSPD
columns pcd,laua,oseast1m,osnrth1m, as `manage.py synthetic_postcodes --ons` writes), so the
placement LA, location and distance it derives come from that geography; `--la` then names the
authority's ONS code (upper tier, e.g. E08000025).

Prints one JSON object: {"flagged": {code: count}, "messages": {code: message}}.
"""

import argparse
import importlib
import json
from pathlib import Path

import pandas as pd
from lac_validator import datastore, lac_validator
from lac_validator.ingress import read_from_text  # noqa: F401 - imported for its side effects
from lac_validator.report import Report
from lac_validator.utils import process_uploaded_files

POSTCODE_COLUMNS = ["pcd", "laua", "oseast1m", "osnrth1m"]


class _FilePostcodes:
    """Stands in for the validator's ONS postcodes: the rows of one look-up file."""

    def __init__(self, path: Path):
        frame = pd.read_csv(path, dtype=str)
        missing = [c for c in POSTCODE_COLUMNS if c not in frame.columns]
        if missing:
            raise SystemExit(f"{path}: no column(s) {', '.join(missing)} (ONSPD names needed)")
        frame = frame[POSTCODE_COLUMNS].copy()
        frame["pcd"] = frame["pcd"].str.upper()
        for column in ("oseast1m", "osnrth1m"):
            frame[column] = frame[column].astype("float64")
        frame["pcd_abbr"] = frame["pcd"].str.replace(" ", "")
        self.dataframe = frame

    def load_postcodes(self, letters) -> None:
        # All the file's postcodes are loaded already; none come from the ONS data.
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--year", default="2026", help="Year the collection ends")
    parser.add_argument("--la", default="E09000027")
    parser.add_argument("--previous", help="Folder holding last year's files")
    parser.add_argument("--postcodes", help="Postcode look-up CSV used instead of the ONS data")
    args = parser.parse_args()
    if args.postcodes:
        datastore.postcodes = _FilePostcodes(Path(args.postcodes))
    end = int(args.year)
    ruleset = f"lac{end - 1}_{str(end)[2:]}"
    files = [str(p) for p in sorted(Path(args.folder).glob("*.csv"))]
    uploads = {"This year": files}
    if args.previous:
        uploads["Prev year"] = [str(p) for p in sorted(Path(args.previous).glob("*.csv"))]
    files_list = process_uploaded_files(uploads)
    module = importlib.import_module(f"lac_validator.rules.{ruleset}")
    registry = module.registry
    validator = lac_validator.LacValidator(
        metadata={"collectionYear": str(end), "localAuthority": args.la},
        files=files_list,
        registry=registry,
        selected_rules=None,
    )
    report = Report(validator.ds_results, registry).error_report
    flagged = report[report["Count"] > 0]
    # The validator's rules print as they run: a marker line says where the result begins.
    print("JUDGE-JSON")
    print(
        json.dumps(
            {
                "ruleset": ruleset,
                "rules": len(list(registry)),
                "skipped": [str(s) for s in validator.skips][:50],
                "flagged": {str(r.Code): int(r.Count) for r in flagged.itertuples()},
                "messages": {str(r.Code): str(r.Description) for r in flagged.itertuples()},
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
