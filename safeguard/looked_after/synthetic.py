"""Generator stage: periods of care, placements, visits, reviews, health, PEPs, care leavers.

Rates (reference/statistics/england.csv; DfE Children looked after in England 2024 and 2025):
70 children looked after per 10,000 children at 31 March; each year about 42% as many cease
to be looked after as are looked after (34,450 ceased to 81,770 looked after), and about as
many start. The age profile of children looked after (under 1: 5%, 1-4: 14%, 5-9: 17%,
10-15: 38%, 16-17: 26%), legal status, category of need and placement mixes follow the same
release, rounded. About one child in ten has three or more placements in a year.

Practice is mostly on time with some slippage, so the clocks have breaches to find: reviews,
visits, health assessments and PEPs are drawn around their due dates with a late tail.

Reads `ctx.shared["front_door.episodes"]` (episode id, person id, referral date, closure date,
team id): children come into care from an open social care episode where there is one, and
its lead worker makes the visits. Hands on `ctx.shared["looked_after.periods"]`: (person id,
start, end or None) for each period of care.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.utils import timezone

from safeguard.accounts.choices import Role, ServiceArea
from safeguard.casework.choices import AllocationRole, VisitLocation, VisitType
from safeguard.casework.models import Allocation, Visit
from safeguard.looked_after.choices import (
    ADOPTION_PLACEMENTS,
    FOSTER_PLACEMENTS,
    CareLeaverEligibility,
    HealthEventKind,
    PersonalEducationPlanKind,
)
from safeguard.looked_after.models import (
    Adoption,
    CareEpisode,
    CareLeaver,
    CareLeaverBirthdayRecord,
    HealthEvent,
    IROAssignment,
    LookedAfterReview,
    PathwayPlan,
    PersonalEducationPlan,
    PlacedForAdoption,
    UnaccompaniedAsylumSeekingChild,
)
from safeguard.looked_after.periods import plus_months
from safeguard.missing.choices import MissingFrom, MissingType
from safeguard.missing.models import MissingEpisode
from safeguard.people.models import Address
from safeguard.synthetic.registry import generator_stage

LOOKED_AFTER_PER_CHILD = 70 / 10_000
CEASED_PER_YEAR_SHARE = 34_450 / 81_770
AGE_BAND_WEIGHTS = {(0, 0): 5, (1, 4): 14, (5, 9): 17, (10, 15): 38, (16, 17): 26}
YEARS_IN_CARE_WEIGHTS = {0.5: 30, 1.5: 22, 2.5: 16, 4: 16, 7: 16}
# No period starts on a placement order (E1): one follows a decision to place for adoption,
# which the adoption path below makes (SSDA903 rule 553).
START_STATUS_WEIGHTS = {"V2": 42, "C1": 48, "L2": 5, "L1": 3, "J1": 2}
# Police protection lasts at most 72 hours and an emergency protection order at most 8 days,
# extendable once to 15 (Children Act 1989 ss 45, 46; SSDA903 rules 361, 362): the longest
# generated, in whole days, stays inside both the law and the validators' hour-level reading.
EMERGENCY_MAX_DAYS = {"L1": 2, "L2": 15}
# Placements that need no Ofsted URN (SSDA903 rule 218): with parents, in residential
# employment, other placements not registered with Ofsted, and temporary ones.
URN_NOT_NEEDED = frozenset(
    {"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"}
)
NEED_WEIGHTS = {"N1": 65, "N2": 3, "N3": 3, "N4": 7, "N5": 13, "N6": 1, "N7": 0.5, "N8": 7.5}
PLACEMENT_WEIGHTS_BY_AGE = {
    "baby": {"U6": 55, "U3": 15, "U5": 10, "P1": 8, "R3": 7, "A6": 5},
    "child": {"U6": 48, "U4": 18, "U3": 10, "U1": 8, "P1": 7, "K2": 6, "A6": 3},
    "teen": {"U6": 35, "U4": 18, "U3": 6, "U1": 6, "K2": 22, "K1": 1, "P1": 5, "R5": 1, "K3": 6},
}
PROVIDER_FOR = {
    "P1": "PR0",
    "U1": "PR1",
    "U3": "PR1",
    "U4": "PR1",
    "U5": "PR1",
    "K1": "PR1",
    "R3": "PR5",
    "R5": "PR3",
    "A5": "PR1",
    "A6": "PR1",
}
PLACEMENT_CHANGE_REASONS = {
    "CARPL": 40,
    "CREQB": 15,
    "CREQO": 10,
    "CHILD": 8,
    "LAREQ": 7,
    "STAND": 4,
    "CLOSE": 6,
    "OTHER": 10,
}
# Moves cluster: a quarter of children move often, the rest rarely (about one child in ten
# has three or more placements in a year, DfE 2024).
UNSETTLED_SHARE = 0.25
MOVES_PER_YEAR = {True: 1.4, False: 0.15}
CEASED_WEIGHTS = {"E4A": 25, "E13": 4, "E41": 3, "E45": 6, "E47": 5, "E8": 6}
# Young children in care for over a year: some get a placement order, are placed for adoption
# and (where the period has ended) adopted; about 9% of children leaving care are adopted.
ADOPTION_PATH_SHARE = 0.35
AGED_OUT_WEIGHTS = {"E17": 30, "E5": 35, "E6": 15, "E8": 20}
LATE_SHARE = 0.12
POSTCODE_AREAS = ["B", "WS", "WV", "DY", "CV", "WR", "ST", "LE"]
# Placement postcodes in the authority's own area (the rest lie in neighbouring authorities).
OWN_POSTCODE_AREA = "B"
LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _weighted(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _age(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def _postcode(rng, provider: str) -> str:
    """Return a placement postcode: the authority's own provision (PR1) lies in its own area.

    SSDA903 rule 1015 expects own provision in the authority's area; where a postcode lies is
    decided by its area letters (safeguard.synthetic.geography).
    """
    area = rng.choice(POSTCODE_AREAS)
    if provider == "PR1":
        area = OWN_POSTCODE_AREA
    return (
        f"{area}{rng.randint(1, 40)} {rng.randint(1, 9)}{rng.choice(LETTERS)}{rng.choice(LETTERS)}"
    )


def _due_then(rng, start: date, days: int) -> date:
    """Return when a duty due `days` after start was done: mostly on time, sometimes late."""
    if rng.random() < LATE_SHARE:
        return start + timedelta(days=days + rng.randint(3, 45))
    return start + timedelta(days=rng.randint(max(days // 2, 1), days))


def _placement_type(rng, age: int, legal_status: str) -> str:
    band = "baby" if age < 1 else "teen" if age >= 13 else "child"
    choice = _weighted(rng, PLACEMENT_WEIGHTS_BY_AGE[band])
    # Supported accommodation is for 16 and 17 year olds; adoption needs a placement order.
    if (choice == "K3" and age < 16) or (choice in ADOPTION_PLACEMENTS and legal_status != "E1"):
        return "U6"
    if choice == "P1" and legal_status == "V2":
        return "U6"  # no placement with parents under section 20 (SSDA903 rule 378)
    return choice


def _urn(rng, place: str) -> str:
    """Return a synthetic Ofsted URN for a registered placement, blank where none is needed.

    The SC900000 range is above the URNs Ofsted has issued, so none names a real provider.
    """
    return "" if place in URN_NOT_NEEDED else f"SC{rng.randint(900_000, 999_999)}"


def _provider(rng, place: str) -> str:
    if place in PROVIDER_FOR:
        return PROVIDER_FOR[place]
    return rng.choice(["PR1", "PR1", "PR4", "PR4", "PR5"])


@generator_stage(name="looked_after", order=70)
def generate_looked_after(ctx) -> None:
    """Make periods of care with their episodes and the work around them."""
    rng = ctx.rng
    as_of = ctx.as_of
    episodes = ctx.shared.get("front_door.episodes", [])
    open_episode = {}
    for episode_id, person_id, _referral, closure, _team in episodes:
        if closure is None:
            open_episode[person_id] = episode_id
    leads = dict(
        Allocation.objects.filter(
            episode_id__in=list(open_episode.values()),
            role=AllocationRole.LEAD,
            end_at__isnull=True,
        ).values_list("episode_id", "worker_id")
    )
    care_workers = [s.id for s in ctx.staff_with_role(Role.SOCIAL_WORKER)]
    care_teams = {t.id for t in ctx.teams_in(ServiceArea.CHILDREN_IN_CARE)}
    care_workers = [
        s.id for s in ctx.staff if s.team_id in care_teams and s.role == Role.SOCIAL_WORKER
    ] or care_workers
    chairs = [s.id for s in ctx.staff_with_role(Role.CONFERENCE_CHAIR)]
    leaving_care = {t.id for t in ctx.teams_in(ServiceArea.CARE_LEAVERS)}
    advisers = [s.id for s in ctx.staff if s.team_id in leaving_care] or care_workers
    if not care_workers:
        ctx.shared["looked_after.periods"] = []
        return

    children = [c for c in ctx.children if c.date_of_birth and _age(c.date_of_birth, as_of) < 18]
    by_band: dict[tuple, list] = {band: [] for band in AGE_BAND_WEIGHTS}
    for child in children:
        age = _age(child.date_of_birth, as_of)
        for band in by_band:
            if band[0] <= age <= band[1]:
                # Children with an open social care case come into care first.
                by_band[band].append((child.id not in open_episode, rng.random(), child))
    for band in by_band:
        by_band[band].sort(key=lambda item: item[:2])

    looked_after_now = round(len(ctx.children) * LOOKED_AFTER_PER_CHILD)
    ceased = round(looked_after_now * CEASED_PER_YEAR_SHARE * max(ctx.years, 1))
    taken: set[int] = set()

    def pick():
        band = _weighted(rng, AGE_BAND_WEIGHTS)
        pool = by_band[band]
        while pool:
            child = pool.pop(0)[2]
            if child.id not in taken:
                taken.add(child.id)
                return child
        return None

    homes = dict(
        Address.objects.filter(pk__in={h.address_id for h in ctx.households}).values_list(
            "pk", "postcode"
        )
    )
    home_of = {h.id: homes.get(h.address_id, "") for h in ctx.households}

    plans = []  # (child, start, end or None)
    for _ in range(looked_after_now):
        child = pick()
        if child is None:
            break
        years = _weighted(rng, YEARS_IN_CARE_WEIGHTS) * (0.5 + rng.random())
        start = max(as_of - timedelta(days=int(years * 365)), child.date_of_birth)
        plans.append((child, start, None))
    for _ in range(ceased):
        child = pick()
        if child is None:
            break
        end = ctx.random_date(ctx.period_start, as_of - timedelta(days=1))
        start = max(end - timedelta(days=rng.randint(20, 900)), child.date_of_birth)
        if start >= end:
            continue
        plans.append((child, start, end))

    rows = Rows()
    for child, start, end in plans:
        _period(ctx, rng, rows, child, start, end, home_of.get(child.household_id, ""))

    saved = ctx.bulk(CareEpisode, rows.episodes)
    period_rows = []
    for first, last in rows.period_bounds:
        period_rows.append((saved[first].person_id, saved[first].start_date, saved[last].end_date))
    for child, start, end in plans:
        worker = leads.get(open_episode.get(child.id)) or rng.choice(care_workers)
        _work(ctx, rng, rows, child, start, end, worker, chairs, advisers)
    for model, objs in (
        (Visit, rows.visits),
        (LookedAfterReview, rows.reviews),
        (HealthEvent, rows.health),
        (PersonalEducationPlan, rows.peps),
        (IROAssignment, rows.iros),
        (CareLeaver, rows.leavers),
        (PathwayPlan, rows.pathway_plans),
        (CareLeaverBirthdayRecord, rows.birthdays),
        (UnaccompaniedAsylumSeekingChild, rows.uasc),
        (PlacedForAdoption, rows.adoption_decisions),
        (Adoption, rows.adoptions),
    ):
        ctx.bulk(model, objs)
    ctx.shared["looked_after.periods"] = period_rows
    _missing_from_care_only_in_care(period_rows)


def _missing_from_care_only_in_care(period_rows) -> None:
    """Make "missing from care" true: reported and found within one of the child's periods.

    The missing stage (order 60) runs before this one and could not know the periods of care;
    an episode outside them was from home (SSDA903 rules 577, 578, 581).
    """
    periods = defaultdict(list)
    for person_id, start, end in period_rows:
        periods[person_id].append((start, end))
    from_home = []
    for pk, person_id, reported, found in MissingEpisode.objects.filter(
        missing_from=MissingFrom.CARE
    ).values_list("pk", "person_id", "reported_missing_at", "found_returned_at"):
        went = timezone.localtime(reported).date()
        back = timezone.localtime(found).date() if found else None
        if not any(
            start <= went and (end is None or (back is not None and back <= end))
            for start, end in periods.get(person_id, [])
        ):
            from_home.append(pk)
    # "Away from placement" is a looked-after child's status only: from home it is missing.
    MissingEpisode.objects.filter(pk__in=from_home).update(
        missing_from=MissingFrom.HOME, missing_type=MissingType.MISSING
    )


class Rows:
    """The unsaved records of the stage, written in bulk at the end."""

    def __init__(self) -> None:
        self.episodes: list[CareEpisode] = []
        self.period_bounds: list[tuple[int, int]] = []
        self.placement_starts: dict[int, list[date]] = {}
        self.visits: list[Visit] = []
        self.reviews: list[LookedAfterReview] = []
        self.health: list[HealthEvent] = []
        self.peps: list[PersonalEducationPlan] = []
        self.iros: list[IROAssignment] = []
        self.leavers: list[CareLeaver] = []
        self.pathway_plans: list[PathwayPlan] = []
        self.birthdays: list[CareLeaverBirthdayRecord] = []
        self.uasc: list[UnaccompaniedAsylumSeekingChild] = []
        self.adoption_decisions: list[PlacedForAdoption] = []
        self.adoptions: list[Adoption] = []


def _period(ctx, rng, rows: Rows, child, start: date, end: date | None, home: str) -> None:
    """Add the 903 episodes of one period of care: the start, legal changes and moves."""
    dob = child.date_of_birth
    age = _age(dob, start)
    stop = end or ctx.as_of
    status = _weighted(rng, START_STATUS_WEIGHTS)
    if age < 10 and status == "J1":
        status = "C1"  # remand to local authority accommodation is from age 10 (rule 358)
    if age >= 16 and status == "C1":
        status = "V2"
    need = "N8" if age >= 14 and rng.random() < 0.08 else _weighted(rng, NEED_WEIGHTS)
    changes: list[tuple[date, str]] = []
    years = (stop - start).days / 365
    rate = MOVES_PER_YEAR[rng.random() < UNSETTLED_SHARE]
    moves = sum(1 for _ in range(int(years * 12) + 1) if rng.random() < rate / 12)
    for _ in range(moves):
        changes.append((ctx.random_date(start + timedelta(days=7), stop), "move"))
    if status in EMERGENCY_MAX_DAYS:
        # The court makes an interim care order before the emergency status runs out.
        ends = start + timedelta(days=rng.randint(1, EMERGENCY_MAX_DAYS[status]))
        changes = [(d, k) for d, k in changes if d > ends]
        changes.append((ends, "interim_care_order"))
    if status == "C1" and (stop - start).days > 120:
        changes.append((start + timedelta(days=rng.randint(90, 300)), "status"))
    order_day = placed_day = None
    if age < 4 and (stop - start).days > 500 and rng.random() < ADOPTION_PATH_SHARE:
        order_day = start + timedelta(days=rng.randint(320, 420))
        placed_day = order_day + timedelta(days=rng.randint(60, 150))
        # No other moves once the plan is adoption; the care order comes before the order.
        changes = [(d, k) for d, k in changes if d < order_day - timedelta(days=14)]
        changes.append((order_day, "placement_order"))
        if placed_day < stop:
            changes.append((placed_day, "adoptive_placement"))
    changes = sorted({d: kind for d, kind in changes if start < d < stop}.items())
    place = _placement_type(rng, age, status)
    until_18 = place in {"U1", "U4"}
    provider = _provider(rng, place)
    current = {
        "legal_status": status,
        "category_of_need": need,
        "placement_type": place,
        "placement_provider": provider,
        "placement_postcode": _postcode(rng, provider) if place != "P1" else home,
        "urn": _urn(rng, place),
        "home_postcode": home,
        "placement_intended_until_18": until_18,
    }
    first_index = len(rows.episodes)
    starts = [start]
    rne = "S"
    day = start
    for change_day, kind in changes:
        episode = CareEpisode(
            person_id=child.id,
            start_date=day,
            reason_new_episode=rne,
            end_date=change_day,
            reason_episode_ceased="X1",
            created_at=ctx.at(day),
            **current,
        )
        rows.episodes.append(episode)
        if kind in ("move", "adoptive_placement"):
            episode.reason_place_change = _weighted(rng, PLACEMENT_CHANGE_REASONS)
            place = _placement_type(rng, _age(dob, change_day), current["legal_status"])
            if place == "P1" == current["placement_type"]:
                # Parents' home to parents' home is no change of placement (SSDA903 rule 435).
                place = "U6"
            by_carers = False
            if kind == "adoptive_placement":
                episode.reason_place_change = "CARPL"
                # A5 is adoption by the foster carers the child lives with: only from foster
                # care, and the carers stay the same (RNE T; SSDA903 rules 217 and 336).
                by_carers = rng.random() < 0.15 and current["placement_type"] in FOSTER_PLACEMENTS
                place = "A5" if by_carers else "A6"
            provider = _provider(rng, place)
            current.update(
                placement_type=place,
                placement_provider=provider,
                placement_postcode=_postcode(rng, provider) if place != "P1" else home,
                urn=_urn(rng, place),
                placement_intended_until_18=place in {"U1", "U4"},
            )
            if by_carers:
                current.update(placement_postcode=episode.placement_postcode, urn=episode.urn)
            rne = "T" if by_carers else "P"
            starts.append(change_day)
        elif kind == "placement_order":
            current["legal_status"] = "E1"
            rne = "L"
        elif kind == "interim_care_order":
            current["legal_status"] = "C1"
            rne = "L"
        else:
            current["legal_status"] = "C2"
            rne = "L"
        day = change_day
    reason = ""
    if end is not None:
        aged_out = _age(dob, end) >= 18
        reason = _weighted(rng, AGED_OUT_WEIGHTS if aged_out else CEASED_WEIGHTS)
        if current["placement_type"] in ADOPTION_PLACEMENTS:
            reason = "E11" if rng.random() < 0.6 else "E12"
        elif reason == "E45" and not current["placement_type"].startswith("U"):
            # Special guardianship to former foster carers (E45) ends a foster placement
            # (SSDA903 rule 516); from any other placement the guardians are relatives or
            # friends (E47).
            reason = "E47"
    rows.episodes.append(
        CareEpisode(
            person_id=child.id,
            start_date=day,
            reason_new_episode=rne,
            end_date=end,
            reason_episode_ceased=reason,
            created_at=ctx.at(day),
            **current,
        )
    )
    rows.period_bounds.append((first_index, len(rows.episodes) - 1))
    if need == "N8" and age >= 14:
        rows.uasc.append(
            UnaccompaniedAsylumSeekingChild(
                person_id=child.id, date_uasc_ceased=plus_months(dob, 216), created_at=ctx.at(start)
            )
        )
    rows.placement_starts[child.id] = starts
    if order_day is not None and order_day < stop:
        rows.adoption_decisions.append(
            PlacedForAdoption(
                person_id=child.id, date_placed=order_day, created_at=ctx.at(order_day)
            )
        )
        if reason in ("E11", "E12"):
            rows.adoptions.append(
                Adoption(
                    person_id=child.id,
                    date_should_be_placed=order_day,
                    date_matched=placed_day - timedelta(days=rng.randint(7, 45)),
                    adopted_by_foster_carer=current["placement_type"] == "A5",
                    number_of_adopters=2 if rng.random() < 0.8 else 1,
                    sex_of_adopters="MF",
                    legal_status_of_adopters="L11",
                    created_at=ctx.at(end),
                )
            )


def _cycle(rng, start: date, stop: date, first_days: int, then_days) -> list[date]:
    """Return event dates from start: the first within first_days, then every then_days(n)."""
    found = []
    day = _due_then(rng, start, first_days)
    n = 1
    while day <= stop:
        found.append(day)
        day = _due_then(rng, day, then_days(n, day))
        n += 1
    return found


def _work(ctx, rng, rows: Rows, child, start, end, worker, chairs, advisers) -> None:
    """Add the visits, reviews, health, PEPs, IRO and care leaver records of a period."""
    as_of = ctx.as_of
    stop = min(end or as_of, as_of)
    dob = child.date_of_birth
    starts = rows.placement_starts[child.id]
    for i, placement_start in enumerate(starts):
        placement_stop = starts[i + 1] if i + 1 < len(starts) else stop
        for day in _cycle(
            rng,
            placement_start,
            placement_stop,
            7,
            lambda n, d, s=placement_start: 42 if d < s + timedelta(days=365) else 80,
        ):
            rows.visits.append(
                Visit(
                    person_id=child.id,
                    visit_date=day,
                    visit_type=VisitType.LOOKED_AFTER,
                    worker_id=worker,
                    location=VisitLocation.PLACEMENT,
                    child_seen=rng.random() < 0.96,
                    created_at=ctx.at(day, 600),
                )
            )
    for n, day in enumerate(
        _cycle(rng, start, stop, 28, lambda n, d: 91 if n == 1 else 182), start=1
    ):
        rows.reviews.append(
            LookedAfterReview(
                person_id=child.id,
                review_date=day,
                participation="PN0"
                if _age(dob, day) < 4
                else rng.choice(["PN1", "PN1", "PN1", "PN2", "PN3", "PN5", "PN6", "PN7"]),
                chaired_by_id=rng.choice(chairs) if chairs else None,
                created_at=ctx.at(day, 120),
                decisions=f"Review {n}: care plan endorsed.",
            )
        )
    iha = _due_then(rng, start, 28)
    if iha <= stop:
        rows.health.append(
            HealthEvent(
                person_id=child.id,
                kind=HealthEventKind.INITIAL_HEALTH_ASSESSMENT,
                event_date=iha,
                created_at=ctx.at(iha),
            )
        )
        for day in _cycle(
            rng,
            iha,
            stop,
            182 if _age(dob, iha) < 5 else 365,
            lambda n, d: 182 if _age(dob, d) < 5 else 365,
        ):
            rows.health.append(
                HealthEvent(
                    person_id=child.id,
                    kind=HealthEventKind.REVIEW_HEALTH_ASSESSMENT,
                    event_date=day,
                    created_at=ctx.at(day),
                )
            )
            rows.health.append(
                HealthEvent(
                    person_id=child.id,
                    kind=HealthEventKind.IMMUNISATIONS,
                    event_date=day,
                    immunisations_up_to_date=rng.random() < 0.88,
                    created_at=ctx.at(day, 30),
                )
            )
            if 4 <= _age(dob, day) <= 16:
                rows.health.append(
                    HealthEvent(
                        person_id=child.id,
                        kind=HealthEventKind.SDQ,
                        event_date=day,
                        sdq_score=min(40, max(0, int(rng.gauss(14, 7)))),
                        created_at=ctx.at(day, 60),
                    )
                )
    if _age(dob, start) >= 1:
        for day in _cycle(rng, start, stop, 200, lambda n, d: 330):
            rows.health.append(
                HealthEvent(
                    person_id=child.id,
                    kind=HealthEventKind.DENTAL_CHECK,
                    event_date=day,
                    created_at=ctx.at(day),
                )
            )
    if 5 <= _age(dob, start) < 16:
        for n, day in enumerate(_cycle(rng, start, stop, 26, lambda n, d: 85)):
            rows.peps.append(
                PersonalEducationPlan(
                    person_id=child.id,
                    meeting_date=day,
                    kind=PersonalEducationPlanKind.INITIAL
                    if n == 0
                    else PersonalEducationPlanKind.REVIEW,
                    created_at=ctx.at(day),
                )
            )
    if end is None and chairs:
        rows.iros.append(
            IROAssignment(person_id=child.id, iro_id=rng.choice(chairs), start_date=start)
        )
    _care_leaver(ctx, rng, rows, child, start, end, stop, advisers)


def _care_leaver(ctx, rng, rows: Rows, child, start, end, stop, advisers) -> None:
    """Add a care leaver record for a child looked after at 16: assessment, plans, OC3."""
    dob = child.date_of_birth
    sixteen = plus_months(dob, 192)
    if not (start <= sixteen <= stop) and not (end is None and start > sixteen):
        return
    if end is not None and end < sixteen:
        return
    looked_after = end is None
    assessed = _due_then(rng, max(sixteen, start), 80)
    rows.leavers.append(
        CareLeaver(
            person_id=child.id,
            eligibility=CareLeaverEligibility.ELIGIBLE
            if looked_after
            else CareLeaverEligibility.RELEVANT,
            personal_adviser_id=rng.choice(advisers),
            needs_assessment_completed_on=assessed if assessed <= ctx.as_of else None,
            created_at=ctx.at(max(sixteen, start)),
        )
    )
    if assessed > ctx.as_of:
        return
    for n, day in enumerate(_cycle(rng, assessed, ctx.as_of, 20, lambda n, d: 170)):
        rows.pathway_plans.append(
            PathwayPlan(person_id=child.id, plan_date=day, is_review=n > 0, created_at=ctx.at(day))
        )
    seventeen = plus_months(dob, 204)
    if end is not None and end <= seventeen <= ctx.as_of:
        in_touch = rng.random() < 0.9
        rows.birthdays.append(
            CareLeaverBirthdayRecord(
                person_id=child.id,
                birthday_age=17,
                contact_date=seventeen if in_touch else None,
                in_touch="YES" if in_touch else "NO",
                activity=rng.choice(["F2", "F2", "F5", "P4", "G5", "G4"]) if in_touch else "0",
                # Staying put with former foster carers (Z) starts at 18, never at 17 (rule 3001).
                accommodation=rng.choice(["B1", "D1", "E1", "U1", "S2"]) if in_touch else "0",
                created_at=ctx.at(seventeen),
            )
        )
