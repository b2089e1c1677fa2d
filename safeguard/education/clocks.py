"""Clocks implied by the children missing education register and EHC needs assessments."""

from collections import defaultdict
from collections.abc import Iterator

from safeguard.compliance.registry import ClockSpec, clock_producer
from safeguard.education.choices import CMEEscalationStage, EHCDecision
from safeguard.education.models import CMEEnquiry, CMEEntry, CMEEscalation, EHCNeedsAssessment


def _scoped(qs, field: str, person_ids):
    return qs if person_ids is None else qs.filter(**{f"{field}__in": person_ids})


@clock_producer(sources=[(CMEEntry, "person")])
def cme_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield first checks, enquiry cycles and 10/20 school-day escalations for each entry."""
    entries = list(
        _scoped(CMEEntry.objects.active(), "person_id", person_ids).values(
            "pk",
            "person_id",
            "referred_on",
            "last_attended_on",
            "closed_on",
            "officer_id",
            "officer__team_id",
        )
    )
    made = CMEEnquiry.objects.all()
    escalated = CMEEscalation.objects.all()
    if person_ids is not None:
        # Everybody (a rebuild) reads whole tables rather than an IN list of every entry's id.
        ids = [e["pk"] for e in entries]
        made, escalated = made.filter(entry_id__in=ids), escalated.filter(entry_id__in=ids)
    enquiries: dict[int, list] = defaultdict(list)
    for entry_id, made_on in made.order_by("made_on", "pk").values_list("entry_id", "made_on"):
        enquiries[entry_id].append(made_on)
    escalations = {
        (entry_id, stage): on
        for entry_id, stage, on in escalated.values_list("entry_id", "stage", "escalated_on")
    }
    for e in entries:
        common = {
            "person_id": e["person_id"],
            "owner_id": e["officer_id"],
            "team_id": e["officer__team_id"],
            "subject": f"education.cmeentry:{e['pk']}",
        }
        closed = e["closed_on"]
        made = enquiries[e["pk"]]
        first = made[0] if made else None
        yield ClockSpec(
            rule_code="CME_FIRST_CHECKS",
            key=f"cme:{e['pk']}",
            start=e["referred_on"],
            completed=first,
            cancelled=closed if first is None else None,
            start_event="child missing education notified",
            **common,
        )
        # One cycle after each enquiry, met by the next; the last runs until the entry closes.
        for n, made_on in enumerate(made):
            nxt = made[n + 1] if n + 1 < len(made) else None
            yield ClockSpec(
                rule_code="CME_ENQUIRY_INTERVAL",
                key=f"cme:{e['pk']}:after:{n + 1}",
                start=made_on,
                completed=nxt,
                cancelled=closed if nxt is None else None,
                start_event="enquiry made",
                **common,
            )
        for stage, code in (
            (CMEEscalationStage.TEN_DAYS, "CME_ESCALATION_10"),
            (CMEEscalationStage.TWENTY_DAYS, "CME_ESCALATION_20"),
        ):
            done = escalations.get((e["pk"], stage))
            yield ClockSpec(
                rule_code=code,
                key=f"cme:{e['pk']}",
                start=e["referred_on"],
                completed=done,
                cancelled=closed if done is None else None,
                start_event="child missing education notified",
                **common,
            )
        if e["last_attended_on"] is not None:
            yield ClockSpec(
                rule_code="CME_NOTIFY_10_DAYS",
                key=f"cme:{e['pk']}",
                start=e["last_attended_on"],
                completed=max(e["referred_on"], e["last_attended_on"]),
                start_event="last day attended",
                **common,
            )
            yield ClockSpec(
                rule_code="CME_ENQUIRIES_20_DAYS",
                key=f"cme:{e['pk']}",
                start=e["last_attended_on"],
                completed=closed,
                start_event="last day attended",
                **common,
            )


@clock_producer(sources=[(EHCNeedsAssessment, "person")])
def ehc_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield the 6-week decision and 20-week final plan clocks for each request."""
    rows = _scoped(EHCNeedsAssessment.objects.active(), "person_id", person_ids).values(
        "pk",
        "person_id",
        "request_received_on",
        "decision",
        "decision_on",
        "outcome_on",
        "case_officer_id",
        "case_officer__team_id",
    )
    for r in rows:
        common = {
            "person_id": r["person_id"],
            "key": f"ehcna:{r['pk']}",
            "start": r["request_received_on"],
            "owner_id": r["case_officer_id"],
            "team_id": r["case_officer__team_id"],
            "subject": f"education.ehcneedsassessment:{r['pk']}",
            "start_event": "request for an EHC needs assessment received",
        }
        yield ClockSpec(rule_code="EHC_DECISION_TO_ASSESS", completed=r["decision_on"], **common)
        not_assessing = r["decision"] == EHCDecision.NOT_ASSESS
        yield ClockSpec(
            rule_code="EHC_NEEDS_ASSESSMENT",
            completed=r["outcome_on"],
            cancelled=r["decision_on"] if not_assessing else None,
            **common,
        )
