"""Generator stage: single assessments on the front door's referrals, at published rates.

Rates (reference/statistics/england.csv): about one assessment per referral (655,540
completed to ~633,000 referrals in 2022-23) and a mean duration of 33 working days from
referral to authorisation, with a tail past the 45-day limit (about one in six). The outcome
follows how the front door stage closed the episode: closed within weeks with RC8, no further
action; with RC9, step down to early help; held for months, a child in need plan (or a
strategy discussion). About one in seven assessments is returned once by the manager.

Hands on `ctx.shared["assessments.assessments"]`: a list of (assessment id, episode id, person
id, start date, child seen on, authorised on or None, outcome, worker id).
"""

from datetime import timedelta

from safeguard.assessments.choices import (
    AssessmentKind,
    AssessmentOutcome,
    AssessmentStatus,
    ManagerDecision,
)
from safeguard.assessments.models import (
    Assessment,
    AssessmentFactorIdentified,
    AssessmentManagerDecision,
)
from safeguard.casework.choices import AllocationRole, Service
from safeguard.casework.models import Allocation, Episode
from safeguard.casework.synthetic_dates import add_working_days
from safeguard.synthetic.registry import generator_stage

ASSESSMENT_SHARE = 0.96
RETURNED_SHARE = 0.14
# Working days from referral to authorisation: triangular(4, 66, 29) has mean 33 and about
# 19% beyond 45.
DURATION = (4, 66, 29)
# Commonest factors at the end of assessment (DfE CIN 2023: mental health and domestic abuse
# lead), weights roughly proportional to their shares.
FACTOR_WEIGHTS = {
    "4B": 30,
    "3A": 24,
    "3B": 22,
    "4A": 14,
    "2B": 12,
    "1B": 9,
    "6B": 5,
    "5B": 4,
    "7A": 3,
    "2A": 3,
    "21": 8,
}
ALL_ADEQUATE = {
    "child_seen": "adequate",
    "childs_wishes_and_feelings": "adequate",
    "parents_and_carers_views": "adequate",
    "partner_agency_information": "adequate",
    "analysis_of_needs_and_risks": "adequate",
    "factors": "adequate",
    "outcome": "adequate",
}


def _outcome(rng, reason: str) -> str:
    if reason == "RC8":
        return AssessmentOutcome.NO_FURTHER_ACTION
    if reason == "RC9":
        return AssessmentOutcome.STEP_DOWN_EARLY_HELP
    if rng.random() < 0.15:
        return AssessmentOutcome.STRATEGY_DISCUSSION
    return AssessmentOutcome.CHILD_IN_NEED_PLAN


def _factors(rng) -> list[str]:
    codes, weights = list(FACTOR_WEIGHTS), list(FACTOR_WEIGHTS.values())
    picked = set(rng.choices(codes, weights=weights, k=rng.choice([1, 1, 2, 2, 3])))
    return ["21"] if "21" in picked else sorted(picked)


def lead_worker_by_episode() -> dict[int, int]:
    """Return {episode id: its first lead worker}, in one query."""
    leads = {}
    rows = Allocation.objects.filter(role=AllocationRole.LEAD).order_by("start_at", "pk")
    for episode_id, worker_id in rows.values_list("episode_id", "worker_id"):
        leads.setdefault(episode_id, worker_id)
    return leads


@generator_stage(name="assessments", order=30)
def generate_assessments(ctx) -> None:
    """Add single assessments, manager decisions and factors to social care referrals."""
    rng = ctx.rng
    episodes = list(
        Episode.objects.filter(service=Service.SOCIAL_CARE, referral_nfa=False)
        .order_by("pk")
        .values_list(
            "pk", "person_id", "referral_date", "closure_date", "closure_reason", "team_id"
        )
    )
    ctx.shared["assessments.assessments"] = []
    if not episodes:
        return
    leads = lead_worker_by_episode()
    managers = {t.id: t.manager_id for t in ctx.teams}
    any_manager = next((s.id for s in ctx.staff if s.role == "team_manager"), None)
    assessments, plans = [], []
    for episode_id, person_id, referral, closure, reason, team_id in ctx.progress(
        episodes, total=len(episodes), desc="assessments"
    ):
        worker = leads.get(episode_id)
        if worker is None or rng.random() > ASSESSMENT_SHARE:
            continue
        start = referral + timedelta(days=rng.choice([0, 0, 1, 1, 2, 3]))
        limit = min(closure or ctx.as_of, ctx.as_of)
        if start > limit:
            continue
        duration = round(rng.triangular(*DURATION))
        authorised = add_working_days(referral, duration)
        seen = min(start + timedelta(days=rng.randint(1, 12)), authorised, limit)
        if closure is not None and authorised > closure:
            authorised = closure  # the assessment was finished as the case closed
        if authorised > ctx.as_of:
            authorised = None
        outcome = _outcome(rng, reason) if authorised or rng.random() < 0.5 else ""
        manager = managers.get(team_id) or any_manager
        returned = authorised is not None and manager and rng.random() < RETURNED_SHARE
        status = (
            AssessmentStatus.AUTHORISED
            if authorised and manager
            else AssessmentStatus.SUBMITTED
            if outcome
            else AssessmentStatus.IN_PROGRESS
        )
        if status != AssessmentStatus.AUTHORISED:
            authorised = None
        stamp = ctx.at(start)
        assessments.append(
            Assessment(
                person_id=person_id,
                episode_id=episode_id,
                kind=AssessmentKind.SINGLE,
                worker_id=worker,
                start_date=start,
                child_seen_on=seen,
                child_seen_alone=rng.random() < 0.65,
                childs_wishes_and_feelings="Said they feel safe at school and worry at home.",
                parents_and_carers_views="Parent accepts support with routines and boundaries.",
                partner_agency_information="School and GP consulted; health visitor updated.",
                analysis_of_needs_and_risks="Needs and risks weighed against protective factors.",
                outcome=outcome,
                outcome_reasoning="See analysis." if outcome else "",
                status=status,
                submitted_at=ctx.at(authorised, 60) if authorised else None,
                authorised_on=authorised,
                authorised_by_id=manager if authorised else None,
                version=2 + 2 * bool(returned),
                created_at=stamp,
                modified_at=stamp,
                created_by_id=worker,
                modified_by_id=manager if authorised else worker,
            )
        )
        plans.append((returned, manager, _factors(rng)))
    assessments = ctx.bulk(Assessment, assessments)
    factors, decisions, shared = [], [], []
    for assessment, (returned, manager, codes) in zip(assessments, plans, strict=True):
        factors += [AssessmentFactorIdentified(assessment_id=assessment.pk, code=c) for c in codes]
        if assessment.authorised_on:
            authorised_at = ctx.at(assessment.authorised_on, 120)
            if returned:
                decisions.append(
                    AssessmentManagerDecision(
                        assessment_id=assessment.pk,
                        manager_id=manager,
                        decision=ManagerDecision.RETURNED,
                        decided_at=max(
                            authorised_at - timedelta(days=rng.randint(2, 6)),
                            ctx.at(assessment.start_date, 240),
                        ),
                        reasons="Analysis needs to weigh the father's history; add the child's "
                        "own words.",
                        ratings={**ALL_ADEQUATE, "analysis_of_needs_and_risks": "inadequate"},
                    )
                )
            decisions.append(
                AssessmentManagerDecision(
                    assessment_id=assessment.pk,
                    manager_id=manager,
                    decision=ManagerDecision.AUTHORISED,
                    decided_at=authorised_at,
                    ratings=ALL_ADEQUATE,
                )
            )
        shared.append(
            (
                assessment.pk,
                assessment.episode_id,
                assessment.person_id,
                assessment.start_date,
                assessment.child_seen_on,
                assessment.authorised_on,
                assessment.outcome,
                assessment.worker_id,
            )
        )
    ctx.bulk(AssessmentFactorIdentified, factors)
    ctx.bulk(AssessmentManagerDecision, decisions)
    ctx.shared["assessments.assessments"] = shared
