"""Foundation: generator throughput and person-search latency on the generated authority.

Searches go through `safeguard.people.selectors.person_search` as a social worker (who may see
every child except restricted records not granted to them): by surname, by first name and
surname with date of birth, by NHS number and by LA child ID, each for QUERIES different
children drawn with a fixed seed (fewer if a kind takes over BUDGET_SECONDS). Each search is
timed to the last row fetched.
"""

import random
import statistics
import time
from functools import partial

TITLE = "Foundation"
QUERIES = 50
# A search kind stops early after this long, so that a slow one cannot take an hour.
BUDGET_SECONDS = 60
TARGET_MS = 200


def _time_ms(func) -> float:
    started = time.perf_counter()
    func()
    return (time.perf_counter() - started) * 1000


def run(context: dict) -> dict:
    """Return generator throughput and the median and p95 of each kind of person search."""
    from safeguard.accounts.choices import Role
    from safeguard.accounts.models import User
    from safeguard.people.models import Person
    from safeguard.people.selectors import person_search

    figures = {
        "children": context["children"],
        "people (children and adults)": context["rows"]["people_person"],
        "generation, seconds": round(context["generation_seconds"], 1),
        "generator throughput, children/s": round(
            context["children"] / context["generation_seconds"]
        ),
    }
    for stage, seconds in context["stage_seconds"].items():
        figures[f"stage {stage}, seconds"] = seconds

    user = User.objects.filter(role=Role.SOCIAL_WORKER).order_by("pk").first()
    rng = random.Random(context["seed"])
    ids = list(
        Person.objects.filter(kind="child", date_of_birth__isnull=False, is_restricted=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sample = list(
        Person.objects.filter(pk__in=rng.sample(ids, QUERIES)).values(
            "pk", "first_name", "last_name", "date_of_birth", "nhs_number", "la_child_id"
        )
    )
    searches = {
        "name": lambda p: {"name": p["last_name"]},
        "name + date of birth": lambda p: {
            "name": f"{p['first_name']} {p['last_name']}",
            "date_of_birth": p["date_of_birth"],
        },
        "NHS number": lambda p: {"nhs_number": p["nhs_number"]},
        "LA child ID": lambda p: {"la_child_id": p["la_child_id"]},
    }
    for label, criteria in searches.items():
        for person in sample[:5]:  # warm the caches the way a running server would be
            list(person_search(user=user, **criteria(person)))
        timings = []
        found = 0
        budget_ends = time.perf_counter() + BUDGET_SECONDS
        for person in sample:
            if time.perf_counter() > budget_ends:
                break
            rows: list = []
            search = partial(person_search, user=user, **criteria(person))
            timings.append(_time_ms(lambda search=search, rows=rows: rows.extend(search())))
            found += any(row.pk == person["pk"] for row in rows)
        timings.sort()
        figures[f"search by {label}: median ms"] = round(statistics.median(timings), 1)
        figures[f"search by {label}: p95 ms"] = round(
            timings[max(0, round(len(timings) * 0.95) - 1)], 1
        )
        figures[f"search by {label}: queries timed"] = len(timings)
        if label != "name":  # a surname alone matches more people than a page of results
            figures[f"search by {label}: found the child"] = f"{found}/{len(timings)}"
    return figures


def notes(results: dict) -> str:
    """Say whether each search meets the 200 ms target; for those that do not, why."""
    slow = [
        f"{label.split(':')[0]} on {database} (p95 {value:.0f} ms)"
        for database, figures in results.items()
        for label, value in figures.items()
        if label.endswith("p95 ms") and value >= TARGET_MS
    ]
    stages = sorted(
        {label[6:-9] for figures in results.values() for label in figures if label[:6] == "stage "}
    )
    generation = (
        f"Generation ran these stages: {', '.join(stages)}; the generator makes about 1.9 people "
        "(children and the adults they live with) per child, with addresses and relationships. "
        "It is CPU-bound on one core, so the figure falls when other work shares the machine."
    )
    if not slow:
        return (
            f"{generation}\n\nEvery search's p95 is under the {TARGET_MS} ms target on every "
            "database."
        )
    return (
        f"{generation}\n\nOver the {TARGET_MS} ms target: " + "; ".join(slow) + ".\n\n" + WHY_SLOW
    )


WHY_SLOW = """\
Why, and the fix (the people app's to make: its selector and indexes). Searches by NHS number
and by name with date of birth use an index. Searches by name and by LA child ID do not:

- `la_child_id__iexact` is `UPPER(la_child_id) = UPPER(%s)` on PostgreSQL and `LIKE %s` on
  SQLite; neither can use the plain unique index, so both read every row.
- A name search is `istartswith` on surname OR first name OR `EXISTS` (other names). The
  `OR ... EXISTS` stops either database from combining indexes, so with `ORDER BY last_name,
  first_name LIMIT 50` both walk the (last_name, first_name) index through the whole table,
  filtering each row (EXPLAIN: "Index Scan using people_pers_last_na_c63c6e_idx ... Rows
  Removed by Filter: 486081").

Tried on the same two databases, under the same load (about 9 on 2 cores):

1. Indexes. PostgreSQL: `UPPER(last_name) varchar_pattern_ops`, `UPPER(first_name)
   varchar_pattern_ops` on people_person and people_personname, and `UPPER(la_child_id)`.
   SQLite: the same columns `COLLATE NOCASE` (SQLite's case-insensitive LIKE uses only a NOCASE
   index). In Django: `Index(OpClass(Upper("last_name"), name="varchar_pattern_ops"), ...)`
   (django.contrib.postgres) on PostgreSQL; a migration that checks the vendor for SQLite.
2. The name filter as `pk__in` a UNION of the two name matches (each with `.order_by()`
   cleared), instead of `Q | Exists`.

Measured: LA child ID 3 ms (SQLite) and 8-13 ms (PostgreSQL), from 11-14 s and 3-4 s. Name
"Smith" (3,500 matches) 45 ms and 160 ms; "Oliver Smith" 40 ms and 30-180 ms; a two-letter
prefix ("Mo", ~20,000 matches) 110 ms and 450-620 ms (surname searches took 2.5-8 s and
1.7-3.2 s before). A two-letter name search stays over the target on PostgreSQL under this
load; requiring three letters for a surname-only search, or a trigram index, would close it.
"""
