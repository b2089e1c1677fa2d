"""Which producers can say anything about some children, found with one cheap query.

Most children have records in few of the tables the producers read: a child known only from
a contact has no episode, plan, care episode or missing episode. Before a recompute runs the
producers for a few children, one query asks, for every table the producers declared as their
sources (registry.PRODUCER_SOURCES), whether it holds a row for any of them; each test is an
index lookup on the table's person column. A producer none of whose sources holds a row is
skipped: it would have yielded nothing for these children.
"""

from collections.abc import Sequence
from functools import lru_cache

from django.db import connection

from safeguard.compliance.registry import PRODUCER_SOURCES, Producer, Source

# Beyond this many children the producers' own bulk queries are cheaper than one more test
# per table per child, and the parameters would outgrow what a database accepts.
MAX_CHECKED = 500


@lru_cache(maxsize=256)
def _exists_sql(sources: tuple[Source, ...], count: int, vendor: str) -> str:
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * count)
    tests = []
    for model, field in sources:
        column = model._meta.get_field(field).column
        tests.append(
            f"EXISTS (SELECT 1 FROM {quote(model._meta.db_table)} "  # noqa: S608
            f"WHERE {quote(column)} IN ({marks}))"
        )
    return "SELECT " + ", ".join(tests)


def sources_with_rows(sources: Sequence[Source], person_ids: Sequence[int]) -> set[Source]:
    """Return which of the source tables hold a row for at least one of these people."""
    sources = tuple(dict.fromkeys(sources))
    if not sources or not person_ids:
        return set()
    sql = _exists_sql(sources, len(person_ids), connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, list(person_ids) * len(sources))
        found = cursor.fetchone()
    return {source for source, held in zip(sources, found, strict=True) if held}


def producers_with_records(producers: Sequence[Producer], person_ids: Sequence[int]) -> list:
    """Return the producers that may yield a clock for these people, in their order.

    A producer that declared no sources is always kept; so is every producer when there are
    more than MAX_CHECKED children.
    """
    if len(person_ids) > MAX_CHECKED:
        return list(producers)
    declared = [source for p in producers for source in PRODUCER_SOURCES.get(p, ())]
    held = sources_with_rows(declared, person_ids)
    return [
        p
        for p in producers
        if p not in PRODUCER_SOURCES or any(s in held for s in PRODUCER_SOURCES[p])
    ]
