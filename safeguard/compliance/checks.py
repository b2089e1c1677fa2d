"""System checks: the rule catalogue must be sound before anything counts on it."""

from django.core import checks

from safeguard.compliance.rules import validate_catalogue


@checks.register("compliance")
def check_rule_catalogue(app_configs=None, **kwargs) -> list[checks.Error]:
    """Return an error for each rule with an unknown unit or event, or no source."""
    return [
        checks.Error(
            problem, hint="Fix the entry in safeguard/compliance/rules.py.", id="compliance.E001"
        )
        for problem in validate_catalogue()
    ]
