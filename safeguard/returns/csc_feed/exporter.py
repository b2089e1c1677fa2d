"""The daily children's social care feed: one JSON document per child changed on a day.

Follows the DfE's emerging children's social care data API payload (v0.7 example,
/work/shared/reference/csc_api/payload_example_v0.7.json): the same field names and nesting.
A child is in the day's feed when any of their records was created or changed that day, or an
event of theirs is dated that day (a referral, assessment, plan, placement, review...). Each
document carries the child's whole current picture, as the API replaces what it held.

Every read is one query for all the day's children (no query per child).
"""

import json
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from safeguard.assessments.models import Assessment, AssessmentFactorIdentified
from safeguard.casework.models import Allocation, Episode, Plan
from safeguard.child_protection.models import ChildProtectionConference, Section47Enquiry
from safeguard.education.models import EHCNeedsAssessment
from safeguard.looked_after.models import (
    Adoption,
    CareEpisode,
    CareLeaverBirthdayRecord,
    HealthEvent,
    LookedAfterReview,
    PlacedForAdoption,
    UnaccompaniedAsylumSeekingChild,
)
from safeguard.people.models import Person, PersonAddress, PersonDisability

# Models whose rows, created or changed on the day, put their child in the feed.
CHANGE_SOURCES = (
    (Person, "pk"),
    (Episode, "person_id"),
    (Assessment, "person_id"),
    (Plan, "person_id"),
    (Section47Enquiry, "person_id"),
    (CareEpisode, "person_id"),
    (LookedAfterReview, "person_id"),
    (HealthEvent, "person_id"),
    (CareLeaverBirthdayRecord, "person_id"),
    (PlacedForAdoption, "person_id"),
    (Adoption, "person_id"),
    (UnaccompaniedAsylumSeekingChild, "person_id"),
    (EHCNeedsAssessment, "person_id"),
)


NO_ADOPTION = {
    "initial_decision_date": None,
    "matched_date": None,
    "placed_date": None,
    "purge": False,
}
NO_CARE_LEAVER = {"contact_date": None, "activity": None, "accommodation": None, "purge": False}


def _d(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def children_for_day(day: date) -> list[int]:
    """Return the ids of children with a record changed, or an event dated, on day."""
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    end = start + timedelta(days=1)
    ids: set[int] = set()
    for model, field in CHANGE_SOURCES:
        ids.update(
            model.objects.filter(
                Q(modified_at__gte=start, modified_at__lt=end)
                | Q(created_at__gte=start, created_at__lt=end)
            ).values_list(field, flat=True)
        )
    events = (
        (Episode, ["referral_date", "closure_date"]),
        (Assessment, ["start_date", "authorised_on"]),
        (Plan, ["start_date", "end_date"]),
        (Section47Enquiry, ["start_date"]),
        (CareEpisode, ["start_date", "end_date"]),
    )
    for model, fields in events:
        condition = Q()
        for name in fields:
            condition |= Q(**{name: day})
        ids.update(model.objects.filter(condition).values_list("person_id", flat=True))
    return sorted(Person.objects.filter(pk__in=ids, kind="child").values_list("pk", flat=True))


def csc_feed_build(*, day: date, person_ids: list[int] | None = None) -> dict[int, dict]:
    """Return {person id: payload} for the day's children (or the ones given)."""
    ids = children_for_day(day) if person_ids is None else person_ids
    people = {p["id"]: p for p in Person.objects.filter(pk__in=ids).values()}
    disabilities = defaultdict(list)
    for d in PersonDisability.objects.filter(person_id__in=ids).values("person_id", "code"):
        if d["code"] != "NONE":
            disabilities[d["person_id"]].append(d["code"])
    postcode = {}
    for a in (
        PersonAddress.objects.filter(person_id__in=ids, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .order_by("start_date")
        .values("person_id", "address__postcode")
    ):
        postcode[a["person_id"]] = a["address__postcode"]
    uasc = {
        u["person_id"]: u
        for u in UnaccompaniedAsylumSeekingChild.objects.filter(person_id__in=ids).values()
    }
    sdq = defaultdict(list)
    for h in (
        HealthEvent.objects.active()
        .filter(person_id__in=ids, kind="sdq")
        .order_by("event_date")
        .values("person_id", "event_date", "sdq_score")
    ):
        sdq[h["person_id"]].append({"date": _d(h["event_date"]), "score": h["sdq_score"]})
    ehcps = defaultdict(list)
    for e in EHCNeedsAssessment.objects.active().filter(person_id__in=ids).values():
        ehcps[e["person_id"]].append(
            {
                "education_health_care_plan_id": str(e["id"]),
                "request_received_date": _d(e["request_received_on"]),
                "request_outcome_date": _d(e["decision_on"]),
                "assessment_outcome_date": _d(e["outcome_on"]),
                "plan_start_date": _d(e["outcome_on"]) if e["outcome"] == "plan_issued" else None,
                "purge": False,
            }
        )
    episodes = _social_care_episodes(ids, day)
    la_code = settings.SAFEGUARD_LA_CODE
    payloads = {}
    for pk, p in people.items():
        u = uasc.get(pk)
        payloads[pk] = {
            "la_code": int(la_code),
            "Children": {
                "la_child_id": p["la_child_id"] or str(pk),
                "mis_child_id": str(pk),
                "purge": False,
                "child_details": {
                    "unique_pupil_number": p["upn"] or None,
                    "former_unique_pupil_number": None,
                    "unique_pupil_number_unknown_reason": p["upn_unknown_reason"] or None,
                    "first_name": p["first_name"],
                    "surname": p["last_name"],
                    "date_of_birth": _d(p["date_of_birth"]),
                    "expected_date_of_birth": _d(p["expected_date_of_birth"]),
                    "sex": p["sex"],
                    "ethnicity": p["ethnicity"],
                    "disabilities": disabilities[pk],
                    "postcode": postcode.get(pk),
                    "uasc_flag": u is not None,
                    "uasc_end_date": _d(u["date_uasc_ceased"]) if u else None,
                    "purge": False,
                },
                "health_and_wellbeing": {"sdq_assessments": sdq[pk], "purge": False},
                "education_health_care_plans": ehcps[pk],
                "social_care_episodes": episodes[pk],
            },
        }
    return payloads


def _within(day_value, episode: dict) -> bool:
    """Return True if day_value falls within the social care episode."""
    end = episode["closure_date"]
    return episode["referral_date"] <= day_value and (end is None or day_value <= end)


def _social_care_episodes(ids: list[int], day: date) -> dict[int, list[dict]]:
    episodes = defaultdict(list)
    by_id = {}
    for e in (
        Episode.objects.active()
        .filter(person_id__in=ids, service="social_care", referral_date__lte=day)
        .order_by("referral_date")
        .values()
    ):
        item = {
            "social_care_episode_id": str(e["id"]),
            "referral_date": _d(e["referral_date"]),
            "referral_source": e["referral_source"],
            "referral_no_further_action_flag": e["referral_nfa"],
            "closure_date": _d(e["closure_date"]),
            "closure_reason": e["closure_reason"] or None,
            "care_worker_details": [],
            "child_and_family_assessments": [],
            "child_in_need_plans": [],
            "section_47_assessments": [],
            "child_protection_plans": [],
            "child_looked_after_placements": [],
            "adoption": dict(NO_ADOPTION),
            "care_leavers": dict(NO_CARE_LEAVER),
            "purge": False,
        }
        episodes[e["person_id"]].append(item)
        by_id[e["id"]] = (item, e)
    for a in (
        Allocation.objects.filter(episode_id__in=by_id, role="lead")
        .order_by("start_at")
        .values("episode_id", "worker_id", "start_at", "end_at")
    ):
        by_id[a["episode_id"]][0]["care_worker_details"].append(
            {
                "worker_id": str(a["worker_id"]),
                "start_date": _d(a["start_at"]),
                "end_date": _d(a["end_at"]),
            }
        )
    factors = defaultdict(list)
    for f in AssessmentFactorIdentified.objects.filter(assessment__episode_id__in=by_id).values(
        "assessment_id", "code"
    ):
        factors[f["assessment_id"]].append(f["code"])
    for a in (
        Assessment.objects.active()
        .filter(episode_id__in=by_id, kind="single")
        .values("id", "episode_id", "start_date", "authorised_on")
    ):
        by_id[a["episode_id"]][0]["child_and_family_assessments"].append(
            {
                "child_and_family_assessment_id": str(a["id"]),
                "start_date": _d(a["start_date"]),
                "authorisation_date": _d(a["authorised_on"]),
                "factors": factors[a["id"]],
                "purge": False,
            }
        )
    for p in Plan.objects.filter(
        episode_id__in=by_id, kind__in=["child_in_need", "child_protection"]
    ).values("id", "episode_id", "kind", "start_date", "end_date"):
        key = "child_in_need_plans" if p["kind"] == "child_in_need" else "child_protection_plans"
        id_key = (
            "child_in_need_plan_id" if p["kind"] == "child_in_need" else "child_protection_plan_id"
        )
        by_id[p["episode_id"]][0][key].append(
            {
                id_key: str(p["id"]),
                "start_date": _d(p["start_date"]),
                "end_date": _d(p["end_date"]),
                "purge": False,
            }
        )
    icpcs = defaultdict(list)
    for c in (
        ChildProtectionConference.objects.active()
        .filter(person_id__in=ids, kind="initial")
        .values("person_id", "held_on")
    ):
        icpcs[c["person_id"]].append(c["held_on"])
    for s in (
        Section47Enquiry.objects.active()
        .filter(episode_id__in=by_id)
        .values("id", "person_id", "episode_id", "start_date", "outcome", "outcome_date")
    ):
        icpc = min((d for d in icpcs[s["person_id"]] if d >= s["start_date"]), default=None)
        by_id[s["episode_id"]][0]["section_47_assessments"].append(
            {
                "section_47_assessment_id": str(s["id"]),
                "start_date": _d(s["start_date"]),
                "icpc_required_flag": s["outcome"] == "icpc",
                "icpc_date": _d(icpc),
                "end_date": _d(s["outcome_date"]),
                "purge": False,
            }
        )
    # Care episodes are not tied to a social care episode: each goes in the one open when it
    # began, or the child's latest.
    for c in (
        CareEpisode.objects.active()
        .filter(person_id__in=ids, start_date__lte=day)
        .order_by("start_date", "pk")
        .values()
    ):
        child_episodes = [by_id[int(i["social_care_episode_id"])] for i in episodes[c["person_id"]]]
        if not child_episodes:
            continue
        home = next(
            (item for item, e in child_episodes if _within(c["start_date"], e)),
            child_episodes[-1][0],
        )
        home["child_looked_after_placements"].append(
            {
                "child_looked_after_placement_id": str(c["id"]),
                "start_date": _d(c["start_date"]),
                "start_reason": c["reason_new_episode"],
                "placement_type": c["placement_type"],
                "postcode": c["placement_postcode"] or None,
                "end_date": _d(c["end_date"]),
                "end_reason": c["reason_episode_ceased"] or None,
                "change_reason": c["reason_place_change"] or None,
                "purge": False,
            }
        )
    decisions = {
        d["person_id"]: d
        for d in PlacedForAdoption.objects.active()
        .filter(person_id__in=ids)
        .order_by("date_placed")
        .values()
    }
    adoptions = {a["person_id"]: a for a in Adoption.objects.filter(person_id__in=ids).values()}
    leavers = {
        r["person_id"]: r
        for r in CareLeaverBirthdayRecord.objects.active()
        .filter(person_id__in=ids)
        .order_by("birthday_age")
        .values()
    }
    for pk, items in episodes.items():
        latest = items[-1]
        if pk in decisions or pk in adoptions:
            d, a = decisions.get(pk), adoptions.get(pk)
            latest["adoption"] = {
                "initial_decision_date": _d(d["date_placed"] if d else a["date_should_be_placed"]),
                "matched_date": _d(a["date_matched"]) if a else None,
                "placed_date": None,
                "purge": False,
            }
        if pk in leavers:
            r = leavers[pk]
            latest["care_leavers"] = {
                "contact_date": _d(r["contact_date"]),
                "activity": r["activity"],
                "accommodation": r["accommodation"],
                "purge": False,
            }
    return episodes


def csc_feed_write(*, payloads: dict[int, dict], day: date, out_dir: Path) -> list[Path]:
    """Write one JSON file per child, named <la_child_id>_<date>.json; return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for payload in payloads.values():
        child = payload["Children"]["la_child_id"]
        path = out_dir / f"{child}_{day.isoformat()}.json"
        path.write_text(json.dumps(payload, indent=1, ensure_ascii=False))
        paths.append(path)
    return paths
