"""Significant child protection events on the child's chronology."""

from collections.abc import Iterator

from safeguard.casework.chronology import ChronologyEntry, chronology_source
from safeguard.child_protection.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    CoreGroupMeeting,
    EscalationEvent,
    Section47Enquiry,
    StrategyDiscussion,
)


@chronology_source
def child_protection_events(person_id: int) -> Iterator[ChronologyEntry]:
    """Yield escalations, strategy discussions, enquiries, conferences, plans and core groups."""
    for e in EscalationEvent.objects.active().filter(person_id=person_id).select_related("rule"):
        yield ChronologyEntry(
            e.occurred_at,
            "escalation",
            e.rule.name,
            e.get_decision_display(),
            e.get_absolute_url(),
            f"child_protection.escalationevent:{e.pk}",
        )
    for s in StrategyDiscussion.objects.active().filter(person_id=person_id):
        yield ChronologyEntry(
            s.held_on,
            "strategy_discussion",
            "Strategy discussion",
            s.get_decision_display(),
            s.get_absolute_url(),
            f"child_protection.strategydiscussion:{s.pk}",
        )
    for q in Section47Enquiry.objects.active().filter(person_id=person_id):
        yield ChronologyEntry(
            q.start_date,
            "section_47",
            "Section 47 enquiry started",
            q.get_outcome_display(),
            q.get_absolute_url(),
            f"child_protection.section47enquiry:{q.pk}",
        )
    for c in ChildProtectionConference.objects.active().filter(person_id=person_id):
        detail = c.get_decision_display()
        if c.category_of_abuse:
            detail += f" ({c.get_category_of_abuse_display()})"
        yield ChronologyEntry(
            c.held_on,
            "conference",
            c.get_kind_display(),
            detail,
            c.get_absolute_url(),
            f"child_protection.childprotectionconference:{c.pk}",
        )
    plans = ChildProtectionPlan.objects.active().filter(plan__person_id=person_id)
    for p in plans.select_related("plan"):
        yield ChronologyEntry(
            p.plan.start_date,
            "plan",
            "Child protection plan started",
            p.get_initial_category_of_abuse_display(),
            p.get_absolute_url(),
            f"child_protection.childprotectionplan:{p.pk}",
        )
        if p.plan.end_date:
            yield ChronologyEntry(
                p.plan.end_date,
                "plan",
                "Child protection plan ended",
                p.get_end_reason_display(),
                p.get_absolute_url(),
                f"child_protection.childprotectionplan:{p.pk}",
            )
    for m in CoreGroupMeeting.objects.active().filter(plan__person_id=person_id):
        yield ChronologyEntry(
            m.held_on,
            "core_group",
            "Core group meeting",
            "",
            "",
            f"child_protection.coregroupmeeting:{m.pk}",
        )
