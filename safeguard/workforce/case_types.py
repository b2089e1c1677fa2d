"""Which case types (child protection, looked after, child in need, court work) a child is.

A caseload is weighted by case type. The facts live in other apps (plans in casework, care
episodes in looked_after, proceedings wherever court work is recorded), so each app says which
of its children are which by registering a source here:

    @case_type_source
    def looked_after_children(person_ids: list[int], as_of: date) -> dict[int, set[str]]:
        ...

A source reads in bulk (a query or two for all the children) and returns, for the children it
knows about, the CaseType values that apply on as_of. A child no source claims is a child in
need: every open social care episode is a child in need case in the DfE census sense.
"""

from collections.abc import Callable
from datetime import date

from django.db.models import Q

from safeguard.workforce.choices import CaseType

CaseTypeSource = Callable[[list[int], date], dict[int, set[str]]]

SOURCES: list[CaseTypeSource] = []


def case_type_source(func: CaseTypeSource) -> CaseTypeSource:
    """Register func(person_ids, as_of) -> {person_id: {CaseType, ...}} as a source."""
    SOURCES.append(func)
    return func


def case_types_for(person_ids: list[int], as_of: date) -> dict[int, set[str]]:
    """Return every child's case types on as_of; a child no source claims is child in need."""
    found: dict[int, set[str]] = {pid: set() for pid in person_ids}
    if not person_ids:
        return found
    for source in SOURCES:
        for pid, kinds in source(person_ids, as_of).items():
            if pid in found:
                found[pid] |= set(kinds)
    for kinds in found.values():
        if not kinds:
            kinds.add(CaseType.CHILD_IN_NEED)
    return found


_PLAN_KIND_TO_CASE_TYPE = {
    "child_protection": CaseType.CHILD_PROTECTION,
    "child_in_need": CaseType.CHILD_IN_NEED,
}


@case_type_source
def plans_in_force(person_ids: list[int], as_of: date) -> dict[int, set[str]]:
    """Return child protection and child in need plans in force on as_of (casework.Plan)."""
    from safeguard.casework.models import Plan

    rows = (
        Plan.objects.active()
        .filter(person_id__in=person_ids, kind__in=list(_PLAN_KIND_TO_CASE_TYPE))
        .filter(start_date__lte=as_of)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=as_of))
        .values_list("person_id", "kind")
    )
    found: dict[int, set[str]] = {}
    for pid, kind in rows:
        found.setdefault(pid, set()).add(_PLAN_KIND_TO_CASE_TYPE[kind])
    return found


# An interim care order (SSDA903 legal status C1) means care proceedings are under way: the
# case is court work. Pre-proceedings (PLO) work is not recorded anywhere yet; an app that
# records it can register its own source.
_COURT_WORK_LEGAL_STATUSES = {"C1"}


@case_type_source
def looked_after_on(person_ids: list[int], as_of: date) -> dict[int, set[str]]:
    """Return children looked after on as_of (looked_after.CareEpisode), and court work."""
    from safeguard.looked_after.models import CareEpisode

    rows = (
        CareEpisode.objects.active()
        .filter(person_id__in=person_ids, start_date__lte=as_of)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=as_of))
        .values_list("person_id", "legal_status")
    )
    found: dict[int, set[str]] = {}
    for pid, legal_status in rows:
        kinds = found.setdefault(pid, {CaseType.LOOKED_AFTER})
        if legal_status in _COURT_WORK_LEGAL_STATUSES:
            kinds.add(CaseType.COURT_WORK)
    return found
