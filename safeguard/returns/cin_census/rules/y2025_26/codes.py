"""Code lists of the 2025/26 CIN census (the project's DfE code lists, as that year's values)."""

from safeguard.reference_data.cin_codes import (
    AssessmentFactor,
    CategoryOfAbuse,
    ClosureReason,
    Disability,
    Ethnicity,
    PrimaryNeed,
    ReferralSource,
)

SEX = frozenset({"M", "F", "U"})
ETHNICITY = frozenset(Ethnicity.values)
DISABILITY = frozenset(Disability.values)
REFERRAL_SOURCE = frozenset(ReferralSource.values)
PRIMARY_NEED = frozenset(PrimaryNeed.values)
CLOSURE_REASON = frozenset(ClosureReason.values)
ASSESSMENT_FACTOR = frozenset(AssessmentFactor.values)
CATEGORY_OF_ABUSE = frozenset(CategoryOfAbuse.values)
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
# The closure reasons meaning "closed after assessment" (no further action / to early help).
CLOSED_AFTER_ASSESSMENT = frozenset({"RC8", "RC9"})
