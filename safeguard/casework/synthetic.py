"""Generator stage: visits, case notes, oversight, child in need plans, early help and closures.

Builds on the front door's episodes and the assessments stage (`ctx.shared[
"assessments.assessments"]`). Rates are local-practice defaults (DOMAIN.md): child in need
visits every 20 working days (drawn so that about one in six is late), reviews every three
months (some late), three actions per plan, a case note about every three weeks of an open
episode, management oversight at the start and about every two months. Every closed social
care episode gets its approved closure record (basis from its DfE code); about 3% of those with
a child in need plan were closed by override, for the senior managers' report. About 8% of
referrals were stepped up from early help, and every RC9 closure steps down to early help.

Hands on `ctx.shared["casework.cin_plans"]`: (plan id, person id, start, end or None).
"""

from collections import defaultdict
from datetime import timedelta

from safeguard.accounts.choices import Role, ServiceArea
from safeguard.assessments.choices import AssessmentOutcome
from safeguard.assessments.synthetic import lead_worker_by_episode
from safeguard.casework.choices import (
    ActionStatus,
    CaseNoteType,
    ClosureBasis,
    ClosureStatus,
    EpisodeTransition,
    PlanEndReason,
    PlanKind,
    Service,
    VisitLocation,
    VisitType,
)
from safeguard.casework.models import (
    CaseClosure,
    CaseNote,
    Episode,
    ManagementOversight,
    Plan,
    PlanAction,
    PlanReview,
    Visit,
)
from safeguard.casework.synthetic_dates import add_working_days
from safeguard.synthetic.registry import generator_stage

VISIT_INTERVAL = (8, 30, 17)  # working days; mean about 18, about one in six past 20
CHILD_SEEN_SHARE = 0.92
SEEN_ALONE_SHARE = 0.45
REVIEW_DAYS = (70, 120, 88)
NOTE_EVERY_DAYS = 21
OVERRIDE_SHARE = 0.03
STEP_UP_SHARE = 0.08
NOTE_TYPES = {
    CaseNoteType.CASE_NOTE: 30,
    CaseNoteType.TELEPHONE_CALL: 25,
    CaseNoteType.EMAIL: 15,
    CaseNoteType.PARTNER_INFORMATION: 12,
    CaseNoteType.DIRECT_WORK: 8,
    CaseNoteType.PROFESSIONALS_MEETING: 6,
    CaseNoteType.FAMILY_MEETING: 4,
}
ACTIONS = [
    "Attend the parenting programme at the family hub",
    "Register the child with a dentist and attend a check-up",
    "Support school attendance: daily check-in with the pastoral lead",
    "Refer to the domestic abuse service and attend the first appointment",
    "Complete the young carers assessment",
    "Apply for housing transfer with the support of the family worker",
]


def _basis(rng, reason: str) -> str:
    if reason == "RC8":
        return ClosureBasis.NO_FURTHER_ACTION
    if reason == "RC9":
        return ClosureBasis.STEPPED_DOWN
    return ClosureBasis.SERVICES_DECLINED if rng.random() < 0.12 else ClosureBasis.NEEDS_MET


class _Rows:
    def __init__(self):
        self.visits, self.notes, self.oversight, self.closures = [], [], [], []
        self.plans, self.plan_children, self.reviews = [], [], []


@generator_stage(name="casework", order=32)
def generate_casework(ctx) -> None:
    """Add visits, notes, oversight, child in need plans, early help and closure records."""
    rng = ctx.rng
    ctx.shared["casework.cin_plans"] = []
    episodes = list(
        Episode.objects.filter(service=Service.SOCIAL_CARE)
        .order_by("pk")
        .values("pk", "person_id", "referral_date", "closure_date", "closure_reason", "team_id")
    )
    if not episodes:
        return
    leads = lead_worker_by_episode()
    managers = {t.id: t.manager_id for t in ctx.teams}
    any_manager = next((s.id for s in ctx.staff if s.role == Role.TEAM_MANAGER), None)
    assessed = {row[1]: row for row in ctx.shared.get("assessments.assessments", [])}
    children = {c.id: c for c in ctx.children}
    rows = _Rows()
    cin_plan_of_episode = {}
    for e in ctx.progress(episodes, total=len(episodes), desc="casework"):
        worker = leads.get(e["pk"])
        manager = managers.get(e["team_id"]) or any_manager
        if worker is None:
            continue
        end = e["closure_date"] or ctx.as_of
        assessment = assessed.get(e["pk"])
        if assessment and assessment[4]:
            rows.visits.append(
                _visit(ctx, rng, e, worker, assessment[4], VisitType.ASSESSMENT, seen=True)
            )
        _notes(ctx, rng, rows, e, worker, end)
        if manager:
            _oversight(ctx, rng, rows, e, manager, end)
        if assessment and assessment[5] and assessment[6] == AssessmentOutcome.CHILD_IN_NEED_PLAN:
            start = assessment[5] + timedelta(days=rng.randint(0, 7))
            if start <= end:
                cin_plan_of_episode[e["pk"]] = _cin_plan(ctx, rng, rows, e, worker, start)
        if e["closure_date"] and manager:
            rows.closures.append(_closure(ctx, rng, e, worker, manager, cin_plan_of_episode))
    ctx.bulk(Visit, rows.visits)
    ctx.bulk(CaseNote, rows.notes)
    ctx.bulk(ManagementOversight, rows.oversight)
    plans = ctx.bulk(Plan, rows.plans)
    _plan_details(ctx, rng, rows, plans, children, leads)
    ctx.bulk(CaseClosure, rows.closures)
    _early_help(ctx, rng, episodes, leads)
    ctx.shared["casework.cin_plans"] = [
        (p.pk, p.person_id, p.start_date, p.end_date) for p in plans
    ]


def _visit(ctx, rng, e, worker, day, visit_type, *, seen=None) -> Visit:
    seen = rng.random() < CHILD_SEEN_SHARE if seen is None else seen
    stamp = ctx.at(day, rng.randint(0, 420))
    return Visit(
        person_id=e["person_id"],
        episode_id=e["pk"],
        visit_date=day,
        visit_type=visit_type,
        is_planned=rng.random() < 0.85,
        child_seen=seen,
        child_seen_alone=seen and rng.random() < SEEN_ALONE_SHARE,
        seen_with="" if not seen else rng.choice(["Mother", "Father", "Mother and siblings", ""]),
        reason_not_seen="" if seen else rng.choice(["No one home", "Child at a friend's house"]),
        location=rng.choices(
            [VisitLocation.HOME, VisitLocation.SCHOOL, VisitLocation.COMMUNITY], [80, 15, 5]
        )[0],
        worker_id=worker,
        observations="Home warm and tidy; child relaxed with parent.",
        created_at=stamp,
        modified_at=stamp,
        created_by_id=worker,
        modified_by_id=worker,
    )


def _notes(ctx, rng, rows, e, worker, end) -> None:
    days = (end - e["referral_date"]).days
    count = min(25, max(1, days // NOTE_EVERY_DAYS))
    types, weights = list(NOTE_TYPES), list(NOTE_TYPES.values())
    for _ in range(count):
        day = ctx.random_date(e["referral_date"], end)
        at = ctx.at(day, rng.randint(0, 480))
        note_type = rng.choices(types, weights)[0]
        rows.notes.append(
            CaseNote(
                person_id=e["person_id"],
                episode_id=e["pk"],
                note_type=note_type,
                occurred_at=at,
                subject=CaseNoteType(note_type).label,
                body="Discussed progress and next steps.",
                author_id=worker,
                created_at=at,
                modified_at=at,
                created_by_id=worker,
                modified_by_id=worker,
            )
        )


def _oversight(ctx, rng, rows, e, manager, end) -> None:
    day = e["referral_date"] + timedelta(days=rng.randint(0, 5))
    while day <= end:
        at = ctx.at(day, rng.randint(300, 480))
        rows.oversight.append(
            ManagementOversight(
                person_id=e["person_id"],
                episode_id=e["pk"],
                manager_id=manager,
                recorded_at=at,
                reasoning="Reviewed the case: risks understood, plan proportionate.",
                direction="Visit within 10 working days; update the chronology.",
                created_at=at,
                modified_at=at,
                created_by_id=manager,
                modified_by_id=manager,
            )
        )
        if rng.random() > 0.7:
            break
        day += timedelta(days=rng.randint(45, 75))


def _cin_plan(ctx, rng, rows, e, worker, start) -> int:
    end = e["closure_date"]
    reason = ""
    if end:
        reason = (
            PlanEndReason.OUTCOMES_ACHIEVED if rng.random() < 0.7 else PlanEndReason.CASE_CLOSED
        )
    index = len(rows.plans)
    stamp = ctx.at(start)
    rows.plans.append(
        Plan(
            person_id=e["person_id"],
            episode_id=e["pk"],
            kind=PlanKind.CHILD_IN_NEED,
            start_date=start,
            end_date=end,
            end_reason=reason,
            outcomes_sought="Child attends school every day; home is calm and safe.",
            created_at=stamp,
            modified_at=stamp,
            created_by_id=worker,
            modified_by_id=worker,
        )
    )
    until = end or ctx.as_of
    day = add_working_days(start, round(rng.triangular(*VISIT_INTERVAL)))
    while day <= until:
        rows.visits.append(_visit(ctx, rng, e, worker, day, VisitType.CHILD_IN_NEED))
        day = add_working_days(day, round(rng.triangular(*VISIT_INTERVAL)))
    day = start + timedelta(days=round(rng.triangular(*REVIEW_DAYS)))
    while day <= until:
        rows.reviews.append((index, day, worker))
        day += timedelta(days=round(rng.triangular(*REVIEW_DAYS)))
    return index


def _plan_details(ctx, rng, rows, plans, children, leads) -> None:
    reviews, actions = [], []
    for index, day, worker in rows.reviews:
        stamp = ctx.at(day, 120)
        reviews.append(
            PlanReview(
                plan_id=plans[index].pk,
                review_date=day,
                chaired_by_id=worker,
                progress="Some progress; attendance improving.",
                decision="Continue the plan; next review in three months.",
                created_at=stamp,
                modified_at=stamp,
                created_by_id=worker,
                modified_by_id=worker,
            )
        )
    ctx.bulk(PlanReview, reviews)
    for plan in plans:
        worker = leads.get(plan.episode_id)
        child = children.get(plan.person_id)
        adults = []
        if child is not None and 0 <= (child.household_id or 0) < len(ctx.households):
            household = ctx.households[child.household_id]
            adults = list(household.adult_ids) if household.id == child.household_id else []
        for text in rng.sample(ACTIONS, 3):
            due = plan.start_date + timedelta(days=rng.randint(21, 90))
            parent = rng.choice(adults) if adults and rng.random() < 0.5 else None
            done = due <= (plan.end_date or ctx.as_of) and rng.random() < 0.75
            actions.append(
                PlanAction(
                    plan_id=plan.pk,
                    description=text,
                    due_date=due,
                    responsible_person_id=parent,
                    responsible_worker_id=None if parent else worker,
                    status=ActionStatus.COMPLETED if done else ActionStatus.IN_PROGRESS,
                    completed_on=due - timedelta(days=rng.randint(0, 14)) if done else None,
                    last_update_on=due if done else None,
                )
            )
    actions = ctx.bulk(PlanAction, actions)
    through = PlanAction.children.through
    plan_person = {p.pk: p.person_id for p in plans}
    ctx.bulk(
        through,
        [through(planaction_id=a.pk, person_id=plan_person[a.plan_id]) for a in actions],
    )


def _closure(ctx, rng, e, worker, manager, cin_plan_of_episode) -> CaseClosure:
    closed = e["closure_date"]
    requested = ctx.at(closed - timedelta(days=rng.randint(0, 4)), rng.randint(0, 300))
    decided = max(requested + timedelta(hours=rng.randint(1, 30)), ctx.at(closed, 420))
    open_items, override = [], ""
    if e["pk"] in cin_plan_of_episode and rng.random() < OVERRIDE_SHARE:
        open_items = ["Open child in need plan"]
        override = "Family moved abroad at short notice; receiving services informed."
    return CaseClosure(
        episode_id=e["pk"],
        person_id=e["person_id"],
        closure_date=closed,
        closure_reason=e["closure_reason"],
        closure_basis=_basis(rng, e["closure_reason"]),
        summary="Outcomes reviewed with the family; the child's needs are met.",
        requested_by_id=worker,
        requested_at=requested,
        status=ClosureStatus.APPROVED,
        open_items=open_items,
        override_reasons=override,
        decided_by_id=manager,
        decided_at=min(decided, ctx.now),
        created_at=requested,
        modified_at=requested,
        created_by_id=worker,
        modified_by_id=manager,
    )


def _early_help(ctx, rng, episodes, leads) -> None:
    """Step-downs after RC9 closures, and early help before some referrals (step-ups)."""
    teams = [t.id for t in ctx.teams_in(ServiceArea.EARLY_HELP)] or [None]
    by_child = defaultdict(list)
    for e in episodes:
        by_child[e["person_id"]].append(e)
    new, links, plans = [], [], []
    for e in episodes:
        siblings = sorted(by_child[e["person_id"]], key=lambda x: x["referral_date"])
        earlier = [x for x in siblings if x["referral_date"] < e["referral_date"]]
        later = [x for x in siblings if x["referral_date"] > e["referral_date"]]
        if e["closure_reason"] == "RC9":
            start = e["closure_date"]
            stop = start + timedelta(days=rng.randint(60, 200))
            if later:
                stop = min(stop, later[0]["referral_date"])
            stop = stop if stop <= ctx.as_of else None
            new.append(
                (
                    Episode(
                        person_id=e["person_id"],
                        service=Service.EARLY_HELP,
                        team_id=rng.choice(teams),
                        referral_date=start,
                        closure_date=stop,
                        closure_reason="RC7" if stop else "",
                        previous_episode_id=e["pk"],
                        transition=EpisodeTransition.STEP_DOWN,
                    ),
                    None,
                )
            )
        elif rng.random() < STEP_UP_SHARE:
            start = e["referral_date"] - timedelta(days=rng.randint(30, 180))
            if start < ctx.period_start or (
                earlier
                and (
                    (earlier[-1]["closure_date"] or ctx.as_of) >= start
                    or earlier[-1]["closure_reason"] == "RC9"
                )
            ):
                continue
            new.append(
                (
                    Episode(
                        person_id=e["person_id"],
                        service=Service.EARLY_HELP,
                        team_id=rng.choice(teams),
                        referral_date=start,
                        closure_date=e["referral_date"],
                        closure_reason="RC7",
                    ),
                    e["pk"],
                )
            )
    created = ctx.bulk(Episode, [episode for episode, _ in new])
    for episode, (_, stepped_up) in zip(created, new, strict=True):
        stamp = ctx.at(episode.referral_date)
        if stepped_up:
            links.append(
                Episode(
                    pk=stepped_up,
                    previous_episode_id=episode.pk,
                    transition=EpisodeTransition.STEP_UP,
                )
            )
            kind, reason = PlanKind.EARLY_HELP, PlanEndReason.STEPPED_UP
        else:
            kind = PlanKind.STEP_DOWN
            reason = PlanEndReason.OUTCOMES_ACHIEVED if episode.closure_date else ""
        plans.append(
            Plan(
                person_id=episode.person_id,
                episode_id=episode.pk,
                kind=kind,
                start_date=episode.referral_date,
                end_date=episode.closure_date,
                end_reason=reason,
                outcomes_sought="Family support at home.",
                created_at=stamp,
                modified_at=stamp,
            )
        )
    Episode.objects.bulk_update(links, ["previous_episode", "transition"], batch_size=1000)
    ctx.bulk(Plan, plans)
