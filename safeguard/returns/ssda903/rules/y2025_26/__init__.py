# ruff: noqa: E501 - DfE rule messages are kept whole.
"""SSDA903 rules for 2025/26; importing this package registers them all."""

from safeguard.returns.ssda903.rules.y2025_26 import (  # noqa: F401 - registration
    adoption,
    adoption_checks,
    adoption_dates,
    care_leavers,
    child_details,
    continuous_care,
    current_year,
    episode_checks,
    episode_patterns,
    episodes,
    header,
    health_and_convictions,
    integrity,
    later,
    missing,
    placement_area_and_last_year,
    postcodes,
    previous_year,
    previous_year_episodes,
    previous_year_missing_and_adoption,
    providers,
    reviews,
    social_worker_stage2,
    social_workers,
    uasc_status,
)
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

__all__ = ["RULES"]
