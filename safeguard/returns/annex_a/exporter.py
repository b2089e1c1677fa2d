# ruff: noqa: E501 - Ofsted's column headings are kept whole.
"""Build Ofsted's Annex A lists for a period from the records and write them with openpyxl.

One sheet per list ("List 1" to "List 11") with Ofsted's headings. Each list is a few bulk
reads; a column the records do not hold is left blank (docs/returns.md lists which). List 11
(prospective adopters) is written with its headings only: adopters are not recorded here.
"""

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook

from safeguard.assessments.models import Assessment
from safeguard.casework.models import Allocation, Episode, Plan
from safeguard.child_protection.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    Section47Enquiry,
)
from safeguard.front_door.models import ContactPerson
from safeguard.looked_after.choices import PlacementProvider, PlacementType
from safeguard.looked_after.models import (
    Adoption,
    CareEpisode,
    CareLeaver,
    CareLeaverBirthdayRecord,
    HealthEvent,
    LookedAfterReview,
    PathwayPlan,
    PlacedForAdoption,
    UnaccompaniedAsylumSeekingChild,
)
from safeguard.missing.models import MissingEpisode
from safeguard.people.models import Person, PersonDisability
from safeguard.returns.annex_a.lists import HEADINGS

GENDER = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}
ETHNIC_ORDER = ["WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "NOBT", "REFU"]
ETHNICITY = {code: f"{chr(ord('a') + i)}) {code}" for i, code in enumerate(ETHNIC_ORDER)}
YES, NO = "a) Yes", "b) No"

Row = dict[str, object]


class AnnexAPeriod:
    """The period of the lists and shared lookups (people, disabilities, allocations)."""

    def __init__(self, start: date, end: date):
        self.start, self.end = start, end
        self.start_at = timezone.make_aware(datetime.combine(start, datetime.min.time()))
        self.end_at = timezone.make_aware(
            datetime.combine(end + timedelta(days=1), datetime.min.time())
        )
        self._people: dict[int, dict] = {}
        self._disabled: set[int] | None = None

    def load_people(self, ids) -> None:
        missing = set(ids) - set(self._people)
        for p in Person.objects.filter(pk__in=missing).values(
            "pk", "la_child_id", "sex", "ethnicity", "date_of_birth"
        ):
            self._people[p["pk"]] = p
        self._disabled = None

    @property
    def disabled(self) -> set[int]:
        if self._disabled is None:
            self._disabled = set(
                PersonDisability.objects.filter(person_id__in=self._people)
                .exclude(code="NONE")
                .values_list("person_id", flat=True)
            )
        return self._disabled

    def child(self, pk: int, *, disability: bool = False) -> Row:
        p = self._people[pk]
        born = p["date_of_birth"]
        row: Row = {
            "Child Unique ID": p["la_child_id"] or str(pk),
            "Gender": GENDER.get(p["sex"], ""),
            "Ethnicity": ETHNICITY.get(p["ethnicity"], ""),
            "Date of Birth": born,
            "Age": round((self.end - born).days / 365.25, 1) if born else None,
        }
        if disability:
            row["Does the Child have a Disability"] = YES if pk in self.disabled else NO
        return row


def _lead_allocations(episode_ids) -> dict[int, tuple[str, str]]:
    """Return {episode id: (team name, worker name)} of each episode's latest lead allocation."""
    found = {}
    for a in (
        Allocation.objects.filter(episode_id__in=episode_ids, role="lead")
        .order_by("episode_id", "start_at")
        .values("episode_id", "team__name", "worker__first_name", "worker__last_name")
    ):
        found[a["episode_id"]] = (
            a["team__name"],
            f"{a['worker__first_name']} {a['worker__last_name']}".strip(),
        )
    return found


def _allocated(row: Row, alloc: tuple[str, str] | None) -> Row:
    row["Allocated Team"], row["Allocated Worker"] = alloc or ("", "")
    return row


def list_1_contacts(p: AnnexAPeriod) -> list[Row]:
    contacts = list(
        ContactPerson.objects.filter(
            involvement="child",
            contact__received_at__gte=p.start_at,
            contact__received_at__lt=p.end_at,
        )
        .order_by("contact__received_at")
        .values("person_id", "contact__received_at", "contact__referral_source")
    )
    p.load_people(c["person_id"] for c in contacts)
    return [
        {
            **p.child(c["person_id"]),
            "Date of Contact": timezone.localtime(c["contact__received_at"]).date(),
            "Contact Source": c["contact__referral_source"],
        }
        for c in contacts
    ]


def _assessments(p: AnnexAPeriod, kind: str) -> list[dict]:
    rows = list(
        Assessment.objects.active()
        .filter(kind=kind, start_date__lte=p.end)
        .filter(Q(authorised_on__isnull=True) | Q(authorised_on__gte=p.start))
        .order_by("start_date")
        .values(
            "person_id",
            "episode_id",
            "start_date",
            "authorised_on",
            "child_seen_on",
            "outcome",
            "episode__team__name",
        )
    )
    p.load_people(r["person_id"] for r in rows)
    return rows


def list_2_early_help(p: AnnexAPeriod) -> list[Row]:
    return [
        {
            **p.child(a["person_id"]),
            "Assessment start date": a["start_date"],
            "Assessment completion date": a["authorised_on"],
            "Organisation completing assessment": a["episode__team__name"] or "",
        }
        for a in _assessments(p, "early_help")
    ]


def list_3_referrals(p: AnnexAPeriod) -> list[Row]:
    episodes = list(
        Episode.objects.filter(service="social_care", referral_date__range=(p.start, p.end))
        .order_by("referral_date")
        .values("pk", "person_id", "referral_date", "referral_source", "referral_nfa")
    )
    people = {e["person_id"] for e in episodes}
    p.load_people(people)
    history = defaultdict(list)
    for e in Episode.objects.filter(
        service="social_care",
        person_id__in=people,
        referral_date__gte=p.start - timedelta(days=366),
    ).values("person_id", "referral_date"):
        history[e["person_id"]].append(e["referral_date"])
    alloc = _lead_allocations([e["pk"] for e in episodes])
    rows = []
    for e in episodes:
        day = e["referral_date"]
        earlier = sum(1 for d in history[e["person_id"]] if day - timedelta(days=365) <= d < day)
        row = {
            **p.child(e["person_id"]),
            "Date of Referral": day,
            "Referral Source": e["referral_source"],
            "Referral NFA?": "Yes" if e["referral_nfa"] else "No",
            "Number of Referrals in Last 12 Months": earlier,
        }
        rows.append(_allocated(row, alloc.get(e["pk"])))
    return rows


def list_4_assessments(p: AnnexAPeriod) -> list[Row]:
    assessments = _assessments(p, "single")
    alloc = _lead_allocations([a["episode_id"] for a in assessments])
    rows = []
    for a in assessments:
        row = {
            **p.child(a["person_id"], disability=True),
            "Continuous Assessment Start Date": a["start_date"],
            "Child Seen During Continuous Assessment": "Yes" if a["child_seen_on"] else "No",
            "Continuous Assessment Date of Authorisation": a["authorised_on"],
            "Was the child assessed as requiring LA children's social care support?": a["outcome"],
        }
        rows.append(_allocated(row, alloc.get(a["episode_id"])))
    return rows


def list_5_section_47(p: AnnexAPeriod) -> list[Row]:
    enquiries = list(
        Section47Enquiry.objects.active()
        .filter(start_date__range=(p.start, p.end))
        .order_by("start_date")
        .values("person_id", "episode_id", "start_date", "outcome")
    )
    people = {e["person_id"] for e in enquiries}
    p.load_people(people)
    conferences = defaultdict(list)
    for c in (
        ChildProtectionConference.objects.active()
        .filter(person_id__in=people, kind="initial")
        .values("person_id", "held_on", "decision")
    ):
        conferences[c["person_id"]].append(c)
    counts = defaultdict(list)
    for e in (
        Section47Enquiry.objects.active()
        .filter(person_id__in=people, start_date__gte=p.start - timedelta(days=366))
        .values("person_id", "start_date")
    ):
        counts[e["person_id"]].append(e["start_date"])
    alloc = _lead_allocations([e["episode_id"] for e in enquiries])
    rows = []
    for e in enquiries:
        after = sorted(
            (c for c in conferences[e["person_id"]] if c["held_on"] >= e["start_date"]),
            key=lambda c: c["held_on"],
        )
        icpc = after[0] if after else None
        year_before = e["start_date"] - timedelta(days=365)
        row = {
            **p.child(e["person_id"], disability=True),
            "Strategy discussion initiating Section 47 Enquiry Start Date": e["start_date"],
            "Was an Initial Child Protection Conference deemed unnecessary?": "No"
            if icpc
            else "Yes",
            "Date of Initial Child Protection Conference": icpc["held_on"] if icpc else None,
            "Did the Initial Child Protection Conference Result in a Child Protection Plan": (
                ("Yes" if icpc["decision"] == "plan" else "No") if icpc else ""
            ),
            "Number of Section 47 Enquiries in the last 12 months": sum(
                1 for d in counts[e["person_id"]] if year_before <= d < e["start_date"]
            ),
            "Number of ICPCs in the last 12 months": sum(
                1
                for c in conferences[e["person_id"]]
                if year_before <= c["held_on"] < e["start_date"]
            ),
        }
        rows.append(_allocated(row, alloc.get(e["episode_id"])))
    return rows


def list_6_children_in_need(p: AnnexAPeriod) -> list[Row]:
    episodes = list(
        Episode.objects.filter(service="social_care", referral_nfa=False, referral_date__lte=p.end)
        .filter(Q(closure_date__isnull=True) | Q(closure_date__gte=p.start))
        .order_by("referral_date")
        .values(
            "pk", "person_id", "referral_date", "primary_need", "closure_date", "closure_reason"
        )
    )
    p.load_people(e["person_id"] for e in episodes)
    alloc = _lead_allocations([e["pk"] for e in episodes])
    rows = []
    for e in episodes:
        row = {
            **p.child(e["person_id"], disability=True),
            "CIN Start Date": e["referral_date"],
            "Primary Need Code": e["primary_need"],
            "CIN Closure Date": e["closure_date"],
            "Reason for Closure": e["closure_reason"],
            "Case Status": "Closed" if e["closure_date"] and e["closure_date"] <= p.end else "Open",
        }
        rows.append(_allocated(row, alloc.get(e["pk"])))
    return rows


def list_7_child_protection(p: AnnexAPeriod) -> list[Row]:
    plans = list(
        ChildProtectionPlan.objects.filter(plan__start_date__lte=p.end)
        .filter(Q(plan__end_date__isnull=True) | Q(plan__end_date__gte=p.start))
        .order_by("plan__start_date")
        .values(
            "plan__person_id",
            "plan__episode_id",
            "plan__start_date",
            "plan__end_date",
            "initial_category_of_abuse",
            "latest_category_of_abuse",
        )
    )
    people = {r["plan__person_id"] for r in plans}
    p.load_people(people)
    previous = defaultdict(list)
    for r in Plan.objects.filter(person_id__in=people, kind="child_protection").values(
        "person_id", "start_date"
    ):
        previous[r["person_id"]].append(r["start_date"])
    reviews = defaultdict(list)
    for c in (
        ChildProtectionConference.objects.active()
        .filter(person_id__in=people, kind="review", held_on__lte=p.end)
        .values("person_id", "held_on")
    ):
        reviews[c["person_id"]].append(c["held_on"])
    alloc = _lead_allocations([r["plan__episode_id"] for r in plans])
    rows = []
    for r in plans:
        pid, start = r["plan__person_id"], r["plan__start_date"]
        row = {
            **p.child(pid, disability=True),
            "Child Protection Plan Start Date": start,
            "Initial Category of Abuse": r["initial_category_of_abuse"],
            "Latest Category of Abuse": r["latest_category_of_abuse"],
            "Date of latest review conference": max(
                (d for d in reviews[pid] if d >= start), default=None
            ),
            "Child Protection Plan End Date": r["plan__end_date"],
            "Number of Previous Child Protection Plans": sum(1 for d in previous[pid] if d < start),
        }
        rows.append(_allocated(row, alloc.get(r["plan__episode_id"])))
    return rows


def _latest_by_person(queryset, field: str) -> dict[int, date]:
    found = {}
    for r in queryset.order_by(field).values("person_id", field):
        found[r["person_id"]] = r[field]
    return found


def list_8_looked_after(p: AnnexAPeriod) -> list[Row]:
    by_child = defaultdict(list)
    for e in (
        CareEpisode.objects.active()
        .filter(start_date__lte=p.end)
        .filter(
            person_id__in=CareEpisode.objects.active()
            .filter(start_date__lte=p.end)
            .exclude(end_date__lt=p.start)
            .values("person_id")
        )
        .order_by("person_id", "start_date", "pk")
        .values()
    ):
        by_child[e["person_id"]].append(e)
    people = list(by_child)
    p.load_people(people)
    uasc = set(
        UnaccompaniedAsylumSeekingChild.objects.filter(person_id__in=people).values_list(
            "person_id", flat=True
        )
    )
    review = _latest_by_person(
        LookedAfterReview.objects.active().filter(person_id__in=people, review_date__lte=p.end),
        "review_date",
    )
    health = _latest_by_person(
        HealthEvent.objects.active().filter(
            person_id__in=people,
            event_date__lte=p.end,
            kind__in=["initial_health_assessment", "review_health_assessment"],
        ),
        "event_date",
    )
    dental = _latest_by_person(
        HealthEvent.objects.active().filter(
            person_id__in=people, event_date__lte=p.end, kind="dental_check"
        ),
        "event_date",
    )
    missing = defaultdict(lambda: [0, 0])
    for m in (
        MissingEpisode.objects.active()
        .filter(
            person_id__in=people,
            missing_from="care",
            reported_missing_at__gte=p.end_at - timedelta(days=365),
            reported_missing_at__lt=p.end_at,
        )
        .values("person_id", "missing_type")
    ):
        missing[m["person_id"]][0 if m["missing_type"] == "M" else 1] += 1
    year_before = p.end - timedelta(days=365)
    rows = []
    for pid, eps in by_child.items():
        eps = [e for e in eps if e["start_date"] <= p.end]
        last = eps[-1]
        period = [i for i, e in enumerate(eps) if e["reason_new_episode"] == "S"]
        period_start = eps[period[-1]]["start_date"] if period else eps[0]["start_date"]
        periods_in_year = sum(1 for i in period if eps[i]["start_date"] >= year_before)
        legal_start = last["start_date"]
        for e in reversed(eps[:-1]):
            if e["legal_status"] != last["legal_status"] or e["end_date"] != legal_start:
                break
            legal_start = e["start_date"]
        placement_start = max(
            (e["start_date"] for e in eps if e["reason_new_episode"] != "L"),
            default=last["start_date"],
        )
        ended = last["end_date"] and last["end_date"] <= p.end
        rows.append({
            **p.child(pid, disability=True),
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))": "Y" if pid in uasc else "N",
            "Date Started to be Looked After": period_start,
            "Child's Category of Need": last["category_of_need"],
            "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)": "Y" if periods_in_year > 1 else "N",
            "Start date of current legal status": legal_start,
            "Child's Legal Status": last["legal_status"],
            "Date of Latest Statutory Review": review.get(pid),
            "Date of Last Health Assessment": health.get(pid),
            "Date of Last Dental Check": dental.get(pid),
            "Number of Placements in the Last 12 months": sum(
                1 for e in eps if e["reason_new_episode"] != "L" and e["start_date"] >= year_before
            ),
            "Date Ceased to be Looked After": last["end_date"] if ended else None,
            "Reason Ceased to be Looked After": last["reason_episode_ceased"] if ended else "",
            "Start Date of Most Recent Placement": placement_start,
            "Placement Type": f"{last['placement_type']}: {PlacementType(last['placement_type']).label}",
            "Placement Provider": (
                f"{last['placement_provider']} - {PlacementProvider(last['placement_provider']).label}"
                if last["placement_provider"] else ""
            ),
            "Placement postcode": last["placement_postcode"],
            "URN of Placement": last["urn"],
            "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months": missing[pid][0],
            "Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months": missing[pid][1],
        })  # fmt: skip
    return rows


def list_9_care_leavers(p: AnnexAPeriod) -> list[Row]:
    leavers = list(
        CareLeaver.objects.active()
        .filter(Q(services_ended_on__isnull=True) | Q(services_ended_on__gte=p.start))
        .values(
            "person_id",
            "eligibility",
            "personal_adviser__first_name",
            "personal_adviser__last_name",
        )
    )
    people = [c["person_id"] for c in leavers]
    p.load_people(people)
    uasc = set(
        UnaccompaniedAsylumSeekingChild.objects.filter(person_id__in=people).values_list(
            "person_id", flat=True
        )
    )
    pathway = _latest_by_person(
        PathwayPlan.objects.active().filter(person_id__in=people, plan_date__lte=p.end), "plan_date"
    )
    latest = {}
    for r in (
        CareLeaverBirthdayRecord.objects.active()
        .filter(person_id__in=people)
        .order_by("birthday_age")
        .values()
    ):
        latest[r["person_id"]] = r
    rows = []
    for c in leavers:
        pid = c["person_id"]
        b = latest.get(pid)
        adviser = f"{c['personal_adviser__first_name'] or ''} {c['personal_adviser__last_name'] or ''}".strip()
        rows.append({
            **p.child(pid, disability=True),
            "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)": "Y" if pid in uasc else "N",
            "Allocated Personal Advisor": adviser,
            "Eligibility Category": c["eligibility"],
            "Latest Pathway Plan Review Date": pathway.get(pid),
            "LA in Touch": b["in_touch"] if b else "",
            "Latest Date of Contact": b["contact_date"] if b else None,
            "Type of Accommodation": b["accommodation"][:1] if b and b["accommodation"] != "0" else "",
            "Suitability of Accommodation": (
                ("Suitable" if b["accommodation"].endswith("1") else "Unsuitable")
                if b and b["accommodation"] != "0" else ""
            ),
            "Activity Status": b["activity"] if b and b["activity"] != "0" else "",
        })  # fmt: skip
    return rows


def list_10_adoption(p: AnnexAPeriod) -> list[Row]:
    decisions = list(
        PlacedForAdoption.objects.active()
        .filter(date_placed__lte=p.end)
        .filter(Q(date_placed_ceased__isnull=True) | Q(date_placed_ceased__gte=p.start))
        .order_by("date_placed")
        .values("person_id", "date_placed", "date_placed_ceased", "reason_placed_ceased")
    )
    people = {d["person_id"] for d in decisions}
    p.load_people(people)
    entered = {}
    for e in (
        CareEpisode.objects.active()
        .filter(person_id__in=people, reason_new_episode="S")
        .order_by("start_date")
        .values("person_id", "start_date")
    ):
        entered[e["person_id"]] = e["start_date"]
    matched = {a["person_id"]: a for a in Adoption.objects.filter(person_id__in=people).values()}
    rows = []
    for d in decisions:
        pid = d["person_id"]
        child = p.child(pid, disability=True)
        child["Age of Child (Years)"] = child.pop("Age")
        rows.append(
            {
                **child,
                "Date the Child Entered Care": entered.get(pid),
                "Date of Decision that Child Should be Placed for Adoption": d["date_placed"],
                "Date of Matching Child and Prospective Adopters": (
                    matched[pid]["date_matched"] if pid in matched else None
                ),
                "Date of Decision that Child Should No Longer be Placed for Adoption": d[
                    "date_placed_ceased"
                ],
                "Reason Why Child No Longer Placed for Adoption": d["reason_placed_ceased"],
            }
        )
    return rows


def list_11_adopters(p: AnnexAPeriod) -> list[Row]:
    """Return no rows: prospective adopters are not recorded in Safeguard."""
    return []


LISTS = {
    "List 1": list_1_contacts,
    "List 2": list_2_early_help,
    "List 3": list_3_referrals,
    "List 4": list_4_assessments,
    "List 5": list_5_section_47,
    "List 6": list_6_children_in_need,
    "List 7": list_7_child_protection,
    "List 8": list_8_looked_after,
    "List 9": list_9_care_leavers,
    "List 10": list_10_adoption,
    "List 11": list_11_adopters,
}


def annex_a_build(*, start: date, end: date) -> dict[str, list[Row]]:
    """Return {sheet name: rows} for the period, each row keyed by Ofsted's headings."""
    if end < start:
        raise ValueError("The end date must be on or after the start date.")
    period = AnnexAPeriod(start, end)
    return {name: build(period) for name, build in LISTS.items()}


def annex_a_write(*, lists: dict[str, list[Row]], path) -> None:
    """Write one sheet per list with its headings; dates as Excel dates (dd/mm/yyyy)."""
    workbook = Workbook(write_only=True)
    for name, headings in HEADINGS.items():
        sheet = workbook.create_sheet(name)
        sheet.append(list(headings))
        for row in lists.get(name, []):
            unknown = set(row) - set(headings)
            if unknown:
                raise KeyError(f"{name}: not an Annex A heading: {sorted(unknown)}")
            sheet.append([row.get(h) for h in headings])
    workbook.save(path)
