"""The casework record's significant events, for the child's chronology (one function each)."""

from collections.abc import Iterator

from django.urls import reverse

from safeguard.casework.choices import ClosureStatus, Service
from safeguard.casework.chronology import ChronologyEntry, chronology_source
from safeguard.casework.models import (
    Allocation,
    CaseClosure,
    CaseNote,
    Episode,
    ManagementOversight,
    Plan,
    PlanReview,
    Visit,
)
from safeguard.people.models import PersonAddress


@chronology_source
def episode_events(person_id: int) -> Iterator[ChronologyEntry]:
    """Yield each episode's start (referral, early help, step-up, step-down) and its close.

    A referral made through the front door is that app's event (with its contact); this yields
    the start only of episodes opened another way, so nothing appears twice.
    """
    for e in (
        Episode.objects.active()
        .filter(person_id=person_id)
        .values(
            "pk",
            "service",
            "referral_date",
            "closure_date",
            "closure_reason",
            "transition",
            "referral_nfa",
            "front_door_referral",
        )
    ):
        source = f"casework.episode:{e['pk']}"
        if e["transition"] == "step_up":
            title = "Stepped up from early help to children's social care"
        elif e["transition"] == "step_down":
            title = "Stepped down from children's social care to early help"
        elif e["service"] == Service.EARLY_HELP:
            title = "Early help started"
        else:
            title = "Referral to children's social care"
            if e["referral_nfa"]:
                title += " (no further action)"
        if e["front_door_referral"] is None or e["transition"]:
            yield ChronologyEntry(e["referral_date"], "referral", title, source=source)
        if e["closure_date"]:
            yield ChronologyEntry(
                e["closure_date"],
                "closure",
                f"{'Early help' if e['service'] == Service.EARLY_HELP else 'Case'} closed",
                detail=f"Closure reason {e['closure_reason']}",
                source=source,
            )


@chronology_source
def allocation_events(person_id: int) -> Iterator[ChronologyEntry]:
    """Yield each allocation of a lead worker or co-worker to the child's episodes."""
    for a in Allocation.objects.filter(episode__person_id=person_id).select_related(
        "worker", "team"
    ):
        yield ChronologyEntry(
            a.start_at,
            "allocation",
            f"{a.get_role_display()}: {a.worker.get_full_name()} ({a.team.name})",
            detail=a.reason,
            source=f"casework.allocation:{a.pk}",
        )


@chronology_source
def address_events(person_id: int) -> Iterator[ChronologyEntry]:
    """Yield each move of address; a protected address is not shown."""
    for pa in PersonAddress.objects.filter(person_id=person_id).select_related("address"):
        where = (
            "a protected address"
            if pa.is_protected
            else f"{pa.address.town} {pa.address.postcode}".strip()
        )
        yield ChronologyEntry(
            pa.start_date, "move", f"Living at {where}", source=f"people.personaddress:{pa.pk}"
        )


@chronology_source
def closure_decision_events(person_id: int) -> Iterator[ChronologyEntry]:
    """Yield closure requests refused by a manager, and closures made with an override."""
    for c in CaseClosure.objects.filter(person_id=person_id).exclude(
        status=ClosureStatus.REQUESTED
    ):
        if c.status == ClosureStatus.REFUSED:
            yield ChronologyEntry(
                c.decided_at,
                "closure",
                "Closure refused by manager",
                detail=c.decision_note,
                url=c.get_absolute_url(),
                source=f"casework.caseclosure:{c.pk}",
            )
        elif c.open_items:
            yield ChronologyEntry(
                c.decided_at,
                "closure",
                "Case closed with items still open (override)",
                detail=c.override_reasons,
                url=c.get_absolute_url(),
                source=f"casework.caseclosure:{c.pk}",
            )


@chronology_source
def visit_events(person_id: int) -> Iterator[ChronologyEntry]:
    """Yield each visit, saying whether the child was seen and seen alone."""
    for v in Visit.objects.active().filter(person_id=person_id).select_related("worker"):
        seen = (
            "child seen alone"
            if v.child_seen_alone
            else "child seen"
            if v.child_seen
            else "child NOT seen"
        )
        yield ChronologyEntry(
            v.visit_date,
            "visit",
            f"{v.get_visit_type_display()}: {seen}",
            detail=f"{v.get_location_display()}, by {v.worker.get_full_name()}",
            url=reverse("casework:visit_detail", args=[v.pk]),
            source=f"casework.visit:{v.pk}",
        )


@chronology_source
def plan_events(person_id: int) -> Iterator[ChronologyEntry]:
    """Yield each plan's start and end, and each review."""
    for p in Plan.objects.active().filter(person_id=person_id):
        url = reverse("casework:plan_detail", args=[p.pk])
        source = f"casework.plan:{p.pk}"
        yield ChronologyEntry(
            p.start_date, "plan", f"{p.get_kind_display()} started", url=url, source=source
        )
        if p.end_date:
            yield ChronologyEntry(
                p.end_date,
                "plan",
                f"{p.get_kind_display()} ended",
                detail=p.get_end_reason_display(),
                url=url,
                source=source,
            )
    for r in PlanReview.objects.active().filter(plan__person_id=person_id).select_related("plan"):
        yield ChronologyEntry(
            r.review_date,
            "plan",
            f"{r.plan.get_kind_display()} reviewed",
            detail=r.decision,
            url=reverse("casework:plan_detail", args=[r.plan_id]),
            source=f"casework.planreview:{r.pk}",
        )


@chronology_source
def note_events(person_id: int) -> Iterator[ChronologyEntry]:
    """Yield case notes and management oversight."""
    for n in CaseNote.objects.active().filter(person_id=person_id):
        yield ChronologyEntry(
            n.occurred_at,
            "note",
            f"{n.get_note_type_display()}: {n.subject}",
            url=reverse("casework:note_detail", args=[n.pk]),
            source=f"casework.casenote:{n.pk}",
        )
    for m in (
        ManagementOversight.objects.active().filter(person_id=person_id).select_related("manager")
    ):
        yield ChronologyEntry(
            m.recorded_at,
            "oversight",
            "Management oversight",
            detail=f"{m.manager.get_full_name()}: {m.direction or m.reasoning}"[:300],
            url=reverse("casework:oversight_detail", args=[m.pk]),
            source=f"casework.managementoversight:{m.pk}",
        )
