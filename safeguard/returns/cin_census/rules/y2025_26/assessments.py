"""2025/26 rules on assessments and the factors identified at assessment."""

from collections import Counter

from safeguard.returns.cin_census.rules import ERROR, QUERY
from safeguard.returns.cin_census.rules.y2025_26 import codes
from safeguard.returns.cin_census.rules.y2025_26.registry import RULES


def _factor_codes(c, a):
    return [c.r.factors.code[f] for f in c.factors_of_assessment[a]]


@RULES.rule(
    "1103",
    ERROR,
    "The assessment start date cannot be before the referral date",
    ["AssessmentActualStartDate", "CINreferralDate"],
)
def assessment_after_referral(c):
    a = c.r.assessments
    for i, started in enumerate(a.start_date):
        referred = c.r.cin.referral_date[a.cin[i]]
        if started and referred and started < referred:
            yield a.child[i]


@RULES.rule(
    "8608",
    ERROR,
    "Assessment Start Date cannot be later than its End Date",
    ["AssessmentActualStartDate", "AssessmentAuthorisationDate"],
)
def assessment_starts_before_end(c):
    a = c.r.assessments
    for i, started in enumerate(a.start_date):
        ended = a.authorisation_date[i]
        if started and ended and started > ended:
            yield a.child[i]


@RULES.rule(
    "8614",
    ERROR,
    "Parental or child factors at assessment should only be present for a completed assessment.",
    ["AssessmentAuthorisationDate", "AssessmentFactors"],
)
def factors_only_when_complete(c):
    a = c.r.assessments
    for i, ended in enumerate(a.authorisation_date):
        if ended is None and c.factors_of_assessment[i]:
            yield a.child[i]


@RULES.rule(
    "8670Q",
    QUERY,
    "Please check and either amend data or provide a reason: Assessment started more than 45 "
    "working days before the end of the census year. However, there is no Assessment end date.",
    ["AssessmentActualStartDate"],
)
def open_assessment_not_overdue(c):
    a = c.r.assessments
    cutoff = c.working_days_before(c.end, 45)
    for i, started in enumerate(a.start_date):
        if started and a.authorisation_date[i] is None and started < cutoff:
            yield a.child[i]


@RULES.rule(
    "8696",
    ERROR,
    "Assessment end date must fall within the census year",
    ["AssessmentAuthorisationDate", "ReferenceDate"],
)
def assessment_end_in_year(c):
    a = c.r.assessments
    for i, ended in enumerate(a.authorisation_date):
        if ended and not c.in_year(ended):
            yield a.child[i]


@RULES.rule(
    "8736",
    ERROR,
    "For an Assessment that has not been completed, the start date must fall within the census "
    "year",
    ["AssessmentAuthorisationDate", "AssessmentActualStartDate"],
)
def open_assessment_started_in_year(c):
    a = c.r.assessments
    for i, started in enumerate(a.start_date):
        if a.authorisation_date[i] is None and not c.in_year(started):
            yield a.child[i]


@RULES.rule(
    "8863Q",
    QUERY,
    "An Assessment is shown as starting when there is another Assessment ongoing.",
    ["AssessmentActualStartDate", "AssessmentAuthorisationDate"],
)
def assessments_do_not_overlap(c):
    a = c.r.assessments
    for child, rows in enumerate(c.assessments_of_child):
        if len(rows) < 2:
            continue
        spans = sorted((a.start_date[i], a.authorisation_date[i]) for i in rows if a.start_date[i])
        for (_, ended), (next_start, _) in zip(spans, spans[1:], strict=False):
            if ended is None or next_start < ended:
                yield child
                break


@RULES.rule(
    "8869",
    ERROR,
    "The assessment factors code “21” cannot be used in conjunction with any other assessment "
    "factors.",
    ["AssessmentFactors"],
)
def factor_21_alone(c):
    a = c.r.assessments
    for i in range(len(a)):
        found = set(_factor_codes(c, i))
        if "21" in found and len(found) > 1:
            yield a.child[i]


@RULES.rule(
    "8873Q",
    QUERY,
    "Please check and either amend data or provide a reason: When there is only one assessment on "
    "the episode and the factors code “21 No factors identified” has been used for the completed "
    "assessment, the reason for closure ‘RC8’ or 'RC9' should be used.",
    ["ReasonForClosure", "AssessmentFactors"],
)
def no_factors_closes_after_assessment(c):
    cin = c.r.cin
    for e, rows in enumerate(c.assessments_of_cin):
        # An episode still open is queried too: its closure should be RC8 or RC9.
        if (
            len(rows) == 1
            and cin.closure_reason[e] not in codes.CLOSED_AFTER_ASSESSMENT
            and "21" in _factor_codes(c, rows[0])
        ):
            yield cin.child[e]


@RULES.rule(
    "8896",
    ERROR,
    "Within one CINDetails group there are 2 or more open Assessments groups",
    ["AssessmentAuthorisationDate"],
)
def one_open_assessment_per_episode(c):
    a = c.r.assessments
    for e, rows in enumerate(c.assessments_of_cin):
        if sum(1 for i in rows if a.authorisation_date[i] is None) > 1:
            yield c.r.cin.child[e]


@RULES.rule(
    "8897Q",
    QUERY,
    "Parental or child factors at assessment information is missing from a completed assessment",
    ["AssessmentAuthorisationDate", "AssessmentFactors"],
)
def complete_assessment_has_factors(c):
    a = c.r.assessments
    for i, ended in enumerate(a.authorisation_date):
        if ended and not c.factors_of_assessment[i]:
            yield a.child[i]


@RULES.rule(
    "8898",
    ERROR,
    " The assessment has more than one parental or child factors with the same code",
    ["AssessmentFactors"],
)
def factors_distinct(c):
    a = c.r.assessments
    for i in range(len(a)):
        found = Counter(_factor_codes(c, i))
        if found and max(found.values()) > 1:
            yield a.child[i]


@RULES.rule(
    "8945Q",
    QUERY,
    "Please check and either amend data or provide a reason: the assessment factors code '18A' "
    "should not be used ('18B' or '18C' should be used instead)",
    ["AssessmentFactors"],
)
def factor_18a_not_used(c):
    for f, code in enumerate(c.r.factors.code):
        if code == "18A":
            yield c.r.factors.child[f]


@RULES.rule(
    "8950Q",
    QUERY,
    "Please check and either amend data or provide a reason: the assessment factors code '19A' "
    "should not be used ('19B' or '19C' should be used instead)",
    ["AssessmentFactors"],
)
def factor_19a_not_used(c):
    for f, code in enumerate(c.r.factors.code):
        if code == "19A":
            yield c.r.factors.child[f]
