"""Reads for looked-after children: the child's care history, stability, IRO work lists."""

from datetime import date

from django.db.models import QuerySet

from safeguard.casework.choices import VisitType
from safeguard.casework.models import Visit
from safeguard.core.forms import today
from safeguard.looked_after.models import (
    CareEpisode,
    CareLeaver,
    CareLeaverBirthdayRecord,
    HealthEvent,
    IROAssignment,
    LookedAfterReview,
    PathwayPlan,
    PersonalEducationPlan,
)
from safeguard.looked_after.periods import (
    EPISODE_FIELDS,
    current_period,
    current_placement,
    periods_of_care,
    placements_in_year,
)
from safeguard.looked_after.stability import stability_on
from safeguard.missing.choices import MissingFrom
from safeguard.missing.models import MissingEpisode
from safeguard.people.models import Person

REVIEW_RULES = ("LAC_REVIEW_FIRST", "LAC_REVIEW_SECOND", "LAC_REVIEW")


def care_episodes_for_person(*, person) -> list[CareEpisode]:
    """Return the child's episodes of care, oldest first."""
    return list(CareEpisode.objects.active().filter(person=person).order_by("start_date", "pk"))


def current_episode(*, person) -> CareEpisode | None:
    """Return the child's open episode of care, if looked after now."""
    return CareEpisode.objects.active().filter(person=person, end_date__isnull=True).first()


def placement_stability(*, person, as_of: date | None = None) -> dict:
    """Return placements in the last 12 months and the current placement's start and length."""
    as_of = as_of or today()
    rows = CareEpisode.objects.active().filter(person=person).values(*EPISODE_FIELDS)
    periods = periods_of_care(rows)
    period = current_period(periods, as_of=as_of)
    placement = current_placement(periods, as_of=as_of)
    return {
        "looked_after": period is not None,
        "looked_after_since": period.start if period else None,
        "placements_last_12_months": placements_in_year(periods, as_of=as_of),
        "current_placement_start": placement.start if placement else None,
        "current_placement_days": (as_of - placement.start).days if placement else None,
    }


def looked_after_on(*, as_of: date | None = None) -> list[int]:
    """Return the ids of children looked after on the day (short breaks left out)."""
    return stability_on(as_of=as_of or today()).looked_after


def children_with_three_or_more_placements(*, as_of: date | None = None) -> list[int]:
    """Return the ids of looked-after children with 3+ placements in the 12 months to as_of.

    The DfE short-term stability measure: children looked after on the day (not on short
    breaks); temporary moves are not placements, and a return to the same carer is not a move.
    """
    return stability_on(as_of=as_of or today()).three_or_more_placements


def long_term_placement_stability(*, as_of: date | None = None) -> dict:
    """Return the DfE long-term stability measure: cohort and stable children's ids.

    Cohort: under 16, looked after continuously for 2.5 years or more. Stable: of those, in
    the same placement for 2 years or more (or placed for adoption after it).
    """
    found = stability_on(as_of=as_of or today())
    return {"cohort": found.long_term_cohort, "stable": found.long_term_stable}


def stability_counts(*, as_of: date | None = None) -> dict:
    """Return the counts a dashboard shows for placement stability."""
    found = stability_on(as_of=as_of or today())
    return {
        "looked_after": len(found.looked_after),
        "three_or_more_placements": len(found.three_or_more_placements),
        "long_term_cohort": len(found.long_term_cohort),
        "long_term_stable": len(found.long_term_stable),
    }


def current_iro(*, person) -> IROAssignment | None:
    return (
        IROAssignment.objects.select_related("iro")
        .filter(person=person, end_date__isnull=True)
        .first()
    )


def children_for_iro(*, user) -> QuerySet[Person]:
    """Return the children the user is the current IRO for."""
    return (
        Person.objects.active()
        .filter(iro_assignments__iro=user, iro_assignments__end_date__isnull=True)
        .order_by("last_name", "first_name")
    )


def review_clocks_for_iro(*, user) -> list:
    """Return the open looked-after review clocks of the IRO's children, soonest first."""
    from safeguard.compliance.models import Clock

    return list(
        Clock.objects.select_related("person")
        .filter(
            person__iro_assignments__iro=user,
            person__iro_assignments__end_date__isnull=True,
            rule_code__in=REVIEW_RULES,
            completed_on__isnull=True,
            cancelled_on__isnull=True,
        )
        .order_by("due_on")
    )


def missing_from_care(*, person) -> list[MissingEpisode]:
    """Return the child's missing-from-care episodes (the missing app's one model), oldest first.

    These are the SSDA903 Missing rows: MISSING = missing_type, MIS_START and MIS_END = the
    dates of reported_missing_at and found_returned_at.
    """
    return list(
        MissingEpisode.objects.active()
        .filter(person=person, missing_from=MissingFrom.CARE)
        .order_by("reported_missing_at")
    )


def keeping_in_touch(*, person, limit: int = 10) -> list[Visit]:
    """Return the latest contacts with a care leaver (casework visits of the care leaver kind)."""
    return list(
        Visit.objects.active()
        .filter(person=person, visit_type=VisitType.CARE_LEAVER)
        .select_related("worker")
        .order_by("-visit_date")[:limit]
    )


def looked_after_record(*, person) -> dict:
    """Return everything the child's looked-after page shows, in a few queries."""
    return {
        "episodes": care_episodes_for_person(person=person),
        "stability": placement_stability(person=person),
        "reviews": list(
            LookedAfterReview.objects.active().filter(person=person).select_related("chaired_by")
        ),
        "health": list(HealthEvent.objects.active().filter(person=person)),
        "peps": list(PersonalEducationPlan.objects.active().filter(person=person)),
        "iro": current_iro(person=person),
        "care_leaver": CareLeaver.objects.active()
        .filter(person=person)
        .select_related("personal_adviser")
        .first(),
        "pathway_plans": list(PathwayPlan.objects.active().filter(person=person)),
        "birthdays": list(CareLeaverBirthdayRecord.objects.active().filter(person=person)),
        "missing": missing_from_care(person=person),
        "keeping_in_touch": keeping_in_touch(person=person),
    }
