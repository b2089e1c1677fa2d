"""CIN census 2026/27 rules: the 2025/26 rules by reference (no DfE change published yet).

When the DfE publishes the 2026/27 rules, register new or changed rules here with
RULES.rule(...) and withdraw old ones with RULES.drop(code); 2025/26 stays as it is.
"""

from safeguard.returns.cin_census.rules import RuleSet
from safeguard.returns.cin_census.rules.y2025_26 import RULES as RULES_2025_26

RULES = RuleSet("2026/27", inherits=RULES_2025_26)
