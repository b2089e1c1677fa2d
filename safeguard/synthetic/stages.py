"""The generator's core stages: staff and teams (order 0), then people and households (order 10).

Other apps' stages run after these and find their output on the context (`ctx.staff`,
`ctx.teams`, `ctx.children`, `ctx.adults`, `ctx.households`).
"""

import math
from datetime import date, timedelta

import nhs_number
from django.conf import settings
from django.contrib.auth.hashers import make_password

from safeguard.accounts.choices import Role, ServiceArea, TeamKind
from safeguard.accounts.models import Team, User
from safeguard.people.choices import NameKind, PersonKind, RelationshipKind
from safeguard.people.identifiers import upn_check_letter
from safeguard.people.models import (
    Address,
    Person,
    PersonAddress,
    PersonDisability,
    PersonName,
    Relationship,
    RestrictedAccessGrant,
)
from safeguard.synthetic import distributions as dist
from safeguard.synthetic import names
from safeguard.synthetic.context import (
    AdultRow,
    ChildRow,
    GenerationContext,
    HouseholdRow,
    StaffRow,
    TeamRow,
)
from safeguard.synthetic.registry import generator_stage

# Demo-only: every generated member of staff signs in with this password. Never real data.
DEMO_PASSWORD = "safeguard-demo-only"


def upn_la_number() -> str:
    """Return the authority's DfE LA number (setting SAFEGUARD_LA_CODE) for generated UPNs.

    The CIN census rejects a UPN whose LA number the DfE does not recognise (rule 1530), so
    generated UPNs carry the authority's own. They stay synthetic: the school numbers start at
    2000 and the serials are drawn from the seed, so no generated UPN is meant as a real pupil's.
    """
    return str(settings.SAFEGUARD_LA_CODE)

LA_CHILD_ID_PREFIX = "SG"
HOUSEHOLDS_PER_BATCH = 2_000
_MAX_AGE_DAYS = 18 * 365 + 4  # ages 0 to 17 on the as-of date

_ROLE_USERNAME = {
    Role.SOCIAL_WORKER: "sw",
    Role.TEAM_MANAGER: "tm",
    Role.SENIOR_MANAGER: "sm",
    Role.MASH_SCREENER: "mash",
    Role.CONFERENCE_CHAIR: "chair",
    Role.EARLY_HELP_PRACTITIONER: "eh",
    Role.PERFORMANCE_ANALYST: "analyst",
    Role.PARTNER: "partner",
    Role.SYSTEM_ADMINISTRATOR: "admin",
}
_JOB_TITLES = {
    Role.SOCIAL_WORKER: "Social worker",
    Role.TEAM_MANAGER: "Team manager",
    Role.SENIOR_MANAGER: "Head of service",
    Role.MASH_SCREENER: "MASH screening social worker",
    Role.CONFERENCE_CHAIR: "Child protection chair / IRO",
    Role.EARLY_HELP_PRACTITIONER: "Family support worker",
    Role.PERFORMANCE_ANALYST: "Performance analyst",
    Role.PARTNER: "Designated safeguarding lead",
    Role.SYSTEM_ADMINISTRATOR: "System administrator",
}
_AREA_TEAM_NAMES = {
    ServiceArea.FRONT_DOOR: "MASH",
    ServiceArea.ASSESSMENT: "Assessment",
    ServiceArea.CHILDREN_IN_NEED: "Children in Need",
    ServiceArea.CHILDREN_IN_CARE: "Children in Care",
    ServiceArea.CARE_LEAVERS: "Leaving Care",
    ServiceArea.DISABLED_CHILDREN: "Disabled Children",
    ServiceArea.EARLY_HELP: "Early Help",
    ServiceArea.SAFEGUARDING: "Safeguarding and Reviewing",
}


def staff_numbers(children: int) -> dict[str, int]:
    """Return how many staff of each kind an authority of this many children employs."""
    open_cases = children * dist.OPEN_CASES_PER_CHILD
    social_workers = max(len(dist.SOCIAL_WORKER_AREAS), math.ceil(open_cases / dist.CASELOAD))
    return {
        Role.SOCIAL_WORKER: social_workers,
        Role.EARLY_HELP_PRACTITIONER: max(
            2, round(social_workers * dist.EARLY_HELP_PER_SOCIAL_WORKER)
        ),
        Role.MASH_SCREENER: max(2, round(social_workers * dist.MASH_SCREENERS_PER_SOCIAL_WORKER)),
        Role.CONFERENCE_CHAIR: max(2, round(children * dist.CONFERENCE_CHAIRS_PER_CHILD)),
        Role.PERFORMANCE_ANALYST: max(
            1, round(social_workers * dist.PERFORMANCE_ANALYSTS_PER_SOCIAL_WORKER)
        ),
        Role.PARTNER: max(3, round(children * dist.PARTNERS_PER_CHILD)),
        Role.SYSTEM_ADMINISTRATOR: 1 if children < 100_000 else 2,
    }


@generator_stage(name="staff", order=0)
def generate_staff(ctx: GenerationContext) -> None:
    """Create teams per service area with their managers and staff, sized to the authority."""
    rng = ctx.rng
    numbers = staff_numbers(ctx.children_count)
    # Plan the teams: (service area, kind, role of its members, member count).
    plan: list[tuple[str, str, str, int]] = []
    for area, workers in _split(numbers[Role.SOCIAL_WORKER], dist.SOCIAL_WORKER_AREAS).items():
        plan += _teams_for(area, Role.SOCIAL_WORKER, workers)
    plan += _teams_for(
        ServiceArea.EARLY_HELP, Role.EARLY_HELP_PRACTITIONER, numbers[Role.EARLY_HELP_PRACTITIONER]
    )
    plan += _teams_for(ServiceArea.FRONT_DOOR, Role.MASH_SCREENER, numbers[Role.MASH_SCREENER])
    plan += _teams_for(
        ServiceArea.SAFEGUARDING, Role.CONFERENCE_CHAIR, numbers[Role.CONFERENCE_CHAIR]
    )

    counters: dict[str, int] = {}
    teams = []
    for area, kind, _role, _size in plan:
        counters[area] = counters.get(area, 0) + 1
        label = "Unit" if kind == TeamKind.UNIT else "Team"
        teams.append(
            Team(
                name=f"{_AREA_TEAM_NAMES[area]} {label} {counters[area]}",
                kind=kind,
                service_area=area,
            )
        )
    teams = ctx.bulk(Team, teams)

    password = make_password(DEMO_PASSWORD)  # hashed once: argon2 per user would take minutes
    joined = ctx.at(ctx.period_start)
    role_counts: dict[str, int] = {}
    users: list[User] = []

    def add(role: str, team: Team | None, **extra) -> User:
        role_counts[role] = role_counts.get(role, 0) + 1
        first = rng.choice(
            names.FIRST_NAMES_FEMALE if rng.random() < 0.8 else names.FIRST_NAMES_MALE
        )
        last = rng.choice(names.SURNAMES)
        username = f"{_ROLE_USERNAME[role]}{role_counts[role]:04d}"
        user = User(
            username=username,
            password=password,
            first_name=first,
            last_name=last,
            email=f"{username}@example.invalid",
            role=role,
            team=team,
            date_joined=joined,
            **{"job_title": _JOB_TITLES[role], **extra},
        )
        users.append(user)
        return user

    managers = []
    for team, (_area, _kind, role, size) in zip(teams, plan, strict=True):
        managers.append(add(Role.TEAM_MANAGER, team))
        for _ in range(size):
            add(role, team)
    for area in _AREA_TEAM_NAMES:
        add(Role.SENIOR_MANAGER, None, job_title=f"Head of service: {ServiceArea(area).label}")
    for _ in range(numbers[Role.PERFORMANCE_ANALYST]):
        add(Role.PERFORMANCE_ANALYST, None)
    for i in range(numbers[Role.PARTNER]):
        add(
            Role.PARTNER,
            None,
            organisation=names.PARTNER_ORGANISATIONS[i % len(names.PARTNER_ORGANISATIONS)],
        )
    for _ in range(numbers[Role.SYSTEM_ADMINISTRATOR]):
        add(Role.SYSTEM_ADMINISTRATOR, None, is_staff=True, is_superuser=True)
    users = ctx.bulk(User, users)

    for team, manager in zip(teams, managers, strict=True):
        team.manager = manager
    Team.objects.bulk_update(teams, ["manager"], batch_size=500)

    ctx.teams = [TeamRow(t.pk, t.name, t.kind, t.service_area, t.manager_id) for t in teams]
    ctx.staff = [StaffRow(u.pk, u.username, u.role, u.team_id) for u in users]


def _split(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Share a whole number out by the shares, at least one each, summing to the total."""
    counts = {key: max(1, int(total * share)) for key, share in shares.items()}
    by_remainder = sorted(shares, key=lambda key: total * shares[key] - int(total * shares[key]))
    while sum(counts.values()) < total:
        counts[by_remainder.pop()] += 1
        by_remainder = by_remainder or sorted(shares, key=shares.get)
    return counts


def _teams_for(area: str, role: str, people: int) -> list[tuple[str, str, str, int]]:
    count = max(1, math.ceil(people / dist.WORKERS_PER_TEAM))
    sizes = [people // count + (1 if i < people % count else 0) for i in range(count)]
    return [
        (
            area,
            TeamKind.UNIT
            if area in dist.UNIT_AREAS and i % dist.UNIT_EVERY == 1
            else TeamKind.TEAM,
            role,
            size,
        )
        for i, size in enumerate(sizes)
    ]


# People ------------------------------------------------------------------------------------------

_PERSON_FIELDS = (
    "id",
    "kind",
    "first_name",
    "middle_names",
    "last_name",
    "date_of_birth",
    "expected_date_of_birth",
    "sex",
    "ethnicity",
    "nhs_number",
    "upn",
    "upn_unknown_reason",
    "la_child_id",
    "is_restricted",
    "restriction_reason",
    "created_at",
    "modified_at",
)
_ADDRESS_FIELDS = ("id", "line_1", "line_2", "town", "postcode", "uprn")
_PERSON_ADDRESS_FIELDS = ("person_id", "address_id", "start_date", "end_date", "is_protected")
_RELATIONSHIP_FIELDS = ("person_id", "related_person_id", "kind", "start_date", "end_date")
_NAME_FIELDS = ("person_id", "kind", "first_name", "last_name")
_DISABILITY_FIELDS = ("person_id", "code")
_GRANT_FIELDS = ("person_id", "user_id", "granted_at", "granted_by_id")


class _Draw:
    """Weighted draws from the stage's stream, with cumulative weights computed once."""

    def __init__(self, rng, weights: dict) -> None:
        self.rng = rng
        self.values = list(weights)
        self.cum = []
        total = 0.0
        for w in weights.values():
            total += w
            self.cum.append(total)

    def __call__(self):
        return self.rng.choices(self.values, cum_weights=self.cum)[0]


class _Identifiers:
    """Unique NHS numbers from the synthetic range, UPNs and LA child IDs."""

    def __init__(self, rng, children: int) -> None:
        self.rng = rng
        synthetic = nhs_number.REGION_SYNTHETIC.ranges[0]
        self.nhs_low, self.nhs_high = synthetic.start // 10, synthetic.end // 10
        self.nhs_used: set[int] = set()
        self.schools = min(7_999, max(1, children // 400))
        self.upn_serials: dict[tuple[int, int], int] = {}
        self.upn_la_number = upn_la_number()

    def nhs(self) -> str:
        while True:
            body = self.rng.randint(self.nhs_low, self.nhs_high)
            if body in self.nhs_used:
                continue
            digits = f"{body:09d}"
            check = nhs_number.calculate_checksum(digits)
            if check == 10:  # no valid NHS number has this body
                continue
            self.nhs_used.add(body)
            return f"{digits}{check}"

    def upn(self, started_school: int) -> str:
        school = self.rng.randrange(self.schools)
        year = started_school % 100
        while self.upn_serials.get((school, year), 0) >= 999:
            school = (school + 1) % self.schools
        serial = self.upn_serials.get((school, year), 0) + 1
        self.upn_serials[(school, year)] = serial
        body = f"{self.upn_la_number}{2000 + school:04d}{year:02d}{serial:03d}"
        return upn_check_letter(body) + body


@generator_stage(name="people", order=10)
def generate_people(ctx: GenerationContext) -> None:
    """Create households: children, the adults they live with, addresses and relationships."""
    maker = _HouseholdMaker(ctx)
    sizes = _household_sizes(ctx.rng, ctx.children_count)
    with ctx.progress(total=ctx.children_count, desc="children") as bar:
        for start in range(0, len(sizes), HOUSEHOLDS_PER_BATCH):
            batch = sizes[start : start + HOUSEHOLDS_PER_BATCH]
            rows = _Rows()
            for size in batch:
                maker.household(size, rows)
            rows.insert(ctx)
            bar.update(sum(batch))


class _Rows:
    def __init__(self) -> None:
        self.people: list[tuple] = []
        self.addresses: list[tuple] = []
        self.person_addresses: list[tuple] = []
        self.relationships: list[tuple] = []
        self.names: list[tuple] = []
        self.disabilities: list[tuple] = []
        self.grants: list[tuple] = []

    def insert(self, ctx: GenerationContext) -> None:
        ctx.insert_rows(Address, _ADDRESS_FIELDS, self.addresses)
        ctx.insert_rows(Person, _PERSON_FIELDS, self.people)
        ctx.insert_rows(PersonAddress, _PERSON_ADDRESS_FIELDS, self.person_addresses)
        ctx.insert_rows(Relationship, _RELATIONSHIP_FIELDS, self.relationships)
        ctx.insert_rows(PersonName, _NAME_FIELDS, self.names)
        ctx.insert_rows(PersonDisability, _DISABILITY_FIELDS, self.disabilities)
        ctx.insert_rows(RestrictedAccessGrant, _GRANT_FIELDS, self.grants)


def _household_sizes(rng, children: int) -> list[int]:
    values = list(dist.HOUSEHOLD_CHILDREN_WEIGHTS)
    weights = list(dist.HOUSEHOLD_CHILDREN_WEIGHTS.values())
    sizes: list[int] = []
    remaining = children
    while remaining > 0:
        size = min(remaining, rng.choices(values, weights)[0])
        sizes.append(size)
        remaining -= size
    return sizes


def _address(ctx: GenerationContext, rng, rows: _Rows) -> int:
    address_id = ctx.reserve_ids(Address, 1)[0]
    street = f"{rng.choice(names.STREET_NAMES)} {rng.choice(names.STREET_KINDS)}"
    flat = f"Flat {rng.randint(1, 24)}" if rng.random() < 0.2 else ""
    postcode = (
        f"{names.POSTCODE_AREA}{rng.randint(1, 30)} {rng.randint(1, 9)}"
        f"{rng.choice(names.POSTCODE_UNIT_LETTERS)}{rng.choice(names.POSTCODE_UNIT_LETTERS)}"
    )
    line_1 = f"{rng.randint(1, 240)} {street}"
    if flat:
        line_1, line_2 = flat, line_1
    else:
        line_2 = ""
    rows.addresses.append((address_id, line_1, line_2, rng.choice(names.TOWNS), postcode, ""))
    return address_id


def _first_name(rng, sex: str) -> str:
    if sex == "M" or (sex == "U" and rng.random() < 0.5):
        return rng.choice(names.FIRST_NAMES_MALE)
    return rng.choice(names.FIRST_NAMES_FEMALE)


class _HouseholdMaker:
    """Make one household at a time, drawing from the people stage's stream."""

    def __init__(self, ctx: GenerationContext) -> None:
        rng = ctx.rng
        self.ctx = ctx
        self.rng = rng
        self.draw_ethnicity = _Draw(rng, dist.ETHNICITY_WEIGHTS)
        self.draw_sex = _Draw(rng, dist.SEX_WEIGHTS)
        self.draw_disability = _Draw(rng, dist.DISABILITY_WEIGHTS)
        self.draw_reason = _Draw(rng, dist.RESTRICTION_REASON_WEIGHTS)
        self.ids = _Identifiers(rng, ctx.children_count)
        self.workers = ctx.staff_with_role(Role.SOCIAL_WORKER)
        self.managers = {t.id: t.manager_id for t in ctx.teams}
        self.created_span = max(1, (ctx.as_of - ctx.period_start).days)
        self.children_made = 0

    def household(self, size: int, rows: "_Rows") -> None:
        """Make a household with `size` children into rows, and note it on the context."""
        ctx, rng, ids = self.ctx, self.rng, self.ids
        draw_ethnicity, draw_sex = self.draw_ethnicity, self.draw_sex
        workers, managers = self.workers, self.managers
        as_of = ctx.as_of
        household_id = len(ctx.households)
        surname = rng.choice(names.SURNAMES)
        ethnicity = draw_ethnicity()
        address_id = _address(ctx, rng, rows)
        created = ctx.at(
            ctx.period_start + timedelta(days=rng.randrange(self.created_span)), rng.randrange(480)
        )

        # Children first: their ages decide the adults'.
        children: list[ChildRow] = []
        surnames: list[str] = []
        child_ids = ctx.reserve_ids(Person, size)
        for person_id in child_ids:
            self.children_made += 1
            unborn = rng.random() < dist.UNBORN_SHARE
            sex = "U" if unborn and rng.random() < 0.7 else draw_sex()
            dob = None if unborn else as_of - timedelta(days=rng.randrange(_MAX_AGE_DAYS))
            expected = as_of + timedelta(days=rng.randint(14, 180)) if unborn else None
            last = (
                surname
                if not children or rng.random() > dist.HALF_SIBLING_SHARE
                else rng.choice(names.SURNAMES)
            )
            first = "Unborn" if unborn else _first_name(rng, sex)
            middle = _first_name(rng, sex) if not unborn and rng.random() < 0.4 else ""
            nhs = ids.nhs() if dob else ""
            upn, upn_reason = "", ""
            age = _age(dob, as_of) if dob else -1
            if age >= 5 and rng.random() < dist.UPN_SHARE:
                upn = ids.upn(dob.year + 5)
            restricted = bool(dob) and rng.random() < dist.RESTRICTED_SHARE and bool(workers)
            reason = self.draw_reason() if restricted else ""
            la_id = f"{LA_CHILD_ID_PREFIX}{self.children_made:07d}"
            stamp = created if dob is None or dob <= created.date() else ctx.at(dob, 60)
            rows.people.append(
                (
                    person_id,
                    PersonKind.CHILD,
                    first,
                    middle,
                    last,
                    dob,
                    expected,
                    sex,
                    ethnicity,
                    nhs,
                    upn,
                    upn_reason,
                    la_id,
                    restricted,
                    reason,
                    stamp,
                    stamp,
                )
            )
            if dob and rng.random() < dist.DISABILITY_SHARE:
                codes = {
                    self.draw_disability() for _ in range(rng.choices((1, 2, 3), (70, 22, 8))[0])
                }
                rows.disabilities.extend((person_id, code) for code in sorted(codes))
            if dob and rng.random() < dist.ALIAS_SHARE_CHILDREN:
                rows.names.append((person_id, NameKind.ALIAS, _first_name(rng, sex), last))
            if restricted:
                worker = rng.choice(workers)
                manager_id = managers.get(worker.team_id)
                rows.grants.append((person_id, worker.id, stamp, manager_id))
                if manager_id and manager_id != worker.id:
                    rows.grants.append((person_id, manager_id, stamp, manager_id))
            children.append(
                ChildRow(person_id, dob, expected, sex, ethnicity, household_id, restricted, la_id)
            )
            surnames.append(last)

        oldest = max((_age(c.date_of_birth, as_of) for c in children if c.date_of_birth), default=0)
        # The adults: one or two, sometimes a step-parent or another adult.
        if rng.random() < dist.LONE_PARENT_SHARE:
            adult_sexes = ["F" if rng.random() < dist.LONE_PARENT_FEMALE_SHARE else "M"]
        else:
            adult_sexes = ["F", "M"] if rng.random() < 0.95 else ["F", "F"]
        adult_kinds = [RelationshipKind.PARENT] * len(adult_sexes)
        if len(adult_sexes) == 2:
            roll = rng.random()
            if roll < dist.STEP_PARENT_SHARE:
                adult_kinds[1] = RelationshipKind.STEP_PARENT
            elif roll < dist.STEP_PARENT_SHARE + dist.OTHER_ADULT_SHARE:
                adult_kinds[1] = RelationshipKind.HOUSEHOLD_MEMBER
        adults: list[AdultRow] = []
        adult_ids = ctx.reserve_ids(Person, len(adult_sexes))
        for person_id, sex, kind in zip(adult_ids, adult_sexes, adult_kinds, strict=True):
            age_years = oldest + rng.randint(18, 40)
            dob = as_of - timedelta(days=age_years * 365 + rng.randrange(365))
            last = surname if kind == RelationshipKind.PARENT else rng.choice(names.SURNAMES)
            nhs = ids.nhs() if rng.random() < dist.NHS_NUMBER_SHARE_ADULTS else ""
            rows.people.append(
                (
                    person_id,
                    PersonKind.ADULT,
                    _first_name(rng, sex),
                    "",
                    last,
                    dob,
                    None,
                    sex,
                    ethnicity,
                    nhs,
                    "",
                    "",
                    "",
                    False,
                    "",
                    created,
                    created,
                )
            )
            if rng.random() < dist.ALIAS_SHARE_ADULTS:
                if sex == "F":
                    rows.names.append(
                        (
                            person_id,
                            NameKind.PREVIOUS,
                            _first_name(rng, sex),
                            rng.choice(names.SURNAMES),
                        )
                    )
                else:
                    rows.names.append((person_id, NameKind.ALIAS, _first_name(rng, sex), last))
            adults.append(AdultRow(person_id, dob, sex, household_id))
            for child in children:
                start = child.date_of_birth if kind == RelationshipKind.PARENT else None
                rows.relationships.append((person_id, child.id, kind, start, None))
        if len(adults) == 2 and adult_kinds[1] != RelationshipKind.HOUSEHOLD_MEMBER:
            rows.relationships.append(
                (adults[0].id, adults[1].id, RelationshipKind.PARTNER, None, None)
            )
        elif len(adults) == 2:
            rows.relationships.append(
                (adults[1].id, adults[0].id, RelationshipKind.HOUSEHOLD_MEMBER, None, None)
            )
        # Siblings: one row per pair; the relationship reads the same both ways round.
        for i, older in enumerate(children):
            for j in range(i + 1, len(children)):
                same = surnames[i] == surnames[j]
                kind = RelationshipKind.SIBLING if same else RelationshipKind.HALF_SIBLING
                rows.relationships.append((older.id, children[j].id, kind, None, None))

        # Where they live now, and for some where they lived before.
        earliest = min(
            [a.date_of_birth for a in adults]
            + [c.date_of_birth for c in children if c.date_of_birth]
        )
        moved_in = ctx.random_date(
            max(earliest, as_of - timedelta(days=15 * 365)), as_of - timedelta(days=30)
        )
        previous = None
        if rng.random() < dist.PREVIOUS_ADDRESS_SHARE:
            previous = _address(ctx, rng, rows)
            previous_from = moved_in - timedelta(days=rng.randint(180, 3_000))
        protected = any(c.is_restricted for c in children)
        for person_id, dob in [(a.id, a.date_of_birth) for a in adults] + [
            (c.id, c.date_of_birth) for c in children
        ]:
            if dob is None:
                continue
            rows.person_addresses.append(
                (person_id, address_id, max(moved_in, dob), None, protected)
            )
            if previous is not None and dob < moved_in:
                rows.person_addresses.append(
                    (
                        person_id,
                        previous,
                        max(previous_from, dob),
                        moved_in - timedelta(days=1),
                        False,
                    )
                )

        # Occasionally a person posing a risk, living elsewhere.
        if rng.random() < dist.PERSON_POSING_RISK_SHARE:
            risk_id = ctx.reserve_ids(Person, 1)[0]
            dob = as_of - timedelta(days=rng.randint(20 * 365, 55 * 365))
            rows.people.append(
                (
                    risk_id,
                    PersonKind.ADULT,
                    _first_name(rng, "M"),
                    "",
                    rng.choice(names.SURNAMES),
                    dob,
                    None,
                    "M",
                    draw_ethnicity(),
                    ids.nhs(),
                    "",
                    "",
                    "",
                    False,
                    "",
                    created,
                    created,
                )
            )
            elsewhere = _address(ctx, rng, rows)
            rows.person_addresses.append(
                (
                    risk_id,
                    elsewhere,
                    ctx.random_date(dob + timedelta(days=18 * 365), as_of),
                    None,
                    False,
                )
            )
            for child in children:
                rows.relationships.append(
                    (risk_id, child.id, RelationshipKind.PERSON_POSING_RISK, None, None)
                )
            adults_elsewhere = [AdultRow(risk_id, dob, "M", -1)]
        else:
            adults_elsewhere = []

        ctx.children.extend(children)
        ctx.adults.extend(adults + adults_elsewhere)
        ctx.households.append(
            HouseholdRow(
                household_id,
                address_id,
                moved_in,
                tuple(a.id for a in adults),
                tuple(c.id for c in children),
            )
        )


def _age(dob: date, on: date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
