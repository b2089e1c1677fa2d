"""Which case types (child protection, looked after, child in need, court work) a child is.

A caseload is weighted by case type. The facts live in other apps (plans in casework, care
episodes in looked_after, proceedings wherever court work is recorded), so each app says which
of its children are which by registering a source here:

    @case_type_source
    def looked_after_children(as_of: date) -> dict[str, QuerySet]:
        ...

A source returns the rows it reads (each with a person_id) for as_of, and for each CaseType it
knows about the condition a row meets to make its child that type. One definition serves both
readings: a worker's caseload page asks which of its children are which (`case_types_for`,
one query for every source), and the authority-wide counts ask the database directly
(`case_type_conditions`). A child no source claims is a child in need: every open social care
episode is a child in need case in the DfE census sense.
"""

from collections.abc import Callable
from datetime import date

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value

from safeguard.workforce.choices import CaseType

CaseTypeSource = Callable[[date], tuple[QuerySet, dict[str, Q]]]

SOURCES: list[CaseTypeSource] = []


def case_type_source(func: CaseTypeSource) -> CaseTypeSource:
    """Register func(as_of) -> (rows with a person_id, {CaseType: condition}) as a source."""
    SOURCES.append(func)
    return func


def case_types_for(person_ids: list[int], as_of: date) -> dict[int, set[str]]:
    """Return every child's case types on as_of; a child no source claims is child in need."""
    found: dict[int, set[str]] = {pid: set() for pid in person_ids}
    if not person_ids:
        return found
    claims = [source(as_of) for source in SOURCES]
    kinds = sorted({kind for _, conditions in claims for kind in conditions})
    parts = []
    for rows, conditions in claims:
        # Every source's rows in one shape (a column per case type), so one query reads all.
        flags = {
            f"claims_{kind}": ExpressionWrapper(conditions[kind], output_field=BooleanField())
            if kind in conditions
            else Value(False, output_field=BooleanField())
            for kind in kinds
        }
        parts.append(
            rows.filter(person_id__in=person_ids)
            .annotate(**flags)
            .order_by()
            .values_list("person_id", *flags)
        )
    if parts:
        for pid, *claimed in parts[0].union(*parts[1:], all=True):
            found[pid].update(kind for kind, claim in zip(kinds, claimed, strict=True) if claim)
    for kinds_found in found.values():
        if not kinds_found:
            kinds_found.add(CaseType.CHILD_IN_NEED)
    return found


def case_type_conditions(as_of: date, *, person: str) -> dict[str, Q]:
    """Return {CaseType: condition} on the child at the path `person`, for one query.

    A condition holds where a source claims the child for that type on as_of. A child for
    whom none holds is a child in need (see `case_types_for`).
    """
    found: dict[str, Q] = {}
    for source in SOURCES:
        rows, conditions = source(as_of)
        for kind, condition in conditions.items():
            claimed = Q(Exists(rows.filter(condition).filter(person_id=OuterRef(person))))
            found[kind] = found[kind] | claimed if kind in found else claimed
    return found


_PLAN_KIND_TO_CASE_TYPE = {
    "child_protection": CaseType.CHILD_PROTECTION,
    "child_in_need": CaseType.CHILD_IN_NEED,
}


@case_type_source
def plans_in_force(as_of: date) -> tuple[QuerySet, dict[str, Q]]:
    """Return child protection and child in need plans in force on as_of (casework.Plan)."""
    from safeguard.casework.models import Plan

    rows = (
        Plan.objects.active()
        .filter(kind__in=list(_PLAN_KIND_TO_CASE_TYPE), start_date__lte=as_of)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=as_of))
    )
    return rows, {case_type: Q(kind=kind) for kind, case_type in _PLAN_KIND_TO_CASE_TYPE.items()}


# An interim care order (SSDA903 legal status C1) means care proceedings are under way: the
# case is court work. Pre-proceedings (PLO) work is not recorded anywhere yet; an app that
# records it can register its own source.
_COURT_WORK_LEGAL_STATUSES = {"C1"}


@case_type_source
def looked_after_on(as_of: date) -> tuple[QuerySet, dict[str, Q]]:
    """Return children looked after on as_of (looked_after.CareEpisode), and court work."""
    from safeguard.looked_after.models import CareEpisode

    rows = (
        CareEpisode.objects.active()
        .filter(start_date__lte=as_of)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=as_of))
    )
    return rows, {
        CaseType.LOOKED_AFTER: Q(pk__isnull=False),
        CaseType.COURT_WORK: Q(legal_status__in=sorted(_COURT_WORK_LEGAL_STATUSES)),
    }
