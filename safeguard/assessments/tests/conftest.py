"""Assessment fixtures, on top of the casework ones (an allocated social care episode)."""

import pytest

from safeguard.assessments.services import assessment_start, assessment_update
from safeguard.casework.tests.conftest import (  # noqa: F401 - fixtures shared with casework
    cin_plan,
    early_help_episode,
    episode,
    second_manager,
    senior_manager,
    weeks_ago,
)
from safeguard.reference_data.cin_codes import AssessmentFactor

COMPLETE = {
    "child_seen_on": None,
    "child_seen_alone": True,
    "childs_wishes_and_feelings": "I want my dad to stop shouting.",
    "parents_and_carers_views": "Mother wants help with routines.",
    "partner_agency_information": "School: attendance 91%, tired in class.",
    "analysis_of_needs_and_risks": "Domestic abuse is the main risk; protective mother.",
    "outcome": "child_in_need_plan",
    "outcome_reasoning": "Needs support to reduce the impact of domestic abuse.",
}


@pytest.fixture
def assessment(episode, social_worker):  # noqa: F811 - the imported fixture
    return assessment_start(episode=episode, worker=social_worker, start_date=weeks_ago(9))


def write(assessment, user, *, seen=True, factors=(AssessmentFactor.C_3A,), **changes):
    """Write a complete assessment (child seen a week after it started unless seen=False)."""
    data = {**COMPLETE, "child_seen_on": weeks_ago(8) if seen else None, **changes}
    if not seen:
        data["child_seen_alone"] = False
    return assessment_update(
        assessment_id=assessment.pk,
        expected_version=assessment.version,
        user=user,
        data=data,
        factors=list(factors),
    )


ALL_ADEQUATE = {
    code: "adequate"
    for code in [
        "child_seen",
        "childs_wishes_and_feelings",
        "parents_and_carers_views",
        "partner_agency_information",
        "analysis_of_needs_and_risks",
        "factors",
        "outcome",
    ]
}
