"""Reads for the front door: candidate matches, the screening lists, the consistency report."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.access.selectors import people_visible_to
from safeguard.accounts.models import Team, User
from safeguard.audit.services import audit_access_denied
from safeguard.casework.choices import AllocationRole
from safeguard.casework.models import Allocation, Episode
from safeguard.front_door.choices import ContactStatus, Involvement, ScreeningOutcome
from safeguard.front_door.match_keys import postcodes_by_person
from safeguard.front_door.matching import (
    CandidateFacts,
    MatchQuery,
    canonical_first_name,
    day_month_swapped,
    normalise_postcode,
    score_candidate,
    soundex,
)
from safeguard.front_door.models import (
    Contact,
    ContactPerson,
    PersonMatchKey,
    Referral,
    ScreeningDecision,
    ThresholdLevel,
)
from safeguard.people.models import Person, PersonName

# A block larger than this is a common name with nothing else typed yet: score a sample.
BLOCK_CAP = 2_000
MIN_SCORE = 30.0


@dataclass
class MatchCandidate:
    """An existing person who may be the child typed, with why, and their involvement."""

    person: Person
    score: float
    reasons: list[str]
    open_episodes: list[dict] = field(default_factory=list)
    plans: list[dict] = field(default_factory=list)


def _blocked_person_ids(query: MatchQuery) -> set[int]:
    ids: set[int] = set()
    dobs = [d for d in (query.date_of_birth, day_month_swapped(query.date_of_birth)) if d]
    direct = Q()
    if dobs:
        direct |= Q(date_of_birth__in=dobs)
    if query.nhs_number:
        direct |= Q(nhs_number=query.nhs_number)
    if direct:
        ids.update(Person.objects.filter(direct).values_list("pk", flat=True)[:BLOCK_CAP])
    surname_key = soundex(query.last_name)
    first_key = soundex(canonical_first_name(query.first_name))
    postcode = normalise_postcode(query.postcode)
    keyed = Q()
    if surname_key and dobs:
        # With a birth date, the surname and birth year is enough: the date blocks above
        # catch a misspelt surname.
        keyed |= Q(surname_key=surname_key, birth_year__in={d.year for d in dobs})
    elif surname_key and first_key:
        keyed |= Q(surname_key=surname_key, first_name_key=first_key)
    if len(postcode) >= 5:
        keyed |= Q(postcode=postcode)
    if keyed:
        ids.update(
            PersonMatchKey.objects.filter(keyed).values_list("person_id", flat=True)[:BLOCK_CAP]
        )
    return ids


def _facts(user, ids: set[int]) -> list[CandidateFacts]:
    rows = list(
        people_visible_to(user)
        .filter(pk__in=ids)
        .values_list("pk", "first_name", "last_name", "date_of_birth", "nhs_number")
    )
    visible = [r[0] for r in rows]
    aliases: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for person_id, first, last in PersonName.objects.filter(person_id__in=visible).values_list(
        "person_id", "first_name", "last_name"
    ):
        aliases[person_id].append((first, last))
    postcodes = postcodes_by_person(visible)
    return [
        CandidateFacts(
            person_id=pk,
            first_name=first,
            last_name=last,
            date_of_birth=dob,
            nhs_number=nhs,
            postcodes=frozenset(postcodes.get(pk, ())),
            other_names=tuple(aliases.get(pk, ())),
        )
        for pk, first, last, dob, nhs in rows
    ]


def involvement_for_people(person_ids: list[int]) -> tuple[dict, dict]:
    """Return each person's open episodes (with lead worker) and plans, in two bulk reads."""
    episodes: dict[int, list[dict]] = defaultdict(list)
    rows = Episode.objects.active().filter(person_id__in=person_ids, closure_date__isnull=True)
    leads = Allocation.objects.filter(end_at__isnull=True, role=AllocationRole.LEAD).select_related(
        "worker"
    )
    for episode in rows.select_related("team").prefetch_related(
        Prefetch("allocations", queryset=leads, to_attr="current_leads")
    ):
        lead = episode.current_leads[0].worker if episode.current_leads else None
        episodes[episode.person_id].append(
            {
                "service": episode.get_service_display(),
                "referral_date": episode.referral_date,
                "team": episode.team.name if episode.team else "",
                "lead": str(lead) if lead else "Unallocated",
            }
        )
    plans: dict[int, list[dict]] = defaultdict(list)
    try:
        plan_model = apps.get_model("casework", "Plan")
    except LookupError:  # the plan model lands with the casework app's later migrations
        plan_model = None
    if plan_model is not None:
        for plan in plan_model.objects.filter(person_id__in=person_ids).order_by("-start_date"):
            plans[plan.person_id].append(
                {
                    "kind": plan.get_kind_display(),
                    "start_date": plan.start_date,
                    "end_date": plan.end_date,
                }
            )
    return episodes, plans


def match_candidates(
    *, user, query: MatchQuery, limit: int = 5, min_score: float = MIN_SCORE
) -> list[MatchCandidate]:
    """Return the people most likely to be the child typed, best first, with reasons.

    Only people the user may see are offered: a restricted record is never revealed here.
    """
    if not query.is_searchable:
        return []
    ids = _blocked_person_ids(query)
    if not ids:
        return []
    scored = []
    for facts in _facts(user, ids):
        score = score_candidate(query, facts)
        if score.value >= min_score:
            scored.append((score, facts.person_id))
    scored.sort(key=lambda pair: (-pair[0].value, pair[1]))
    top = scored[:limit]
    people = Person.objects.in_bulk([pk for _, pk in top])
    episodes, plans = involvement_for_people([pk for _, pk in top])
    return [
        MatchCandidate(
            person=people[pk],
            score=score.value,
            reasons=score.reasons,
            open_episodes=episodes.get(pk, []),
            plans=plans.get(pk, []),
        )
        for score, pk in top
    ]


# Contacts --------------------------------------------------------------------------------------


def _contacts() -> QuerySet[Contact]:
    children = ContactPerson.objects.filter(involvement=Involvement.CHILD).select_related("person")
    return (
        Contact.objects.active()
        .select_related("decision", "decision__level", "decision__decided_by", "recorded_by")
        .prefetch_related(Prefetch("involved", queryset=children, to_attr="children_involved"))
    )


def contacts_awaiting_decision() -> QuerySet[Contact]:
    """Return contacts still to be screened, oldest first: the clock runs from receipt."""
    return _contacts().filter(status=ContactStatus.AWAITING_DECISION).order_by("received_at")


def contacts_awaiting_authorisation() -> QuerySet[Contact]:
    """Return decided contacts a manager has yet to authorise, oldest decision first."""
    return (
        _contacts()
        .filter(status=ContactStatus.AWAITING_AUTHORISATION)
        .order_by("decision__decided_at")
    )


def contact_get_for_user(*, user, contact_id) -> Contact:
    """Return the contact if the user works the front door and may see every child on it."""
    allowed = any(
        user_has_permission(user, p)
        for p in (Permission.SCREEN_CONTACTS, Permission.AUTHORISE, Permission.ALLOCATE)
    )
    contact = _contacts().filter(pk=contact_id).first() if str(contact_id).isdigit() else None
    if contact is not None and allowed:
        person_ids = [cp.person_id for cp in contact.children_involved]
        visible = people_visible_to(user).filter(pk__in=person_ids).count()
        if visible == len(person_ids):
            return contact
    audit_access_denied(user=user, object_type="contact", object_id=str(contact_id))
    raise PermissionDenied("You do not have access to this contact.")


def contact_people(*, contact: Contact) -> dict[str, list[ContactPerson]]:
    """Return the children and adults named on the contact."""
    grouped: dict[str, list[ContactPerson]] = {Involvement.CHILD: [], Involvement.ADULT: []}
    for row in contact.involved.select_related("person").order_by("pk"):
        grouped[row.involvement].append(row)
    return grouped


def referral_history(*, person_id: int, before: date | None = None) -> list[Episode]:
    """Return the child's social care referrals, newest first, for the re-referral panel."""
    episodes = Episode.objects.active().filter(person_id=person_id, service="social_care")
    if before is not None:
        episodes = episodes.filter(referral_date__lte=before)
    return list(episodes.order_by("-referral_date"))


def referrals_for_contact(*, contact: Contact) -> dict[int, Referral]:
    """Return the referral made for each child on the contact, keyed by person id."""
    rows = Referral.objects.filter(contact=contact).select_related("episode", "previous_episode")
    return {r.person_id: r for r in rows}


def current_threshold_levels() -> QuerySet[ThresholdLevel]:
    """Return the levels of the current threshold framework, least need first."""
    return ThresholdLevel.objects.filter(framework__is_current=True).order_by("order")


def contacts_for_person(*, person_id: int) -> list[Contact]:
    """Return the contacts naming the person, newest first, with their decisions."""
    return list(_contacts().filter(involved__person_id=person_id).order_by("-received_at"))


# Threshold consistency ---------------------------------------------------------------------------

GROUPINGS = {
    "screener": "decided_by",
    "manager": "authorised_by",
    "team": "decided_by_team",
}


@dataclass
class ConsistencyRow:
    maker_id: int
    label: str
    total: int
    counts: dict[str, int]
    shares: dict[str, float]
    outliers: dict[str, float]  # outcome -> difference from the rest, percentage points


@dataclass
class ConsistencyReport:
    by: str
    date_from: date
    date_to: date
    gap_points: float
    min_count: int
    total: int
    overall_shares: dict[str, float]
    rows: list[ConsistencyRow]

    @property
    def outcomes(self) -> list[tuple[str, str]]:
        return list(ScreeningOutcome.choices)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def decisions_in_period(*, date_from: date, date_to: date) -> QuerySet[ScreeningDecision]:
    """Return screening decisions made between the dates inclusive (local days)."""
    # Bounds on the column itself (not decided_at__date), so the index on decided_at is used.
    return ScreeningDecision.objects.active().filter(
        decided_at__gte=_start_of(date_from),
        decided_at__lt=_start_of(date_to + timedelta(days=1)),
    )


def threshold_consistency(
    *,
    date_from: date,
    date_to: date,
    by: str = "screener",
    gap_points: float = 15.0,
    min_count: int = 10,
) -> ConsistencyReport:
    """Return each decision-maker's share of each outcome, flagging sharp differences.

    A maker is an outlier on an outcome when they made at least `min_count` decisions and
    their share differs from everyone else's share by more than `gap_points` points.
    """
    column = GROUPINGS[by]
    counted = (
        decisions_in_period(date_from=date_from, date_to=date_to)
        .filter(**{f"{column}__isnull": False})
        .values_list(column, "outcome")
        .annotate(n=Count("pk"))
    )
    per_maker: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    overall: dict[str, int] = defaultdict(int)
    for maker_id, outcome, n in counted:
        per_maker[maker_id][outcome] += n
        overall[outcome] += n
    total = sum(overall.values())
    model = Team if by == "team" else User
    labels = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=list(per_maker))}
    codes = [code for code, _ in ScreeningOutcome.choices]
    rows = []
    for maker_id, counts in per_maker.items():
        maker_total = sum(counts.values())
        shares = {c: 100.0 * counts[c] / maker_total for c in codes}
        outliers = {}
        rest_total = total - maker_total
        if maker_total >= min_count and rest_total > 0:
            for c in codes:
                rest_share = 100.0 * (overall[c] - counts[c]) / rest_total
                if abs(shares[c] - rest_share) > gap_points:
                    outliers[c] = round(shares[c] - rest_share, 1)
        rows.append(
            ConsistencyRow(
                maker_id=maker_id,
                label=labels.get(maker_id, "?"),
                total=maker_total,
                counts={c: counts[c] for c in codes},
                shares={c: round(s, 1) for c, s in shares.items()},
                outliers=outliers,
            )
        )
    rows.sort(key=lambda r: (-len(r.outliers), r.label))
    return ConsistencyReport(
        by=by,
        date_from=date_from,
        date_to=date_to,
        gap_points=gap_points,
        min_count=min_count,
        total=total,
        overall_shares={c: round(100.0 * overall[c] / total, 1) if total else 0.0 for c in codes},
        rows=rows,
    )


def consistency_drilldown(
    *, date_from: date, date_to: date, by: str, maker_id: int, outcome: str = ""
) -> QuerySet[ScreeningDecision]:
    """Return the decisions behind one cell of the consistency report, newest first."""
    decisions = decisions_in_period(date_from=date_from, date_to=date_to).filter(
        **{f"{GROUPINGS[by]}_id": maker_id}
    )
    if outcome:
        decisions = decisions.filter(outcome=outcome)
    return decisions.select_related("contact", "level", "decided_by", "authorised_by").order_by(
        "-decided_at"
    )


def default_period(*, today: date) -> tuple[date, date]:
    """Return the last 90 days up to today, the report's default period."""
    return today - timedelta(days=90), today
