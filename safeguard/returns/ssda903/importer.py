"""Import an SSDA903 return into the records: for an authority bringing its history across.

Children are matched on their LA child ID (CHILD); episodes on start date (and order within
the day), reviews on date, decisions to place for adoption on decision date, missing episodes on
start date. Existing rows are updated only where a value differs and new rows created, so a
second import of the same files changes nothing. Nothing is deleted.

Refused, with a report and nothing written: files the reader cannot place, and any failure of
a rule that says a value cannot be stored (dates, codes, paired fields). Other rule failures
are reported as warnings: migrated history often breaks today's rules and is still history.

Held elsewhere or not recorded, so not imported (and said so in the result): OC2 (derived from
health events), PrevPerm, SWEpisodes (social workers are users, not return rows) and DoLo.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_bulk
from safeguard.compliance.services import clocks_recompute
from safeguard.looked_after.models import (
    Adoption,
    CareEpisode,
    CareLeaverBirthdayRecord,
    LookedAfterReview,
    PlacedForAdoption,
    UnaccompaniedAsylumSeekingChild,
)
from safeguard.missing.choices import MissingFrom
from safeguard.missing.models import MissingEpisode
from safeguard.people.models import Person
from safeguard.returns.ssda903.reader import Failure, Return, parse_date, ssda903_read
from safeguard.returns.ssda903.validation import ssda903_validate_return
from safeguard.returns.ssda903.years import Year

# Rules whose failure means a value cannot be stored as it stands.
BLOCKING = frozenset(
    {
        "101",
        "102",
        "103",
        "104",
        "112",
        "113",
        "114",
        "115",
        "116",
        "119",
        "120",
        "131",
        "132",
        "133",
        "141",
        "143",
        "144",
        "145",
        "146",
        "147",
        "148",
        "149",
        "153",
        "166",
        "167",
        "175",
        "176",
        "177",
        "178",
        "180",
        "356",
        "391",
        "567",
        "1004",
        "1005",
        "1006",
        "INT32",
        "YEAR",
    }
)
# Codes of earlier years, read as today's (SEX was 1 = male, 2 = female before 2024/25).
LEGACY_SEX = {"1": "M", "2": "F"}
NOT_IMPORTED = ("OC2", "PrevPerm", "SWEpisodes", "DoLo")
UPN_UNKNOWN = frozenset({"UN1", "UN2", "UN3", "UN4", "UN5"})


class ImportRefused(Exception):
    """The return cannot be imported as it stands; `failures` says where and why."""

    def __init__(self, failures: list[Failure]):
        self.failures = failures
        super().__init__(f"{len(failures)} problems: nothing imported")


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    notes: list[str] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


def _legacy_codes(ret: Return) -> list[str]:
    """Map earlier years' codes to today's in place; return a note for each kind mapped."""
    notes = []
    for table in ("Header", "UASC"):
        mapped = 0
        for row in ret.tables.get(table, []):
            if row.get("SEX") in LEGACY_SEX:
                row["SEX"] = LEGACY_SEX[row["SEX"]]
                mapped += 1
        if mapped:
            notes.append(f"{table}: {mapped} SEX values 1/2 (codes before 2024/25) read as M/F")
    return notes


def _at_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def ssda903_import(*, folder: Path, year: Year, user=None, history: bool = False) -> ImportResult:
    """Create or update children and their looked-after records from the return in folder.

    history=True takes an earlier year's return (a migration of past returns): its episodes
    need not touch `year`, whose code lists still apply.
    """
    ret = ssda903_read(folder=folder, year=year)
    result = ImportResult(notes=_legacy_codes(ret))
    failures = ssda903_validate_return(ret=ret, year=year)
    # What cannot be read, or cannot be stored, stops the import; other rules are warnings
    # (EPI and NoE are rule codes too, so a code's letters do not make it a read problem).
    unreadable = {id(f) for f in ret.problems}
    blocking = [
        f
        for f in failures
        if (id(f) in unreadable or f.code in BLOCKING or f.code == "YEAR")
        and not (history and f.code == "YEAR")
    ]
    if blocking:
        raise ImportRefused(blocking)
    result.warnings = [f for f in failures if f not in blocking]
    for table in NOT_IMPORTED:
        if ret.tables.get(table):
            result.notes.append(f"{table}: {len(ret.tables[table])} rows not imported (not held)")
    with transaction.atomic():
        person_ids = _import(ret, year, result)
        if result.changed:
            clocks_recompute(person_ids=person_ids)
        audit_bulk(
            user=user,
            action=AuditAction.CREATE,
            object_type="returns.ssda903_import",
            # The audit summary holds 300 characters: counts only, the folder's name last.
            summary=(
                f"SSDA903 {year.name} import: {sum(result.created.values())} rows created, "
                f"{sum(result.updated.values())} updated, from {folder.name}"
            )[:300],
        )
    return result


def _save(model, new: list, changed: list, fields: list[str], result: ImportResult, name: str):
    """Check then write new and changed rows in bulk; raise ValidationError on a bad value."""
    for obj in new + changed:
        obj.clean_fields(exclude=["person", "created_by", "modified_by"])
    if new:
        model.objects.bulk_create(new, batch_size=2000)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=2000)
    result.created[name] += len(new)
    result.updated[name] += len(changed)


def _apply(obj, values: dict) -> bool:
    """Set values on obj; return True if any differed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _import(ret: Return, year: Year, result: ImportResult) -> list[int]:
    header = ret.tables["Header"]
    ids = [r["CHILD"] for r in header]
    people = {p.la_child_id: p for p in Person.objects.filter(la_child_id__in=ids)}
    new, changed = [], []
    for row in header:
        upn = row["UPN"]
        values = {
            "sex": row["SEX"],
            "date_of_birth": parse_date(row["DOB"]),
            "ethnicity": row["ETHNIC"],
            "upn": "" if upn in UPN_UNKNOWN else upn,
            "upn_unknown_reason": upn if upn in UPN_UNKNOWN else "",
        }
        person = people.get(row["CHILD"])
        if person is None:
            # The return carries no names: the record says where it came from until added.
            person = Person(
                kind="child",
                first_name="Unknown",
                last_name=f"(SSDA903 {row['CHILD']})",
                la_child_id=row["CHILD"],
                **values,
            )
            new.append(person)
            people[row["CHILD"]] = person
        elif _apply(person, values):
            changed.append(person)
    try:
        _save(
            Person,
            new,
            changed,
            ["sex", "date_of_birth", "ethnicity", "upn", "upn_unknown_reason"],
            result,
            "children",
        )
    except ValidationError as error:
        raise ImportRefused(
            [Failure("VALUE", str(error), ret.files.get("Header", "header.csv"), None, "", [])]
        ) from error
    if new:  # bulk_create sets pk on PostgreSQL and SQLite 3.35+, but re-read to be sure
        people = {p.la_child_id: p for p in Person.objects.filter(la_child_id__in=ids)}
    pid = {child: p.pk for child, p in people.items()}

    _episodes(ret, year, pid, result)
    _by_key(
        ret,
        "Reviews",
        LookedAfterReview,
        pid,
        result,
        key=lambda row: parse_date(row["REVIEW"]),
        key_field="review_date",
        values=lambda row: {"participation": row["REVIEW_CODE"]},
    )
    _by_key(
        ret,
        "PlacedAdoption",
        PlacedForAdoption,
        pid,
        result,
        key=lambda row: parse_date(row["DATE_PLACED"]),
        key_field="date_placed",
        values=lambda row: {
            "date_placed_ceased": parse_date(row["DATE_PLACED_CEASED"]),
            "reason_placed_ceased": row["REASON_PLACED_CEASED"],
        },
    )
    _one_each(
        ret,
        "UASC",
        UnaccompaniedAsylumSeekingChild,
        pid,
        result,
        values=lambda row: {"date_uasc_ceased": parse_date(row["DUC"])},
    )
    _one_each(
        ret,
        "AD1",
        Adoption,
        pid,
        result,
        values=lambda row: {
            "date_should_be_placed": parse_date(row["DATE_INT"]),
            "date_matched": parse_date(row["DATE_MATCH"]),
            "adopted_by_foster_carer": row["FOSTER_CARE"] == "1",
            "number_of_adopters": int(row["NB_ADOPTR"] or 0),
            "sex_of_adopters": row["SEX_ADOPTR"],
            "legal_status_of_adopters": row["LS_ADOPTR"],
        },
    )
    _care_leavers(ret, year, pid, result)
    _missing(ret, pid, result)
    return sorted(pid.values())


def _rows_by_person(ret: Return, table: str, pid: dict[str, int]):
    for row in ret.tables.get(table, []):
        if row["CHILD"] in pid:
            yield pid[row["CHILD"]], row


def _episodes(ret: Return, year: Year, pid: dict[str, int], result: ImportResult) -> None:
    existing: dict[int, dict] = defaultdict(dict)
    for e in (
        CareEpisode.objects.active().filter(person_id__in=pid.values()).order_by("start_date", "pk")
    ):
        n = sum(1 for k in existing[e.person_id] if k[0] == e.start_date)
        existing[e.person_id][(e.start_date, n)] = e
    seen: dict[tuple, int] = defaultdict(int)
    new, changed = [], []
    rows = sorted(
        _rows_by_person(ret, "Episodes", pid), key=lambda pr: (pr[0], parse_date(pr[1]["DECOM"]))
    )
    for person_id, row in rows:
        start = parse_date(row["DECOM"])
        n = seen[(person_id, start)]
        seen[(person_id, start)] += 1
        values = {
            "reason_new_episode": row["RNE"],
            "legal_status": row["LS"],
            "category_of_need": row["CIN"],
            "placement_type": row["PLACE"],
            "placement_provider": row["PLACE_PROVIDER"],
            "end_date": parse_date(row["DEC"]),
            "reason_episode_ceased": row["REC"],
            "reason_place_change": row["REASON_PLACE_CHANGE"],
            "home_postcode": row["HOME_POST"],
            "placement_postcode": row["PL_POST"],
            "urn": row["URN"],
        }
        episode = existing[person_id].get((start, n))
        if episode is None:
            new.append(CareEpisode(person_id=person_id, start_date=start, **values))
            continue
        if not row["DEC"] and episode.end_date and episode.end_date > year.end:
            # The return shows open what ended after 31 March: keep what the records know.
            for name in ("end_date", "reason_episode_ceased", "reason_place_change"):
                values.pop(name)
        if _apply(episode, values):
            changed.append(episode)
    _save(
        CareEpisode,
        new,
        changed,
        [
            "reason_new_episode",
            "legal_status",
            "category_of_need",
            "placement_type",
            "placement_provider",
            "end_date",
            "reason_episode_ceased",
            "reason_place_change",
            "home_postcode",
            "placement_postcode",
            "urn",
        ],
        result,
        "episodes",
    )


def _by_key(ret, table, model, pid, result, *, key, key_field, values) -> None:
    existing = {
        (o.person_id, getattr(o, key_field)): o
        for o in model.objects.active().filter(person_id__in=pid.values())
    }
    new, changed, fields = [], [], set()
    for person_id, row in _rows_by_person(ret, table, pid):
        wanted = values(row)
        fields |= set(wanted)
        obj = existing.get((person_id, key(row)))
        if obj is None:
            obj = model(person_id=person_id, **{key_field: key(row)}, **wanted)
            existing[(person_id, key(row))] = obj
            new.append(obj)
        elif _apply(obj, wanted) and obj not in new:
            changed.append(obj)
    _save(model, new, changed, sorted(fields), result, table)


def _one_each(ret, table, model, pid, result, *, values) -> None:
    existing = {o.person_id: o for o in model.objects.filter(person_id__in=pid.values())}
    new, changed, fields = [], [], set()
    for person_id, row in _rows_by_person(ret, table, pid):
        wanted = values(row)
        fields |= set(wanted)
        obj = existing.get(person_id)
        if obj is None:
            obj = existing[person_id] = model(person_id=person_id, **wanted)
            new.append(obj)
        elif _apply(obj, wanted) and obj not in new:
            changed.append(obj)
    _save(model, new, changed, sorted(fields), result, table)


def _care_leavers(ret: Return, year: Year, pid, result) -> None:
    """Import OC3 rows as the birthday record of the birthday (17 to 21) that fell in the year."""
    existing = {
        (o.person_id, o.birthday_age): o
        for o in CareLeaverBirthdayRecord.objects.active().filter(person_id__in=pid.values())
    }
    new, changed = [], []
    for person_id, row in _rows_by_person(ret, "OC3", pid):
        born = parse_date(row["DOB"])
        if born is None:
            continue
        birthday_age = (
            year.end.year - born.year - ((year.end.month, year.end.day) < (born.month, born.day))
        )
        wanted = {
            "in_touch": row["IN_TOUCH"],
            "activity": row["ACTIV"],
            "accommodation": row["ACCOM"],
        }
        obj = existing.get((person_id, birthday_age))
        if obj is None:
            new.append(
                CareLeaverBirthdayRecord(person_id=person_id, birthday_age=birthday_age, **wanted)
            )
        elif _apply(obj, wanted):
            changed.append(obj)
    _save(
        CareLeaverBirthdayRecord,
        new,
        changed,
        ["in_touch", "activity", "accommodation"],
        result,
        "OC3",
    )


def _missing(ret: Return, pid, result) -> None:
    existing = {}
    for m in MissingEpisode.objects.active().filter(person_id__in=pid.values()):
        existing[(m.person_id, timezone.localtime(m.reported_missing_at).date())] = m
    new, changed = [], []
    for person_id, row in _rows_by_person(ret, "Missing", pid):
        start, end = parse_date(row["MIS_START"]), parse_date(row["MIS_END"])
        obj = existing.get((person_id, start))
        found = obj.found_returned_at if obj else None
        if end is None:
            found = None
        elif found is None or timezone.localtime(found).date() != end:
            found = _at_midnight(end)
        if obj is None:
            obj = MissingEpisode(
                person_id=person_id,
                missing_from=MissingFrom.CARE,
                missing_type=row["MISSING"],
                reported_missing_at=_at_midnight(start),
                found_returned_at=found,
            )
            existing[(person_id, start)] = obj
            new.append(obj)
        elif _apply(obj, {"missing_type": row["MISSING"], "found_returned_at": found}):
            changed.append(obj)
    _save(MissingEpisode, new, changed, ["missing_type", "found_returned_at"], result, "Missing")
