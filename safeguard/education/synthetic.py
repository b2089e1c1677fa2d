"""Generator stage: the children missing education register and EHC needs assessments.

Rates (public figures, rounded): about 33,000 children were missing education at one point in
autumn 2024 in England (DfE), far more pass through the register in a year, and children known
to social care are over-represented, so CME_SHARE (of school-age children, over the years
generated) is well above the national rate; OPEN_DAYS_WEIGHTS gives how long entries stay open.
About 1.3% of children have an EHC needs assessment requested each year and about half of
plans are issued within 20 weeks (DfE, Education, health and care plans, 2024: 46%).

Rules broken on purpose: some entries get no first checks, some go quiet (no enquiry in the
interval), and EHC plans are issued late at the national rate.
"""

from datetime import timedelta

from safeguard.accounts.choices import Role
from safeguard.education.choices import (
    CMEEnquiryKind,
    CMEEscalationStage,
    CMEOutcome,
    CMEReason,
    EHCDecision,
    EHCOutcome,
    EHCRequestedBy,
)
from safeguard.education.models import CMEEnquiry, CMEEntry, CMEEscalation, EHCNeedsAssessment
from safeguard.synthetic.registry import generator_stage

CME_SHARE = 0.08
# Most entries close within weeks; a long tail stays open for months.
OPEN_DAYS_WEIGHTS = {(5, 30): 40, (30, 120): 35, (120, 400): 25}
NO_FIRST_CHECKS = 0.05
GOES_QUIET = 0.08
OPEN_GOES_QUIET = 0.3  # of entries still open: the ones that fall off the radar
EHC_SHARE = 0.04
EHC_NOT_ASSESS = 0.25
EHC_ON_TIME = 0.46
REASON_WEIGHTS = {
    CMEReason.LEFT_ROLL: 45,
    CMEReason.STOPPED_ATTENDING: 35,
    CMEReason.NOT_STARTED: 10,
    CMEReason.NEW_ARRIVAL: 10,
}
OUTCOME_WEIGHTS = {
    CMEOutcome.RETURNED: 20,
    CMEOutcome.FOUND_OTHER_SCHOOL: 25,
    CMEOutcome.FOUND_OTHER_LA: 20,
    CMEOutcome.MOVED_ABROAD: 15,
    CMEOutcome.HOME_EDUCATED: 10,
    CMEOutcome.ALTERNATIVE_PROVISION: 5,
    CMEOutcome.WHEREABOUTS_UNKNOWN: 5,
}
SCHOOLS = [
    "Oak Primary School",
    "Riverside Academy",
    "St Anne's C of E Primary",
    "Hillcrest High School",
    "Northgate Academy",
    "Meadow Lane Primary",
]


def _weighted(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _weekday(day):
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _age(dob, on) -> int:
    if dob is None:
        return -1
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


@generator_stage(name="education", order=62)
def generate_education(ctx) -> None:
    """Add register entries with enquiries, escalations and outcomes; and EHC requests."""
    rng = ctx.rng
    officers = [s.id for s in ctx.staff_with_role(Role.EARLY_HELP_PRACTITIONER)] or [
        s.id for s in ctx.staff_with_role(Role.SOCIAL_WORKER)
    ]
    if not officers:
        return
    entries, plans = [], []
    for child in ctx.children:
        if not 5 <= _age(child.date_of_birth, ctx.as_of) <= 16:
            continue
        if rng.random() < CME_SHARE:
            entries.append(_entry(ctx, rng, child.id, rng.choice(officers)))
        if rng.random() < EHC_SHARE:
            plans.append(_ehc(ctx, rng, child.id, rng.choice(officers)))
    entries = [e for e in entries if e is not None]
    saved = ctx.bulk(CMEEntry, [e for e, _ in entries])
    enquiries, escalations = [], []
    for entry, (_, plan) in zip(saved, entries, strict=True):
        for day, kind in plan["enquiries"]:
            enquiries.append(
                CMEEnquiry(
                    entry_id=entry.pk,
                    made_on=day,
                    kind=kind,
                    made_by_id=entry.officer_id,
                    result="Enquiry made; no trace yet",
                )
            )
        for stage, day in plan["escalations"]:
            escalations.append(
                CMEEscalation(
                    entry_id=entry.pk,
                    stage=stage,
                    escalated_on=day,
                    escalated_to="Children missing education lead",
                    escalated_by_id=entry.officer_id,
                )
            )
    ctx.bulk(CMEEnquiry, enquiries)
    ctx.bulk(CMEEscalation, escalations)
    ctx.bulk(EHCNeedsAssessment, [p for p in plans if p is not None])


def _entry(ctx, rng, person_id, officer_id):
    referred = _weekday(ctx.random_date(ctx.period_start, ctx.as_of))
    if referred > ctx.as_of:
        return None
    reason = _weighted(rng, REASON_WEIGHTS)
    last_attended = (
        referred - timedelta(days=rng.randint(14, 21))
        if reason == CMEReason.STOPPED_ATTENDING
        else None
    )
    closes = referred + timedelta(days=rng.randint(*_weighted(rng, OPEN_DAYS_WEIGHTS)))
    closed = closes if closes <= ctx.as_of else None
    enquiries, escalations = [], []
    if rng.random() >= NO_FIRST_CHECKS:
        day = _weekday(referred + timedelta(days=rng.randint(1, 6)))
        quiet = rng.random() < (GOES_QUIET if closed else OPEN_GOES_QUIET)
        stop = (closed or ctx.as_of) - (timedelta(days=30) if quiet else timedelta())
        while day <= stop and day <= ctx.as_of:
            enquiries.append((day, rng.choice(list(CMEEnquiryKind))))
            day = _weekday(day + timedelta(days=rng.randint(4, 12)))
    stop_escalating = enquiries[-1][0] if enquiries else referred + timedelta(days=28 + 3)
    for stage, days in ((CMEEscalationStage.TEN_DAYS, 14), (CMEEscalationStage.TWENTY_DAYS, 28)):
        on = _weekday(referred + timedelta(days=days + rng.randint(0, 3)))
        if on <= (closed or ctx.as_of) and on <= stop_escalating and rng.random() < 0.9:
            escalations.append((stage, on))
    entry = CMEEntry(
        person_id=person_id,
        reason=reason,
        school_name=rng.choice(SCHOOLS),
        last_attended_on=last_attended,
        referred_on=referred,
        referred_by="School attendance officer",
        officer_id=officer_id,
        closed_on=closed,
        outcome=_weighted(rng, OUTCOME_WEIGHTS) if closed else "",
        created_at=ctx.at(referred),
    )
    return entry, {"enquiries": enquiries, "escalations": escalations}


def _ehc(ctx, rng, person_id, officer_id):
    requested = ctx.random_date(ctx.period_start, ctx.as_of)
    decided = requested + timedelta(days=rng.randint(20, 50))
    decision = EHCDecision.NOT_ASSESS if rng.random() < EHC_NOT_ASSESS else EHCDecision.ASSESS
    if decided > ctx.as_of:
        decision, decided = "", None
    outcome, outcome_on = "", None
    if decision == EHCDecision.ASSESS:
        weeks = rng.randint(14, 20) if rng.random() < EHC_ON_TIME else rng.randint(21, 40)
        on = requested + timedelta(weeks=weeks)
        if on <= ctx.as_of:
            outcome = EHCOutcome.PLAN_ISSUED if rng.random() < 0.9 else EHCOutcome.PLAN_NOT_ISSUED
            outcome_on = max(on, decided)
    return EHCNeedsAssessment(
        person_id=person_id,
        request_received_on=requested,
        requested_by=_weighted(
            rng, {EHCRequestedBy.PARENT: 50, EHCRequestedBy.SCHOOL: 40, EHCRequestedBy.OTHER: 10}
        ),
        case_officer_id=officer_id,
        decision=decision,
        decision_on=decided,
        outcome=outcome,
        outcome_on=outcome_on,
        created_at=ctx.at(requested),
    )
