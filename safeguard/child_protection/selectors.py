"""Reads for child protection: the child's records, census items and the manager's view."""

from collections import defaultdict
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from safeguard.casework.choices import AllocationRole, PlanKind
from safeguard.casework.models import Allocation, Plan, PlanAction
from safeguard.child_protection.choices import ConferenceKind, EscalationDecision
from safeguard.child_protection.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    EscalationEvent,
    ManagerAlert,
    PlanFlag,
    Section47Enquiry,
    StrategyDiscussion,
)


def strategy_discussions_for_person(*, person_id: int) -> QuerySet[StrategyDiscussion]:
    return (
        StrategyDiscussion.objects.active()
        .filter(person_id=person_id)
        .prefetch_related("attendees", "section_47_enquiries")
    )


def cp_plans_for_person(*, person_id: int) -> QuerySet[ChildProtectionPlan]:
    return (
        ChildProtectionPlan.objects.active()
        .filter(plan__person_id=person_id)
        .select_related("plan", "initial_conference")
        .order_by("-plan__start_date")
    )


def cp_plan_detail(*, cp_plan_id: int) -> ChildProtectionPlan | None:
    """Return the plan with everything its page shows, in a few queries."""
    return (
        ChildProtectionPlan.objects.active()
        .filter(pk=cp_plan_id)
        .select_related(
            "plan__person", "plan__episode", "initial_conference__chair", "step_down_plan"
        )
        .prefetch_related(
            "persons_posing_risk",
            Prefetch(
                "plan__actions",
                queryset=PlanAction.objects.select_related(
                    "responsible_person", "responsible_worker"
                ).prefetch_related("children"),
            ),
            Prefetch("plan__flags", queryset=PlanFlag.objects.filter(resolved_at__isnull=True)),
            "plan__core_group_meetings",
            Prefetch(
                "plan__child_protection_conferences",
                queryset=ChildProtectionConference.objects.select_related("chair"),
            ),
        )
        .first()
    )


def section_47_census(*, person_id: int) -> list[dict]:
    """Return the CIN census Section47 items for the child, one per enquiry.

    InitialCPCtarget is the due date of the enquiry's ICPC clock, as the engine counted it.
    """
    from safeguard.compliance.models import Clock

    enquiries = list(
        Section47Enquiry.objects.active().filter(person_id=person_id).order_by("start_date", "pk")
    )
    targets = dict(
        Clock.objects.filter(person_id=person_id, rule_code="ICPC").values_list("key", "due_on")
    )
    icpc = dict(
        ChildProtectionConference.objects.active()
        .filter(section_47__in=enquiries, kind=ConferenceKind.INITIAL)
        .values_list("section_47_id", "held_on")
    )
    return [
        {
            "S47ActualStartDate": e.start_date,
            "InitialCPCtarget": targets.get(f"s47:{e.pk}"),
            "DateOfInitialCPC": icpc.get(e.pk),
            "ICPCnotRequired": e.icpc_not_required,
        }
        for e in enquiries
    ]


def cp_plan_census(*, person_id: int) -> list[dict]:
    """Return the CIN census ChildProtectionPlans items for the child, one per plan."""
    plans = list(cp_plans_for_person(person_id=person_id).order_by("plan__start_date"))
    reviews: dict[int, list[date]] = defaultdict(list)
    for plan_id, held_on in (
        ChildProtectionConference.objects.active()
        .filter(plan_id__in=[p.plan_id for p in plans], kind=ConferenceKind.REVIEW)
        .order_by("held_on")
        .values_list("plan_id", "held_on")
    ):
        reviews[plan_id].append(held_on)
    return [
        {
            "CPPstartDate": p.plan.start_date,
            "CPPendDate": p.plan.end_date,
            "InitialCategoryOfAbuse": p.initial_category_of_abuse,
            "LatestCategoryOfAbuse": p.latest_category_of_abuse,
            "NumberOfPreviousCPP": p.number_of_previous_plans,
            "CPPreviewDate": reviews[p.plan_id],
        }
        for p in plans
    ]


def _team_plans(team) -> QuerySet[Plan]:
    lead_in_team = Allocation.objects.filter(
        episode_id=OuterRef("episode_id"),
        team=team,
        role=AllocationRole.LEAD,
        end_at__isnull=True,
    )
    return Plan.objects.filter(Q(episode__team=team) | Exists(lead_in_team))


def flagged_plans_for_team(*, team) -> list[dict]:
    """Return the team's open plans (any kind) with open flags, worst first."""
    open_flags = PlanFlag.objects.filter(resolved_at__isnull=True).order_by("code")
    plans = (
        _team_plans(team)
        .filter(end_date__isnull=True, flags__resolved_at__isnull=True, flags__isnull=False)
        .annotate(open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True)))
        .select_related("person")
        .prefetch_related(Prefetch("flags", queryset=open_flags, to_attr="current_flags"))
        .order_by("-open_flags", "start_date")
        .distinct()
    )
    cp = dict(ChildProtectionPlan.objects.filter(plan__in=plans).values_list("plan_id", "pk"))
    return [{"plan": p, "cp_plan_id": cp.get(p.pk), "flags": p.current_flags} for p in plans]


def escalations_pending_for_manager(*, manager) -> QuerySet[EscalationEvent]:
    """Return escalations awaiting a strategy discussion or the manager's decision."""
    return (
        EscalationEvent.objects.active()
        .filter(Q(manager=manager) | Q(team__manager=manager), decision=EscalationDecision.PENDING)
        .select_related("person", "rule")
        .order_by("occurred_at")
    )


def alerts_for_manager(*, manager, unread_only: bool = True) -> QuerySet[ManagerAlert]:
    alerts = ManagerAlert.objects.filter(manager=manager).select_related("person")
    return alerts.filter(read_at__isnull=True) if unread_only else alerts


def repeat_plans_count(*, started_from: date, started_to: date, team=None) -> dict:
    """Count plans started in the period: all, second or later, and within two years.

    The last is the DfE measure of plans that follow another ending less than two years
    before (counted here from the stored end date of the previous plan).
    """
    plans = ChildProtectionPlan.objects.active().filter(
        plan__start_date__gte=started_from, plan__start_date__lte=started_to
    )
    if team is not None:
        plans = plans.filter(plan__in=_team_plans(team))
    rows = list(
        plans.values("number_of_previous_plans", "previous_plan_ended_on", "plan__start_date")
    )
    within = 0
    for r in rows:
        ended = r["previous_plan_ended_on"]
        if ended is not None:
            try:
                limit = ended.replace(year=ended.year + 2)
            except ValueError:
                limit = ended.replace(year=ended.year + 2, day=28)
            within += r["plan__start_date"] < limit
    return {
        "started": len(rows),
        "repeat": sum(1 for r in rows if r["number_of_previous_plans"] > 0),
        "repeat_within_two_years": within,
    }


def repeat_plans_for_team(*, team) -> QuerySet[ChildProtectionPlan]:
    """Return the team's open plans that are second or later plans."""
    return (
        ChildProtectionPlan.objects.active()
        .filter(
            plan__in=_team_plans(team), plan__end_date__isnull=True, number_of_previous_plans__gt=0
        )
        .select_related("plan__person")
    )


def open_cp_plan_for_person(*, person_id: int) -> ChildProtectionPlan | None:
    return (
        ChildProtectionPlan.objects.active()
        .filter(
            plan__person_id=person_id,
            plan__end_date__isnull=True,
            plan__kind=PlanKind.CHILD_PROTECTION,
        )
        .select_related("plan")
        .first()
    )
