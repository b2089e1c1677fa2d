"""Clock rules for the children missing education register that the catalogue lacked.

Registered through the catalogue's hook (compliance.rules.register_rule), each with its source.
The guidance leaves the escalation points to the authority; 10 and 20 school days mirror the
school's duties (notify at 10 days' absence; delete only after 20 days and enquiries).
"""

from safeguard.compliance.choices import Unit
from safeguard.compliance.rules import CME, RULES, Rule, Source, register_event, register_rule

register_event("cme_enquiry", "enquiry made to find a child missing education")
register_event("cme_escalated_10", "child missing education escalated at 10 school days")
register_event("cme_escalated_20", "child missing education escalated at 20 school days")

_RULES = (
    Rule(
        code="CME_ENQUIRY_INTERVAL",
        name="Further enquiries on a child missing education",
        start_event="cme_first_checks",
        satisfied_by=("cme_enquiry",),
        period=10,
        unit=Unit.SCHOOL_DAYS,
        source=Source(CME, "'Local authority duties': reasonable enquiries until found"),
        statutory=False,
        local_override_allowed=True,
        notes="Each enquiry starts the next cycle while the entry is open.",
        area="Education",
    ),
    Rule(
        code="CME_ESCALATION_10",
        name="Escalation of a child missing education open at 10 school days",
        start_event="cme_notification",
        satisfied_by=("cme_escalated_10",),
        period=10,
        unit=Unit.SCHOOL_DAYS,
        source=Source(CME, "'Local authority duties' and local procedures"),
        statutory=False,
        local_override_allowed=True,
        area="Education",
    ),
    Rule(
        code="CME_ESCALATION_20",
        name="Escalation of a child missing education open at 20 school days",
        start_event="cme_notification",
        satisfied_by=("cme_escalated_20",),
        period=20,
        unit=Unit.SCHOOL_DAYS,
        source=Source(CME, "'Local authority duties' and local procedures"),
        statutory=False,
        local_override_allowed=True,
        area="Education",
    ),
)

for _rule in _RULES:
    if _rule.code not in RULES:
        register_rule(_rule)
