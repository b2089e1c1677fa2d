"""The proportions the synthetic authority is drawn from, each with where it comes from.

Figures are rounded; they need to look like an English city, not to reproduce one.
"""

from safeguard.accounts.choices import ServiceArea
from safeguard.people.choices import RestrictionReason
from safeguard.reference_data.cin_codes import Disability, Ethnicity

# Ethnicity of children, per cent: close to the DfE school census for England (White British
# about two thirds of pupils, then Any other White, Pakistani, African, Indian ...).
ETHNICITY_WEIGHTS: dict[str, float] = {
    Ethnicity.WBRI: 64.0,
    Ethnicity.WIRI: 0.3,
    Ethnicity.WIRT: 0.2,
    Ethnicity.WOTH: 6.0,
    Ethnicity.WROM: 0.6,
    Ethnicity.MWBC: 1.5,
    Ethnicity.MWBA: 0.8,
    Ethnicity.MWAS: 1.8,
    Ethnicity.MOTH: 2.2,
    Ethnicity.AIND: 3.3,
    Ethnicity.APKN: 4.2,
    Ethnicity.ABAN: 1.8,
    Ethnicity.AOTH: 2.0,
    Ethnicity.BCRB: 0.9,
    Ethnicity.BAFR: 3.8,
    Ethnicity.BOTH: 0.7,
    Ethnicity.CHNE: 0.5,
    Ethnicity.OOTH: 2.0,
    Ethnicity.REFU: 0.5,
    Ethnicity.NOBT: 2.9,
}

# Sex as the CIN census codes it; "U" mostly for unborn children.
SEX_WEIGHTS = {"M": 51.0, "F": 48.8, "U": 0.2}

# Children with at least one recorded disability, and which (DfE codes). About one child in
# eight of those known to children's social care has a disability recorded (CIN census).
DISABILITY_SHARE = 0.12
DISABILITY_WEIGHTS: dict[str, float] = {
    Disability.LD: 22.0,
    Disability.AUT: 20.0,
    Disability.COMM: 16.0,
    Disability.BEH: 14.0,
    Disability.MOB: 6.0,
    Disability.PC: 5.0,
    Disability.HAND: 2.0,
    Disability.INC: 3.0,
    Disability.HEAR: 3.0,
    Disability.VIS: 3.0,
    Disability.CON: 2.0,
    Disability.DDA: 4.0,
}

# Children per household (families with dependent children, ONS families and households).
HOUSEHOLD_CHILDREN_WEIGHTS = {1: 42.0, 2: 37.0, 3: 14.0, 4: 5.0, 5: 2.0}
# Lone-parent families are about a quarter of families with dependent children (ONS).
LONE_PARENT_SHARE = 0.25
LONE_PARENT_FEMALE_SHARE = 0.86
# In a two-adult household, the second adult is sometimes a step-parent or another adult.
STEP_PARENT_SHARE = 0.10
OTHER_ADULT_SHARE = 0.04
# Households where a person posing a risk to the children is recorded.
PERSON_POSING_RISK_SHARE = 0.01
# Siblings with another surname (half-siblings) within a household.
HALF_SIBLING_SHARE = 0.12
# Households that moved in the period and so have a previous address.
PREVIOUS_ADDRESS_SHARE = 0.30

UNBORN_SHARE = 0.004
NHS_NUMBER_SHARE_ADULTS = 0.92
# Children of school age with a UPN recorded.
UPN_SHARE = 0.96
ALIAS_SHARE_CHILDREN = 0.02
ALIAS_SHARE_ADULTS = 0.04

RESTRICTED_SHARE = 0.003
RESTRICTION_REASON_WEIGHTS = {
    RestrictionReason.ADOPTION: 45.0,
    RestrictionReason.PROTECTED_ADDRESS: 40.0,
    RestrictionReason.STAFF_OR_RELATIVE: 10.0,
    RestrictionReason.HIGH_PROFILE: 5.0,
}

# Staffing. Birmingham-sized (300,000 children): ~8,500 open children (DOMAIN.md, "Scale").
OPEN_CASES_PER_CHILD = 8_500 / 300_000
CASELOAD = 16  # children per case-holding social worker (DfE workforce census)
WORKERS_PER_TEAM = 6
# Share of case-holding social workers by service area.
SOCIAL_WORKER_AREAS: dict[str, float] = {
    ServiceArea.ASSESSMENT: 0.25,
    ServiceArea.CHILDREN_IN_NEED: 0.32,
    ServiceArea.CHILDREN_IN_CARE: 0.22,
    ServiceArea.CARE_LEAVERS: 0.12,
    ServiceArea.DISABLED_CHILDREN: 0.09,
}
# Teams in these areas are sometimes Reclaiming Social Work units.
UNIT_AREAS = frozenset({ServiceArea.CHILDREN_IN_NEED, ServiceArea.CHILDREN_IN_CARE})
UNIT_EVERY = 3
EARLY_HELP_PER_SOCIAL_WORKER = 0.35
MASH_SCREENERS_PER_SOCIAL_WORKER = 0.07
# ~50 children on plans per 8,500 open; a chair holds about 60 plans.
CONFERENCE_CHAIRS_PER_CHILD = 1 / 17_000
PERFORMANCE_ANALYSTS_PER_SOCIAL_WORKER = 1 / 150
PARTNERS_PER_CHILD = 1 / 10_000
