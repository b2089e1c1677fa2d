"""Generate a synthetic authority: the core stages, then every app's registered stages.

An app extends the generator by registering a stage in `safeguard/<app>/synthetic.py`:

    from safeguard.synthetic.registry import generator_stage

    @generator_stage(name="casework", order=20)
    def generate_episodes(ctx):
        ...

The generator imports every installed safeguard app's `synthetic` module, then runs the stages
in (order, name) order: "staff" (0) and "people" (10) first. What ctx offers is documented in
`safeguard.synthetic.context`; see also docs/how-to/extend-the-generator.md.
"""

import importlib
import importlib.util
import inspect
import time
from collections.abc import Collection
from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, transaction

from safeguard.accounts.choices import Role
from safeguard.accounts.models import Team, User
from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_bulk
from safeguard.people.models import Person
from safeguard.synthetic import stages as core_stages  # noqa: F401 (registers staff and people)
from safeguard.synthetic.context import _REAL_NOW, GenerationContext, frozen_now
from safeguard.synthetic.models import SyntheticAuthority
from safeguard.synthetic.registry import STAGES, Stage

DEFAULT_AS_OF = date(2026, 3, 31)  # a fixed "today" so that a seed gives the same data every day
DEFAULT_YEARS = 3
MAX_CHILDREN = 3_000_000  # about England's children known to social care and more: a typo guard
MAX_YEARS = 18


def generator_stages() -> list[Stage]:
    """Import every installed safeguard app's synthetic module; return the stages in order."""
    for config in apps.get_app_configs():
        if config.name.startswith("safeguard."):
            module = f"{config.name}.synthetic"
            if importlib.util.find_spec(module) is not None:
                importlib.import_module(module)
    return sorted(STAGES.values(), key=lambda stage: (stage.order, stage.name))


def generation_arguments_clean(*, children, seed, years, as_of) -> dict[str, str]:
    """Return {argument: message} for each bad generator argument (empty when all are good)."""
    errors = {}
    if isinstance(children, bool) or not isinstance(children, int) or children <= 0:
        errors["children"] = "The number of children must be a whole number of at least 1."
    elif children > MAX_CHILDREN:
        errors["children"] = (
            f"{children:,} children is more than England scale; "
            f"the most the generator makes is {MAX_CHILDREN:,}."
        )
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        errors["seed"] = "The seed must be a whole number, 0 or more."
    if isinstance(years, bool) or not isinstance(years, int) or not 0 <= years <= MAX_YEARS:
        errors["years"] = f"The years of history must be a whole number from 0 to {MAX_YEARS}."
    if not isinstance(as_of, date):
        errors["as_of"] = "The as-of date must be a date, like 2026-03-31."
    elif not date(2000, 1, 1) <= as_of <= date(2100, 12, 31):
        errors["as_of"] = "The as-of date must be between 2000-01-01 and 2100-12-31."
    return errors


@transaction.atomic
def authority_generate(
    *,
    children: int,
    seed: int,
    years: int = DEFAULT_YEARS,
    as_of: date = DEFAULT_AS_OF,
    replace: bool = False,
    show_progress: bool = False,
    only_stages: Collection[str] | None = None,
) -> SyntheticAuthority:
    """Generate a synthetic authority into this database, all or nothing.

    Refuse a database that already holds an authority unless replace is given; refuse, even
    with replace, a database holding people or teams the generator did not make. Replacing
    removes every row added since the first run (keeping what migrations loaded) first.
    only_stages runs just the named stages (tests of one stage; a real run runs them all).
    """
    errors = generation_arguments_clean(children=children, seed=seed, years=years, as_of=as_of)
    if errors:
        raise ValidationError(errors)
    existing = SyntheticAuthority.objects.order_by("-pk").first()
    if existing is None and (Person.objects.exists() or Team.objects.exists()):
        raise ValidationError(
            "This database holds people or teams the generator did not make; "
            "the generator writes only into an empty database."
        )
    if existing is not None:
        if not replace:
            raise ValidationError(
                f"This database already holds a synthetic authority ({existing.children:,} "
                f"children, seed {existing.seed}). Run again with --replace to remove it "
                "(and everything added since) and generate a new one."
            )
        baseline = existing.baseline
        _remove_generated(baseline)
    else:
        baseline = _baseline()
        _rewind_sequences()

    started = time.perf_counter()
    ctx = GenerationContext(
        seed=seed, children=children, years=years, as_of=as_of, show_progress=show_progress
    )
    seconds: dict[str, float] = {}
    with frozen_now(ctx.now):
        for stage in generator_stages():
            if only_stages is not None and stage.name not in only_stages:
                continue
            stage_started = time.perf_counter()
            ctx.begin_stage(stage.name)
            stage.func(ctx)
            ctx.sync_sequences()
            seconds[stage.name] = time.perf_counter() - stage_started
        clocks_started = time.perf_counter()
        _clocks_rebuild(show_progress=show_progress)
        seconds["clocks_rebuild"] = time.perf_counter() - clocks_started
    authority = SyntheticAuthority.objects.create(
        seed=seed,
        children=children,
        years=years,
        as_of=as_of,
        stages=", ".join(name for name in seconds if name != "clocks_rebuild"),
        generated_at=_REAL_NOW(),
        duration_seconds=round(time.perf_counter() - started, 2),
        baseline=baseline,
    )
    # Not stored: how long each stage took, for the benchmarks.
    authority.stage_seconds = {name: round(value, 2) for name, value in seconds.items()}
    audit_bulk(
        user=None,
        action=AuditAction.CREATE,
        object_type="synthetic_authority",
        summary=f"Generated a synthetic authority: {children:,} children, seed {seed}",
    )
    return authority


def _tables() -> list[tuple[str, str]]:
    """Return (table, primary key column) of every table Django manages, by table name."""
    tables = {
        model._meta.db_table: model._meta.pk.column
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(tables.items())


def _baseline() -> dict[str, int]:
    """Return {table: highest id} for tables that hold rows before the generator runs."""
    quote = connection.ops.quote_name
    baseline = {}
    with connection.cursor() as cursor:
        for table, pk in _tables():
            cursor.execute(f"SELECT MAX({quote(pk)}) FROM {quote(table)}")  # noqa: S608
            highest = cursor.fetchone()[0]
            if isinstance(highest, int) and highest > 0:
                baseline[table] = highest
    return baseline


def _remove_generated(baseline: dict[str, int]) -> None:
    """Remove every row added since the baseline, and rewind the id sequences to it.

    Foreign keys are checked at commit, so the order of tables does not matter. PostgreSQL's
    audit table refuses DELETE, so tables that were empty are TRUNCATEd (which a synthetic
    database allows: nothing in it is a real record).
    """
    quote = connection.ops.quote_name
    emptied = [table for table, _pk in _tables() if table not in baseline]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and emptied:
            # TRUNCATE refuses tables with foreign-key checks still pending in this transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                f"TRUNCATE {', '.join(quote(t) for t in emptied)} RESTART IDENTITY"  # noqa: S608
            )
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for table in emptied:
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
        for table, pk in _tables():
            if table in baseline:
                cursor.execute(
                    f"DELETE FROM {quote(table)} WHERE {quote(pk)} > %s",  # noqa: S608
                    [baseline[table]],
                )
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM sqlite_sequence")
            for table, highest in baseline.items():
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, highest]
                )
    _rewind_sequences()


def _rewind_sequences() -> None:
    """On PostgreSQL, set every generated table's id sequence to its highest id.

    Sequences are not transactional: a rolled-back transaction (a test, an aborted run) still
    advances them, so without this the same seed would give other ids.
    """
    if connection.vendor != "postgresql":
        return
    models = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def _clocks_rebuild(*, show_progress: bool) -> None:
    """Derive the statutory clocks from the generated records, if the engine is installed."""
    try:
        from safeguard.compliance import services as compliance
    except ImportError:
        return
    rebuild = getattr(compliance, "clocks_rebuild", None)
    if rebuild is None:
        return
    if "progress" in inspect.signature(rebuild).parameters:
        rebuild(progress=show_progress)
    else:
        rebuild()


def demo_sign_ins() -> list[tuple[str, str]]:
    """Return (role label, username) of the first active user of each role the demo shows."""
    shown = [
        Role.SOCIAL_WORKER,
        Role.TEAM_MANAGER,
        Role.MASH_SCREENER,
        Role.CONFERENCE_CHAIR,
        Role.PERFORMANCE_ANALYST,
        Role.PARTNER,
        Role.SYSTEM_ADMINISTRATOR,
    ]
    firsts = {}
    for role, username in (
        User.objects.filter(role__in=shown, is_active=True)
        .order_by("pk")
        .values_list("role", "username")
    ):
        firsts.setdefault(role, username)
    return [(Role(role).label, firsts[role]) for role in shown if role in firsts]
