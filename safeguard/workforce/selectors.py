"""Reads for the workforce: caseloads, capacity, availability, oversight and audit results.

Definitions used throughout (say them once, use them everywhere):
- A worker's caseload on a date is the children whose open episode has that worker as its
  current lead allocation (co-working does not count: the lead is accountable).
- A family is a household: the children on a caseload who share a current address
  (people.PersonAddress current on the date) are one family; a child with no current address
  recorded is a family of one. Siblings at different addresses count as two families, because
  that is two homes to visit.
- A child's weight is the largest weight of its case types (CaseWeighting rows; a case type
  with no row weighs 1). Taking the largest, not the sum, stops a looked-after child in care
  proceedings counting as two children.
- A worker's caseload limit is the authority's weighted limit (WorkforcePolicy) pro rata to
  FTE; a worker above it is an alert.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Q
from django.utils import timezone

from safeguard.accounts.choices import Role
from safeguard.accounts.models import Team, User
from safeguard.workforce.case_types import case_type_conditions, case_types_for
from safeguard.workforce.choices import AuditGrade, CaseType, ContractType
from safeguard.workforce.models import (
    Absence,
    CaseAudit,
    CaseAuditGrade,
    CaseWeighting,
    Employment,
    Post,
    WorkforcePolicy,
)

DEFAULT_CASELOAD_LIMIT = Decimal("18.00")
DEFAULT_NQSW_WEEKLY_WEEKS = 6
ONE = Decimal("1.00")


def _end_of_day(on: date) -> datetime:
    return timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))


def policy_in_force(*, as_of: date) -> WorkforcePolicy:
    """Return the policy in force on as_of, or the defaults (unsaved) if none is set."""
    policy = WorkforcePolicy.objects.filter(effective_from__lte=as_of).first()
    if policy is None:
        policy = WorkforcePolicy(
            effective_from=as_of,
            caseload_limit=DEFAULT_CASELOAD_LIMIT,
            nqsw_weekly_supervision_weeks=DEFAULT_NQSW_WEEKLY_WEEKS,
            decided_by="Default until the authority sets its own",
        )
    return policy


def case_weights() -> dict[str, Decimal]:
    """Return the weight of every case type (1 where the authority has set none)."""
    weights = {case_type: ONE for case_type in CaseType.values}
    weights.update(dict(CaseWeighting.objects.values_list("case_type", "weight")))
    return weights


@dataclass
class CaseloadChild:
    person_id: int
    episode_id: int
    household: str
    case_types: set[str]
    weight: Decimal


@dataclass
class Caseload:
    worker_id: int
    children: int = 0
    families: int = 0
    weighted: Decimal = Decimal("0.00")
    by_case_type: dict[str, int] = field(default_factory=dict)
    items: list[CaseloadChild] = field(default_factory=list)


def _lead_allocations(worker_ids: list[int], as_of: date):
    """Return the lead allocations that make up the workers' caseloads on as_of."""
    from safeguard.casework.choices import AllocationRole
    from safeguard.casework.models import Allocation

    boundary = _end_of_day(as_of)
    return (
        Allocation.objects.filter(
            worker_id__in=worker_ids,
            role=AllocationRole.LEAD,
            start_at__lt=boundary,
            episode__referral_date__lte=as_of,
            episode__archived_at__isnull=True,
        )
        .filter(Q(end_at__isnull=True) | Q(end_at__gte=boundary))
        .filter(Q(episode__closure_date__isnull=True) | Q(episode__closure_date__gt=as_of))
    )


def _lead_rows(worker_ids: list[int], as_of: date) -> list[dict]:
    return list(
        _lead_allocations(worker_ids, as_of)
        .order_by("worker_id", "episode__person_id", "episode_id")
        .values("worker_id", "episode_id", "episode__person_id")
    )


def _households(person_ids: list[int], as_of: date) -> dict[int, str]:
    from safeguard.people.models import PersonAddress

    rows = (
        PersonAddress.objects.filter(person_id__in=person_ids, start_date__lte=as_of)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=as_of))
        .order_by("person_id", "-start_date")
        .values_list("person_id", "address_id")
    )
    found: dict[int, str] = {}
    for pid, address_id in rows:
        found.setdefault(pid, f"address:{address_id}")
    return {pid: found.get(pid, f"person:{pid}") for pid in person_ids}


def caseloads_for_workers(*, worker_ids, as_of: date) -> dict[int, Caseload]:
    """Return each worker's caseload on as_of: children, families, weighted load, by type.

    Every worker asked about is in the answer (an empty caseload where they hold none). A
    fixed number of queries whatever the number of workers: allocations, one per case-type
    source, addresses, weights.
    """
    worker_ids = list(worker_ids)
    result = {wid: Caseload(worker_id=wid) for wid in worker_ids}
    rows = _lead_rows(worker_ids, as_of)
    person_ids = sorted({r["episode__person_id"] for r in rows})
    types = case_types_for(person_ids, as_of)
    households = _households(person_ids, as_of)
    weights = case_weights()
    seen: set[tuple[int, int]] = set()
    for row in rows:
        wid, pid = row["worker_id"], row["episode__person_id"]
        if (wid, pid) in seen:  # a child with two open episodes led by one worker counts once
            continue
        seen.add((wid, pid))
        kinds = types.get(pid) or {CaseType.CHILD_IN_NEED}
        weight = max(weights[k] for k in kinds)
        result[wid].items.append(
            CaseloadChild(
                person_id=pid,
                episode_id=row["episode_id"],
                household=households[pid],
                case_types=kinds,
                weight=weight,
            )
        )
    for caseload in result.values():
        caseload.children = len(caseload.items)
        caseload.families = len({c.household for c in caseload.items})
        caseload.weighted = sum((c.weight for c in caseload.items), Decimal("0.00"))
        counts: dict[str, int] = defaultdict(int)
        for child in caseload.items:
            for kind in child.case_types:
                counts[kind] += 1
        caseload.by_case_type = dict(counts)
    return result


def weighted_caseloads(*, worker_ids, as_of: date) -> dict[int, float]:
    """Return {worker_id: weighted caseload} for allocation suggestions and the dashboard.

    The same totals as `caseloads_for_workers`, counted in the database: one query gives, per
    worker, how many children have each combination of case types; the weights are added here
    in Decimal, so every total is exactly the caseload page's.
    """
    worker_ids = list(worker_ids)
    claims = case_type_conditions(as_of, person="episode__person_id")
    flags = {f"is_{kind}": kind for kind in sorted(claims)}
    rows = (
        _lead_allocations(worker_ids, as_of)
        .annotate(
            **{
                flag: ExpressionWrapper(claims[kind], output_field=BooleanField())
                for flag, kind in flags.items()
            }
        )
        .values("worker_id", *flags)
        .annotate(children=Count("episode__person_id", distinct=True))
        .order_by()
    )
    weights = case_weights()
    totals = {wid: Decimal("0.00") for wid in worker_ids}
    for row in rows:
        kinds = {kind for flag, kind in flags.items() if row[flag]} or {CaseType.CHILD_IN_NEED}
        totals[row["worker_id"]] += max(weights[k] for k in kinds) * row["children"]
    return {wid: float(total) for wid, total in totals.items()}


def employments_current(*, as_of: date, team_ids=None, user_ids=None):
    """Return employments in force on as_of, with user, team and absences prefetched."""
    qs = Employment.objects.filter(start_date__lte=as_of).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=as_of)
    )
    if team_ids is not None:
        qs = qs.filter(team_id__in=list(team_ids))
    if user_ids is not None:
        qs = qs.filter(user_id__in=list(user_ids))
    return qs.select_related("user", "team", "post").prefetch_related("absences")


def absence_on(employment: Employment, on: date) -> Absence | None:
    """Return the absence covering the date, from the prefetched absences."""
    for absence in employment.absences.all():
        if absence.start_date <= on and (absence.end_date is None or absence.end_date >= on):
            return absence
    return None


def workers_available(*, user_ids, on: date) -> dict[int, bool]:
    """Return {user_id: available}: an active account, employed on the date, not absent.

    A user with no employment record at all is taken as available if their account is active
    (the authority has not recorded its establishment yet), so allocation never stops for want
    of HR data.
    """
    user_ids = list(user_ids)
    active = set(User.objects.filter(pk__in=user_ids, is_active=True).values_list("pk", flat=True))
    with_records = set(
        Employment.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True)
    )
    available = {uid: uid in active and uid not in with_records for uid in user_ids}
    for employment in employments_current(as_of=on, user_ids=list(active)):
        if absence_on(employment, on) is None:
            available[employment.user_id] = True
    return available


def worker_is_available(*, user, on: date) -> bool:
    """Return True if the worker is employed and not absent on the date."""
    return workers_available(user_ids=[user.pk], on=on)[user.pk]


def worker_join_date(*, user) -> date:
    """Return when the worker joined: their first employment start, else their account's."""
    first = Employment.objects.filter(user=user).order_by("start_date").first()
    if first is not None:
        return first.start_date
    return timezone.localdate(user.date_joined)


@dataclass
class WorkerCapacity:
    user: User
    employment: Employment | None
    caseload: Caseload
    limit: Decimal
    as_of: date
    absence: Absence | None = None
    long_term_absence: bool = False
    very_long_term_absence: bool = False

    @property
    def over_limit(self) -> bool:
        return self.caseload.weighted > self.limit

    @property
    def headroom(self) -> Decimal:
        return self.limit - self.caseload.weighted

    @property
    def contract_type(self) -> str:
        return self.employment.contract_type if self.employment else ""

    @property
    def is_newly_qualified(self) -> bool:
        return bool(self.employment and self.employment.in_asye_on(self.as_of))


@dataclass
class TeamCapacity:
    team: Team
    as_of: date
    workers: list[WorkerCapacity]
    funded_posts: int
    funded_fte: Decimal
    vacant_posts: int
    vacant_fte: Decimal
    filled_fte: Decimal
    agency_fte: Decimal
    newly_qualified: int
    long_term_absent: int
    children: int
    weighted: Decimal
    unallocated: int

    @property
    def agency_rate(self) -> Decimal | None:
        if not self.filled_fte:
            return None
        return (self.agency_fte / self.filled_fte * 100).quantize(Decimal("0.1"))

    @property
    def vacancy_rate(self) -> Decimal | None:
        if not self.funded_fte:
            return None
        return (self.vacant_fte / self.funded_fte * 100).quantize(Decimal("0.1"))

    @property
    def over_limit(self) -> list[WorkerCapacity]:
        return [w for w in self.workers if w.over_limit]


def _posts_in_force(team_ids: list[int], as_of: date):
    return (
        Post.objects.filter(team_id__in=team_ids, funded_from__lte=as_of)
        .filter(Q(funded_to__isnull=True) | Q(funded_to__gte=as_of))
        .order_by("team_id", "pk")
    )


def team_capacities(*, team_ids, as_of: date) -> list[TeamCapacity]:
    """Return each team's establishment, staffing and caseloads on as_of.

    A team's workers are its current employments, plus any active case-holding user whose
    account names the team but who has no employment record (counted as 1 FTE permanent).
    """
    from safeguard.casework.choices import AllocationRole
    from safeguard.casework.models import Episode

    team_ids = list(team_ids)
    teams = {t.pk: t for t in Team.objects.filter(pk__in=team_ids)}
    policy = policy_in_force(as_of=as_of)
    employments = list(employments_current(as_of=as_of, team_ids=team_ids))
    with_records = set(
        Employment.objects.filter(user__team_id__in=team_ids).values_list("user_id", flat=True)
    )
    unrecorded = list(
        User.objects.filter(team_id__in=team_ids, is_active=True)
        .exclude(pk__in=with_records)
        .exclude(role__in=[Role.PARTNER, Role.PERFORMANCE_ANALYST, Role.SYSTEM_ADMINISTRATOR])
    )
    posts = list(_posts_in_force(team_ids, as_of))
    filled_post_ids = {e.post_id for e in employments if e.post_id}
    worker_ids = [e.user_id for e in employments] + [u.pk for u in unrecorded]
    loads = caseloads_for_workers(worker_ids=worker_ids, as_of=as_of)
    boundary = _end_of_day(as_of)
    open_episodes = (
        Episode.objects.active()
        .filter(team_id__in=team_ids, referral_date__lte=as_of, referral_nfa=False)
        .filter(Q(closure_date__isnull=True) | Q(closure_date__gt=as_of))
    )
    led = Q(
        allocations__role=AllocationRole.LEAD,
        allocations__start_at__lt=boundary,
    ) & (Q(allocations__end_at__isnull=True) | Q(allocations__end_at__gte=boundary))
    unallocated_by_team: dict[int, int] = defaultdict(int)
    led_ids = set(open_episodes.filter(led).values_list("pk", flat=True))
    for episode_id, team_id in open_episodes.values_list("pk", "team_id"):
        if episode_id not in led_ids:
            unallocated_by_team[team_id] += 1

    rows: dict[int, list[WorkerCapacity]] = defaultdict(list)
    for employment in employments:
        absence = absence_on(employment, as_of)
        rows[employment.team_id].append(
            WorkerCapacity(
                user=employment.user,
                employment=employment,
                caseload=loads[employment.user_id],
                limit=(policy.caseload_limit * employment.fte).quantize(Decimal("0.01"))
                if employment.is_case_holding
                else Decimal("0.00"),
                as_of=as_of,
                absence=absence,
                long_term_absence=bool(absence and absence.is_long_term(as_of)),
                very_long_term_absence=bool(absence and absence.is_very_long_term(as_of)),
            )
        )
    for user in unrecorded:
        rows[user.team_id].append(
            WorkerCapacity(
                user=user,
                employment=None,
                caseload=loads[user.pk],
                limit=policy.caseload_limit,
                as_of=as_of,
            )
        )

    result = []
    for team_id in team_ids:
        if team_id not in teams:
            continue
        team_posts = [p for p in posts if p.team_id == team_id]
        vacant = [p for p in team_posts if p.pk not in filled_post_ids]
        team_employments = [e for e in employments if e.team_id == team_id]
        workers = sorted(rows[team_id], key=lambda w: (w.user.last_name, w.user.first_name))
        result.append(
            TeamCapacity(
                team=teams[team_id],
                as_of=as_of,
                workers=workers,
                funded_posts=len(team_posts),
                funded_fte=sum((p.fte for p in team_posts), Decimal("0.00")),
                vacant_posts=len(vacant),
                vacant_fte=sum((p.fte for p in vacant), Decimal("0.00")),
                filled_fte=sum((e.fte for e in team_employments), Decimal("0.00")),
                agency_fte=sum(
                    (e.fte for e in team_employments if e.contract_type == ContractType.AGENCY),
                    Decimal("0.00"),
                ),
                newly_qualified=sum(1 for e in team_employments if e.in_asye_on(as_of)),
                long_term_absent=sum(1 for w in workers if w.long_term_absence),
                children=sum(w.caseload.children for w in workers),
                weighted=sum((w.caseload.weighted for w in workers), Decimal("0.00")),
                unallocated=unallocated_by_team[team_id],
            )
        )
    return result


def team_capacity(*, team: Team, as_of: date) -> TeamCapacity:
    """Return one team's capacity on as_of."""
    return team_capacities(team_ids=[team.pk], as_of=as_of)[0]


@dataclass(frozen=True)
class CaseloadAlert:
    worker: User
    team: Team
    kind: str  # "over_limit" or "absent_holding_cases"
    message: str


def caseload_alerts(*, team_ids, as_of: date) -> list[CaseloadAlert]:
    """Return the workers above the caseload limit, and long-term absentees still holding cases."""
    return alerts_from_capacities(team_capacities(team_ids=team_ids, as_of=as_of))


def alerts_from_capacities(capacities: list[TeamCapacity]) -> list[CaseloadAlert]:
    """Return the caseload alerts for teams whose capacity has already been read."""
    alerts = []
    for capacity in capacities:
        for row in capacity.workers:
            if row.over_limit:
                alerts.append(
                    CaseloadAlert(
                        worker=row.user,
                        team=capacity.team,
                        kind="over_limit",
                        message=f"{row.user} holds a weighted caseload of "
                        f"{row.caseload.weighted} against a limit of {row.limit} "
                        f"({row.caseload.children} children).",
                    )
                )
            if row.long_term_absence and row.caseload.children:
                alerts.append(
                    CaseloadAlert(
                        worker=row.user,
                        team=capacity.team,
                        kind="absent_holding_cases",
                        message=f"{row.user} has been absent since "
                        f"{row.absence.start_date:%d %B %Y} and still leads "
                        f"{row.caseload.children} children's cases.",
                    )
                )
    return alerts


def teams_for_manager(*, user) -> list[int]:
    """Return the teams a manager's workforce views cover: all for senior managers."""
    if user.role in {Role.SENIOR_MANAGER, Role.PERFORMANCE_ANALYST, Role.SYSTEM_ADMINISTRATOR}:
        return list(Team.objects.values_list("pk", flat=True))
    ids = set(Team.objects.filter(manager=user).values_list("pk", flat=True))
    if user.team_id and user.role == Role.TEAM_MANAGER:
        ids.add(user.team_id)
    return sorted(ids)


@dataclass(frozen=True)
class OversightGap:
    person_id: int
    person_name: str
    episode_id: int
    team_id: int | None
    worker_id: int | None
    last_oversight: date | None
    due: date
    days_overdue: int


def children_without_oversight(*, team_ids, as_of: date) -> list[OversightGap]:
    """Return the open children in the teams with no management oversight within the interval.

    A child's case belongs to a team if its open episode is held by the team or its current
    lead worker's allocation is in the team. Oversight is casework.ManagementOversight, or the
    child's case discussed in a supervision session (a manager's recorded decision on the case).
    The interval runs from the last oversight, or from the referral if there has been none.
    """
    from safeguard.casework.choices import AllocationRole
    from safeguard.casework.models import Allocation, Episode, ManagementOversight
    from safeguard.workforce.models import SupervisionCaseDiscussion
    from safeguard.workforce.worker_clocks import due_date, local_periods

    team_ids = list(team_ids)
    periods = local_periods()
    boundary = _end_of_day(as_of)
    current_lead = Q(role=AllocationRole.LEAD, start_at__lt=boundary) & (
        Q(end_at__isnull=True) | Q(end_at__gte=boundary)
    )
    open_q = Q(referral_date__lte=as_of, referral_nfa=False) & (
        Q(closure_date__isnull=True) | Q(closure_date__gt=as_of)
    )
    led_here = Allocation.objects.filter(current_lead, team_id__in=team_ids).values("episode_id")
    episodes = list(
        Episode.objects.active()
        .filter(open_q)
        .filter(Q(team_id__in=team_ids) | Q(pk__in=led_here))
        .order_by("person_id", "referral_date")
        .values(
            "pk", "person_id", "team_id", "referral_date", "person__first_name", "person__last_name"
        )
    )
    person_ids = sorted({e["person_id"] for e in episodes})
    leads = dict(
        Allocation.objects.filter(
            current_lead, episode_id__in=[e["pk"] for e in episodes]
        ).values_list("episode_id", "worker_id")
    )
    last: dict[int, date] = {}
    for pid, when in (
        ManagementOversight.objects.active()
        .filter(person_id__in=person_ids, recorded_at__lt=boundary)
        .values("person_id")
        .annotate(last=Max("recorded_at"))
        .values_list("person_id", "last")
    ):
        last[pid] = timezone.localdate(when)
    for pid, when in (
        SupervisionCaseDiscussion.objects.filter(
            person_id__in=person_ids,
            session__session_date__lte=as_of,
            session__archived_at__isnull=True,
        )
        .values("person_id")
        .annotate(last=Max("session__session_date"))
        .values_list("person_id", "last")
    ):
        last[pid] = max(when, last.get(pid, when))
    gaps, seen = [], set()
    for e in episodes:
        pid = e["person_id"]
        if pid in seen:  # the earliest open episode decides when the clock first started
            continue
        seen.add(pid)
        start = max(last.get(pid, e["referral_date"]), e["referral_date"])
        due = due_date("MANAGEMENT_OVERSIGHT", start, periods=periods)
        if due < as_of:
            gaps.append(
                OversightGap(
                    person_id=pid,
                    person_name=f"{e['person__first_name']} {e['person__last_name']}",
                    episode_id=e["pk"],
                    team_id=e["team_id"],
                    worker_id=leads.get(e["pk"]),
                    last_oversight=last.get(pid),
                    due=due,
                    days_overdue=(as_of - due).days,
                )
            )
    gaps.sort(key=lambda g: -g.days_overdue)
    return gaps


@dataclass
class AuditResults:
    """Case file audit results for the self-evaluation: final (moderated) grades."""

    date_from: date
    date_to: date
    audits: int
    by_grade: dict[str, int]
    good_or_better_percent: Decimal | None
    moderated: int
    moderation_agreed: int
    by_section: dict[str, dict[str, int]]
    actions_open: int
    actions_overdue: int

    @property
    def moderation_agreement_percent(self) -> Decimal | None:
        if not self.moderated:
            return None
        return (Decimal(self.moderation_agreed) * 100 / self.moderated).quantize(Decimal("0.1"))


def case_audit_results(*, date_from: date, date_to: date, team_ids=None) -> AuditResults:
    """Return audit results between two dates: grades as moderated, agreement, open actions."""
    from safeguard.workforce.models import CaseAuditAction

    audits = CaseAudit.objects.active().filter(audit_date__range=(date_from, date_to))
    if team_ids is not None:
        audits = audits.filter(team_id__in=list(team_ids))
    rows = list(audits.values("pk", "overall_grade", "moderated_overall_grade"))
    by_grade = {g: 0 for g in AuditGrade.values}
    moderated = agreed = 0
    for row in rows:
        by_grade[row["moderated_overall_grade"] or row["overall_grade"]] += 1
        if row["moderated_overall_grade"]:
            moderated += 1
            agreed += row["moderated_overall_grade"] == row["overall_grade"]
    good = by_grade[AuditGrade.OUTSTANDING] + by_grade[AuditGrade.GOOD]
    by_section: dict[str, dict[str, int]] = defaultdict(lambda: {g: 0 for g in AuditGrade.values})
    for title, grade, moderated_grade in CaseAuditGrade.objects.filter(
        audit_id__in=[r["pk"] for r in rows]
    ).values_list("section__title", "grade", "moderated_grade"):
        by_section[title][moderated_grade or grade] += 1
    actions = CaseAuditAction.objects.filter(
        audit_id__in=[r["pk"] for r in rows], completed_on__isnull=True
    )
    return AuditResults(
        date_from=date_from,
        date_to=date_to,
        audits=len(rows),
        by_grade=by_grade,
        good_or_better_percent=(Decimal(good) * 100 / len(rows)).quantize(Decimal("0.1"))
        if rows
        else None,
        moderated=moderated,
        moderation_agreed=agreed,
        by_section=dict(by_section),
        actions_open=actions.count(),
        actions_overdue=actions.filter(due_date__lt=date_to).count(),
    )
