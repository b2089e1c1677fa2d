"""2025/26 rules on child protection plans and their reviews."""

from safeguard.returns.cin_census.rules import ERROR, QUERY
from safeguard.returns.cin_census.rules.y2025_26 import codes
from safeguard.returns.cin_census.rules.y2025_26.registry import RULES


def _icpc_dates(c, e) -> list:
    s = c.r.section_47s
    dates = [s.icpc_date[i] for i in c.s47_of_cin[e] if s.icpc_date[i]]
    if c.r.cin.date_of_initial_cpc[e]:
        dates.append(c.r.cin.date_of_initial_cpc[e])
    return dates


@RULES.rule(
    "1105",
    ERROR,
    "The child protection plan start date cannot be before the referral date",
    ["CPPstartDate", "CINreferralDate"],
)
def cpp_after_referral(c):
    cp = c.r.protection_plans
    for i, started in enumerate(cp.start_date):
        referred = c.r.cin.referral_date[cp.cin[i]]
        if started and referred and started < referred:
            yield cp.child[i]


@RULES.rule(
    "2883",
    ERROR,
    "There are more child protection plans starting than initial conferences taking place",
    ["CPPstartDate", "DateOfInitialCPC"],
)
def cpp_starts_need_icpcs(c):
    cp = c.r.protection_plans
    for e, rows in enumerate(c.cpp_of_cin):
        starting = [i for i in rows if c.in_year(cp.start_date[i])]
        if len(starting) > len(_icpc_dates(c, e)):
            yield c.r.cin.child[e]


@RULES.rule(
    "2885",
    ERROR,
    "Child protection plan shown as starting a different day to the initial child protection "
    "conference.",
    ["CPPstartDate", "DateOfInitialCPC"],
)
def cpp_starts_at_icpc(c):
    cp = c.r.protection_plans
    for e, rows in enumerate(c.cpp_of_cin):
        icpcs = set(_icpc_dates(c, e))
        for i in rows:
            if c.in_year(cp.start_date[i]) and icpcs and cp.start_date[i] not in icpcs:
                yield c.r.cin.child[e]
                break


@RULES.rule(
    "8720",
    ERROR,
    "Child Protection Plan Start Date missing or out of data collection period",
    ["CPPstartDate", "ReferenceDate"],
)
def cpp_start_in_period(c):
    cp = c.r.protection_plans
    for i, started in enumerate(cp.start_date):
        if started is None or started > c.end:
            yield cp.child[i]


@RULES.rule(
    "8730",
    ERROR,
    "Total Number of previous Child Protection Plans missing",
    ["NumberOfPreviousCPP"],
)
def previous_plans_given(c):
    cp = c.r.protection_plans
    for i, previous in enumerate(cp.previous_plans):
        if not isinstance(previous, int):
            yield cp.child[i]


@RULES.rule(
    "8832",
    ERROR,
    "Child Protection details provided for a referral with no further action.",
    ["CINdetailsID", "ReferralNFA"],
)
def no_cpp_on_nfa(c):
    cp = c.r.protection_plans
    for i, cin in enumerate(cp.cin):
        if c.r.cin.referral_nfa[cin]:
            yield cp.child[i]


@RULES.rule(
    "8840",
    ERROR,
    "Child Protection Plan cannot start and end on the same day",
    ["ChildProtectionPlans", "CPPstartDate", "CPPendDate"],
)
def cpp_longer_than_a_day(c):
    cp = c.r.protection_plans
    for i, ended in enumerate(cp.end_date):
        if ended and ended == cp.start_date[i]:
            yield cp.child[i]


@RULES.rule(
    "8841",
    ERROR,
    "The review date cannot be on the same day or before the Child protection Plan start date.",
    ["CPPstartDate", "CPPreviewDate"],
)
def review_after_cpp_start(c):
    v, cp = c.r.reviews, c.r.protection_plans
    for j, held in enumerate(v.review_date):
        started = cp.start_date[v.plan[j]]
        if held and started and held <= started:
            yield v.child[j]


@RULES.rule(
    "8842Q",
    QUERY,
    "Please check and either amend or provide a reason: Review Record has a missing date",
    ["CPPreviewDate"],
)
def review_has_date(c):
    v = c.r.reviews
    for j, held in enumerate(v.review_date):
        if held is None:
            yield v.child[j]


@RULES.rule(
    "8905",
    ERROR,
    "Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census "
    "code set)",
    ["InitialCategoryOfAbuse"],
)
def initial_category_valid(c):
    cp = c.r.protection_plans
    for i, code in enumerate(cp.initial_category):
        if code not in codes.CATEGORY_OF_ABUSE:
            yield cp.child[i]


@RULES.rule(
    "8910",
    ERROR,
    "Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census "
    "code set)",
    ["LatestCategoryOfAbuse"],
)
def latest_category_valid(c):
    cp = c.r.protection_plans
    for i, code in enumerate(cp.latest_category):
        if code not in codes.CATEGORY_OF_ABUSE:
            yield cp.child[i]


@RULES.rule(
    "8915",
    ERROR,
    "Child Protection Plan shown as starting after the child’s Date of Death",
    ["CPPstartDate", "PersonDeathDate"],
)
def cpp_starts_before_death(c):
    cp = c.r.protection_plans
    for i, started in enumerate(cp.start_date):
        died = c.r.children.death_date[cp.child[i]]
        if died and started and started > died:
            yield cp.child[i]


@RULES.rule(
    "8920",
    ERROR,
    "Child Protection Plan cannot end after the child’s Date of Death",
    ["PersonDeathDate", "CPPendDate"],
)
def cpp_ends_by_death(c):
    cp = c.r.protection_plans
    for i, ended in enumerate(cp.end_date):
        died = c.r.children.death_date[cp.child[i]]
        if died and ended and ended > died:
            yield cp.child[i]


@RULES.rule(
    "8925",
    ERROR,
    "Child Protection Plan End Date earlier than Start Date",
    ["CPPstartDate", "CPPendDate"],
)
def cpp_ends_after_start(c):
    cp = c.r.protection_plans
    for i, ended in enumerate(cp.end_date):
        if ended and cp.start_date[i] and ended < cp.start_date[i]:
            yield cp.child[i]


@RULES.rule(
    "8930",
    ERROR,
    "Child Protection Plan End Date must fall within the census year",
    ["CPPendDate", "ReferenceDate"],
)
def cpp_end_in_year(c):
    cp = c.r.protection_plans
    for i, ended in enumerate(cp.end_date):
        if ended and not c.in_year(ended):
            yield cp.child[i]


@RULES.rule(
    "8935",
    ERROR,
    "This child is showing more than one open Child Protection plan, i.e. with no End Date",
    ["CPPendDate"],
)
def one_open_cpp(c):
    cp = c.r.protection_plans
    for child, rows in enumerate(c.cpp_of_child):
        if sum(1 for i in rows if cp.end_date[i] is None) > 1:
            yield child


@RULES.rule(
    "8940",
    ERROR,
    "Child Protection Plan data contains overlapping dates",
    ["CPPstartDate", "CPPendDate"],
)
def cpps_do_not_overlap(c):
    cp = c.r.protection_plans
    for child, rows in enumerate(c.cpp_of_child):
        if len(rows) < 2:
            continue
        spans = sorted((cp.start_date[i], cp.end_date[i]) for i in rows if cp.start_date[i])
        for (_, ended), (next_start, _) in zip(spans, spans[1:], strict=False):
            if ended is None or next_start < ended:
                yield child
                break
