"""Build a CIN census return from the records, in a few bulk queries for the whole authority.

Inclusion follows the DfE census guide: every child with a social care episode (CINdetails)
open at any point in the collection year (referred on or before 31 March, not closed before
1 April), unborn children included; within each episode the items the census counts for the
year:
- an assessment completed in the year, or not completed and started in the year;
- a CIN plan or a child protection plan open at any point in the year (closing dates after the
  reference date are not yet known to the census and are left out);
- a section 47 enquiry whose initial conference was held in the year, or which started in the
  year (a conference after the reference date is not yet reported);
- each child protection review held in the year after the plan started.
"""

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db.models import Q

from safeguard.assessments.choices import AssessmentKind
from safeguard.assessments.models import Assessment, AssessmentFactorIdentified
from safeguard.casework.choices import PlanKind, Service
from safeguard.casework.models import Episode, Plan
from safeguard.child_protection.choices import ConferenceKind, Section47Outcome
from safeguard.child_protection.models import ChildProtectionConference, Section47Enquiry
from safeguard.people.models import Person, PersonDisability
from safeguard.returns.cin_census.table import CinReturn, Header
from safeguard.returns.cin_census.years import CollectionYear

SOFTWARE_CODE = "Safeguard"
RELEASE = "1"
# UPNunknown reasons the return derives when the record holds neither a UPN nor a reason.
UNDER_SCHOOL_AGE = "UN1"
NOT_YET_AVAILABLE = "UN5"
REFERRAL_NFA_ONLY = "UN7"


def lea_code() -> str:
    """Return the authority's three-digit DfE LA code (setting SAFEGUARD_LA_CODE)."""
    return str(settings.SAFEGUARD_LA_CODE)


def _within(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def _known(day: date | None, end: date) -> date | None:
    """Return the date if it happened by the reference date, else None (not yet known)."""
    return day if day is not None and day <= end else None


def cin_return_build(
    *,
    year: CollectionYear,
    person_ids: list[int] | None = None,
    whole_history: bool = False,
    created_at: str = "",
) -> CinReturn:
    """Return the census for `year` read from the records.

    person_ids limits it to those children; whole_history drops the year window (every social
    care episode and item of those children, used to compare an imported return with its file).
    """
    start, end = (date.min, date.max) if whole_history else (year.start, year.reference_date)
    episodes = Episode.objects.filter(service=Service.SOCIAL_CARE, referral_date__lte=end).filter(
        Q(closure_date__isnull=True) | Q(closure_date__gte=start)
    )
    if person_ids is not None:
        episodes = episodes.filter(person_id__in=person_ids)
    episode_rows = list(
        episodes.order_by("person_id", "referral_date", "pk").values_list(
            "pk",
            "person_id",
            "referral_date",
            "referral_source",
            "primary_need",
            "closure_date",
            "closure_reason",
            "referral_nfa",
        )
    )
    episode_ids = episodes.values("pk")
    people = {
        row[0]: row
        for row in Person.objects.filter(episodes__in=episode_ids)
        .distinct()
        .values_list(
            "pk",
            "la_child_id",
            "upn",
            "upn_unknown_reason",
            "date_of_birth",
            "expected_date_of_birth",
            "sex",
            "date_of_death",
            "ethnicity",
        )
    }
    disabilities = defaultdict(list)
    for person_id, code in (
        PersonDisability.objects.filter(
            person__in=Person.objects.filter(episodes__in=episode_ids).values("pk")
        )
        .order_by("person_id", "code")
        .values_list("person_id", "code")
    ):
        disabilities[person_id].append(code)

    assessments = defaultdict(list)
    assessment_ids = []
    for row in (
        Assessment.objects.filter(episode__in=episode_ids, kind=AssessmentKind.SINGLE)
        .filter(
            Q(authorised_on__gte=start, authorised_on__lte=end)
            | Q(authorised_on__isnull=True, start_date__gte=start, start_date__lte=end)
            | Q(authorised_on__gt=end, start_date__gte=start, start_date__lte=end)
        )
        .order_by("start_date", "pk")
        .values_list("pk", "episode_id", "start_date", "authorised_on")
    ):
        assessments[row[1]].append(row)
        assessment_ids.append(row[0])
    factors = defaultdict(list)
    for assessment_id, code in (
        AssessmentFactorIdentified.objects.filter(
            assessment__episode__in=episode_ids, assessment__kind=AssessmentKind.SINGLE
        )
        .order_by("assessment_id", "code")
        .values_list("assessment_id", "code")
    ):
        factors[assessment_id].append(code)

    plans = Plan.objects.filter(start_date__lte=end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start)
    )
    cin_plans = defaultdict(list)
    for row in (
        plans.filter(kind=PlanKind.CHILD_IN_NEED, episode__in=episode_ids)
        .order_by("start_date", "pk")
        .values_list("episode_id", "start_date", "end_date")
    ):
        cin_plans[row[0]].append(row)

    conferences = {
        s47_id: held_on
        for s47_id, held_on in ChildProtectionConference.objects.filter(
            kind=ConferenceKind.INITIAL, section_47__episode__in=episode_ids, held_on__lte=end
        )
        .order_by("held_on", "pk")
        .values_list("section_47_id", "held_on")
    }
    section_47s = defaultdict(list)
    for s47_id, episode_id, started, outcome in (
        Section47Enquiry.objects.filter(episode__in=episode_ids, start_date__lte=end)
        .order_by("start_date", "pk")
        .values_list("pk", "episode_id", "start_date", "outcome")
    ):
        icpc = conferences.get(s47_id)
        if not (_within(icpc, start, end) or _within(started, start, end)):
            continue
        not_required = bool(outcome) and outcome != Section47Outcome.ICPC
        section_47s[episode_id].append((started, icpc, not_required))

    protection_plans = defaultdict(list)
    plan_ids = []
    for row in (
        plans.filter(kind=PlanKind.CHILD_PROTECTION, episode__in=episode_ids)
        .filter(child_protection__isnull=False)
        .order_by("start_date", "pk")
        .values_list(
            "pk",
            "episode_id",
            "start_date",
            "end_date",
            "child_protection__initial_category_of_abuse",
            "child_protection__latest_category_of_abuse",
            "child_protection__number_of_previous_plans",
        )
    ):
        protection_plans[row[1]].append(row)
        plan_ids.append(row[0])
    reviews = defaultdict(list)
    for plan_id, held_on in (
        ChildProtectionConference.objects.filter(
            kind=ConferenceKind.REVIEW,
            plan__kind=PlanKind.CHILD_PROTECTION,
            plan__episode__in=episode_ids,
            held_on__gte=start,
            held_on__lte=end,
        )
        .order_by("held_on", "pk")
        .values_list("plan_id", "held_on")
    ):
        reviews[plan_id].append(held_on)

    result = CinReturn(
        header=Header(
            year=year.end_year,
            reference_date=year.reference_date,
            lea=lea_code(),
            software_code=SOFTWARE_CODE,
            release=RELEASE,
            serial_no="001",
            datetime=created_at,
        )
    )
    by_person = defaultdict(list)
    for row in episode_rows:
        by_person[row[1]].append(row)
    for person_id in sorted(by_person, key=lambda pk: (people[pk][1] or "", pk)):
        _add_child(
            result,
            person=people[person_id],
            episodes=by_person[person_id],
            disabilities=disabilities.get(person_id, []),
            year=year,
            end=end,
            items=(assessments, factors, cin_plans, section_47s, protection_plans, reviews),
        )
    return result


def _add_child(result: CinReturn, *, person, episodes, disabilities, year, end, items) -> None:
    assessments, factors, cin_plans, section_47s, protection_plans, reviews = items
    pk, la_child_id, upn, upn_reason, born, expected, sex, died, ethnicity = person
    all_nfa = all(row[7] for row in episodes)
    if not upn and not upn_reason:
        if all_nfa:
            upn_reason = REFERRAL_NFA_ONLY
        elif born is None or _age(born, year.reference_date) < 6:
            upn_reason = UNDER_SCHOOL_AGE
        else:
            upn_reason = NOT_YET_AVAILABLE
    # The census asks for U for every unborn child, whatever a scan may have suggested.
    child = result.children.add(
        la_child_id=la_child_id or str(pk),
        upn=upn or None,
        upn_unknown=upn_reason or None,
        birth_date=born,
        expected_birth_date=expected if born is None else None,
        sex="U" if born is None else sex,
        death_date=_known(died, end),
        ethnicity=ethnicity,
        person_id=pk,
    )
    for code in disabilities:
        result.disabilities.add(child=child, code=code)
    for episode_id, _, referred, source, need, closed, reason, nfa in episodes:
        closed = _known(closed, end)
        cin = result.cin.add(
            child=child,
            referral_date=referred,
            referral_source=source or None,
            primary_need=need or None,
            closure_date=closed,
            closure_reason=(reason or None) if closed else None,
            referral_nfa=nfa,
            episode_id=episode_id,
        )
        for assessment_id, _, started, authorised in assessments.get(episode_id, ()):
            authorised = _known(authorised, end)
            row = result.assessments.add(
                cin=cin, child=child, start_date=started, authorisation_date=authorised
            )
            if authorised:
                for code in factors.get(assessment_id, ()):
                    result.factors.add(assessment=row, child=child, code=code)
        for _, started, ended in cin_plans.get(episode_id, ()):
            result.cin_plans.add(
                cin=cin, child=child, start_date=started, end_date=_known(ended, end)
            )
        for started, icpc, not_required in section_47s.get(episode_id, ()):
            result.section_47s.add(
                cin=cin,
                child=child,
                start_date=started,
                icpc_date=icpc,
                icpc_not_required=not_required and icpc is None,
            )
        for plan_id, _, started, ended, initial, latest, previous in protection_plans.get(
            episode_id, ()
        ):
            plan = result.protection_plans.add(
                cin=cin,
                child=child,
                start_date=started,
                end_date=_known(ended, end),
                initial_category=initial,
                latest_category=latest,
                previous_plans=previous,
            )
            for held_on in reviews.get(plan_id, ()):
                if held_on > started:
                    result.reviews.add(plan=plan, child=child, review_date=held_on)


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
