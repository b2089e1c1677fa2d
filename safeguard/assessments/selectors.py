"""Reads of assessments."""

from django.db.models import Prefetch, QuerySet

from safeguard.assessments.choices import ChecklistApplies
from safeguard.assessments.models import (
    Assessment,
    AssessmentChecklistItem,
    AssessmentManagerDecision,
)


def checklist_items(*, kind: str) -> list[AssessmentChecklistItem]:
    """Return the active checklist items for a kind of assessment, in order."""
    applies = [ChecklistApplies.ALL, kind]
    return list(AssessmentChecklistItem.objects.filter(is_active=True, applies_to__in=applies))


def _present(assessment: Assessment, field_name: str, factor_codes: list[str]) -> bool:
    if field_name == "factors":
        return bool(factor_codes)
    if not field_name:
        return True
    value = getattr(assessment, field_name, None)
    return bool(value.strip()) if isinstance(value, str) else value is not None


def assessment_checklist(*, assessment: Assessment) -> list[dict]:
    """Return each checklist item with whether the assessment has that part written.

    The "child seen" item is always there and always required, even if the configured
    checklist has lost it: a child must be seen.
    """
    codes = [f.code for f in assessment.factors.all()]
    items = checklist_items(kind=assessment.kind)
    if not any(item.code == "child_seen" for item in items):
        items.insert(
            0,
            AssessmentChecklistItem(
                code="child_seen", label="The child was seen", field_name="child_seen_on"
            ),
        )
    rows = []
    for item in items:
        if item.code == "child_seen":
            item.is_required = True
        rows.append({"item": item, "present": _present(assessment, item.field_name, codes)})
    return rows


def assessments_for_person(*, person) -> QuerySet[Assessment]:
    """Return a child's assessments, newest first, with what their lists show."""
    return (
        Assessment.objects.active()
        .filter(person=person)
        .select_related("worker", "authorised_by", "episode")
        .prefetch_related("factors")
        .order_by("-start_date", "-pk")
    )


def assessment_detail(*, assessment_id) -> Assessment:
    """Return one assessment with its factors and the history of manager decisions."""
    decisions = AssessmentManagerDecision.objects.select_related("manager")
    return (
        Assessment.objects.select_related("person", "worker", "authorised_by", "episode")
        .prefetch_related("factors", Prefetch("manager_decisions", queryset=decisions))
        .get(pk=assessment_id)
    )


def assessments_awaiting_authorisation(*, team=None) -> QuerySet[Assessment]:
    """Return submitted assessments, oldest first, optionally for one team's episodes."""
    qs = Assessment.objects.active().filter(status="submitted").select_related("person", "worker")
    if team is not None:
        qs = qs.filter(episode__team=team)
    return qs.order_by("submitted_at")


def previous_assessments(*, assessment: Assessment) -> list[Assessment]:
    """Return the child's earlier authorised assessments, to draw on rather than retype."""
    return list(
        Assessment.objects.active()
        .filter(person_id=assessment.person_id, status="authorised")
        .exclude(pk=assessment.pk)
        .select_related("worker")
        .order_by("-authorised_on")[:5]
    )
