"""Generator stage: contacts, screening decisions, referrals and allocations at published rates.

Rates (reference/statistics/england.csv and DOMAIN.md): a city of 280,000 children has about
55,000 contacts and 12,000 referrals a year; 22.6% of referrals are re-referrals within 12
months; police make 28% and schools 21% of referrals. Scaled by the authority's children.

Hands on `ctx.shared["front_door.episodes"]`: a list of (episode id, person id, referral date,
closure date or None, team id) for the social care episodes this stage opened, so later stages
(assessments, plans) can build on them.
"""

from collections import defaultdict
from datetime import date, datetime, timedelta

from safeguard.accounts.choices import Role, ServiceArea
from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_bulk
from safeguard.casework.choices import AllocationRole, RiskLevel, Service
from safeguard.casework.models import Allocation, Episode
from safeguard.front_door.choices import (
    ContactChannel,
    ContactStatus,
    Involvement,
    ScreeningOutcome,
)
from safeguard.front_door.match_keys import match_keys_refresh
from safeguard.front_door.models import (
    Contact,
    ContactPerson,
    Referral,
    ScreeningDecision,
    ThresholdLevel,
)
from safeguard.front_door.services import months_before
from safeguard.synthetic.registry import generator_stage

CITY_CHILDREN = 280_000
CONTACTS_PER_YEAR = 55_000
REFERRALS_PER_YEAR = 12_000
RE_REFERRAL_SHARE = 0.226

# Share of referrals by DfE source: police 28%, schools 21% (DfE CIN 2023); the rest shaped on
# the same publication's order (health, individuals, LA services, other, legal, anonymous).
SOURCE_WEIGHTS: dict[str, float] = {
    "6": 28.0,
    "2A": 21.0,
    "2B": 2.0,
    "3A": 2.5,
    "3B": 2.5,
    "3C": 1.0,
    "3D": 2.0,
    "3E": 3.0,
    "3F": 3.0,
    "1A": 5.0,
    "1B": 1.0,
    "1C": 1.0,
    "1D": 1.0,
    "4": 2.0,
    "5A": 3.0,
    "5B": 3.0,
    "5C": 2.0,
    "5D": 4.0,
    "7": 3.5,
    "8": 4.0,
    "9": 1.0,
    "10": 4.5,
}
# Outcomes of contacts that are not referrals, per cent.
OTHER_OUTCOME_WEIGHTS = {
    ScreeningOutcome.NO_FURTHER_ACTION: 34.0,
    ScreeningOutcome.INFORMATION_AND_ADVICE: 33.0,
    ScreeningOutcome.STEP_TO_EARLY_HELP: 33.0,
}
STRATEGY_SHARE_OF_REFERRALS = 0.15
LEVEL_FOR_OUTCOME = {
    ScreeningOutcome.NO_FURTHER_ACTION: "universal",
    ScreeningOutcome.INFORMATION_AND_ADVICE: "universal",
    ScreeningOutcome.STEP_TO_EARLY_HELP: "early_help",
    ScreeningOutcome.REFERRAL: "statutory",
    ScreeningOutcome.STRATEGY_DISCUSSION: "statutory",
}
# Primary need at referral (DfE CIN census: abuse or neglect over half).
PRIMARY_NEED_WEIGHTS = {
    "N1": 57.0,
    "N2": 4.0,
    "N3": 3.0,
    "N4": 10.0,
    "N5": 14.0,
    "N6": 2.0,
    "N7": 0.5,
    "N8": 2.5,
    "N9": 6.0,
    "N0": 1.0,
}
CONCERNS = {
    "6": "Police attended a domestic incident at the home; the child was present.",
    "2A": "School reports the child arrived hungry, with unexplained bruising to the arm.",
    "3": "Health professional concerned about missed appointments and the child's weight.",
    "1": "Relative worried about parental drinking and the child left alone at night.",
    "": "Concern about the child's care and safety at home.",
}
SCHOOL_PORTAL_SHARE = 0.3


def _weighted(rng, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _concern(source: str) -> str:
    return CONCERNS.get(source, CONCERNS.get(source[:1], CONCERNS[""]))


def _at(ctx, day: date, rng) -> datetime:
    return ctx.at(day, minutes=rng.randint(0, 8 * 60))


def _eligible(child, day: date) -> bool:
    dob = child.date_of_birth
    return dob is not None and dob <= day and (day - dob).days < 18 * 365


@generator_stage(name="front_door", order=15)
def generate_front_door(ctx) -> None:
    """Add contacts with decisions, referrals opening episodes, and lead allocations."""
    rng = ctx.rng
    scale = ctx.children_count / CITY_CHILDREN
    days = (ctx.as_of - ctx.period_start).days
    contact_total = max(1, round(CONTACTS_PER_YEAR * scale * days / 365))
    referral_share = REFERRALS_PER_YEAR / CONTACTS_PER_YEAR
    screeners = ctx.staff_with_role(Role.MASH_SCREENER) or ctx.staff_with_role(Role.SOCIAL_WORKER)
    if not ctx.children or not screeners:
        return
    managers = {t.id: t.manager_id for t in ctx.teams}
    any_manager = [s.id for s in ctx.staff_with_role(Role.TEAM_MANAGER)]
    partners = ctx.staff_with_role(Role.PARTNER)
    # Screeners differ a little in how often they refer; one a lot, for the consistency report.
    referral_bias = {s.id: rng.uniform(0.85, 1.15) for s in screeners}
    referral_bias[screeners[0].id] = 1.6
    mean_bias = sum(referral_bias.values()) / len(referral_bias)
    referral_bias = {k: v / mean_bias for k, v in referral_bias.items()}
    levels = {lvl.code: lvl.pk for lvl in ThresholdLevel.objects.filter(framework__is_current=True)}
    if not levels:
        return
    social_workers = defaultdict(list)
    for s in ctx.staff_with_role(Role.SOCIAL_WORKER):
        social_workers[s.team_id].append(s)
    assessment_teams = [
        t for t in ctx.teams_in(ServiceArea.ASSESSMENT) if social_workers.get(t.id)
    ] or [t for t in ctx.teams if social_workers.get(t.id)]
    long_term_teams = [
        t for t in ctx.teams_in(ServiceArea.CHILDREN_IN_NEED) if social_workers.get(t.id)
    ] or assessment_teams

    contact_days = sorted(
        ctx.random_date(ctx.period_start, ctx.as_of) for _ in range(contact_total)
    )
    contact_ids = iter(ctx.reserve_ids(Contact, contact_total))
    decision_ids = iter(ctx.reserve_ids(ScreeningDecision, contact_total))
    contacts, decisions, involved = [], [], []
    episodes, referrals, allocations = [], [], []
    # Per child: the latest referral date, and the day their open episode ends (if any).
    last_referral: dict[int, date] = {}
    open_until: dict[int, date] = {}
    recently_referred: list[int] = []
    now = ctx.now
    by_id = {c.id: c for c in ctx.children}

    for day in ctx.progress(contact_days, total=contact_total, desc="contacts"):
        screener = rng.choice(screeners)
        is_referral = rng.random() < referral_share * referral_bias[screener.id]
        child = _pick_child(
            ctx, rng, day, is_referral, last_referral, open_until, recently_referred, by_id
        )
        if child is None:
            continue
        source = _weighted(rng, SOURCE_WEIGHTS)
        received_at = _at(ctx, day, rng)
        contact_id = next(contact_ids)
        by_partner = source == "2A" and partners and rng.random() < SCHOOL_PORTAL_SHARE
        partner = rng.choice(partners) if by_partner else None
        # Most are decided within the working day; a few wait, and the last days are open.
        delay = timedelta(minutes=rng.randint(30, 6 * 60))
        if rng.random() < 0.06:
            delay += timedelta(days=rng.randint(1, 3))
        decided_at = received_at + delay
        decided = decided_at <= now - timedelta(hours=2)
        authorised_at = decided_at + timedelta(minutes=rng.randint(20, 240))
        authorised = decided and authorised_at <= now - timedelta(hours=1)
        status = (
            ContactStatus.AUTHORISED
            if authorised
            else ContactStatus.AWAITING_AUTHORISATION
            if decided
            else ContactStatus.AWAITING_DECISION
        )
        contacts.append(
            (
                contact_id,
                received_at,
                received_at,
                received_at,
                source,
                ContactChannel.PARTNER_PORTAL if partner else _channel(rng, source),
                _referrer(source),
                "",
                "Oak Primary School" if partner else "",
                partner.id if partner else None,
                None if partner else screener.id,
                _concern(source),
                rng.random() < 0.7,
                status,
                1 + decided + authorised,
            )
        )
        involved.append((contact_id, child.id, Involvement.CHILD))
        household = _household(ctx, child)
        if household is not None:
            siblings = [c for c in household.child_ids if c != child.id]
            if siblings and rng.random() < 0.15:
                involved.append((contact_id, rng.choice(siblings), Involvement.CHILD))
            if household.adult_ids and rng.random() < 0.5:
                involved.append((contact_id, rng.choice(household.adult_ids), Involvement.ADULT))
        if not decided:
            continue
        if is_referral:
            outcome = (
                ScreeningOutcome.STRATEGY_DISCUSSION
                if rng.random() < STRATEGY_SHARE_OF_REFERRALS
                else ScreeningOutcome.REFERRAL
            )
        else:
            outcome = _weighted(rng, OTHER_OUTCOME_WEIGHTS)
        manager_id = managers.get(screener.team_id) or (
            rng.choice(any_manager) if any_manager else None
        )
        decisions.append(
            (
                next(decision_ids),
                decided_at,
                decided_at,
                contact_id,
                levels[LEVEL_FOR_OUTCOME[outcome]],
                outcome,
                "Screened against the threshold document; checks with police, health and school.",
                "Police and health checks; school attendance.",
                screener.id,
                screener.team_id,
                decided_at,
                manager_id if authorised else None,
                authorised_at if authorised and manager_id else None,
                "",
            )
        )
        if outcome in ScreeningOutcome.opening_referral() and authorised and manager_id:
            episode = _episode(ctx, rng, child.id, day, source, last_referral, open_until)
            episodes.append(episode)
            referrals.append((episode, contact_id, child.id))
            recently_referred.append(child.id)

    ctx.insert_rows(
        Contact,
        [
            "id",
            "created_at",
            "modified_at",
            "received_at",
            "referral_source",
            "channel",
            "referrer_name",
            "referrer_contact_details",
            "submitted_by_organisation",
            "submitted_by",
            "recorded_by",
            "concern",
            "consent_obtained",
            "status",
            "version",
        ],
        contacts,
    )
    ctx.insert_rows(
        ContactPerson,
        ["contact", "person", "involvement"],
        _unique_involvements(involved),
    )
    ctx.insert_rows(
        ScreeningDecision,
        [
            "id",
            "created_at",
            "modified_at",
            "contact",
            "level",
            "outcome",
            "rationale",
            "evidence",
            "decided_by",
            "decided_by_team",
            "decided_at",
            "authorised_by",
            "authorised_at",
            "manager_comment",
        ],
        decisions,
    )
    _write_episodes(
        ctx,
        rng,
        episodes,
        referrals,
        social_workers,
        assessment_teams,
        long_term_teams,
        allocations,
    )
    match_keys_refresh()
    audit_bulk(
        user=None,
        action=AuditAction.CREATE,
        object_type="front_door.contact",
        summary=f"Generated {len(contacts):,} contacts and {len(episodes):,} referrals",
    )


def _pick_child(ctx, rng, day, is_referral, last_referral, open_until, recently_referred, by_id):
    """Return a child for the contact; for a referral, a re-referral at the published rate."""

    def free(child_id: int) -> bool:
        end = open_until.get(child_id)
        return end is None or end < day

    if is_referral and recently_referred and rng.random() < RE_REFERRAL_SHARE:
        for _ in range(30):
            child_id = rng.choice(recently_referred[-5_000:])
            previous = last_referral.get(child_id)
            if previous and previous >= months_before(day, 12) and free(child_id):
                return by_id[child_id]
    for _ in range(12):
        child = rng.choice(ctx.children)
        if not _eligible(child, day) or not free(child.id):
            continue
        previous = last_referral.get(child.id)
        if is_referral and previous and previous >= months_before(day, 12):
            continue  # a new referral, not a re-referral
        return child
    return None


def _household(ctx, child):
    try:
        return ctx.households[child.household_id]
    except (IndexError, TypeError):
        return None


def _channel(rng, source: str) -> str:
    if source == "6":
        return ContactChannel.POLICE_NOTIFICATION
    return rng.choice([ContactChannel.PHONE, ContactChannel.EMAIL, ContactChannel.ONLINE_FORM])


def _referrer(source: str) -> str:
    return {"6": "Police public protection unit", "2A": "Designated safeguarding lead"}.get(
        source, "Referrer"
    )


def _unique_involvements(rows):
    seen = set()
    for contact_id, person_id, involvement in rows:
        if (contact_id, person_id) not in seen:
            seen.add((contact_id, person_id))
            yield contact_id, person_id, involvement


def _episode(ctx, rng, child_id, day, source, last_referral, open_until) -> dict:
    """Return an episode's values: assessed and closed within weeks, or held for months."""
    previous = last_referral.get(child_id)
    is_re_referral = previous is not None and previous >= months_before(day, 12)
    roll = rng.random()
    if roll < 0.45:
        length, reason = rng.randint(20, 70), "RC8"
    elif roll < 0.55:
        length, reason = rng.randint(20, 70), "RC9"
    else:
        length, reason = rng.randint(90, 720), "RC7"
    closure = day + timedelta(days=length)
    if closure > ctx.as_of:
        closure, reason = None, ""
    last_referral[child_id] = day
    open_until[child_id] = closure or date.max
    return {
        "person_id": child_id,
        "referral_date": day,
        "referral_source": source,
        "primary_need": _weighted(rng, PRIMARY_NEED_WEIGHTS),
        "is_re_referral": is_re_referral,
        "risk_level": rng.choices(
            [RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH], weights=[25, 55, 20]
        )[0],
        "closure_date": closure,
        "closure_reason": reason,
        "long": length > 70,
    }


def _allocate(ctx, rng, episode_id, values, team, social_workers, long_term_teams, allocations):
    """Add the episode's lead allocations; return the team that holds it at the end.

    Most are allocated within days of referral; a long episode moves from the assessment team
    to a children in need team (the first allocation ends as the second starts); a few
    referrals from the last days are left waiting in the queue.
    """
    wait = rng.choices([0, 1, 2, 3, 5, 8, 12], weights=[30, 25, 15, 10, 10, 6, 4])[0]
    allocated_on = values["referral_date"] + timedelta(days=wait)
    closure = values["closure_date"]
    recent = allocated_on > ctx.as_of - timedelta(days=1)
    if (closure is not None and allocated_on > closure) or (recent and rng.random() < 0.5):
        return team
    allocated_on = min(allocated_on, ctx.as_of)
    closed_at = ctx.at(closure, minutes=480) if closure else None
    handover = values["referral_date"] + timedelta(days=rng.randint(40, 60))
    moves = (
        values["long"]
        and (closure is None or handover < closure)
        and allocated_on < handover <= ctx.as_of
    )
    first_start = max(ctx.at(allocated_on, minutes=90), ctx.at(values["referral_date"]))
    worker = rng.choice(social_workers[team.id])
    if not moves:
        allocations.append((episode_id, worker.id, team.id, first_start, closed_at))
        return team
    handed_over = ctx.at(handover, minutes=60)
    allocations.append((episode_id, worker.id, team.id, first_start, handed_over))
    final_team = rng.choice(long_term_teams)
    second = rng.choice(social_workers[final_team.id])
    allocations.append((episode_id, second.id, final_team.id, handed_over, closed_at))
    return final_team


def _write_episodes(
    ctx, rng, episodes, referrals, social_workers, assessment_teams, long_term_teams, allocations
) -> None:
    """Insert the episodes, their referral detail, and lead allocations (a few left waiting)."""
    if not episodes:
        ctx.shared["front_door.episodes"] = []
        return
    episode_ids = ctx.reserve_ids(Episode, len(episodes))
    previous_by_child: dict[int, int] = {}
    episode_rows, referral_rows, shared = [], [], []
    for episode_id, values in zip(episode_ids, episodes, strict=True):
        values["id"] = episode_id
        team = rng.choice(assessment_teams)
        start = ctx.at(values["referral_date"])
        final_team = _allocate(
            ctx, rng, episode_id, values, team, social_workers, long_term_teams, allocations
        )
        episode_rows.append(
            (
                episode_id,
                start,
                start,
                values["person_id"],
                Service.SOCIAL_CARE,
                final_team.id,
                values["referral_date"],
                values["referral_source"],
                values["primary_need"],
                False,
                values["is_re_referral"],
                values["risk_level"],
                values["closure_date"],
                values["closure_reason"],
                "",
            )
        )
        shared.append(
            (
                episode_id,
                values["person_id"],
                values["referral_date"],
                values["closure_date"],
                final_team.id,
            )
        )
    for episode, contact_id, child_id in referrals:
        previous = previous_by_child.get(child_id)
        previous_id = previous if episode["is_re_referral"] else None
        referral_rows.append((episode["id"], contact_id, child_id, previous_id))
        previous_by_child[child_id] = episode["id"]
    ctx.insert_rows(
        Episode,
        [
            "id",
            "created_at",
            "modified_at",
            "person",
            "service",
            "team",
            "referral_date",
            "referral_source",
            "primary_need",
            "referral_nfa",
            "is_re_referral",
            "risk_level",
            "closure_date",
            "closure_reason",
            "transition",
        ],
        episode_rows,
    )
    now = ctx.now
    ctx.insert_rows(
        Referral,
        ["created_at", "modified_at", "episode", "contact", "person", "previous_episode"],
        [(now, now, *row) for row in referral_rows],
    )
    ctx.insert_rows(
        Allocation,
        ["episode", "worker", "team", "role", "start_at", "end_at", "reason"],
        [
            (episode_id, worker_id, team_id, AllocationRole.LEAD, start, end, "")
            for episode_id, worker_id, team_id, start, end in allocations
        ],
    )
    ctx.shared["front_door.episodes"] = shared
