"""Generator stage: missing episodes, return-home interviews and repeat-missing flags.

Rates (public figures, rounded): about one looked-after child in nine goes missing in a year
(DfE, Children looked after in England, 2023: 11%), and "going missing" is a factor in about
one assessment in ten (CIN census factor 10A). Children who go missing do so repeatedly (a
mean of several incidents each), so episodes per child are drawn from a long-tailed spread.
About two in five episodes are from care; from care, about a third are "away without
authorisation" (SSDA903 type A) rather than missing (M).

Rules broken on purpose, so the clocks and the off-the-radar report have something to find:
RHI_NOT_OFFERED of returns never get an interview offer; RHI_LATE are offered after 72 hours.

Reads `ctx.shared["front_door.episodes"]` (episode id, person id, referral date, closure date,
team id) and `ctx.shared["child_protection.plans"]` (plan id, person id, start, end).
Hands on `ctx.shared["missing.episodes"]`: (episode id, person id, reported at) in time order.
"""

from collections import defaultdict
from datetime import date, datetime, timedelta

from safeguard.casework.choices import AllocationRole
from safeguard.casework.models import Allocation
from safeguard.missing.choices import InterviewResponse, MissingFrom, MissingRisk, MissingType
from safeguard.missing.models import MissingEpisode, RepeatMissingFlag, ReturnHomeInterview
from safeguard.missing.services import DEFAULT_REPEAT_EPISODES, DEFAULT_REPEAT_WINDOW_DAYS
from safeguard.synthetic.registry import generator_stage

MISSING_SHARE = 0.08  # of social care episodes, a child who goes missing during it
EPISODE_COUNT_WEIGHTS = {1: 45, 2: 20, 3: 12, 4: 8, 6: 7, 9: 5, 14: 3}
FROM_CARE_SHARE = 0.4
AWAY_SHARE_FROM_CARE = 0.3
HOURS_MISSING_WEIGHTS = {2: 15, 5: 20, 10: 20, 20: 15, 30: 10, 48: 10, 72: 6, 120: 4}
RISK_WEIGHTS = {
    MissingRisk.NO_APPARENT_RISK: 10,
    MissingRisk.LOW: 25,
    MissingRisk.MEDIUM: 55,
    MissingRisk.HIGH: 10,
}
RHI_NOT_OFFERED = 0.06
RHI_LATE = 0.12
RHI_DECLINED = 0.3
PLACES = [
    "a friend's house",
    "a park near home",
    "the town centre",
    "a flat in another town",
    "the railway station",
    "a relative's house",
    "an address known to police",
]
PUSH = [
    "Arguments at home",
    "Did not want to be in the placement",
    "Bullying at school",
    "Felt nobody listened",
    "Rules at the placement",
]
PULL = [
    "Wanted to see friends",
    "Older friends offered money",
    "Boyfriend or girlfriend",
    "Wanted to see family",
    "Offered somewhere to stay and cannabis",
]


def _weighted(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _lead_workers(episode_ids: list[int]) -> dict[int, int]:
    """Return {social care episode id: the last lead worker}, in one query."""
    leads = {}
    for episode_id, worker_id in (
        Allocation.objects.filter(episode_id__in=episode_ids, role=AllocationRole.LEAD)
        .order_by("start_at")
        .values_list("episode_id", "worker_id")
    ):
        leads[episode_id] = worker_id
    return leads


@generator_stage(name="missing", order=60)
def generate_missing(ctx) -> None:
    """Add missing episodes, interviews and flags for children open to social care."""
    rng = ctx.rng
    episodes = sorted(ctx.shared.get("front_door.episodes", []))
    chosen = [e for e in episodes if rng.random() < MISSING_SHARE]
    ctx.shared["missing.episodes"] = []
    if not chosen:
        return
    leads = _lead_workers([e[0] for e in chosen])
    plans = defaultdict(list)
    for plan_id, person_id, start, end in ctx.shared.get("child_protection.plans", []):
        plans[person_id].append((plan_id, start, end))

    rows, interviews = [], []
    for episode_id, person_id, referral, closure, _team in chosen:
        last = min(closure or ctx.as_of, ctx.as_of)
        from_care = rng.random() < FROM_CARE_SHARE
        for _ in range(_weighted(rng, EPISODE_COUNT_WEIGHTS)):
            day = ctx.random_date(referral, last)
            reported = ctx.at(day, minutes=rng.randint(6 * 60, 14 * 60))  # 15:00 to 23:00
            returned = reported + timedelta(
                hours=_weighted(rng, HOURS_MISSING_WEIGHTS), minutes=rng.randint(0, 59)
            )
            if returned > ctx.now:
                returned = None
            row = MissingEpisode(
                person_id=person_id,
                missing_from=MissingFrom.CARE if from_care else MissingFrom.HOME,
                missing_type=MissingType.AWAY
                if from_care and rng.random() < AWAY_SHARE_FROM_CARE
                else MissingType.MISSING,
                reported_missing_at=reported,
                found_returned_at=returned,
                where_found=rng.choice(PLACES) if returned else "",
                police_reference=f"MP/{day:%y}/{rng.randint(10000, 99999)}",
                risk_level=_weighted(rng, RISK_WEIGHTS),
                created_at=reported,
            )
            rows.append(row)
            interviews.append((row, leads.get(episode_id)))
    rows = _one_at_a_time(rows)
    kept = {id(r) for r in rows}
    interviews = [(row, worker) for row, worker in interviews if id(row) in kept]
    saved = ctx.bulk(MissingEpisode, rows)

    rhi_rows = []
    for row, worker_id in interviews:
        rhi = _interview(ctx, rng, row, worker_id, plans.get(row.person_id, []))
        if rhi is not None:
            rhi_rows.append(rhi)
    ctx.bulk(ReturnHomeInterview, rhi_rows)
    ctx.bulk(RepeatMissingFlag, _flags(ctx, rng, saved))
    ctx.shared["missing.episodes"] = sorted(
        ((e.pk, e.person_id, e.reported_missing_at) for e in saved), key=lambda t: (t[2], t[0])
    )


def _one_at_a_time(rows: list[MissingEpisode]) -> list[MissingEpisode]:
    """Return the episodes in order, without any that starts before the child's last returned.

    A child cannot go missing again while still missing (SSDA903 rule 574): episodes drawn at
    random for one child, or for two of their social care episodes, may otherwise overlap.
    """
    rows = sorted(rows, key=lambda r: (r.person_id, r.reported_missing_at))
    kept: list[MissingEpisode] = []
    for row in rows:
        before = kept[-1] if kept and kept[-1].person_id == row.person_id else None
        if before is not None and (
            before.found_returned_at is None or row.reported_missing_at <= before.found_returned_at
        ):
            continue
        kept.append(row)
    return kept


def _interview(ctx, rng, episode, worker_id, plans) -> ReturnHomeInterview | None:
    returned = episode.found_returned_at
    if returned is None:
        return None
    roll = rng.random()
    if roll < RHI_NOT_OFFERED:
        return None  # the rule broken: never offered
    late = roll < RHI_NOT_OFFERED + RHI_LATE
    offered = returned + timedelta(hours=rng.randint(73, 200) if late else rng.randint(2, 70))
    if offered > ctx.now:
        return None  # not yet offered, and (mostly) not yet due
    accepted = rng.random() >= RHI_DECLINED
    held = offered + timedelta(hours=rng.randint(1, 48)) if accepted else None
    if held is not None and held > ctx.now:
        held = None
    plan_id = next(
        (
            pid
            for pid, start, end in plans
            if start <= returned.date() and (end is None or end >= returned.date())
        ),
        None,
    )
    findings = rng.choice(PULL) if held else ""
    return ReturnHomeInterview(
        missing_episode_id=episode.pk,
        offered_at=offered,
        response=InterviewResponse.ACCEPTED if accepted else InterviewResponse.DECLINED,
        conducted_at=held,
        conducted_by_id=worker_id if held and worker_id else None,
        conducted_by_name="" if not held or worker_id else "Independent return interview service",
        where_child_was=rng.choice(PLACES) if held else "",
        who_with=rng.choice(["Friends from school", "Older young people", "Alone", "A relative"])
        if held
        else "",
        push_factors=rng.choice(PUSH) if held else "",
        pull_factors=findings,
        child_account="The child talked about where they went and why." if held else "",
        findings=f"{findings}; share with the plan" if held else "",
        plan_id=plan_id if held else None,
        created_at=offered,
    )


def _flags(ctx, rng, episodes) -> list[RepeatMissingFlag]:
    """Raise a flag where episodes reach the threshold, as the service does (one per window)."""
    flags = []
    by_child = defaultdict(list)
    for e in episodes:
        by_child[e.person_id].append(e)
    window = timedelta(days=DEFAULT_REPEAT_WINDOW_DAYS)
    for person_id, child_episodes in sorted(by_child.items()):
        child_episodes.sort(key=lambda e: e.reported_missing_at)
        last_flag_at: datetime | None = None
        for n, e in enumerate(child_episodes):
            at = e.reported_missing_at
            count = sum(1 for x in child_episodes[: n + 1] if x.reported_missing_at > at - window)
            if count < DEFAULT_REPEAT_EPISODES:
                continue
            if last_flag_at is not None and last_flag_at > at - window:
                continue
            last_flag_at = at
            considered: date | None = None
            if rng.random() < 0.8:
                considered = min((at + timedelta(days=rng.randint(0, 5))).date(), ctx.as_of)
            flags.append(
                RepeatMissingFlag(
                    person_id=person_id,
                    raised_at=at,
                    triggering_episode_id=e.pk,
                    episode_count=count,
                    window_days=DEFAULT_REPEAT_WINDOW_DAYS,
                    strategy_discussion_considered_on=considered,
                    strategy_discussion_decision="Strategy discussion held with police"
                    if considered
                    else "",
                    created_at=at,
                )
            )
    return flags
