"""Front door: "is this child known?" latency and recall, the queue and the consistency report.

For QUERIES children drawn with a fixed seed, the benchmark types the child as a screener
might get them wrong: a surname typo (one letter changed), the date of birth with day and month
swapped (where that is a real date), or a nickname; sometimes with the postcode. Each call of
`match_candidates` (blocking, scoring with rapidfuzz, and the open episodes and plans of the
top five) is timed as a MASH screener. Recall: how often the real child is the top candidate,
or in the top three.
"""

import random
import statistics
import time
from datetime import date

TITLE = "Front door"
QUERIES = 200
TARGET_MS = 200

_REVERSE_NICKNAMES = {}


def _time_ms(func):
    started = time.perf_counter()
    result = func()
    return (time.perf_counter() - started) * 1000, result


def _typo(name: str, rng: random.Random) -> str:
    if len(name) < 4:
        return name
    i = rng.randrange(1, len(name) - 1)
    letter = rng.choice("aeiouyrsnt".replace(name[i].lower(), ""))
    return name[:i] + letter + name[i + 1 :]


def _variant(person, postcode: str, rng: random.Random):
    from safeguard.front_door.matching import NICKNAMES, MatchQuery, day_month_swapped

    if not _REVERSE_NICKNAMES:
        for short, formal in NICKNAMES.items():
            _REVERSE_NICKNAMES.setdefault(formal, short)
    first, last, dob = person.first_name, person.last_name, person.date_of_birth
    kind = rng.choice(["surname typo", "swapped date of birth", "nickname"])
    if kind == "surname typo":
        last = _typo(last, rng)
    elif kind == "swapped date of birth" and day_month_swapped(dob):
        dob = day_month_swapped(dob)
    else:
        first = _REVERSE_NICKNAMES.get(first.lower(), _typo(first, rng)).capitalize()
    return MatchQuery(
        first_name=first,
        last_name=last,
        date_of_birth=dob,
        postcode=postcode if rng.random() < 0.3 else "",
    )


def run(context: dict) -> dict:
    """Return match latency (median, p95, max), recall, and the queue and report timings."""
    from django.db.models import Max, Min

    from safeguard.accounts.choices import Role
    from safeguard.accounts.models import User
    from safeguard.casework.allocations import unallocated_queue_entries
    from safeguard.front_door.models import Contact, PersonMatchKey, ScreeningDecision
    from safeguard.front_door.selectors import match_candidates, threshold_consistency
    from safeguard.people.choices import PersonKind
    from safeguard.people.models import Person, PersonAddress

    rng = random.Random(context["seed"])
    screener = User.objects.filter(role=Role.MASH_SCREENER, is_active=True).order_by("pk").first()
    ids = list(
        Person.objects.filter(
            kind=PersonKind.CHILD, is_restricted=False, date_of_birth__isnull=False
        ).values_list("pk", flat=True)
    )
    sample = Person.objects.in_bulk(rng.sample(ids, min(QUERIES, len(ids))))
    postcodes = dict(
        PersonAddress.objects.filter(person_id__in=list(sample), end_date__isnull=True).values_list(
            "person_id", "address__postcode"
        )
    )
    timings, top1, top3, candidates = [], 0, 0, []
    match_candidates(user=screener, query=_variant(next(iter(sample.values())), "", rng))  # warm
    for pk, person in sample.items():
        query = _variant(person, postcodes.get(pk, ""), rng)
        ms, found = _time_ms(lambda q=query: match_candidates(user=screener, query=q))
        timings.append(ms)
        ranked = [c.person.pk for c in found]
        top1 += ranked[:1] == [pk]
        top3 += pk in ranked[:3]
        candidates.append(len(found))
    timings.sort()
    queue_ms, queue = _time_ms(lambda: unallocated_queue_entries(as_of=date.today()))
    span = ScreeningDecision.objects.aggregate(first=Min("decided_at"), last=Max("decided_at"))
    report_ms = 0.0
    if span["first"]:
        report_ms, _ = _time_ms(
            lambda: threshold_consistency(
                date_from=span["last"].date().replace(day=1).replace(month=1),
                date_to=span["last"].date(),
            )
        )
    return {
        "children": context["children"],
        "contacts": Contact.objects.count(),
        "screening decisions": ScreeningDecision.objects.count(),
        "match keys": PersonMatchKey.objects.count(),
        "front_door generator stage, seconds": context["stage_seconds"].get("front_door", 0),
        "match queries": len(timings),
        "match median, ms": round(statistics.median(timings), 1),
        "match p95, ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "match max, ms": round(timings[-1], 1),
        f"match p95 under {TARGET_MS} ms": "yes"
        if timings[int(len(timings) * 0.95) - 1] < TARGET_MS
        else "NO",
        "real child ranked first, %": round(100 * top1 / len(timings), 1),
        "real child in top three, %": round(100 * top3 / len(timings), 1),
        "unallocated queue (all teams), ms": round(queue_ms, 1),
        "unallocated queue, cases": len(queue),
        "consistency report (year to date, by screener), ms": round(report_ms, 1),
    }


def notes(results: dict) -> str:
    """Say what the figures measure."""
    return (
        f"Each match query is one of {QUERIES} generated children typed with a surname typo, "
        "the day and month of birth swapped, or a nickname (30% with the postcode), searched "
        "as a MASH screener through `front_door.selectors.match_candidates`: blocking on date "
        "of birth (and its swap), NHS number, postcode and phonetic surname keys "
        "(`PersonMatchKey`), rapidfuzz Jaro-Winkler scoring, and the open episodes and plans "
        "of the top five. The queue time is `casework.allocations.unallocated_queue_entries`."
    )
