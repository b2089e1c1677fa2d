"""The assessments section of the child record."""

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.assessments.choices import AssessmentStatus
from safeguard.assessments.selectors import assessments_for_person
from safeguard.casework.models import Episode
from safeguard.people.choices import PersonKind
from safeguard.people.panels import record_panel


@record_panel(order=25, title="Assessments", template="assessments/panel.html")
def assessments_panel(*, person, user) -> dict | None:
    """Return the child's assessments and the open episodes an assessment could start on."""
    if person.kind != PersonKind.CHILD:
        return None
    assessments = list(assessments_for_person(person=person))
    busy = {a.episode_id for a in assessments if a.status != AssessmentStatus.AUTHORISED}
    can_start = []
    if user_has_permission(user, Permission.EDIT_CASE_RECORDS):
        can_start = [
            e
            for e in Episode.objects.active().filter(person=person, closure_date__isnull=True)
            if e.pk not in busy
        ]
    return {"assessments": assessments, "can_start": can_start}
