"""CIN census 2025/26 validation rules (DfE "CIN census 2025 to 2026: validation rules")."""

from safeguard.returns.cin_census.rules.y2025_26 import (  # noqa: F401  (registers the rules)
    assessments,
    cin_details,
    cin_plans,
    identifiers,
    protection_plans,
    section47,
)
from safeguard.returns.cin_census.rules.y2025_26.registry import RULES

__all__ = ["RULES"]
