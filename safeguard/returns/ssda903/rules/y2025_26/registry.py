# ruff: noqa: E501 - DfE rule messages are kept whole.
"""The 2025/26 rule set (DfE SSDA903 2025 to 2026 validation rules; 316 published)."""

from safeguard.returns.ssda903.rules import RuleSet

RULES = RuleSet("2025/26")
