"""2025/26 rules on CINdetails (the episodes)."""

from datetime import timedelta

from safeguard.returns.cin_census.rules import ERROR, QUERY
from safeguard.returns.cin_census.rules.y2025_26 import codes
from safeguard.returns.cin_census.rules.y2025_26.registry import RULES


def _activity_dates(c, e):
    """Return every activity date recorded in the CINdetails row e."""
    r = c.r
    dates = [r.cin.date_of_initial_cpc[e]]
    for a in c.assessments_of_cin[e]:
        dates += [r.assessments.start_date[a], r.assessments.authorisation_date[a]]
    for s in c.s47_of_cin[e]:
        dates += [r.section_47s.start_date[s], r.section_47s.icpc_date[s]]
    for p in c.cpp_of_cin[e]:
        dates += [r.protection_plans.end_date[p]]
    for p in c.plans_of_cin[e]:
        dates += [r.cin_plans.start_date[p], r.cin_plans.end_date[p]]
    return [d for d in dates if d is not None]


@RULES.rule(
    "2884",
    ERROR,
    "An initial child protection conference is recorded at both the S47 and CIN Details level "
    "and it should only be recorded in one",
    ["DateOfInitialCPC"],
)
def icpc_recorded_once(c):
    r = c.r
    for e, icpc in enumerate(r.cin.date_of_initial_cpc):
        if icpc and any(r.section_47s.icpc_date[s] == icpc for s in c.s47_of_cin[e]):
            yield r.cin.child[e]


@RULES.rule(
    "2990",
    ERROR,
    "Activity is recorded against a case marked as ‘Case closed after assessment, no further "
    "action’ or 'case closed after assessment, referred to early help'.",
    ["ReasonForClosure"],
)
def no_activity_after_closed_after_assessment(c):
    r = c.r
    for e, reason in enumerate(r.cin.closure_reason):
        if reason in codes.CLOSED_AFTER_ASSESSMENT and (
            c.plans_of_cin[e] or c.s47_of_cin[e] or c.cpp_of_cin[e] or r.cin.date_of_initial_cpc[e]
        ):
            yield r.cin.child[e]


@RULES.rule(
    "2991Q",
    QUERY,
    "Please check and either amend data or provide a reason: A Section 47 module is recorded and "
    "there is no assessment on the episode",
    ["CINdetailsID"],
)
def s47_has_assessment(c):
    for e in range(len(c.r.cin)):
        if c.s47_of_cin[e] and not c.assessments_of_cin[e]:
            yield c.r.cin.child[e]


@RULES.rule(
    "8555Q",
    QUERY,
    "Child cannot be referred after its recorded date of death",
    ["PersonDeathDate", "CINreferralDate"],
)
def referred_before_death(c):
    r = c.r
    for e, referred in enumerate(r.cin.referral_date):
        died = r.children.death_date[r.cin.child[e]]
        if died and referred and referred > died:
            yield r.cin.child[e]


@RULES.rule(
    "8565",
    ERROR,
    "Activity shown after a case has been closed",
    [
        "CINclosureDate",
        "DateOfInitialCPC",
        "AssessmentActualStartDate",
        "AssessmentAuthorisationDate",
        "S47ActualStartDate",
        "CPPendDate",
        "CINPlanStartDate",
        "CINPlanEndDate",
    ],
)
def no_activity_after_closure(c):
    r = c.r
    for e, closed in enumerate(r.cin.closure_date):
        if closed and any(d > closed for d in _activity_dates(c, e)):
            yield r.cin.child[e]


@RULES.rule("8568", ERROR, "RNFA flag is missing or invalid", ["ReferralNFA"])
def referral_nfa_present(c):
    for e, nfa in enumerate(c.r.cin.referral_nfa):
        if nfa is None:
            yield c.r.cin.child[e]


@RULES.rule(
    "8569Q",
    QUERY,
    "A case with referral date before one working day prior to the collection start date must "
    "not be flagged as a no further action case",
    ["ReferralNFA"],
)
def nfa_referred_in_year(c):
    earliest = c.working_days_before(c.start, 1)
    for e, nfa in enumerate(c.r.cin.referral_nfa):
        referred = c.r.cin.referral_date[e]
        if nfa and referred and referred < earliest:
            yield c.r.cin.child[e]


@RULES.rule(
    "8585Q",
    QUERY,
    "Please check and either amend or provide a reason: CIN episode shows Died as the Closure "
    "Reason, however child has no recorded Date of Death",
    ["ReasonForClosure", "PersonDeathDate"],
)
def died_has_death_date(c):
    r = c.r
    for e, reason in enumerate(r.cin.closure_reason):
        if reason == "RC2" and r.children.death_date[r.cin.child[e]] is None:
            yield r.cin.child[e]


@RULES.rule(
    "8600",
    ERROR,
    "Child referral date missing or after data collection period",
    ["CINreferralDate"],
)
def referral_date_in_period(c):
    for e, referred in enumerate(c.r.cin.referral_date):
        if referred is None or referred > c.end:
            yield c.r.cin.child[e]


@RULES.rule(
    "8606",
    ERROR,
    "Child referral date is more than 40 weeks before DOB or expected DOB",
    ["CINreferralDate", "PersonBirthDate", "ExpectedPersonBirthDate"],
)
def referral_within_40_weeks_of_birth(c):
    r = c.r
    for e, referred in enumerate(r.cin.referral_date):
        child = r.cin.child[e]
        born = r.children.birth_date[child] or r.children.expected_birth_date[child]
        if referred and born and referred < born - timedelta(weeks=40):
            yield child


@RULES.rule(
    "8610",
    ERROR,
    "Primary Need code is missing for a referral which led to further action.",
    ["ReferralNFA", "PrimaryNeedCode"],
)
def primary_need_for_further_action(c):
    for e, need in enumerate(c.r.cin.primary_need):
        if not need and c.r.cin.referral_nfa[e] is False:
            yield c.r.cin.child[e]


@RULES.rule(
    "8620",
    ERROR,
    "CIN Closure Date present and does not fall within the Census year",
    ["CINclosureDate"],
)
def closure_in_year(c):
    for e, closed in enumerate(c.r.cin.closure_date):
        if closed and not c.in_year(closed):
            yield c.r.cin.child[e]


@RULES.rule(
    "8630",
    ERROR,
    "CIN Closure Date is before CIN Referral Date for the same CIN episode",
    ["CINreferralDate", "CINclosureDate"],
)
def closure_after_referral(c):
    for e, closed in enumerate(c.r.cin.closure_date):
        referred = c.r.cin.referral_date[e]
        if closed and referred and closed < referred:
            yield c.r.cin.child[e]


@RULES.rule(
    "8640",
    ERROR,
    "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)",
    ["ReasonForClosure"],
)
def closure_reason_valid(c):
    for e, reason in enumerate(c.r.cin.closure_reason):
        if reason and reason not in codes.CLOSURE_REASON:
            yield c.r.cin.child[e]


@RULES.rule(
    "8650",
    ERROR,
    "Primary Need Code invalid (see Primary Need table in CIN census code set)",
    ["PrimaryNeedCode"],
)
def primary_need_valid(c):
    for e, need in enumerate(c.r.cin.primary_need):
        if need and need not in codes.PRIMARY_NEED:
            yield c.r.cin.child[e]


@RULES.rule(
    "8805",
    ERROR,
    "A CIN case cannot have a CIN closure date without a Reason for Closure",
    ["CINclosureDate", "ReasonForClosure"],
)
def closure_has_reason(c):
    for e, closed in enumerate(c.r.cin.closure_date):
        if closed and not c.r.cin.closure_reason[e]:
            yield c.r.cin.child[e]


@RULES.rule(
    "8810",
    ERROR,
    "A CIN case cannot have a Reason for Closure without a CIN Closure Date",
    ["ReasonForClosure", "CINclosureDate"],
)
def reason_has_closure(c):
    for e, reason in enumerate(c.r.cin.closure_reason):
        if reason and not c.r.cin.closure_date[e]:
            yield c.r.cin.child[e]


@RULES.rule(
    "8815",
    ERROR,
    "More than one open CIN Details episode (a module with no CIN Closure Date) has been provided "
    "for this child and case is not a referral with no further action.",
    ["ReferralNFA", "CINclosureDate"],
)
def one_open_episode(c):
    cin = c.r.cin
    for child, rows in enumerate(c.cin_of_child):
        open_rows = [e for e in rows if cin.closure_date[e] is None and not cin.referral_nfa[e]]
        if len(open_rows) > 1:
            yield child


@RULES.rule(
    "8816",
    ERROR,
    "An open CIN episode is shown and case is not a referral with no further action, but it is "
    "not the latest episode.",
    ["CINreferralDate", "ReferralNFA"],
)
def open_episode_is_latest(c):
    cin = c.r.cin
    for child, rows in enumerate(c.cin_of_child):
        dates = [cin.referral_date[e] for e in rows if cin.referral_date[e]]
        if not dates:
            continue
        latest = max(dates)
        for e in rows:
            if (
                cin.closure_date[e] is None
                and not cin.referral_nfa[e]
                and cin.referral_date[e]
                and cin.referral_date[e] < latest
            ):
                yield child
                break


@RULES.rule(
    "8820",
    ERROR,
    "The dates on the CIN episodes for this child overlap",
    ["CINreferralDate", "CINclosureDate"],
)
def episodes_do_not_overlap(c):
    cin = c.r.cin
    for child, rows in enumerate(c.cin_of_child):
        spans = sorted(
            (cin.referral_date[e], cin.closure_date[e]) for e in rows if cin.referral_date[e]
        )
        for (_, closed), (next_referred, _) in zip(spans, spans[1:], strict=False):
            if closed is None or next_referred < closed:
                yield child
                break


@RULES.rule(
    "8825Q",
    QUERY,
    "Please check and either amend data or provide a reason: Reason for Closure code RC8 (case "
    "closed after assessment) or RC9 (case closed after assessment, referred to early help) has "
    "been returned but there is no assessment present for the episode.",
    ["ReasonForClosure"],
)
def closed_after_assessment_has_one(c):
    for e, reason in enumerate(c.r.cin.closure_reason):
        if reason in codes.CLOSED_AFTER_ASSESSMENT and not c.assessments_of_cin[e]:
            yield c.r.cin.child[e]


@RULES.rule(
    "8831",
    ERROR,
    "Activity is recorded against a case marked as a referral with no further action",
    [
        "AssessmentActualStartDate",
        "AssessmentAuthorisationDate",
        "S47ActualStartDate",
        "DateOfInitialCPC",
    ],
)
def no_activity_on_nfa(c):
    cin = c.r.cin
    for e, nfa in enumerate(cin.referral_nfa):
        if nfa and (c.assessments_of_cin[e] or c.s47_of_cin[e] or cin.date_of_initial_cpc[e]):
            yield cin.child[e]


@RULES.rule(
    "8866",
    ERROR,
    "Source of Referral is missing or an invalid code",
    ["CINreferralDate", "ReferralSource"],
)
def referral_source_valid(c):
    for e, source in enumerate(c.r.cin.referral_source):
        if source not in codes.REFERRAL_SOURCE:
            yield c.r.cin.child[e]


@RULES.rule(
    "8867",
    ERROR,
    "CIN episode is shown as closed, however Assessment is not shown as completed",
    ["CINclosureDate", "AssessmentAuthorisationDate"],
)
def closed_episode_assessments_complete(c):
    r = c.r
    for e, closed in enumerate(r.cin.closure_date):
        if closed and any(
            r.assessments.authorisation_date[a] is None for a in c.assessments_of_cin[e]
        ):
            yield r.cin.child[e]


@RULES.rule(
    "8868",
    ERROR,
    "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by "
    "ICPC date or ICPC not required flag",
    ["ICPCnotRequired", "CINclosureDate", "DateOfInitialCPC"],
)
def closed_episode_s47_complete(c):
    s = c.r.section_47s
    for e, closed in enumerate(c.r.cin.closure_date):
        if closed and any(
            s.icpc_date[i] is None and not s.icpc_not_required[i] for i in c.s47_of_cin[e]
        ):
            yield c.r.cin.child[e]
