"""Returns: the CIN census export, built-in validation and import, and the open validator.

On the generated authority: export the 2025/26 census (bulk reads, streamed XML); validate the
file with the built-in rules (read, schema, 109 rules); import it as new children (every
LAchildID prefixed "X", so every row is created) inside a transaction that is rolled back.
Then a 10,000-child file (the export's children repeated under new LAchildIDs when the
authority's census holds fewer) is validated by the built-in rules and by data-to-insight's
csc-validator-be-cin, if installed in its own venv at /tmp/cinval (never a project
dependency), and the ratio reported.

Also runnable on an existing generated database (no regeneration):
    DATABASE_URL=sqlite:////tmp/x.sqlite3 python -m bench.bench_returns_cin
"""

import copy
import os
import subprocess
import tempfile
import time
from pathlib import Path

TITLE = "Returns: CIN census"
OPEN_VALIDATOR = Path(os.environ.get("CIN_VALIDATOR_PYTHON", "/tmp/cinval/bin/python"))  # noqa: S108
JUDGE_CHILDREN = 10_000


def _timed(func):
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def _prefixed(source: Path, target: Path) -> None:
    text = source.read_text(encoding="utf-8")
    target.write_text(text.replace("<LAchildID>", "<LAchildID>X"), encoding="utf-8")


def _ten_thousand(source: Path, target: Path, children: int = JUDGE_CHILDREN) -> int:
    """Write a file of `children` children: the export's, repeated under new LAchildIDs."""
    from lxml import etree

    tree = etree.parse(str(source))
    holder = tree.find("Children")
    originals = list(holder)
    if not originals:
        return 0
    copies = len(originals)
    round_no = 1
    while copies < children:
        for child in originals:
            if copies >= children:
                break
            twin = copy.deepcopy(child)
            la_id = twin.find("ChildIdentifiers/LAchildID")
            la_id.text = f"R{round_no}{la_id.text}"[:20]
            for upn in twin.iterfind("ChildIdentifiers/UPN"):
                upn.getparent().remove(upn)  # a repeated UPN would break rule 1520
                etree.SubElement(twin.find("ChildIdentifiers"), "UPNunknown").text = "UN5"
            holder.append(twin)
            copies += 1
        round_no += 1
    _reorder_identifiers(holder)
    tree.write(str(target), xml_declaration=True, encoding="utf-8")
    return copies


def _reorder_identifiers(holder) -> None:
    order = [
        "LAchildID",
        "UPN",
        "FormerUPN",
        "UPNunknown",
        "PersonBirthDate",
        "ExpectedPersonBirthDate",
        "Sex",
        "PersonDeathDate",
    ]
    for ids in holder.iterfind("Child/ChildIdentifiers"):
        items = sorted(ids, key=lambda e: order.index(e.tag))
        for e in items:
            ids.append(e)


def run(context: dict) -> dict:
    from django.db import transaction

    from safeguard.returns.cin_census.importer import cin_census_import
    from safeguard.returns.cin_census.reader import cin_return_read
    from safeguard.returns.cin_census.rules import rules_for_year, rules_run
    from safeguard.returns.cin_census.services import (
        cin_census_export,
        cin_census_validate_file,
    )
    from safeguard.returns.cin_census.years import collection_year

    year = collection_year(2026)
    figures: dict[str, float | int | str] = {}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        out = folder / "cin.xml"
        seconds, result = _timed(lambda: cin_census_export(year=year, out=out))
        figures["children in the 2025/26 census"] = result.children
        figures["export (build, 109 rules, write), seconds"] = seconds
        figures["file size, MB"] = out.stat().st_size / 1e6
        seconds, report = _timed(lambda: cin_census_validate_file(path=out))
        figures["validate file (read, schema, rules), seconds"] = seconds
        figures["validate file: ERROR failures"] = len(report.errors)
        figures["validate file: QUERY failures"] = len(report.failures) - len(report.errors)
        fresh = folder / "fresh.xml"
        _prefixed(out, fresh)

        class Rollback(Exception):
            pass

        try:
            with transaction.atomic():
                seconds, imported = _timed(lambda: cin_census_import(path=fresh))
                raise Rollback
        except Rollback:
            pass
        figures["import as new children (one transaction), seconds"] = seconds
        figures["import: rows created"] = sum(imported.created.values())

        big = folder / "cin_10k.xml"
        count = _ten_thousand(out, big)
        figures["judge file children"] = count
        seconds, _ = _timed(lambda: cin_census_validate_file(path=big))
        figures["built-in validation of the judge file, seconds"] = seconds
        parse_s, read = _timed(lambda: cin_return_read(big, check_schema=False))
        rules_s, _ = _timed(lambda: rules_run(read.cin_return, rules_for_year(2026), year=year))
        figures["  of which: read, seconds"] = parse_s
        figures["  of which: 109 rules, seconds"] = rules_s
        if OPEN_VALIDATOR.exists():
            seconds, done = _timed(
                lambda: subprocess.run(  # noqa: S603 - our own path and arguments
                    [
                        str(OPEN_VALIDATOR),
                        "-m",
                        "cin_validator",
                        "run",
                        str(big),
                        "-r",
                        "cin2025_26",
                    ],
                    capture_output=True,
                    cwd=folder,
                    check=False,
                )
            )
            figures["open validator (csc-validator-be-cin) same file, seconds"] = seconds
            figures["open validator exit code"] = done.returncode
            figures["speed-up of built-in over open validator"] = (
                seconds / figures["built-in validation of the judge file, seconds"]
            )
        else:
            figures["open validator (csc-validator-be-cin) same file, seconds"] = "not installed"
    return figures


def notes(results: dict) -> str:
    return (
        "Export = bulk reads of the year's episodes and items (a dozen queries), the 109 "
        "2025/26 rules run over the in-memory return, and the XML streamed with "
        "lxml.etree.xmlfile. The judge file repeats the census's children under new LAchildIDs "
        "(without their UPNs) until it holds 10,000, because a generated authority's census "
        "holds about 6% of its children. The open validator is data-to-insight's "
        "csc-validator-be-cin 0.1.13 (`python -m cin_validator run FILE -r cin2025_26`), "
        "run in its own venv; its time includes its start-up and reading the XML."
    )


if __name__ == "__main__":
    import argparse
    import sys
    from datetime import UTC, datetime

    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
    django.setup()
    from bench.run import _format, machine, write_section
    from safeguard.people.models import Person

    parser = argparse.ArgumentParser(description="CIN census benchmark on the current database")
    parser.add_argument("--write", action="store_true", help="Write docs/benchmarks.md")
    args = parser.parse_args()
    children = Person.objects.filter(kind="child").count()
    figures = run({"children": children})
    database = django.db.connection.vendor
    where = machine()
    lines = [
        f"## {TITLE}",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `python -m bench.bench_returns_cin` "
        f"on a generated authority of {children:,} children (seed 42, three years of history; "
        "not the 300,000 asked for: generating that takes longer than the time there was).",
        "",
        f"Machine: {where['uname']}; {where['cpu']}; {where['cores']} cores; {where['memory']} "
        f"memory; Python {where['python']}; load average at the end {where['load']} (shared "
        "machine: figures are pessimistic when the load is above the core count).",
        "",
        f"| figure | {database} |",
        "|---|---:|",
    ]
    lines += [f"| {label} | {_format(value)} |" for label, value in figures.items()]
    lines += ["", notes({database: figures})]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        write_section(TITLE, text)
