"""The child record's section on education: missing education and EHC needs assessments."""

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.education.selectors import cme_entries_for_person, ehc_assessments_for_person
from safeguard.people.panels import record_panel


@record_panel(order=70, title="Education", template="education/panel.html")
def education_panel(*, person, user) -> dict | None:
    return {
        "entries": list(cme_entries_for_person(person_id=person.pk)),
        "ehc": list(ehc_assessments_for_person(person_id=person.pk)),
        "can_edit": user_has_permission(user, Permission.EDIT_CASE_RECORDS),
    }
