"""Build the SSDA903 return for a collection year from the records, in a few bulk reads.

Which record feeds which column is the looked-after app's map (looked_after/ssda903.py); this
module decides who is in the return and turns values into the return's codes and dates.

Who is in it:
- Episodes: every child looked after at any time in the year, with the episodes of each period
  of care that touches the year (from its "S" episode, so the file shows where care began).
  An episode still open at 31 March, or ending after it, is exported open.
- Header: those children and the care leavers with a 17th to 21st birthday in the year (OC3).
- OC2: children looked after continuously for 12 months at 31 March (not short breaks).
- AD1: children adopted from care in the year. PrevPerm: children who started to be looked
  after in the year. Missing: missing-from-care episodes in the year.
- SWEpisodes (2024/25 on): the lead social worker allocations in the year.
"""

import csv
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

from django.utils import timezone

from safeguard.casework.models import Allocation
from safeguard.looked_after.choices import HealthEventKind
from safeguard.looked_after.models import (
    Adoption,
    CareEpisode,
    CareLeaverBirthdayRecord,
    HealthEvent,
    LookedAfterReview,
    PlacedForAdoption,
    UnaccompaniedAsylumSeekingChild,
)
from safeguard.looked_after.ssda903 import SSDA903_COLUMNS
from safeguard.missing.choices import MissingFrom
from safeguard.missing.models import MissingEpisode
from safeguard.people.models import Person
from safeguard.returns.ssda903.tables import tables_for
from safeguard.returns.ssda903.years import Year

Rows = list[dict[str, str]]
ADOPTED = frozenset({"E11", "E12"})
SHORT_BREAKS = frozenset({"V3", "V4"})


def fmt(value) -> str:
    """Return a value as the return writes it: dates dd/mm/YYYY, booleans 1/0, None blank."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _age(born: date | None, on: date) -> int:
    if born is None:
        return 0
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _birthday(born: date, age: int) -> date:
    try:
        return born.replace(year=born.year + age)
    except ValueError:  # 29 February
        return born.replace(year=born.year + age, day=28)


def _fields(table: str) -> dict[str, str]:
    """Return {column: field path} for the columns the looked-after map holds."""
    return {col: path for col, path in SSDA903_COLUMNS[table][1].items() if path}


def _periods_in_year(episodes: list[dict], year: Year) -> list[dict]:
    """Return the episodes of the periods of care that touch the year, clipped at its end."""
    episodes = [e for e in episodes if e["start_date"] <= year.end]
    keep_from = None
    for i, e in enumerate(episodes):
        if e["end_date"] is None or e["end_date"] >= year.start:
            keep_from = i
            break
    if keep_from is None:
        return []
    # Walk back to the episode that began this period of care.
    while keep_from > 0 and episodes[keep_from]["reason_new_episode"] != "S":
        keep_from -= 1
    return episodes[keep_from:]


def ssda903_return_build(*, year: Year) -> dict[str, Rows]:
    """Return the year's SSDA903 tables as {table: rows of {column: text}}."""
    episode_fields = _fields("Episodes")
    values = ["person_id", *sorted(set(episode_fields.values()) - {"person__la_child_id"})]
    touching = (
        CareEpisode.objects.active()
        .filter(start_date__lte=year.end)
        .filter(
            person_id__in=CareEpisode.objects.active()
            .filter(start_date__lte=year.end)
            .exclude(end_date__lt=year.start)
            .values("person_id")
        )
    )
    by_child: dict[int, list[dict]] = defaultdict(list)
    for e in touching.order_by("person_id", "start_date", "pk").values(*values):
        by_child[e["person_id"]].append(e)
    episodes = {pid: _periods_in_year(eps, year) for pid, eps in by_child.items()}
    episodes = {pid: eps for pid, eps in episodes.items() if eps}

    leavers = []
    for r in CareLeaverBirthdayRecord.objects.active().values(
        "person_id",
        "person__date_of_birth",
        "birthday_age",
        "in_touch",
        "activity",
        "accommodation",
    ):
        born = r["person__date_of_birth"]
        if born and year.start <= _birthday(born, r["birthday_age"]) <= year.end:
            leavers.append(r)
    cohort = set(episodes) | {r["person_id"] for r in leavers}

    people = {
        p["pk"]: p
        for p in Person.objects.filter(pk__in=cohort).values(
            "pk", "la_child_id", "sex", "date_of_birth", "ethnicity", "upn", "upn_unknown_reason"
        )
    }
    child = {pk: p["la_child_id"] or str(pk) for pk, p in people.items()}
    dob = {pk: fmt(p["date_of_birth"]) for pk, p in people.items()}
    order = sorted(cohort, key=lambda pk: child[pk])
    out: dict[str, Rows] = {t.name: [] for t in tables_for(year.name)}
    # No home postcode for a child who is or was unaccompanied (DfE guidance; rule 406): the
    # distance the DfE derives from it means nothing for a child who arrived alone.
    unaccompanied = set(
        UnaccompaniedAsylumSeekingChild.objects.active()
        .filter(person_id__in=cohort)
        .values_list("person_id", flat=True)
    )

    for pk in order:
        p = people[pk]
        out["Header"].append(
            {
                "CHILD": child[pk],
                "SEX": p["sex"],
                "DOB": dob[pk],
                "ETHNIC": p["ethnicity"],
                "UPN": p["upn"] or p["upn_unknown_reason"] or _upn_unknown(p, year),
                # Whether a girl in care is a mother is not recorded; "0" says not known to be.
                "MOTHER": "0" if p["sex"] == "F" and pk in episodes else "",
                "MC_DOB": "",
            }
        )
        for e in episodes.get(pk, []):
            ended = e["end_date"] is not None and e["end_date"] <= year.end
            out["Episodes"].append(
                {
                    "CHILD": child[pk],
                    "DECOM": fmt(e["start_date"]),
                    "RNE": e["reason_new_episode"],
                    "LS": e["legal_status"],
                    "CIN": e["category_of_need"],
                    "PLACE": e["placement_type"],
                    "PLACE_PROVIDER": e["placement_provider"],
                    "DEC": fmt(e["end_date"]) if ended else "",
                    "REC": e["reason_episode_ceased"] if ended else "",
                    "REASON_PLACE_CHANGE": e["reason_place_change"] if ended else "",
                    "HOME_POST": "" if pk in unaccompanied else e["home_postcode"],
                    "PL_POST": e["placement_postcode"],
                    "URN": e["urn"],
                }
            )

    in_year = set(episodes)
    for r in (
        LookedAfterReview.objects.active()
        .filter(person_id__in=in_year, review_date__range=(year.start, year.end))
        .order_by("person_id", "review_date")
        .values("person_id", "review_date", "participation")
    ):
        pk = r["person_id"]
        out["Reviews"].append(
            {
                "CHILD": child[pk],
                "DOB": dob[pk],
                "REVIEW": fmt(r["review_date"]),
                "REVIEW_CODE": r["participation"],
            }
        )

    for r in (
        UnaccompaniedAsylumSeekingChild.objects.active()
        .filter(person_id__in=cohort)
        .values("person_id", "date_uasc_ceased")
    ):
        pk = r["person_id"]
        out["UASC"].append(
            {
                "CHILD": child[pk],
                "SEX": people[pk]["sex"],
                "DOB": dob[pk],
                "DUC": fmt(r["date_uasc_ceased"]),
            }
        )

    out["OC2"] = _oc2(episodes, people, child, dob, year)

    for r in sorted(leavers, key=lambda r: child[r["person_id"]]):
        pk = r["person_id"]
        out["OC3"].append(
            {
                "CHILD": child[pk],
                "DOB": dob[pk],
                "IN_TOUCH": r["in_touch"],
                "ACTIV": r["activity"],
                "ACCOM": r["accommodation"],
            }
        )

    adopted = {
        pk
        for pk, eps in episodes.items()
        if any(
            e["reason_episode_ceased"] in ADOPTED
            and e["end_date"]
            and year.start <= e["end_date"] <= year.end
            for e in eps
        )
    }
    for r in Adoption.objects.active().filter(person_id__in=adopted).values():
        pk = r["person_id"]
        out["AD1"].append(
            {
                "CHILD": child[pk],
                "DOB": dob[pk],
                "DATE_INT": fmt(r["date_should_be_placed"]),
                "DATE_MATCH": fmt(r["date_matched"]),
                "FOSTER_CARE": fmt(r["adopted_by_foster_carer"]),
                "NB_ADOPTR": fmt(r["number_of_adopters"]),
                "SEX_ADOPTR": r["sex_of_adopters"],
                "LS_ADOPTR": r["legal_status_of_adopters"],
            }
        )

    for r in (
        PlacedForAdoption.objects.active()
        .filter(person_id__in=in_year, date_placed__lte=year.end)
        .exclude(date_placed_ceased__lt=year.start)
        .order_by("person_id", "date_placed")
        .values()
    ):
        pk = r["person_id"]
        ceased = r["date_placed_ceased"] and r["date_placed_ceased"] <= year.end
        out["PlacedAdoption"].append(
            {
                "CHILD": child[pk],
                "DOB": dob[pk],
                "DATE_PLACED": fmt(r["date_placed"]),
                "DATE_PLACED_CEASED": fmt(r["date_placed_ceased"]) if ceased else "",
                "REASON_PLACED_CEASED": r["reason_placed_ceased"] if ceased else "",
            }
        )

    # Previous permanence is not recorded: Z1 ("not known / not applicable") for each child
    # who started to be looked after in the year, as the return asks of them.
    for pk in order:
        if any(
            e["reason_new_episode"] == "S" and e["start_date"] >= year.start
            for e in episodes.get(pk, [])
        ):
            out["PrevPerm"].append(
                {
                    "CHILD": child[pk],
                    "DOB": dob[pk],
                    "PREV_PERM": "Z1",
                    "LA_PERM": "",
                    "DATE_PERM": "",
                }
            )

    start_at, end_at = _day_bounds(year)
    for r in (
        MissingEpisode.objects.active()
        .filter(
            person_id__in=in_year, missing_from=MissingFrom.CARE, reported_missing_at__lt=end_at
        )
        .exclude(found_returned_at__lt=start_at)
        .order_by("person_id", "reported_missing_at")
        .values("person_id", "missing_type", "reported_missing_at", "found_returned_at")
    ):
        pk = r["person_id"]
        found = (
            r["found_returned_at"]
            if r["found_returned_at"] and r["found_returned_at"] < end_at
            else None
        )
        out["Missing"].append(
            {
                "CHILD": child[pk],
                "DOB": dob[pk],
                "MISSING": r["missing_type"],
                "MIS_START": fmt(r["reported_missing_at"]),
                "MIS_END": fmt(found),
            }
        )

    if "SWEpisodes" in out:
        out["SWEpisodes"] = _sw_episodes(in_year, child, dob, start_at, end_at)
    return out


def _upn_unknown(person: dict, year: Year) -> str:
    """Return the 903 unknown-UPN code when none is recorded: UN1 under school age, else UN5."""
    return "UN1" if _age(person["date_of_birth"], year.end) < 5 else "UN5"


def _day_bounds(year: Year) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.combine(year.start, datetime.min.time(), tzinfo=tz)
    end = datetime.combine(year.end + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    return start, end


def _oc2(episodes, people, child, dob, year: Year) -> Rows:
    """Return OC2 rows: children looked after continuously for 12 months at 31 March."""
    eligible = []
    for pk, eps in episodes.items():
        last = eps[-1]
        open_at_end = last["end_date"] is None or last["end_date"] > year.end
        period_start = max(
            (e["start_date"] for e in eps if e["reason_new_episode"] == "S"), default=None
        )
        if (
            open_at_end
            and period_start is not None
            and period_start <= year.start
            and last["legal_status"] not in SHORT_BREAKS
        ):
            eligible.append(pk)
    health: dict[int, list[dict]] = defaultdict(list)
    for h in (
        HealthEvent.objects.active()
        .filter(person_id__in=eligible, event_date__range=(year.start, year.end))
        .order_by("event_date")
        .values("person_id", "kind", "immunisations_up_to_date", "sdq_score")
    ):
        health[h["person_id"]].append(h)
    rows = []
    for pk in sorted(eligible, key=lambda pk: child[pk]):
        events = health[pk]
        kinds = {h["kind"] for h in events}
        assessed = bool(
            kinds
            & {HealthEventKind.INITIAL_HEALTH_ASSESSMENT, HealthEventKind.REVIEW_HEALTH_ASSESSMENT}
        )
        immunised = [
            h["immunisations_up_to_date"]
            for h in events
            if h["kind"] == HealthEventKind.IMMUNISATIONS
        ]
        sdq = [h["sdq_score"] for h in events if h["kind"] == HealthEventKind.SDQ]
        born = people[pk]["date_of_birth"]
        # The SDQ is asked of children aged 4 to 16 at some time in the year.
        sdq_due = born is not None and _age(born, year.end) >= 4 and _age(born, year.start) <= 16
        score = fmt(sdq[-1]) if sdq_due and sdq else ""
        rows.append(
            {
                "CHILD": child[pk],
                "DOB": dob[pk],
                "SDQ_SCORE": score,
                "SDQ_REASON": "SDQ4" if sdq_due and not score else "",
                # Convictions and substance misuse are not recorded: 0 = none known.
                "CONVICTED": "0" if _age(born, year.end) >= 10 else "",
                "HEALTH_CHECK": fmt(assessed) if _age(born, year.end) < 5 else "",
                "IMMUNISATIONS": fmt(bool(immunised and immunised[-1])),
                "TEETH_CHECK": fmt(HealthEventKind.DENTAL_CHECK in kinds),
                "HEALTH_ASSESSMENT": fmt(assessed),
                "SUBSTANCE_MISUSE": "0",
                "INTERVENTION_RECEIVED": "",
                "INTERVENTION_OFFERED": "",
            }
        )
    return rows


def _sw_episodes(children: set[int], child, dob, start_at, end_at) -> Rows:
    """Return the lead social worker allocations of looked-after children in the year."""
    rows = []
    last_end: dict[int, date | None] = {}
    for a in (
        Allocation.objects.filter(
            episode__person_id__in=children,
            episode__service="social_care",
            role="lead",
            start_at__lt=end_at,
        )
        .exclude(end_at__lt=start_at)
        .order_by("episode__person_id", "start_at")
        .values("episode__person_id", "worker_id", "start_at", "end_at")
    ):
        pk = a["episode__person_id"]
        ended = a["end_at"] is not None and a["end_at"] < end_at
        start = timezone.localtime(a["start_at"]).date()
        before = last_end.get(pk, date.min)
        # A worker following another within a week is a change of worker; otherwise the child
        # came back to the service and this is a first contact.
        change = before is not None and before != date.min and abs((start - before).days) <= 7
        rows.append(
            {
                "CHILD": child[pk],
                "DOB": dob[pk],
                "SW_ID": f"SW{a['worker_id']:05d}",
                "SW_DECOM": fmt(a["start_at"]),
                "SW_DEC": fmt(a["end_at"]) if ended else "",
                # Why a worker changed is free text in the records, so it is not coded here.
                "SW_REASON": "OTHERS" if change else "FCONTA",
            }
        )
        last_end[pk] = timezone.localtime(a["end_at"]).date() if a["end_at"] else None
    return rows


def ssda903_write(*, tables: dict[str, Rows], year: Year, out_dir: Path) -> list[Path]:
    """Write each table to its file in out_dir (created if need be); return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables_for(year.name):
        path = out_dir / table.filename
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=table.columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(tables.get(table.name, []))
        written.append(path)
    return written
