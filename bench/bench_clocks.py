"""Clocks: full rebuild, one child's recompute, and a manager's team view.

What is measured, on the generated authority:
1. `clocks_rebuild()` with the producers the domain apps have registered (their real clocks).
2. The same with a bench-only producer added that yields CLOCKS_PER_CHILD clocks for every
   child (working days, school days, calendar days, weeks, months and hours; 1 child in 30
   has open clocks, the rest are history), so that the counting and the bulk merge are
   measured at a larger scale than the generated records alone give. Then a second rebuild
   with nothing changed, and the ratio of the rebuild to a bare numpy `busday_offset` pass over
   the same number of start dates (the arithmetic floor).
3. `clocks_recompute(person_ids=[child])` for RECOMPUTE_SAMPLE children (the producers with
   records for the child).
4. The "Team work" page (view + template, no HTTP stack) for the manager of the team with the
   most open clocks, and "My work" for its busiest worker.
The bench clocks are removed at the end (a final rebuild with the real producers only).
"""

import os
import random
import statistics
import time
from datetime import date, datetime, timedelta

TITLE = "Clocks"
CLOCKS_PER_CHILD = 6
RECOMPUTE_SAMPLE = 200
VIEW_REPEATS = 20
_BENCH_RULES = (
    # (rule code, hourly?) — one per unit.
    ("SINGLE_ASSESSMENT", False),  # working days
    ("CP_VISIT", False),  # working days (local)
    ("PEP_REVIEW", False),  # school days
    ("ALLOCATION", False),  # calendar days
    ("LAC_VISIT", False),  # weeks
    ("RHI_OFFER", True),  # hours
)
_EPOCH = date(2016, 4, 1)


def bench_producer_factory(as_of: date):
    """Return a producer yielding CLOCKS_PER_CHILD bench clocks per child, from one query."""
    from django.utils import timezone

    from safeguard.accounts.choices import Role
    from safeguard.accounts.models import User
    from safeguard.compliance.registry import ClockSpec
    from safeguard.people.models import Person

    workers = list(
        User.objects.filter(role=Role.SOCIAL_WORKER, team__isnull=False)
        .order_by("pk")
        .values_list("pk", "team_id")
    ) or [(None, None)]
    span = (as_of - _EPOCH).days
    zone = timezone.get_current_timezone()

    def bench_producer(person_ids):
        people = Person.objects.filter(kind="child")
        if person_ids is not None:
            people = people.filter(pk__in=person_ids)
        for pk in people.values_list("pk", flat=True).iterator(chunk_size=20_000):
            owner_id, team_id = workers[pk % len(workers)]
            for i, (code, hourly) in enumerate(_BENCH_RULES[:CLOCKS_PER_CHILD]):
                start = _EPOCH + timedelta(days=(pk * 7919 + i * 104_729) % span)
                if hourly:
                    start = datetime(start.year, start.month, start.day, pk % 24, tzinfo=zone)
                # About 1 child in 30 is open to social care (DOMAIN.md: ~8,500 of ~280,000):
                # their clocks are open. Everyone else's are history: four in five met (the
                # assessments late, 70 days on), one in five cancelled 3 days after the start.
                history = pk % 30 != 0
                completed = cancelled = None
                if history and (pk + i) % 5:
                    completed = start + timedelta(days=70 if i == 0 else 5)
                elif history:
                    day = start.date() if hourly else start
                    cancelled = day + timedelta(days=3)
                yield ClockSpec(
                    code,
                    pk,
                    f"bench:{i}",
                    start,
                    completed=completed,
                    cancelled=cancelled,
                    owner_id=None if (pk + i) % 50 == 0 else owner_id,
                    team_id=team_id,
                    subject=f"bench:{pk}",
                    start_event="bench event",
                )

    return bench_producer


_cpu = {"last": 0.0}


def _seconds(func) -> float:
    """Return the wall-clock seconds of func(); keep its CPU seconds (this process) aside."""
    started, cpu = time.perf_counter(), time.process_time()
    func()
    _cpu["last"] = time.process_time() - cpu
    return time.perf_counter() - started


def _ms(func) -> float:
    return _seconds(func) * 1000


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, int(len(values) * 0.95) - 1)]


def numpy_floor_seconds(n: int, seed: int = 1) -> float:
    """Time a bare numpy busday_offset over n start dates with the working-day calendar."""
    import numpy as np

    from safeguard.compliance.calendar import working_calendar

    cal = working_calendar()
    rng = np.random.default_rng(seed)
    starts = np.datetime64(_EPOCH) + rng.integers(0, 3650, n).astype("timedelta64[D]")
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        np.busday_offset(starts, 15, roll="backward", busdaycal=cal.busdaycal)
        best = min(best, time.perf_counter() - started)
    return best


def _view_timings(view, user, path: str) -> list[float]:
    from django.test import RequestFactory

    factory = RequestFactory()

    def call():
        request = factory.get(path)
        request.user = user
        response = view(request)
        assert response.status_code == 200, response.status_code

    call()  # warm the template and query caches, as a running server would be
    return [_ms(call) for _ in range(VIEW_REPEATS)]


def run(context: dict) -> dict:
    """Return the rebuild, recompute and work-list figures (see the module docstring)."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from safeguard.accounts.models import Team, User
    from safeguard.compliance import views
    from safeguard.compliance.models import Clock
    from safeguard.compliance.registry import PRODUCERS
    from safeguard.compliance.services import clocks_rebuild, clocks_recompute
    from safeguard.people.models import Person

    figures: dict = {"children": context["children"]}
    # Other work on the machine changes every wall-clock figure: say how busy it was.
    figures["load average (1 min) at start"] = round(os.getloadavg()[0], 1)
    real_producers = PRODUCERS[:]
    figures["registered producers"] = len(real_producers)

    seconds = _seconds(lambda: clocks_rebuild())
    figures["rebuild, registered producers only: clocks"] = Clock.objects.count()
    figures["rebuild, registered producers only: seconds"] = round(seconds, 2)
    figures["rebuild, registered producers only: CPU seconds"] = round(_cpu["last"], 2)

    bench_producer = bench_producer_factory(timezone.localdate())
    PRODUCERS.append(bench_producer)
    try:
        result = {}
        seconds = _seconds(lambda: result.update(vars(clocks_rebuild())))
        clocks = Clock.objects.count()
        figures["rebuild with bench producer: clocks"] = clocks
        figures["rebuild with bench producer: clocks created"] = result["created"]
        figures["rebuild with bench producer: seconds"] = round(seconds, 2)
        figures["rebuild with bench producer: CPU seconds"] = round(_cpu["last"], 2)
        figures["rebuild with bench producer: clocks/s"] = round(clocks / seconds)
        again = _seconds(lambda: clocks_rebuild())
        figures["rebuild again, nothing changed: seconds"] = round(again, 2)
        figures["rebuild again, nothing changed: CPU seconds"] = round(_cpu["last"], 2)
        floor = numpy_floor_seconds(clocks)
        figures["bare numpy busday_offset over as many starts: seconds"] = round(floor, 4)
        figures["rebuild / numpy floor"] = round(seconds / floor)

        rng = random.Random(context["seed"])
        ids = list(Person.objects.filter(kind="child").values_list("pk", flat=True))
        sample = rng.sample(ids, min(RECOMPUTE_SAMPLE, len(ids)))
        cpu = time.process_time()
        timings = [_ms(lambda pk=pk: clocks_recompute(person_ids=[pk])) for pk in sample]
        cpu_ms = (time.process_time() - cpu) * 1000 / len(sample)
        figures["recompute one child: median ms"] = round(statistics.median(timings), 1)
        figures["recompute one child: p95 ms"] = round(_p95(timings), 1)
        figures["recompute one child: mean CPU ms (this process)"] = round(cpu_ms, 1)

        today = timezone.localdate()
        open_clocks = Q(clocks__completed_on__isnull=True, clocks__cancelled_on__isnull=True)
        team = (
            Team.objects.filter(manager__isnull=False)
            .annotate(n=Count("clocks", filter=open_clocks))
            .order_by("-n")
            .first()
        )
        if team is not None:
            manager = User.objects.get(pk=team.manager_id)
            figures["team view: open clocks in the team"] = Clock.objects.filter(
                Q(team=team) | Q(owner__team=team),
                completed_on__isnull=True,
                cancelled_on__isnull=True,
                started_on__lte=today,
            ).count()
            cpu = time.process_time()
            timings = _view_timings(views.team_work, manager, f"/work/team/?team={team.pk}")
            cpu_ms = (time.process_time() - cpu) * 1000 / (VIEW_REPEATS + 1)
            figures["team view: mean CPU ms (this process)"] = round(cpu_ms, 1)
            figures["team view: median ms"] = round(statistics.median(timings), 1)
            figures["team view: p95 ms"] = round(_p95(timings), 1)
            worker = (
                User.objects.filter(team=team)
                .annotate(n=Count("clocks", filter=open_clocks))
                .order_by("-n")
                .first()
            )
            timings = _view_timings(views.my_work, worker, "/work/")
            figures["my work (busiest worker): median ms"] = round(statistics.median(timings), 1)
    finally:
        PRODUCERS[:] = real_producers
        clocks_rebuild()
    figures["load average (1 min) at end"] = round(os.getloadavg()[0], 1)
    return figures


def notes(results: dict) -> str:
    """Say what the figures measure."""
    return (
        "The rebuild is the whole `clocks_rebuild()` in one transaction: every producer asked "
        "once for everybody, due dates counted with numpy a rule at a time, rows loaded into a "
        "temporary table and merged with set-based SQL. The bench producer adds "
        f"{CLOCKS_PER_CHILD} clocks per child (one per unit of the catalogue; 1 child in 30 "
        "open with open clocks, the rest history, met or cancelled; 1 clock in 50 unowned) on "
        "top of the registered producers' clocks, so the counting and the merge are measured "
        "at a larger scale; its own cost (one query and a ClockSpec per clock) is included. "
        "The numpy floor is a single `busday_offset` over as many start dates: the arithmetic "
        "alone. Recompute runs, for one child, the registered producers whose source tables hold "
        "a row for the child (one query of EXISTS tests decides) plus the diff and write. The "
        "views are called directly (RequestFactory), so "
        "the figures include the queries and the template but not middleware or network. "
        "CPU seconds are this process's (on SQLite that includes the database's own work, "
        "which runs in-process); they move less than wall-clock time when the machine is busy."
    )


def main() -> None:
    """Run only this benchmark through the shared runner (python -m bench.bench_clocks)."""
    from bench.run import main as run_main

    run_main(["--only", "clocks"])


if __name__ == "__main__":
    main()
