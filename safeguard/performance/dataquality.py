"""Data quality: records that will fail the statutory returns or mislead the dashboard.

Each check is one definition (a queryset of rows about a child); its count and its list are
the same queryset, as with the measures. Every row names the child so it links to the record.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, QuerySet


@dataclass(frozen=True)
class Check:
    code: str
    title: str
    why: str
    rows: Callable[[], QuerySet]
    person_path: str
    columns: tuple[tuple[str, str], ...]


CHECKS: dict[str, Check] = {}


def check(**kwargs) -> Check:
    item = Check(**kwargs)
    CHECKS[item.code] = item
    return item


def _episodes():
    from safeguard.casework.models import Episode

    return Episode.objects.active().filter(service="social_care")


def _children():
    from safeguard.people.models import Person

    return Person.objects.active().filter(kind="child")


_EPISODE = (("Referral date", "referral_date"), ("Team", "team__name"))
_PERSON = (("Date of birth", "date_of_birth"), ("NHS number", "nhs_number"))

check(
    code="EPISODE_NO_PRIMARY_NEED",
    title="Social care episode without a primary need",
    why="CIN census: every episode not closed as no further action needs a primary need code.",
    rows=lambda: _episodes().filter(primary_need="", referral_nfa=False),
    person_path="person_id",
    columns=_EPISODE,
)
check(
    code="EPISODE_NO_REFERRAL_SOURCE",
    title="Social care episode without a referral source",
    why="CIN census: the referral source is mandatory for every episode.",
    rows=lambda: _episodes().filter(referral_source=""),
    person_path="person_id",
    columns=_EPISODE,
)
check(
    code="CHILD_NO_DATE_OF_BIRTH",
    title="Child with neither a date of birth nor an expected date of birth",
    why="CIN census and SSDA903: one of the two is mandatory; ages on the dashboard need it.",
    rows=lambda: _children().filter(
        date_of_birth__isnull=True, expected_date_of_birth__isnull=True
    ),
    person_path="pk",
    columns=_PERSON,
)
check(
    code="CHILD_SEX_UNKNOWN",
    title="Born child whose sex is not recorded",
    why="CIN census: sex 'unknown' is for unborn children only.",
    rows=lambda: _children().filter(sex="U", date_of_birth__isnull=False),
    person_path="pk",
    columns=_PERSON,
)
check(
    code="CHILD_ETHNICITY_NOT_OBTAINED",
    title="Child with a social care episode and ethnicity not yet obtained",
    why="CIN census: ethnicity should be known once a child has been assessed.",
    rows=lambda: _children().filter(
        Exists(_episodes().filter(person_id=OuterRef("pk"))),
        ethnicity="NOBT",
        date_of_birth__isnull=False,
    ),
    person_path="pk",
    columns=_PERSON,
)


def _care_before_birth():
    from safeguard.looked_after.models import CareEpisode

    return CareEpisode.objects.active().filter(start_date__lt=F("person__date_of_birth"))


check(
    code="CARE_BEFORE_BIRTH",
    title="Care episode starting before the child was born",
    why="SSDA903 rejects an episode beginning before the date of birth.",
    rows=_care_before_birth,
    person_path="person_id",
    columns=(("Episode start", "start_date"), ("Date of birth", "person__date_of_birth")),
)


def _assessment_before_referral():
    from safeguard.assessments.models import Assessment

    return Assessment.objects.active().filter(start_date__lt=F("episode__referral_date"))


check(
    code="ASSESSMENT_BEFORE_REFERRAL",
    title="Assessment starting before the referral it follows",
    why="CIN census: an assessment cannot start before the episode's referral date.",
    rows=_assessment_before_referral,
    person_path="person_id",
    columns=(("Assessment start", "start_date"), ("Referral date", "episode__referral_date")),
)
check(
    code="DEATH_BEFORE_BIRTH",
    title="Date of death before date of birth",
    why="Impossible; every age and timescale computed from these dates is wrong.",
    rows=lambda: _children().filter(date_of_death__lt=F("date_of_birth")),
    person_path="pk",
    columns=(("Date of birth", "date_of_birth"), ("Date of death", "date_of_death")),
)


def _same_name_and_birth():
    from safeguard.people.models import Person

    twins = (
        Person.objects.active()
        .filter(
            first_name=OuterRef("first_name"),
            last_name=OuterRef("last_name"),
            date_of_birth=OuterRef("date_of_birth"),
        )
        .exclude(pk=OuterRef("pk"))
    )
    return _children().filter(date_of_birth__isnull=False).filter(Exists(twins))


def _same_nhs_number():
    from safeguard.people.models import Person

    same = (
        Person.objects.active().filter(nhs_number=OuterRef("nhs_number")).exclude(pk=OuterRef("pk"))
    )
    return Person.objects.active().exclude(nhs_number="").filter(Exists(same))


check(
    code="DUPLICATE_NAME_AND_BIRTH",
    title="Suspected duplicate: same name and date of birth",
    why="Two records for one child split the history and double-count the figures.",
    rows=_same_name_and_birth,
    person_path="pk",
    columns=_PERSON,
)
check(
    code="DUPLICATE_NHS_NUMBER",
    title="Suspected duplicate: same NHS number",
    why="An NHS number belongs to one person.",
    rows=_same_nhs_number,
    person_path="pk",
    columns=_PERSON,
)


def _clocks_without_owner():
    from safeguard.compliance.models import Clock

    return Clock.objects.filter(
        owner__isnull=True, completed_on__isnull=True, cancelled_on__isnull=True
    )


check(
    code="CLOCK_NO_OWNER",
    title="Open clock with nobody accountable",
    why="An unowned clock reaches no work list, so it will be missed.",
    rows=_clocks_without_owner,
    person_path="person_id",
    columns=(("Rule", "rule_code"), ("Due", "due_on"), ("Team", "team__name")),
)


def check_rows(item: Check) -> QuerySet:
    """Return the check's rows as dicts: pk, the child's id and name, then its columns."""
    prefix = "" if item.person_path == "pk" else item.person_path.removesuffix("_id") + "__"
    fields = [
        "pk",
        item.person_path,
        f"{prefix}first_name",
        f"{prefix}last_name",
        *(path for _, path in item.columns),
    ]
    return item.rows().values(*dict.fromkeys(fields)).order_by("pk")


def check_table(item: Check, rows) -> tuple[list[str], list[list]]:
    prefix = "" if item.person_path == "pk" else item.person_path.removesuffix("_id") + "__"
    headers = ["Person ID", "Name", "Row ID", *(label for label, _ in item.columns)]
    cells = [
        [
            row[item.person_path],
            f"{row[f'{prefix}first_name']} {row[f'{prefix}last_name']}",
            row["pk"],
            *(row[path] for _, path in item.columns),
        ]
        for row in rows
    ]
    return headers, cells


def data_quality_summary() -> list[tuple[Check, int]]:
    """Return each check with how many rows fail it (one COUNT per check)."""
    return [(item, item.rows().count()) for item in CHECKS.values()]
