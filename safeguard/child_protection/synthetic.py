"""Generator stage: strategy discussions, section 47 enquiries, conferences, plans, actions, core
groups and child protection visits, at published rates, with some plans that cannot work.

Rates (DOMAIN.md; reference/statistics/england.csv), per social care referral from the front
door stage (`ctx.shared["front_door.episodes"]`): ~225,000 section 47 enquiries to ~633,000
referrals (0.355); ~77,000 ICPCs (0.34 of enquiries); about 88% of ICPCs start a plan, which
gives ~66,000 plans a year and, at a mean of about 9 months, ~50,000 children on plans at
31 March. Categories of abuse follow the DfE shares (neglect about half, emotional abuse about
two fifths). About a fifth of plans are second or later plans.

Flaws put in on purpose, so the checks and the manager's view have something to find:
- FLAW_TWO_ADDRESSES of plans: a parent asked to keep safe the child and a half-sibling who
  lives in another household;
- FLAW_RISK_OWNER of plans: an action given to an adult the record names as posing a risk;
- actions past their due date with no update, and children whose visits lapsed, arise from
  the rates (LATE_ACTION_SHARE, LAPSED_VISITS_SHARE).

Hands on `ctx.shared["child_protection.plans"]`: (plan id, person id, start, end or None).
"""

from collections import defaultdict
from datetime import date, timedelta

from safeguard.accounts.choices import Role
from safeguard.casework.choices import (
    ActionStatus,
    PlanKind,
    VisitLocation,
    VisitType,
)
from safeguard.casework.choices import PlanEndReason as CaseworkPlanEndReason
from safeguard.casework.models import CaseClosure, Episode, Plan, PlanAction, PlanReview, Visit
from safeguard.child_protection.choices import (
    Agency,
    ConferenceDecision,
    ConferenceKind,
    EscalationCondition,
    EscalationDecision,
    PlanEndReason,
    Section47Outcome,
    StrategyDecision,
)
from safeguard.child_protection.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    ConferenceAttendee,
    CoreGroupMeeting,
    EscalationEvent,
    EscalationRule,
    ManagerAlert,
    Section47Enquiry,
    StrategyDiscussion,
    StrategyDiscussionAttendee,
)
from safeguard.people.choices import RelationshipKind
from safeguard.people.models import Relationship
from safeguard.synthetic.registry import generator_stage

STRATEGY_PER_REFERRAL = 0.42
LONG_EPISODE_DAYS = 120
LONG_SHARE_OF_STRATEGY = 0.8
S47_SHARE_OF_STRATEGY = 0.85  # 0.42 x 0.85 = 0.357 enquiries per referral
ICPC_SHARE_OF_S47 = 0.34
PLAN_SHARE_OF_ICPC = 0.88
ESCALATED_SHARE = 0.3  # strategy discussions called by an escalation rule
REPEAT_BEFORE_WINDOW = 0.18  # plans with an earlier plan before the generated years
CATEGORY_WEIGHTS = {"NEG": 50, "EMO": 37, "PHY": 7, "SAB": 4, "MUL": 2}
END_REASON_WEIGHTS = {
    PlanEndReason.NO_LONGER_AT_RISK: 80,
    PlanEndReason.LOOKED_AFTER: 10,
    PlanEndReason.TRANSFERRED: 5,
    PlanEndReason.OTHER: 5,
}
FLAW_TWO_ADDRESSES = 0.06
FLAW_RISK_OWNER = 0.05
LATE_ACTION_SHARE = 0.08
PENDING_ESCALATION_EVERY = 300  # one open episode in this many has an escalation waiting
LAPSED_VISITS_SHARE = 0.05
ACTIONS = [
    "Make sure the children attend school or nursery every day",
    "Attend the parenting programme and share progress with the core group",
    "Keep the home safe and clean; the social worker will see every room",
    "Take the children to their health appointments and dental check",
    "Attend the drug and alcohol service and give consent for test results",
    "No contact between the children and the person posing a risk",
    "Complete direct work with the child about their worries",
    "Make a safety plan with the family network",
]


def _weighted(rng, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


class _Rows:
    """What the stage writes, in lists, so each table takes one bulk write."""

    def __init__(self):
        self.events, self.discussions, self.attendees = [], [], []
        self.enquiries, self.conferences, self.conference_attendees = [], [], []
        self.plans, self.cp_plans, self.step_downs = [], [], []
        self.core_groups, self.visits, self.actions = [], [], []
        self.relationships = []


@generator_stage(name="child_protection", order=50)
def generate_child_protection(ctx) -> None:
    """Add child protection work to the social care episodes the front door opened."""
    rng = ctx.rng
    episodes = sorted(ctx.shared.get("front_door.episodes", []))
    if not episodes:
        ctx.shared["child_protection.plans"] = []
        return
    chairs = [s.id for s in ctx.staff_with_role(Role.CONFERENCE_CHAIR)] or [
        s.id for s in ctx.staff_with_role(Role.TEAM_MANAGER)
    ]
    # Generated escalations are disclosures: rules whose condition every child meets.
    rules = {
        r.trigger: r
        for r in EscalationRule.objects.filter(
            is_active=True, condition=EscalationCondition.ANY_CHILD
        )
    }
    children = {c.id: c for c in ctx.children}
    workers: dict[int, list[int]] = {}

    def worker_in(team_id: int) -> int:
        if team_id not in workers:
            workers[team_id] = [s.id for s in ctx.team_members(team_id, Role.SOCIAL_WORKER)] or [
                s.id for s in ctx.staff_with_role(Role.SOCIAL_WORKER)
            ]
        return rng.choice(workers[team_id])

    rows = _Rows()
    plans_by_child: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    # Plans are made in referral order, so an earlier plan exists before a repeat is made.
    # Children who need protection stay open to social care for months: most strategy
    # discussions fall in the episodes that last, so the plans they lead to can run.
    long = {e[0] for e in episodes if e[3] is None or (e[3] - e[2]).days >= LONG_EPISODE_DAYS}
    target = STRATEGY_PER_REFERRAL * len(episodes)
    p_long = min(0.95, LONG_SHARE_OF_STRATEGY * target / max(len(long), 1))
    p_short = min(0.95, (target - p_long * len(long)) / max(len(episodes) - len(long), 1))
    for episode_id, person_id, referral_date, closure_date, team_id in episodes:
        if rng.random() >= (p_long if episode_id in long else p_short):
            continue
        last_day = min(closure_date or ctx.as_of, ctx.as_of)
        held_on = _weekday(referral_date + timedelta(days=rng.randint(0, 20)))
        if held_on > last_day:
            continue
        if any(end is None or end >= held_on for _start, end in plans_by_child[person_id]):
            continue  # already on a plan: concerns go to the core group, not a new discussion
        _discussion(
            ctx,
            rng,
            rows,
            rules,
            children,
            plans_by_child,
            chairs,
            worker_in,
            episode_id=episode_id,
            person_id=person_id,
            held_on=held_on,
            last_day=last_day,
            team_id=team_id,
            closed=closure_date is not None,
        )
    closure_of = {e[0]: e[3] for e in episodes}
    _fit_cin_plans(ctx, rows, closure_of)
    _pending_escalations(ctx, rng, rows, rules, episodes, plans_by_child)
    _write(ctx, rows)
    _flag_open_plans(ctx)


def _overlap(a: tuple, b: tuple) -> bool:
    """Say whether two plan spans (start, end or None) overlap as CIN census rule 4014 reads it.

    A plan starting on the day the other ends overlaps it.
    """
    first, second = sorted([a, b], key=lambda span: span[0])
    return first[1] is None or second[0] <= first[1]


def _fit_cin_plans(ctx, rows, closure_of: dict) -> None:
    """Keep child in need plans and protection plans apart, as the CIN census requires.

    The casework stage made child in need plans without knowing of protection plans. A child
    in need plan open when a protection plan starts ends that day, stepped up (rules 4001,
    4017); one starting during a protection plan moves to the day it ends, or goes if it would
    fall wholly inside it (4016, 4003). A step-down plan is made only when the episode stays open
    after the protection plan and no other child in need plan is open then (4004, 4014); it ends
    when the episode closes or the next protection plan starts. An episode with an enquiry is
    not "closed after assessment" (RC8/RC9, rule 2990): it closes with RC7.
    """
    cps_of = defaultdict(list)
    for plan in rows.plans:
        cps_of[plan.person_id].append(plan)
    shared = ctx.shared.get("casework.cin_plans", [])
    cins = {
        pk: [person_id, start, end, ""]
        for pk, person_id, start, end in shared
        if person_id in cps_of
    }
    cins_of = defaultdict(list)
    for pk, (person_id, *_rest) in cins.items():
        cins_of[person_id].append(pk)
    changed, dropped = set(), set()
    for person_id, cps in cps_of.items():
        cps.sort(key=lambda p: p.start_date)
        for cp in cps:
            for pk in cins_of[person_id]:
                if pk in dropped:
                    continue
                cin = cins[pk]
                if cin[1] < cp.start_date and (cin[2] is None or cin[2] > cp.start_date):
                    cin[2], cin[3] = cp.start_date, CaseworkPlanEndReason.STEPPED_UP
                    changed.add(pk)
                elif cp.start_date <= cin[1] and (cp.end_date is None or cin[1] < cp.end_date):
                    if cp.end_date is not None and (cin[2] is None or cin[2] > cp.end_date):
                        cin[1] = cp.end_date
                        changed.add(pk)
                    else:
                        dropped.add(pk)
    step_downs = []
    for cp_plan in rows.cp_plans:
        step_down = getattr(cp_plan, "_step_down", None)
        if step_down is None:
            continue
        cp, person_id = cp_plan._plan, step_down.person_id
        closed = closure_of.get(step_down.episode_id)
        later = [p.start_date for p in cps_of[person_id] if p.start_date > cp.end_date]
        ends = [d for d in [closed, *later] if d is not None]
        span = (cp.end_date, min(ends) if ends else None)
        others = [(cins[pk][1], cins[pk][2]) for pk in cins_of[person_id] if pk not in dropped]
        others += [(s.start_date, s.end_date) for s in step_downs if s.person_id == person_id]
        if (closed is not None and closed <= cp.end_date) or any(
            _overlap(span, other) for other in others
        ):
            cp_plan._step_down = None
            continue
        step_down.end_date = span[1]
        if span[1] is not None:
            step_down.end_reason = (
                CaseworkPlanEndReason.CASE_CLOSED
                if span[1] == closed
                else CaseworkPlanEndReason.STEPPED_UP
            )
        step_downs.append(step_down)
    rows.step_downs = step_downs
    for pk in changed - dropped:
        _person, start, end, reason = cins[pk]
        fields = {"start_date": start, "end_date": end}
        if reason:
            fields["end_reason"] = reason
        Plan.objects.filter(pk=pk).update(**fields)
    if dropped:
        PlanAction.objects.filter(plan_id__in=dropped).delete()
        PlanReview.objects.filter(plan_id__in=dropped).delete()
        Plan.objects.filter(previous_plan_id__in=dropped).update(previous_plan=None)
        Plan.objects.filter(pk__in=dropped).delete()
    ctx.shared["casework.cin_plans"] = [
        (pk, person_id, *(cins[pk][1:3] if pk in cins else (start, end)))
        for pk, person_id, start, end in shared
        if pk not in dropped
    ]
    worked = {e.episode_id for e in rows.enquiries}
    assessed_only = list(
        Episode.objects.filter(pk__in=worked, closure_reason__in=["RC8", "RC9"]).values_list(
            "pk", flat=True
        )
    )
    Episode.objects.filter(pk__in=assessed_only).update(closure_reason="RC7")
    CaseClosure.objects.filter(episode_id__in=assessed_only).update(closure_reason="RC7")


def _pending_escalations(ctx, rng, rows, rules, episodes, plans_by_child) -> None:
    """Leave a few escalations of the last days awaiting their strategy discussion."""
    open_episodes = [e for e in episodes if e[3] is None and not plans_by_child[e[1]]]
    if not rules or not open_episodes:
        return
    for _episode, person_id, referral_date, _closed, team_id in rng.sample(
        open_episodes, k=max(1, len(open_episodes) // PENDING_ESCALATION_EVERY)
    ):
        trigger = rng.choice(sorted(rules))
        occurred = max(referral_date, ctx.as_of - timedelta(days=rng.randint(0, 2)))
        rows.events.append(
            EscalationEvent(
                person_id=person_id,
                rule=rules[trigger],
                trigger=trigger,
                occurred_at=ctx.at(occurred, minutes=rng.randint(0, 420)),
                detail="Generated",
                team_id=team_id,
                manager_id=ctx.team(team_id).manager_id,
                created_at=ctx.at(occurred, minutes=450),
            )
        )


def _discussion(
    ctx,
    rng,
    rows,
    rules,
    children,
    plans_by_child,
    chairs,
    worker_in,
    *,
    episode_id,
    person_id,
    held_on,
    last_day,
    team_id,
    closed,
):
    worker = worker_in(team_id)
    manager = ctx.team(team_id).manager_id
    escalation = None
    if rng.random() < ESCALATED_SHARE and rules:
        trigger = rng.choice(sorted(rules))
        escalation = EscalationEvent(
            person_id=person_id,
            rule=rules[trigger],
            trigger=trigger,
            occurred_at=ctx.at(held_on - timedelta(days=rng.randint(0, 1)), minutes=30),
            detail="Generated",
            raised_by_id=worker,
            team_id=team_id,
            manager_id=manager,
            decision=EscalationDecision.PROCEDURES_STARTED,
            decided_on=held_on,
            created_at=ctx.at(held_on),
        )
        rows.events.append(escalation)
    decision = rng.choices(
        [
            StrategyDecision.SECTION_47,
            StrategyDecision.CHILD_IN_NEED,
            StrategyDecision.NO_FURTHER_ACTION,
        ],
        weights=[S47_SHARE_OF_STRATEGY, 0.1, 0.05],
    )[0]
    discussion = StrategyDiscussion(
        person_id=person_id,
        episode_id=episode_id,
        held_on=held_on,
        concern="Concern of significant harm (generated)",
        decision=decision,
        created_at=ctx.at(held_on, minutes=120),
        created_by_id=worker,
    )
    discussion._escalation = escalation
    rows.discussions.append(discussion)
    for agency in (Agency.SOCIAL_CARE, Agency.POLICE, Agency.HEALTH, Agency.EDUCATION):
        if agency == Agency.EDUCATION and rng.random() < 0.4:
            continue
        rows.attendees.append((discussion, agency, f"{agency.label} representative"))
    if decision != StrategyDecision.SECTION_47:
        return
    enquiry = Section47Enquiry(
        person_id=person_id,
        episode_id=episode_id,
        start_date=held_on,
        created_at=ctx.at(held_on, minutes=180),
        created_by_id=worker,
    )
    enquiry._discussion = discussion
    rows.enquiries.append(enquiry)
    if rng.random() >= ICPC_SHARE_OF_S47:
        concluded = held_on + timedelta(days=rng.randint(5, 35))
        if closed:
            # An episode closes only once its enquiry has an outcome (CIN census rule 8868).
            concluded = min(concluded, last_day)
        if concluded <= last_day:
            enquiry.outcome = rng.choices(
                [Section47Outcome.NOT_SUBSTANTIATED, Section47Outcome.SUBSTANTIATED_NO_ICPC],
                weights=[68, 32],
            )[0]
            enquiry.outcome_date = concluded
        return
    # About four in five ICPCs are within 15 working days (about 21 calendar days).
    icpc_on = _weekday(held_on + timedelta(days=rng.randint(10, 21 if rng.random() < 0.8 else 40)))
    if icpc_on > last_day:
        if closed:
            # The episode closed before a conference: the enquiry concluded without one (8868).
            enquiry.outcome = Section47Outcome.SUBSTANTIATED_NO_ICPC
            enquiry.outcome_date = last_day
        return
    enquiry.outcome, enquiry.outcome_date = Section47Outcome.ICPC, icpc_on
    on_plan = rng.random() < PLAN_SHARE_OF_ICPC and (last_day - icpc_on).days >= 14
    category = _weighted(rng, CATEGORY_WEIGHTS) if on_plan else ""
    conference = ChildProtectionConference(
        person_id=person_id,
        kind=ConferenceKind.INITIAL,
        held_on=icpc_on,
        chair_id=rng.choice(chairs),
        decision=ConferenceDecision.PLAN if on_plan else ConferenceDecision.NO_PLAN,
        category_of_abuse=category,
        child_attended=rng.random() < 0.4,
        parents_attended=rng.random() < 0.85,
        created_at=ctx.at(icpc_on, minutes=240),
    )
    conference._enquiry = enquiry
    rows.conferences.append(conference)
    for agency in (Agency.SOCIAL_CARE, Agency.POLICE, Agency.HEALTH, Agency.EDUCATION):
        rows.conference_attendees.append(
            (conference, agency, f"{agency.label} representative", rng.random() < 0.85)
        )
    if on_plan:
        _plan(
            ctx,
            rng,
            rows,
            children,
            plans_by_child,
            chairs,
            worker,
            conference,
            episode_id=episode_id,
            person_id=person_id,
            last_day=last_day,
            category=category,
        )


def _plan(
    ctx,
    rng,
    rows,
    children,
    plans_by_child,
    chairs,
    worker,
    conference,
    *,
    episode_id,
    person_id,
    last_day,
    category,
):
    start = conference.held_on
    months = rng.choices([3, 6, 9, 12, 18, 24], weights=[12, 28, 25, 18, 12, 5])[0]
    planned_end = start + timedelta(days=int(months * 30.4))
    end = planned_end if planned_end <= last_day else None
    if end is None and last_day < ctx.as_of:
        end = last_day  # the episode closed: the plan ended with it
    earlier = plans_by_child[person_id]
    previous_count = len(earlier)
    previous_end = max((e for _s, e in earlier if e), default=None)
    if rng.random() < REPEAT_BEFORE_WINDOW:
        previous_count += 1
        if previous_end is None:
            previous_end = ctx.period_start - timedelta(days=rng.randint(60, 1500))
    plans_by_child[person_id].append((start, end))

    plan = Plan(
        person_id=person_id,
        episode_id=episode_id,
        kind=PlanKind.CHILD_PROTECTION,
        start_date=start,
        end_date=end,
        created_at=ctx.at(start, minutes=300),
        created_by_id=worker,
    )
    reason = _weighted(rng, END_REASON_WEIGHTS) if end else ""
    plan.end_reason = {
        PlanEndReason.NO_LONGER_AT_RISK: CaseworkPlanEndReason.STEPPED_DOWN,
        PlanEndReason.LOOKED_AFTER: CaseworkPlanEndReason.STEPPED_UP,
        PlanEndReason.TRANSFERRED: CaseworkPlanEndReason.TRANSFERRED,
        PlanEndReason.OTHER: CaseworkPlanEndReason.OTHER,
    }.get(reason, "")
    rows.plans.append(plan)
    cp_plan = ChildProtectionPlan(
        initial_category_of_abuse=category,
        latest_category_of_abuse=category,
        number_of_previous_plans=previous_count,
        previous_plan_ended_on=previous_end,
        end_reason=reason,
        created_at=ctx.at(start, minutes=300),
    )
    cp_plan._plan, cp_plan._conference = plan, conference
    rows.cp_plans.append(cp_plan)
    if reason == PlanEndReason.NO_LONGER_AT_RISK and end < ctx.as_of:
        step_down = Plan(
            person_id=person_id,
            episode_id=episode_id,
            kind=PlanKind.CHILD_IN_NEED,
            start_date=end,
            created_at=ctx.at(end, minutes=360),
        )
        step_down._previous = plan
        cp_plan._step_down = step_down
        rows.step_downs.append(step_down)

    until = end or ctx.as_of
    # Review conferences: 3 months, then 6-monthly; the last ends the plan if it ended.
    review = start + timedelta(days=rng.randint(80, 95))
    latest = category
    while review < until:
        if rng.random() < 0.1:
            latest = _weighted(rng, CATEGORY_WEIGHTS)
        rows.conferences.append(
            _review(
                ctx, rng, chairs, person_id, plan, review, ConferenceDecision.CONTINUE_PLAN, latest
            )
        )
        review += timedelta(days=rng.randint(170, 185))
    if end is not None and end < ctx.as_of:
        rows.conferences.append(
            _review(ctx, rng, chairs, person_id, plan, end, ConferenceDecision.END_PLAN, "")
        )
    cp_plan.latest_category_of_abuse = latest
    # Core groups: first within about 10 working days, then every 4 to 6 weeks.
    meeting = start + timedelta(days=rng.randint(5, 16))
    while meeting < until:
        rows.core_groups.append((plan, meeting))
        meeting += timedelta(days=rng.randint(26, 42))
    child = children.get(person_id)
    household = ctx.households[child.household_id] if child else None
    on_plan = _actions(ctx, rng, rows, plan, household, person_id, worker, start, until)
    # Visits: about every 10 working days, seeing each child on the plan (the siblings on its
    # actions too); for a few plans the visits lapse some weeks before today.
    lapse = end is None and rng.random() < LAPSED_VISITS_SHARE
    stop = until - timedelta(days=rng.randint(25, 60)) if lapse else until
    visit = start + timedelta(days=rng.randint(3, 10))
    while _weekday(visit) <= stop:
        for child_id in on_plan:
            seen = rng.random() < 0.95
            dob = children[child_id].date_of_birth if child_id in children else None
            alone = seen and dob is not None and (visit - dob).days > 4 * 365
            alone = alone and rng.random() < 0.6
            rows.visits.append((child_id, episode_id, _weekday(visit), seen, alone, worker))
        visit += timedelta(days=rng.randint(7, 16))


def _review(ctx, rng, chairs, person_id, plan, held_on, decision, category):
    conference = ChildProtectionConference(
        person_id=person_id,
        kind=ConferenceKind.REVIEW,
        held_on=held_on,
        chair_id=rng.choice(chairs),
        decision=decision,
        category_of_abuse=category,
        child_attended=rng.random() < 0.5,
        parents_attended=rng.random() < 0.85,
        created_at=ctx.at(held_on, minutes=240),
    )
    conference._plan = plan
    return conference


def _actions(ctx, rng, rows, plan, household, person_id, worker, start, until) -> list[int]:
    """Add the plan's actions; return the children they are for (the plan's child first)."""
    adults = list(household.adult_ids) if household else []
    siblings = [c for c in (household.child_ids if household else ()) if c != person_id]
    flaw = rng.random()
    on_plan = {person_id: None}
    for _ in range(rng.randint(3, 6)):
        due = start + timedelta(days=rng.randint(14, 120))
        owner_person = rng.choice(adults) if adults and rng.random() < 0.6 else None
        action_children = [person_id] + [s for s in siblings if rng.random() < 0.7]
        on_plan.update(dict.fromkeys(action_children))
        if due < min(until, ctx.as_of):
            late = rng.random() < LATE_ACTION_SHARE
            status = (
                ActionStatus.NOT_STARTED
                if late
                else rng.choice([ActionStatus.COMPLETED, ActionStatus.IN_PROGRESS])
            )
            updated = None if late else due - timedelta(days=rng.randint(0, 5))
            if status == ActionStatus.IN_PROGRESS and updated is not None:
                updated = min(due + timedelta(days=rng.randint(0, 10)), ctx.as_of)
        else:
            status, updated = ActionStatus.NOT_STARTED, None
        rows.actions.append(
            [
                plan,
                rng.choice(ACTIONS),
                owner_person,
                None if owner_person else worker,
                due,
                status,
                updated,
                action_children,
            ]
        )
    if not adults:
        return list(on_plan)
    if flaw < FLAW_TWO_ADDRESSES:
        # A half-sibling who lives with their other parent, in another household.
        other = ctx.households[rng.randrange(len(ctx.households))]
        if other.child_ids and other.address_id != household.address_id:
            half = other.child_ids[0]
            on_plan[half] = None
            rows.relationships.append((person_id, half, RelationshipKind.HALF_SIBLING))
            rows.relationships.append((adults[0], half, RelationshipKind.PARENT))
            rows.actions.append(
                [
                    plan,
                    "Keep both children safe from the person posing a risk",
                    adults[0],
                    None,
                    start + timedelta(days=90),
                    ActionStatus.IN_PROGRESS,
                    start,
                    [person_id, half],
                ]
            )
    elif flaw < FLAW_TWO_ADDRESSES + FLAW_RISK_OWNER:
        risk = adults[-1]
        rows.relationships.append((risk, person_id, RelationshipKind.PERSON_POSING_RISK))
        rows.actions.append(
            [
                plan,
                "Supervise the children's bedtime routine",
                risk,
                None,
                start + timedelta(days=60),
                ActionStatus.IN_PROGRESS,
                start,
                [person_id],
            ]
        )
    return list(on_plan)


def _write(ctx, rows: _Rows) -> None:
    ctx.bulk(EscalationEvent, rows.events)
    ctx.bulk(
        ManagerAlert,
        [
            ManagerAlert(
                manager_id=e.manager_id,
                person_id=e.person_id,
                escalation_id=e.pk,
                message=f"{e.rule.name}: a strategy discussion is due.",
            )
            for e in rows.events
            if e.decision == EscalationDecision.PENDING and e.manager_id
        ],
    )
    for d in rows.discussions:
        d.escalation_id = d._escalation.pk if d._escalation else None
    ctx.bulk(StrategyDiscussion, rows.discussions)
    ctx.bulk(
        StrategyDiscussionAttendee,
        [
            StrategyDiscussionAttendee(strategy_discussion_id=d.pk, agency=a, name=n)
            for d, a, n in rows.attendees
        ],
    )
    for e in rows.enquiries:
        e.strategy_discussion_id = e._discussion.pk
    ctx.bulk(Section47Enquiry, rows.enquiries)
    ctx.bulk(Plan, rows.plans)
    for c in rows.conferences:
        if c.kind == ConferenceKind.INITIAL:
            c.section_47_id = c._enquiry.pk
        else:
            c.plan_id = c._plan.pk
    ctx.bulk(ChildProtectionConference, rows.conferences)
    ctx.bulk(
        ConferenceAttendee,
        [
            ConferenceAttendee(conference_id=c.pk, agency=a, name=n, attended=att)
            for c, a, n, att in rows.conference_attendees
        ],
    )
    for s in rows.step_downs:
        s.previous_plan_id = s._previous.pk
    ctx.bulk(Plan, rows.step_downs)
    for p in rows.cp_plans:
        p.plan_id, p.initial_conference_id = p._plan.pk, p._conference.pk
        step_down = getattr(p, "_step_down", None)
        p.step_down_plan_id = step_down.pk if step_down else None
    ctx.bulk(ChildProtectionPlan, rows.cp_plans)
    ctx.bulk(
        CoreGroupMeeting,
        [
            CoreGroupMeeting(plan_id=p.pk, held_on=d, created_at=ctx.at(d, minutes=60))
            for p, d in rows.core_groups
        ],
    )
    seen_pairs = set()
    relationships = []
    for a, b, kind in rows.relationships:
        if (a, b, kind) not in seen_pairs:
            seen_pairs.add((a, b, kind))
            relationships.append(Relationship(person_id=a, related_person_id=b, kind=kind))
    existing = set(
        Relationship.objects.filter(person_id__in={r.person_id for r in relationships}).values_list(
            "person_id", "related_person_id", "kind"
        )
    )
    ctx.bulk(
        Relationship,
        [r for r in relationships if (r.person_id, r.related_person_id, r.kind) not in existing],
    )
    actions = ctx.bulk(
        PlanAction,
        [
            PlanAction(
                plan_id=plan.pk,
                description=text,
                responsible_person_id=person,
                responsible_worker_id=worker,
                due_date=due,
                status=status,
                last_update_on=updated,
                completed_on=updated if status == ActionStatus.COMPLETED else None,
            )
            for plan, text, person, worker, due, status, updated, _children in rows.actions
        ],
    )
    through = PlanAction.children.through
    ctx.bulk(
        through,
        [
            through(planaction_id=a.pk, person_id=c)
            for a, row in zip(actions, rows.actions, strict=True)
            for c in dict.fromkeys(row[7])
        ],
    )
    ids = ctx.reserve_ids(Visit, len(rows.visits))
    now = ctx.now
    ctx.insert_rows(
        Visit,
        [
            "id",
            "created_at",
            "modified_at",
            "person",
            "episode",
            "visit_date",
            "visit_type",
            "is_planned",
            "child_seen",
            "child_seen_alone",
            "seen_with",
            "reason_not_seen",
            "location",
            "location_detail",
            "worker",
            "observations",
            "childs_views",
        ],
        [
            (
                pk,
                now,
                now,
                person,
                episode,
                day,
                VisitType.CHILD_PROTECTION,
                True,
                seen,
                alone,
                "" if alone or not seen else "Parent",
                "" if seen else "Child not at home",
                VisitLocation.HOME,
                "",
                worker,
                "",
                "",
            )
            for pk, (person, episode, day, seen, alone, worker) in zip(
                ids, rows.visits, strict=True
            )
        ],
    )
    ctx.shared["child_protection.plans"] = [
        (p.pk, p.person_id, p.start_date, p.end_date) for p in rows.plans
    ]


def _flag_open_plans(ctx) -> None:
    """Run the plan checks on every open plan, as at the authority's today."""
    from safeguard.child_protection.plan_checks import engine_due_dates
    from safeguard.child_protection.services import plan_flags_refresh

    due_for = engine_due_dates()
    for plan in Plan.objects.filter(kind=PlanKind.CHILD_PROTECTION, end_date__isnull=True).order_by(
        "pk"
    ):
        plan_flags_refresh(plan=plan, as_of=ctx.as_of, visit_due_for=due_for)
