"""The 2025/26 rule set (DfE CIN census 2025 to 2026 validation rules, 109 rules)."""

from safeguard.returns.cin_census.rules import RuleSet

RULES = RuleSet("2025/26")
