"""Generator stage: the workforce of a synthetic authority.

Rates, each with its source (DfE, Children's social work workforce, England):
- agency workers 16.2% of FTE (September 2024);
- vacancy rate 18.9% (September 2023): funded posts not filled, as a share of funded posts;
- newly qualified (ASYE) workers: about 1 in 10 case-holding social workers (local estimate
  from the DfE count of new entrants, roughly 10% of the workforce a year);
- turnover (leavers) about 15% a year (DfE 2024: 15.9% of FTE left);
- sickness absence: about 3% of working days (DfE 2024: 3.1%); we draw short absences for
  about a third of staff a year and ongoing long-term absence for about 4%.
Supervision is roughly monthly with some gaps; newly qualified workers weekly for six weeks.
Audits: each team manager audits about one case per worker per quarter; a third are moderated
by a senior manager, who agrees about 80% of the time. Grades follow roughly what authorities
report (about half good or better).
"""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from safeguard.accounts.choices import Role
from safeguard.synthetic.registry import generator_stage
from safeguard.workforce.choices import (
    AbsenceType,
    AuditGrade,
    AuditStatus,
    CaseType,
    ContractType,
    LeavingReason,
    SupervisionKind,
)

AGENCY_RATE = 0.162
VACANCY_RATE = 0.189
NQSW_SHARE = 0.10
LEAVER_RATE_PER_YEAR = 0.15
SHORT_ABSENCE_SHARE = 0.33
LONG_TERM_ABSENCE_SHARE = 0.04
MATERNITY_SHARE = 0.03
APPRAISAL_ON_TIME_SHARE = 0.85
MODERATED_SHARE = 0.33
MODERATION_AGREES = 0.80
GRADE_WEIGHTS = {
    AuditGrade.OUTSTANDING: 5,
    AuditGrade.GOOD: 45,
    AuditGrade.REQUIRES_IMPROVEMENT: 40,
    AuditGrade.INADEQUATE: 10,
}
AUDIT_SECTIONS = [
    "Voice and lived experience of the child",
    "Assessment and analysis of risk",
    "Planning and outcomes",
    "Management oversight and supervision",
    "Recording",
]
CASE_WEIGHTS = {
    CaseType.CHILD_PROTECTION: Decimal("1.50"),
    CaseType.LOOKED_AFTER: Decimal("1.20"),
    CaseType.CHILD_IN_NEED: Decimal("1.00"),
    CaseType.COURT_WORK: Decimal("2.00"),
}
_CASE_HOLDING = {Role.SOCIAL_WORKER, Role.EARLY_HELP_PRACTITIONER, Role.MASH_SCREENER}
_STAFF_ROLES = _CASE_HOLDING | {Role.TEAM_MANAGER, Role.CONFERENCE_CHAIR, Role.SENIOR_MANAGER}


def _grade(rng) -> str:
    return rng.choices(list(GRADE_WEIGHTS), weights=list(GRADE_WEIGHTS.values()))[0]


@generator_stage(name="workforce", order=80)
def generate_workforce(ctx) -> None:
    """Add posts, employment, absence, supervision, audits and appraisals for every team."""
    from safeguard.accounts.models import User
    from safeguard.workforce.models import (
        Absence,
        Appraisal,
        AuditTool,
        AuditToolSection,
        CaseAudit,
        CaseAuditAction,
        CaseAuditGrade,
        CaseWeighting,
        Employment,
        Post,
        SupervisionCaseDiscussion,
        SupervisionSession,
        WorkforcePolicy,
    )

    rng, as_of = ctx.rng, ctx.as_of
    year_ago = as_of - timedelta(days=365)
    CaseWeighting.objects.bulk_create(
        [
            CaseWeighting(case_type=k, weight=w, note="Synthetic default")
            for k, w in CASE_WEIGHTS.items()
        ],
        ignore_conflicts=True,
    )
    if not WorkforcePolicy.objects.exists():
        ctx.bulk(
            WorkforcePolicy,
            [
                WorkforcePolicy(
                    effective_from=ctx.period_start,
                    caseload_limit=Decimal("18.00"),
                    decided_by="Director of children's services",
                )
            ],
        )

    staff = [s for s in ctx.staff if s.role in _STAFF_ROLES and s.team_id is not None]
    managers = {t.id: t.manager_id for t in ctx.teams}
    seniors = [s.id for s in ctx.staff_with_role(Role.SENIOR_MANAGER)]

    # Employment: who is permanent or agency, part-time, newly qualified, and since when.
    employments, posts = [], []
    starts: dict[int, object] = {}
    nqsw: dict[int, object] = {}
    for s in staff:
        holding = s.role in _CASE_HOLDING
        agency = holding and rng.random() < AGENCY_RATE
        is_nqsw = s.role == Role.SOCIAL_WORKER and not agency and rng.random() < NQSW_SHARE
        if is_nqsw:
            start = ctx.random_date(as_of - timedelta(days=330), as_of - timedelta(days=14))
            nqsw[s.id] = start
        elif agency:
            start = ctx.random_date(as_of - timedelta(days=540), as_of - timedelta(days=20))
        else:
            start = ctx.random_date(as_of - timedelta(days=365 * 12), as_of - timedelta(days=60))
        starts[s.id] = start
        fte = (
            Decimal("1.00")
            if rng.random() < 0.88
            else Decimal(rng.choice(["0.50", "0.60", "0.80"]))
        )
        post = Post(
            team_id=s.team_id,
            title=_title(s.role),
            fte=fte,
            funded_from=min(start, ctx.period_start),
            is_case_holding=holding,
        )
        posts.append(post)
        employments.append(
            Employment(
                user_id=s.id,
                team_id=s.team_id,
                post=post,
                contract_type=ContractType.AGENCY if agency else ContractType.PERMANENT,
                start_date=start,
                fte=fte,
                is_case_holding=holding,
                is_newly_qualified=is_nqsw,
                asye_start_date=nqsw.get(s.id),
            )
        )
    # Vacant funded posts: about 18.9% of the establishment of case-holding teams.
    holders_by_team: dict[int, int] = defaultdict(int)
    for s in staff:
        if s.role in _CASE_HOLDING:
            holders_by_team[s.team_id] += 1
    for team_id, filled in sorted(holders_by_team.items()):
        expected = filled * VACANCY_RATE / (1 - VACANCY_RATE)
        vacant = int(expected) + (rng.random() < expected - int(expected))
        posts += [
            Post(
                team_id=team_id,
                title="Social worker",
                fte=Decimal("1.00"),
                funded_from=ctx.period_start,
            )
            for _ in range(vacant)
        ]
    ctx.bulk(Post, posts)
    for employment in employments:
        employment.post_id = employment.post.pk
    employments = ctx.bulk(Employment, employments)

    # Leavers: former staff, now inactive, with their employment ended and a reason.
    leaver_count = round(len(staff) * LEAVER_RATE_PER_YEAR * max(ctx.years, 1))
    team_ids = sorted(holders_by_team) or sorted({s.team_id for s in staff})
    leavers = []
    for n in range(leaver_count if team_ids else 0):
        leavers.append(
            User(
                username=f"leaver{n + 1}",
                first_name="Former",
                last_name=f"Worker{n + 1}",
                role=Role.SOCIAL_WORKER,
                team_id=rng.choice(team_ids),
                is_active=False,
                date_joined=ctx.at(ctx.period_start),
            )
        )
    leavers = ctx.bulk(User, leavers)
    reasons = (
        [LeavingReason.RESIGNATION] * 6
        + [LeavingReason.END_OF_CONTRACT] * 2
        + [LeavingReason.RETIREMENT, LeavingReason.INTERNAL_MOVE]
    )
    leaver_rows = []
    for user in leavers:
        end = ctx.random_date(ctx.period_start, as_of - timedelta(days=1))
        start = end - timedelta(days=rng.randint(120, 365 * 6))
        reason = rng.choice(reasons)
        leaver_rows.append(
            Employment(
                user_id=user.pk,
                team_id=user.team_id,
                start_date=start,
                end_date=end,
                leaving_reason=reason,
                contract_type=ContractType.AGENCY
                if reason == LeavingReason.END_OF_CONTRACT
                else ContractType.PERMANENT,
            )
        )
    ctx.bulk(Employment, leaver_rows)

    # Absence: short sickness for about a third, long-term or maternity for a few, ongoing.
    absences = []
    for e in employments:
        if rng.random() < SHORT_ABSENCE_SHARE:
            first = ctx.random_date(max(e.start_date, year_ago), as_of)
            absences.append(
                Absence(
                    employment_id=e.pk,
                    absence_type=AbsenceType.SICKNESS,
                    start_date=first,
                    end_date=min(first + timedelta(days=rng.randint(0, 9)), as_of),
                )
            )
        roll = rng.random()
        if roll < LONG_TERM_ABSENCE_SHARE + MATERNITY_SHARE:
            kind = AbsenceType.SICKNESS if roll < LONG_TERM_ABSENCE_SHARE else AbsenceType.MATERNITY
            first = max(e.start_date, as_of - timedelta(days=rng.randint(21, 150)))
            absences.append(Absence(employment_id=e.pk, absence_type=kind, start_date=first))
    ctx.bulk(Absence, absences)

    # Supervision: monthly-ish (weekly for six weeks for a newly qualified worker), by the
    # team manager, discussing a few of the worker's current children.
    from safeguard.casework.choices import AllocationRole
    from safeguard.casework.models import Allocation

    children_of: dict[int, list[int]] = defaultdict(list)
    for worker_id, person_id in (
        Allocation.objects.filter(
            role=AllocationRole.LEAD, end_at__isnull=True, episode__closure_date__isnull=True
        )
        .order_by("worker_id", "episode__person_id")
        .values_list("worker_id", "episode__person_id")
    ):
        if person_id not in children_of[worker_id]:
            children_of[worker_id].append(person_id)
    sessions, picks = [], []
    for e in employments:
        supervisor = managers.get(e.team_id)
        if not e.is_case_holding or supervisor in (None, e.user_id):
            continue
        day = max(e.start_date, year_ago)
        weekly_until = (e.asye_start_date + timedelta(weeks=6)) if e.asye_start_date else None
        while True:
            if weekly_until and day < weekly_until:
                day += timedelta(days=rng.randint(6, 8))
            else:
                day += timedelta(
                    days=rng.randint(24, 34) if rng.random() < 0.85 else rng.randint(35, 60)
                )
            if day > as_of:
                break
            session = SupervisionSession(
                worker_id=e.user_id,
                supervisor_id=supervisor,
                session_date=day,
                kind=SupervisionKind.INDIVIDUAL,
                created_at=ctx.at(day),
                created_by_id=supervisor,
                modified_by_id=supervisor,
            )
            sessions.append(session)
            kids = children_of.get(e.user_id, [])
            picks.append(rng.sample(kids, min(len(kids), rng.randint(1, 3))) if kids else [])
    sessions = ctx.bulk(SupervisionSession, sessions)
    decisions = [
        "Continue the plan; review at the next core group",
        "Complete the updated assessment before the review",
        "Hold a family network meeting",
        "Consider step-down to early help",
        "Seek legal advice on threshold for pre-proceedings",
        "Visit weekly until the next review",
    ]
    ctx.bulk(
        SupervisionCaseDiscussion,
        [
            SupervisionCaseDiscussion(
                session_id=s.pk,
                person_id=pid,
                decision=rng.choice(decisions),
                actions="Record the visit and update the plan",
            )
            for s, kids in zip(sessions, picks, strict=True)
            for pid in kids
        ],
    )

    # Case file audits against one tool, with moderation and actions.
    tool = AuditTool.objects.filter(name="Practice quality audit").first()
    if tool is None:
        tool = ctx.bulk(
            AuditTool,
            [AuditTool(name="Practice quality audit", description="Quarterly case file audit")],
        )[0]
        ctx.bulk(
            AuditToolSection,
            [
                AuditToolSection(tool_id=tool.pk, position=i, title=t)
                for i, t in enumerate(AUDIT_SECTIONS, 1)
            ],
        )
    sections = list(tool.sections.all())
    audits, audit_grades, audit_actions = [], [], []
    for e in employments:
        auditor = managers.get(e.team_id)
        kids = children_of.get(e.user_id, [])
        if not kids or auditor in (None, e.user_id):
            continue
        for quarter in range(4):
            day = as_of - timedelta(days=quarter * 91 + rng.randint(0, 60))
            if day < e.start_date:
                break
            overall = _grade(rng)
            moderate = seniors and rng.random() < MODERATED_SHARE
            moderated = (
                (overall if rng.random() < MODERATION_AGREES else _grade(rng)) if moderate else ""
            )
            audit = CaseAudit(
                tool_id=tool.pk,
                person_id=rng.choice(kids),
                worker_id=e.user_id,
                team_id=e.team_id,
                auditor_id=auditor,
                audit_date=day,
                overall_grade=overall,
                created_at=ctx.at(day),
                status=AuditStatus.MODERATED if moderate else AuditStatus.GRADED,
                moderator_id=rng.choice(seniors) if moderate else None,
                moderated_on=day + timedelta(days=7) if moderate else None,
                moderated_overall_grade=moderated,
            )
            if audit.moderated_on and audit.moderated_on > as_of:
                audit.moderated_on = as_of
            audits.append(audit)
    audits = ctx.bulk(CaseAudit, audits)
    for audit in audits:
        for section in sections:
            g = _grade(rng) if rng.random() < 0.4 else audit.overall_grade
            audit_grades.append(
                CaseAuditGrade(
                    audit_id=audit.pk,
                    section_id=section.pk,
                    grade=g,
                    moderated_grade=(
                        g
                        if audit.moderated_overall_grade == audit.overall_grade
                        else audit.moderated_overall_grade
                    )
                    if audit.moderated_overall_grade
                    else "",
                )
            )
        if audit.overall_grade in (AuditGrade.REQUIRES_IMPROVEMENT, AuditGrade.INADEQUATE):
            due = audit.audit_date + timedelta(days=28)
            audit_actions.append(
                CaseAuditAction(
                    audit_id=audit.pk,
                    description="Update the plan with the child's views",
                    assigned_to_id=audit.worker_id,
                    due_date=due,
                    completed_on=due - timedelta(days=rng.randint(0, 20))
                    if due < as_of and rng.random() < 0.7
                    else None,
                )
            )
    ctx.bulk(CaseAuditGrade, audit_grades)
    ctx.bulk(CaseAuditAction, audit_actions)

    # Appraisals: most within the last year, some overdue.
    appraisals = []
    for e in employments:
        appraiser = managers.get(e.team_id) or (seniors[0] if seniors else None)
        if appraiser in (None, e.user_id):
            continue
        latest = as_of - timedelta(
            days=rng.randint(0, 364)
            if rng.random() < APPRAISAL_ON_TIME_SHARE
            else rng.randint(366, 500)
        )
        if latest < e.start_date:
            continue
        appraisals.append(
            Appraisal(
                worker_id=e.user_id,
                appraiser_id=appraiser,
                appraisal_date=latest,
                created_at=ctx.at(latest),
                objectives="Objectives agreed for the year",
            )
        )
    ctx.bulk(Appraisal, appraisals)
    ctx.shared["workforce.employments"] = [
        (e.user_id, e.team_id, e.contract_type) for e in employments
    ]


def _title(role: str) -> str:
    return {
        Role.SOCIAL_WORKER: "Social worker",
        Role.EARLY_HELP_PRACTITIONER: "Family support worker",
        Role.MASH_SCREENER: "MASH social worker",
        Role.TEAM_MANAGER: "Team manager",
        Role.CONFERENCE_CHAIR: "Child protection chair / IRO",
        Role.SENIOR_MANAGER: "Head of service",
    }.get(role, "Practitioner")
