"""Workforce timescales the clock catalogue does not hold yet, registered at start-up.

SUPERVISION, SUPERVISION_NQSW and APPRAISAL are in compliance/rules.py. Management oversight
of a child's case is added here through the catalogue's own registration hook, unless the
catalogue already has it.
"""

from safeguard.compliance.choices import Unit
from safeguard.compliance.rules import RULES, Rule, Source, register_event, register_rule


def register_workforce_rules() -> None:
    """Add MANAGEMENT_OVERSIGHT (and its event) to the catalogue if it is not there."""
    register_event("management_oversight", "management oversight recorded on the child's case")
    if "MANAGEMENT_OVERSIGHT" in RULES:
        return
    register_rule(
        Rule(
            code="MANAGEMENT_OVERSIGHT",
            name="Management oversight of a child's case",
            start_event="referral",
            satisfied_by=("management_oversight",),
            period=3,
            unit=Unit.MONTHS,
            source=Source(
                "Local procedures",
                "practice standards: recorded management oversight at least every 3 months "
                "and at every key decision (Ofsted ILACS looks for it on every case)",
            ),
            statutory=False,
            local_override_allowed=True,
            notes="Each oversight (or supervision discussion of the case) starts the next cycle.",
            area="Workforce",
        )
    )
