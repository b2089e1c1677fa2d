"""Import a CIN census return (ours or another system's) into the records, for migration.

One transaction, bulk reads and writes, idempotent: a child is matched on LAchildID, an
episode on (child, referral date), an assessment, section 47 or plan on (episode, start date),
a review on (plan, date); what is already there is updated only where the file differs, so a
second import of the same file changes nothing (and writes no audit event).

The census does not carry everything the records need; what the import fills in, and why:
- names: the census has none, so a new child is "Child <LAchildID>" until the record is edited;
- an authorised assessment needs the date the child was seen: the authorisation date stands in;
- a section 47 needs its strategy discussion: one is recorded on the enquiry's start date;
- a conference needs a chair: the importing user; a plan without its initial conference in
  the file (it began before the year) gets its enquiry and conference on the plan's start date;
- "ICPC not required" is recorded as the enquiry's outcome "concerns not substantiated",
  dated the enquiry's start; an ended plan's reason is "other".
Not held by the records, so not imported: FormerUPN, InitialCPCtarget,
AssessmentInternalReviewDate, and a DateOfInitialCPC given on CINdetails rather than Section47.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from safeguard.accounts.choices import Role
from safeguard.assessments.choices import AssessmentKind, AssessmentStatus
from safeguard.assessments.models import Assessment, AssessmentFactorIdentified
from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_bulk
from safeguard.casework.choices import PlanEndReason, PlanKind, Service
from safeguard.casework.models import Episode, Plan
from safeguard.child_protection.choices import (
    ConferenceDecision,
    ConferenceKind,
    Section47Outcome,
    StrategyDecision,
)
from safeguard.child_protection.choices import PlanEndReason as CPPlanEndReason
from safeguard.child_protection.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    Section47Enquiry,
    StrategyDiscussion,
)
from safeguard.people.choices import PersonKind
from safeguard.people.models import Person, PersonDisability
from safeguard.returns.cin_census.reader import Problem, cin_return_read
from safeguard.returns.cin_census.table import CinReturn

IMPORT_USERNAME = "cin-census-import"
LA_CHILD_ID_MAX = Person._meta.get_field("la_child_id").max_length
IMPORTED = "Imported from the CIN census"


class ImportRefused(Exception):
    """The file cannot be imported; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class ImportResult:
    children: int = 0
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


def import_user():
    """Return the account imported records are attributed to (created inactive if missing)."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=IMPORT_USERNAME,
        defaults={
            "is_active": False,
            "role": Role.SYSTEM_ADMINISTRATOR,
            "first_name": "CIN census",
            "last_name": "import",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def cin_census_import(*, path: Path, user=None, end_year: int | None = None) -> ImportResult:
    """Import the file at `path`; raise ImportRefused (nothing written) if it cannot be."""
    read = cin_return_read(path)
    problems = list(read.problems)
    if end_year is not None and read.schema_year is not None and read.schema_year != end_year:
        problems.append(
            Problem(
                None,
                "ReferenceDate",
                f"the file is for the year ending 31 March {read.schema_year}, not {end_year}",
            )
        )
    problems += _blocking_problems(read.cin_return)
    if problems:
        raise ImportRefused(problems)
    return _import(read.cin_return, user=user)


def _blocking_problems(r: CinReturn) -> list[Problem]:
    """Return what the records cannot hold (each would break a database rule)."""
    found = []
    ch = r.children
    for i, la_id in enumerate(ch.la_child_id):
        if not la_id or len(la_id) > LA_CHILD_ID_MAX:
            found.append(
                Problem(
                    ch.line[i],
                    "LAchildID",
                    f"child {la_id!r}: an LA child ID of 1 to {LA_CHILD_ID_MAX} "
                    "characters is needed to match the child",
                )
            )
    cin = r.cin
    for e in range(len(cin)):
        who = f"child {ch.la_child_id[cin.child[e]]}"
        if cin.closure_date[e] and not cin.closure_reason[e]:
            found.append(
                Problem(
                    cin.line[e],
                    "ReasonForClosure",
                    f"{who}: a closed episode needs its reason for closure",
                )
            )
        if (
            cin.closure_date[e]
            and cin.referral_date[e]
            and cin.closure_date[e] < cin.referral_date[e]
        ):
            found.append(
                Problem(
                    cin.line[e], "CINclosureDate", f"{who}: the episode closes before its referral"
                )
            )
    a = r.assessments
    for i in range(len(a)):
        if (
            a.authorisation_date[i]
            and a.start_date[i]
            and a.authorisation_date[i] < a.start_date[i]
        ):
            found.append(
                Problem(
                    a.line[i],
                    "AssessmentAuthorisationDate",
                    f"child {ch.la_child_id[a.child[i]]}: authorised before it began",
                )
            )
    for table, name in ((r.cin_plans, "CINPlanEndDate"), (r.protection_plans, "CPPendDate")):
        for i in range(len(table)):
            if (
                table.end_date[i]
                and table.start_date[i]
                and table.end_date[i] < table.start_date[i]
            ):
                found.append(
                    Problem(
                        table.line[i],
                        name,
                        f"child {ch.la_child_id[table.child[i]]}: ends before it starts",
                    )
                )
    return found


@transaction.atomic
def _import(r: CinReturn, *, user) -> ImportResult:
    actor = user or import_user()
    result = ImportResult(children=len(r.children))
    people = _people(r, actor, result)
    person_of_child = [people[la_id] for la_id in r.children.la_child_id]
    _disabilities(r, person_of_child, result)
    episodes = _episodes(r, person_of_child, actor, result)
    _assessments(r, person_of_child, episodes, actor, result)
    conferences = _section_47s(r, person_of_child, episodes, actor, result)
    _plans(r, person_of_child, episodes, conferences, actor, result)
    if result.changed:
        created = ", ".join(f"{n} {k}" for k, n in result.created.items() if n)
        updated = ", ".join(f"{n} {k}" for k, n in result.updated.items() if n)
        audit_bulk(
            user=user,
            action=AuditAction.CREATE,
            object_type="returns.cin_census_import",
            # The audit summary holds 300 characters.
            summary=(
                f"CIN census import of {result.children} children: created "
                f"{created or 'none'}; updated {updated or 'none'}"
            )[:300],
        )
    return result


def _people(r: CinReturn, actor, result: ImportResult) -> dict[str, int]:
    ch = r.children
    existing = {
        p.la_child_id: p
        for p in Person.objects.filter(la_child_id__in=[x for x in ch.la_child_id if x])
    }
    new, changed = [], []
    for i, la_id in enumerate(ch.la_child_id):
        values = {
            "upn": ch.upn[i] or "",
            "upn_unknown_reason": ch.upn_unknown[i] or "",
            "date_of_birth": ch.birth_date[i],
            "expected_date_of_birth": ch.expected_birth_date[i],
            "sex": ch.sex[i] or "U",
            "date_of_death": ch.death_date[i],
            "ethnicity": ch.ethnicity[i] or "NOBT",
        }
        person = existing.get(la_id)
        if person is None:
            person = Person(
                kind=PersonKind.CHILD,
                first_name="Child",
                last_name=la_id,
                la_child_id=la_id,
                created_by=actor,
                modified_by=actor,
                **values,
            )
            new.append(person)
            existing[la_id] = person
        elif any(getattr(person, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(person, k, v)
            person.modified_by = actor
            changed.append(person)
    Person.objects.bulk_create(new, batch_size=2000)
    if changed:
        Person.objects.bulk_update(changed, [*values, "modified_by"], batch_size=2000)
    result.created["children"] += len(new)
    result.updated["children"] += len(changed)
    return {la_id: p.pk for la_id, p in existing.items()}


def _disabilities(r: CinReturn, person_of_child, result) -> None:
    have = set(
        PersonDisability.objects.filter(person_id__in=set(person_of_child)).values_list(
            "person_id", "code"
        )
    )
    new = {
        (person_of_child[c], code)
        for c, code in zip(r.disabilities.child, r.disabilities.code, strict=True)
    }
    rows = [PersonDisability(person_id=p, code=code) for p, code in sorted(new - have)]
    PersonDisability.objects.bulk_create(rows, batch_size=2000)
    result.created["disabilities"] += len(rows)


def _episodes(r: CinReturn, person_of_child, actor, result) -> list[int]:
    cin = r.cin
    existing = {
        (e.person_id, e.referral_date): e
        for e in Episode.objects.filter(
            person_id__in=set(person_of_child), service=Service.SOCIAL_CARE
        )
    }
    new, changed, order = [], [], []
    for e in range(len(cin)):
        key = (person_of_child[cin.child[e]], cin.referral_date[e])
        values = {
            "referral_source": cin.referral_source[e] or "",
            "primary_need": cin.primary_need[e] or "",
            "referral_nfa": bool(cin.referral_nfa[e]),
            "closure_date": cin.closure_date[e],
            "closure_reason": cin.closure_reason[e] or "",
        }
        episode = existing.get(key)
        if episode is None:
            episode = Episode(
                person_id=key[0],
                service=Service.SOCIAL_CARE,
                referral_date=key[1],
                created_by=actor,
                modified_by=actor,
                **values,
            )
            new.append(episode)
            existing[key] = episode
        elif any(getattr(episode, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(episode, k, v)
            changed.append(episode)
        order.append(episode)
    Episode.objects.bulk_create(new, batch_size=2000)
    if changed:
        Episode.objects.bulk_update(changed, list(values), batch_size=2000)
    result.created["episodes"] += len(new)
    result.updated["episodes"] += len(changed)
    return [episode.pk for episode in order]


def _assessments(r, person_of_child, episodes, actor, result) -> None:
    a = r.assessments
    existing = {
        (x.episode_id, x.start_date): x
        for x in Assessment.objects.filter(episode_id__in=set(episodes), kind=AssessmentKind.SINGLE)
    }
    new, changed, rows = [], [], []
    for i in range(len(a)):
        key = (episodes[a.cin[i]], a.start_date[i])
        authorised = a.authorisation_date[i]
        values = {
            "authorised_on": authorised,
            "status": AssessmentStatus.AUTHORISED if authorised else AssessmentStatus.IN_PROGRESS,
            "child_seen_on": authorised,
        }
        assessment = existing.get(key)
        if assessment is None:
            assessment = Assessment(
                person_id=person_of_child[a.child[i]],
                episode_id=key[0],
                start_date=key[1],
                kind=AssessmentKind.SINGLE,
                worker=actor,
                authorised_by=actor if authorised else None,
                outcome_reasoning=f"{IMPORTED}: the census does not record when the child was "
                "seen; the authorisation date stands in.",
                created_by=actor,
                modified_by=actor,
                **values,
            )
            new.append(assessment)
            existing[key] = assessment
        elif assessment.authorised_on != authorised:
            for k, v in values.items():
                setattr(assessment, k, v)
            changed.append(assessment)
        rows.append(assessment)
    Assessment.objects.bulk_create(new, batch_size=2000)
    if changed:
        Assessment.objects.bulk_update(changed, ["authorised_on", "status", "child_seen_on"])
    result.created["assessments"] += len(new)
    result.updated["assessments"] += len(changed)
    have = set(
        AssessmentFactorIdentified.objects.filter(
            assessment_id__in=[x.pk for x in rows]
        ).values_list("assessment_id", "code")
    )
    wanted = {
        (rows[f].pk, code) for f, code in zip(r.factors.assessment, r.factors.code, strict=True)
    }
    factors = [
        AssessmentFactorIdentified(assessment_id=pk, code=code)
        for pk, code in sorted(wanted - have)
    ]
    AssessmentFactorIdentified.objects.bulk_create(factors, batch_size=2000)
    result.created["assessment factors"] += len(factors)


def _section_47s(r, person_of_child, episodes, actor, result) -> dict:
    """Import enquiries and their initial conferences; return {(episode, date): conference}."""
    s = r.section_47s
    existing = {
        (x.episode_id, x.start_date): x
        for x in Section47Enquiry.objects.filter(episode_id__in=set(episodes))
    }
    conferences = {
        (c.section_47.episode_id, c.held_on): c
        for c in ChildProtectionConference.objects.filter(
            kind=ConferenceKind.INITIAL, section_47__episode_id__in=set(episodes)
        ).select_related("section_47")
    }
    plan_starts = {
        (episodes[r.protection_plans.cin[i]], r.protection_plans.start_date[i])
        for i in range(len(r.protection_plans))
    }
    discussions, enquiries, new_conferences = [], [], []
    for i in range(len(s)):
        episode_id = episodes[s.cin[i]]
        person_id = person_of_child[s.child[i]]
        icpc = s.icpc_date[i]
        if (episode_id, s.start_date[i]) in existing:
            continue
        outcome, outcome_date = "", None
        if icpc:
            outcome, outcome_date = Section47Outcome.ICPC, icpc
        elif s.icpc_not_required[i]:
            outcome, outcome_date = Section47Outcome.NOT_SUBSTANTIATED, s.start_date[i]
        discussion = StrategyDiscussion(
            person_id=person_id,
            episode_id=episode_id,
            held_on=s.start_date[i],
            concern=IMPORTED,
            decision=StrategyDecision.SECTION_47,
            created_by=actor,
            modified_by=actor,
        )
        enquiry = Section47Enquiry(
            person_id=person_id,
            episode_id=episode_id,
            start_date=s.start_date[i],
            outcome=outcome,
            outcome_date=outcome_date,
            created_by=actor,
            modified_by=actor,
        )
        discussions.append(discussion)
        enquiries.append(enquiry)
        existing[(episode_id, s.start_date[i])] = enquiry
        if icpc:
            decision = (
                ConferenceDecision.PLAN
                if (episode_id, icpc) in plan_starts
                else ConferenceDecision.NO_PLAN
            )
            conference = ChildProtectionConference(
                person_id=person_id,
                kind=ConferenceKind.INITIAL,
                held_on=icpc,
                chair=actor,
                decision=decision,
                summary=IMPORTED,
                created_by=actor,
                modified_by=actor,
            )
            conference._enquiry = enquiry
            new_conferences.append(conference)
            conferences[(episode_id, icpc)] = conference
    StrategyDiscussion.objects.bulk_create(discussions, batch_size=2000)
    for discussion, enquiry in zip(discussions, enquiries, strict=True):
        enquiry.strategy_discussion_id = discussion.pk
    Section47Enquiry.objects.bulk_create(enquiries, batch_size=2000)
    for conference in new_conferences:
        conference.section_47_id = conference._enquiry.pk
    ChildProtectionConference.objects.bulk_create(new_conferences, batch_size=2000)
    result.created["section 47 enquiries"] += len(enquiries)
    result.created["initial conferences"] += len(new_conferences)
    return conferences


def _plans(r, person_of_child, episodes, conferences, actor, result) -> None:
    existing = {
        (x.episode_id, x.kind, x.start_date): x
        for x in Plan.objects.filter(
            episode_id__in=set(episodes),
            kind__in=[PlanKind.CHILD_IN_NEED, PlanKind.CHILD_PROTECTION],
        )
    }
    new_plans, changed, details, cpp_rows = [], [], [], []
    for table, kind in (
        (r.cin_plans, PlanKind.CHILD_IN_NEED),
        (r.protection_plans, PlanKind.CHILD_PROTECTION),
    ):
        for i in range(len(table)):
            key = (episodes[table.cin[i]], kind, table.start_date[i])
            end = table.end_date[i]
            plan = existing.get(key)
            if plan is None:
                plan = Plan(
                    person_id=person_of_child[table.child[i]],
                    episode_id=key[0],
                    kind=kind,
                    start_date=key[2],
                    end_date=end,
                    end_reason=PlanEndReason.OTHER if end else "",
                    created_by=actor,
                    modified_by=actor,
                )
                new_plans.append(plan)
                existing[key] = plan
                if kind == PlanKind.CHILD_PROTECTION:
                    details.append((i, plan))
            elif plan.end_date != end:
                plan.end_date = end
                plan.end_reason = PlanEndReason.OTHER if end else ""
                changed.append(plan)
            if kind == PlanKind.CHILD_PROTECTION:
                cpp_rows.append((i, plan))
    Plan.objects.bulk_create(new_plans, batch_size=2000)
    if changed:
        Plan.objects.bulk_update(changed, ["end_date", "end_reason"])
    result.created["plans"] += len(new_plans)
    result.updated["plans"] += len(changed)
    _protection_details(r, person_of_child, episodes, conferences, details, actor, result)
    _reviews(r, cpp_rows, actor, result)


def _protection_details(r, person_of_child, episodes, conferences, details, actor, result):
    cp = r.protection_plans
    by_episode = defaultdict(list)
    for (episode_id, held_on), conference in conferences.items():
        by_episode[episode_id].append((held_on, conference))
    used = set(
        ChildProtectionPlan.objects.filter(
            initial_conference__in=[c for c in conferences.values() if c.pk]
        ).values_list("initial_conference_id", flat=True)
    )
    linked, stubs, decided = {}, [], []
    for i, plan in details:
        # The plan's conference: the same day's, else the latest earlier one in the episode
        # that started no other plan.
        candidates = sorted(
            (held_on, c)
            for held_on, c in by_episode.get(plan.episode_id, ())
            if held_on <= plan.start_date and c.pk not in used
        )
        same_day = [c for held_on, c in candidates if held_on == plan.start_date]
        chosen = same_day[0] if same_day else (candidates[-1][1] if candidates else None)
        if chosen is None:
            stubs.append((i, plan))
            continue
        used.add(chosen.pk)
        linked[plan.pk] = chosen
        if chosen.decision != ConferenceDecision.PLAN:
            chosen.decision = ConferenceDecision.PLAN
            decided.append(chosen)
    if decided:
        ChildProtectionConference.objects.bulk_update(decided, ["decision"])
    # A plan whose initial conference is not in the file (it began before the year): record
    # the enquiry and conference it must have had, on its start date.
    stub_discussions, stub_enquiries, stub_conferences = [], [], []
    for _, plan in stubs:
        stub_discussions.append(
            StrategyDiscussion(
                person_id=plan.person_id,
                episode_id=plan.episode_id,
                held_on=plan.start_date,
                concern=f"{IMPORTED}: plan began before the return",
                decision=StrategyDecision.SECTION_47,
                created_by=actor,
                modified_by=actor,
            )
        )
        stub_enquiries.append(
            Section47Enquiry(
                person_id=plan.person_id,
                episode_id=plan.episode_id,
                start_date=plan.start_date,
                outcome=Section47Outcome.ICPC,
                outcome_date=plan.start_date,
                created_by=actor,
                modified_by=actor,
            )
        )
        stub_conferences.append(
            ChildProtectionConference(
                person_id=plan.person_id,
                kind=ConferenceKind.INITIAL,
                held_on=plan.start_date,
                chair=actor,
                decision=ConferenceDecision.PLAN,
                summary=IMPORTED,
                created_by=actor,
                modified_by=actor,
            )
        )
    StrategyDiscussion.objects.bulk_create(stub_discussions)
    for d, e in zip(stub_discussions, stub_enquiries, strict=True):
        e.strategy_discussion_id = d.pk
    Section47Enquiry.objects.bulk_create(stub_enquiries)
    for e, c in zip(stub_enquiries, stub_conferences, strict=True):
        c.section_47_id = e.pk
    ChildProtectionConference.objects.bulk_create(stub_conferences)
    stub_of = {plan.pk: c for (_, plan), c in zip(stubs, stub_conferences, strict=True)}
    rows = []
    for i, plan in details:
        conference = stub_of.get(plan.pk) or linked[plan.pk]
        rows.append(
            ChildProtectionPlan(
                plan=plan,
                initial_conference=conference,
                initial_category_of_abuse=cp.initial_category[i],
                latest_category_of_abuse=cp.latest_category[i],
                number_of_previous_plans=cp.previous_plans[i] or 0,
                end_reason=CPPlanEndReason.OTHER if plan.end_date else "",
                created_by=actor,
                modified_by=actor,
            )
        )
    ChildProtectionPlan.objects.bulk_create(rows, batch_size=2000)
    result.created["child protection plans"] += len(rows)


def _reviews(r, cpp_rows, actor, result) -> None:
    v = r.reviews
    have = set(
        ChildProtectionConference.objects.filter(
            kind=ConferenceKind.REVIEW, plan_id__in=[p.pk for _, p in cpp_rows]
        ).values_list("plan_id", "held_on")
    )
    plan_of_row = dict(cpp_rows)
    rows = []
    for j in range(len(v)):
        plan = plan_of_row[v.plan[j]]
        held = v.review_date[j]
        if held is None or (plan.pk, held) in have:
            continue
        have.add((plan.pk, held))
        rows.append(
            ChildProtectionConference(
                person_id=plan.person_id,
                kind=ConferenceKind.REVIEW,
                plan=plan,
                held_on=held,
                chair=actor,
                decision=ConferenceDecision.CONTINUE_PLAN,
                category_of_abuse=r.protection_plans.latest_category[v.plan[j]] or "",
                summary=IMPORTED,
                created_by=actor,
                modified_by=actor,
            )
        )
    ChildProtectionConference.objects.bulk_create(rows, batch_size=2000)
    result.created["review conferences"] += len(rows)
