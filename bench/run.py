"""Run Safeguard's benchmarks against a freshly generated synthetic authority.

    python -m bench.run [--children N] [--seed S] [--only NAME] [--keep]

For each database (an SQLite file under /tmp always; PostgreSQL too when DATABASE_URL is set,
in a throwaway database `safeguard_bench_<pid>` on that server) a worker process migrates, generates
the authority, then runs every `bench/bench_<name>.py` module (or only --only NAME). A module
exposes:

    TITLE = "Foundation"                   # its section heading in docs/benchmarks.md
    def run(context: dict) -> dict          # {figure label: number}; context below
    def notes(results: dict) -> str         # optional: markdown under the table;
                                            # results = {database: figures}

context: children, seed, database ("sqlite" / "postgresql"), generation_seconds,
stage_seconds ({stage: seconds}), rows ({table: rows}).

The runner then rewrites each module's "## TITLE" section of docs/benchmarks.md (other
sections are kept) with the machine, the date and a table of figures per database.
"""

import argparse
import importlib
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
# One name per run: helpers on one machine may run benchmarks at the same time.
BENCH_DATABASE = f"safeguard_bench_{os.getpid()}"
RESULT_MARK = "BENCH-RESULT "


def bench_modules(only: str | None = None) -> list[str]:
    """Return the names of the benchmark modules (bench_<name>), sorted, or just those named.

    only is one name or several separated by commas ("clocks,performance").
    """
    names = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    if only:
        wanted = [n if n.startswith("bench_") else f"bench_{n}" for n in only.split(",")]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            raise SystemExit(f"No benchmark called {unknown[0]!r}; there are: {', '.join(names)}")
        names = wanted
    return names


def machine() -> dict[str, str]:
    """Return what the figures were measured on."""
    memory = ""
    cpu = platform.processor()
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "uname": " ".join(platform.uname()[:3] + (platform.uname().machine,)),
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "python": platform.python_version(),
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def _postgres_bench_url(url: str) -> str:
    """Create an empty throwaway database on the server of `url`; return its URL."""
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}"')
        conn.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))


def _drop_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}"')


def run_worker(args) -> None:
    """Migrate, generate and run the benchmarks in this process; print the results as JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from safeguard.synthetic.services import authority_generate

    call_command("migrate", verbosity=0, interactive=False)
    from safeguard.synthetic.selectors import authority_current

    authority = authority_current() if args.reuse else None
    if authority is not None and (authority.children, authority.seed) == (args.children, args.seed):
        # A kept database from an earlier run: measure again without generating again.
        generation_seconds = authority.duration_seconds
    else:
        started = time.perf_counter()
        authority = authority_generate(
            children=args.children,
            seed=args.seed,
            show_progress=True,
            replace=True,
            only_stages=args.stages.split(",") if args.stages else None,
        )
        generation_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rows = {}
    with connection.cursor() as cursor:
        for table in [
            "people_person",
            "people_address",
            "people_personaddress",
            "people_relationship",
            "accounts_user",
        ]:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
            rows[table] = cursor.fetchone()[0]
    context = {
        "children": args.children,
        "seed": args.seed,
        "database": connection.vendor,
        "generation_seconds": generation_seconds,
        "stage_seconds": getattr(authority, "stage_seconds", {}),
        "rows": rows,
    }
    results = {}
    for name in bench_modules(args.only):
        module = importlib.import_module(f"bench.{name}")
        print(f"Running {name} on {connection.vendor} ...", file=sys.stderr)
        results[name] = module.run(context)
    print(RESULT_MARK + json.dumps({"database": connection.vendor, "results": results}))


def _spawn(url: str, args) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "false"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
    command = [
        sys.executable,
        "-m",
        "bench.run",
        "--worker",
        "--children",
        str(args.children),
        "--seed",
        str(args.seed),
    ]
    if args.only:
        command += ["--only", args.only]
    if args.stages:
        command += ["--stages", args.stages]
    if args.reuse:
        command += ["--reuse", args.reuse]
    done = subprocess.run(  # noqa: S603
        command, cwd=Path.cwd(), env=env, stdout=subprocess.PIPE, text=True, check=True
    )
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK) :])
    raise SystemExit("The benchmark worker printed no results")


def _format(value) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if value >= 100 else f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def section(
    name: str, by_database: dict[str, dict], args, where: dict[str, str]
) -> tuple[str, str]:
    """Return (title, markdown section) for one benchmark module's results."""
    module = importlib.import_module(f"bench.{name}")
    title = getattr(module, "TITLE", name.removeprefix("bench_").title())
    databases = list(by_database)
    labels: list[str] = []
    for figures in by_database.values():
        labels += [label for label in figures if label not in labels]
    lines = [
        f"## {title}",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with "
        f"`python -m bench.run --children {args.children} --seed {args.seed}"
        f"{' --only ' + args.only if args.only else ''}"
        f"{' --stages ' + args.stages if args.stages else ''}"
        f"{' --databases ' + args.databases if args.databases else ''}`.",
        "",
        f"Machine: {where['uname']}; {where['cpu']}; {where['cores']} cores; {where['memory']} "
        f"memory; Python {where['python']}; load average at the end {where['load']} (the "
        "machine is shared, so figures are pessimistic when the load is above the core count).",
        "",
        "| figure | " + " | ".join(databases) + " |",
        "|---|" + "---:|" * len(databases),
    ]
    for label in labels:
        cells = [_format(by_database[db].get(label, "")) for db in databases]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    notes = getattr(module, "notes", None)
    if notes is not None:
        lines += ["", notes(by_database).strip()]
    return title, "\n".join(lines) + "\n"


def write_section(title: str, text: str) -> None:
    """Replace the section headed "## title" in docs/benchmarks.md, or append it."""
    content = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    lines = content.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == f"## {title}"), None)
    if start is None:
        content = content.rstrip("\n") + "\n\n" + text
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        content = (
            "".join(lines[:start])
            + text
            + ("\n" if end < len(lines) else "")
            + "".join(lines[end:])
        )
    DOCS.write_text(content)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--only", help="Run one benchmark module, e.g. foundation")
    parser.add_argument(
        "--stages",
        help="Generate only these stages, comma-separated (e.g. staff,people for search)",
    )
    parser.add_argument(
        "--databases",
        help="Run on these only, comma-separated: sqlite, postgresql (needs DATABASE_URL)",
    )
    parser.add_argument(
        "--reuse",
        metavar="DATABASE_URL",
        help="Measure a database kept by an earlier --keep run (same --children and --seed)",
    )
    parser.add_argument("--keep", action="store_true", help="Keep the generated databases")
    parser.add_argument("--no-docs", action="store_true", help="Print, do not write the docs")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        run_worker(args)
        return

    names = bench_modules(args.only)
    targets = {"sqlite": f"sqlite:////tmp/safeguard-bench-{args.children}-{os.getpid()}.sqlite3"}
    postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    if postgres and not args.reuse:
        targets["postgresql"] = _postgres_bench_url(os.environ["DATABASE_URL"])
    if args.reuse:
        vendor = "sqlite" if args.reuse.startswith("sqlite") else "postgresql"
        targets = {vendor: args.reuse}
        args.keep = True
    if args.databases:
        chosen = args.databases.split(",")
        if unknown := [d for d in chosen if d not in targets]:
            there = ", ".join(targets)
            raise SystemExit(f"No database {unknown[0]!r} to run on; there are: {there}")
        targets = {d: url for d, url in targets.items() if d in chosen}
    by_module: dict[str, dict[str, dict]] = {name: {} for name in names}
    for database, url in targets.items():
        if database == "sqlite" and not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        try:
            outcome = _spawn(url, args)
        finally:
            if args.keep:
                print(f"Kept the {database} database: {url}", file=sys.stderr)
            else:
                if database == "sqlite":
                    for suffix in ("", "-wal", "-shm"):
                        Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
                else:
                    _drop_postgres(url)
        for name, figures in outcome["results"].items():
            by_module[name][database] = figures
        # Say what this database gave now: a later database may take long or fail.
        print(f"{database}: {json.dumps(outcome['results'], default=str)}", file=sys.stderr)
    where = machine()
    for name in names:
        title, text = section(name, by_module[name], args, where)
        print(text)
        if not args.no_docs:
            write_section(title, text)


if __name__ == "__main__":
    main()
