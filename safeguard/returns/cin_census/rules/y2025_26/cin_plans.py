"""2025/26 rules on CIN plan dates, and on CIN plans against child protection plans."""

from safeguard.returns.cin_census.rules import ERROR, QUERY
from safeguard.returns.cin_census.rules.y2025_26.registry import RULES


@RULES.rule(
    "4000",
    ERROR,
    "CIN Plan details provided for a referral with no further action",
    ["ReferralNFA"],
)
def no_cin_plan_on_nfa(c):
    p = c.r.cin_plans
    for i, cin in enumerate(p.cin):
        if c.r.cin.referral_nfa[cin]:
            yield p.child[i]


@RULES.rule(
    "4001",
    ERROR,
    "A CIN Plan cannot run concurrently with a Child Protection Plan",
    ["CINPlanEndDate", "CPPendDate"],
)
def cin_plan_not_concurrent_with_cpp(c):
    # Both still open in the same episode: a CIN plan must end when a protection plan starts.
    p, cp = c.r.cin_plans, c.r.protection_plans
    for e, rows in enumerate(c.plans_of_cin):
        if any(p.end_date[i] is None for i in rows) and any(
            cp.end_date[j] is None for j in c.cpp_of_cin[e]
        ):
            yield c.r.cin.child[e]


@RULES.rule(
    "4003",
    ERROR,
    "A CPP review date is shown as being held at the same time as an open CIN Plan.",
    ["CINPlanStartDate", "CINPlanEndDate", "CPPreviewDate"],
)
def no_cp_review_during_cin_plan(c):
    p, v = c.r.cin_plans, c.r.reviews
    reviews_of_child = c.r.children_of(v)
    for child, rows in enumerate(c.plans_of_child):
        for j in reviews_of_child[child] if rows else ():
            held = v.review_date[j]
            if held and any(
                p.start_date[i]
                and p.start_date[i] < held
                and (p.end_date[i] is None or held < p.end_date[i])
                for i in rows
            ):
                yield child
                break


@RULES.rule(
    "4004",
    ERROR,
    "This child is showing more than one open CIN Plan, i.e. with no End Date",
    ["CINPlanEndDate"],
)
def one_open_cin_plan(c):
    p = c.r.cin_plans
    for child, rows in enumerate(c.plans_of_child):
        if sum(1 for i in rows if p.end_date[i] is None) > 1:
            yield child


@RULES.rule(
    "4008",
    ERROR,
    "CIN Plan shown as starting after the child’s Date of Death.",
    ["PersonDeathDate", "CINPlanStartDate"],
)
def cin_plan_starts_before_death(c):
    p = c.r.cin_plans
    for i, started in enumerate(p.start_date):
        died = c.r.children.death_date[p.child[i]]
        if died and started and started > died:
            yield p.child[i]


@RULES.rule(
    "4009Q",
    QUERY,
    "CIN Plan cannot end after the child’s Date of Death",
    ["PersonDeathDate", "CINPlanEndDate"],
)
def cin_plan_ends_by_death(c):
    p = c.r.cin_plans
    for i, ended in enumerate(p.end_date):
        died = c.r.children.death_date[p.child[i]]
        if died and ended and ended > died:
            yield p.child[i]


@RULES.rule(
    "4010",
    ERROR,
    "CIN Plan start date is missing or out of data collection period",
    ["CINPlanStartDate"],
)
def cin_plan_start_in_period(c):
    p = c.r.cin_plans
    for i, started in enumerate(p.start_date):
        if started is None or started > c.end:
            yield p.child[i]


@RULES.rule(
    "4011",
    ERROR,
    "CIN Plan End Date earlier than Start Date",
    ["CINPlanEndDate", "CINPlanStartDate"],
)
def cin_plan_ends_after_start(c):
    p = c.r.cin_plans
    for i, ended in enumerate(p.end_date):
        if ended and p.start_date[i] and ended < p.start_date[i]:
            yield p.child[i]


@RULES.rule(
    "4012Q",
    QUERY,
    "Please check and either amend or provide a reason: CIN Plan shown as starting and ending on "
    "the same day",
    ["CINPlanStartDate", "CINPlanEndDate"],
)
def cin_plan_longer_than_a_day(c):
    p = c.r.cin_plans
    for i, ended in enumerate(p.end_date):
        if ended and ended == p.start_date[i]:
            yield p.child[i]


@RULES.rule(
    "4013",
    ERROR,
    "CIN Plan end date must fall within the census year",
    ["CINPlanEndDate", "ReferenceDate"],
)
def cin_plan_end_in_year(c):
    p = c.r.cin_plans
    for i, ended in enumerate(p.end_date):
        if ended and not c.in_year(ended):
            yield p.child[i]


@RULES.rule(
    "4014",
    ERROR,
    "CIN Plan data contains overlapping dates",
    ["CINPlanStartDate", "CINPlanEndDate"],
)
def cin_plans_do_not_overlap(c):
    p = c.r.cin_plans
    for child, rows in enumerate(c.plans_of_child):
        if len(rows) < 2:
            continue
        spans = sorted((p.start_date[i], p.end_date[i]) for i in rows if p.start_date[i])
        for (_, ended), (next_start, _) in zip(spans, spans[1:], strict=False):
            # A plan starting on the day another ends overlaps it (as the DfE tool reads it).
            if ended is None or next_start <= ended:
                yield child
                break


@RULES.rule(
    "4015",
    ERROR,
    "The CIN Plan start date cannot be before the referral date",
    ["CINPlanStartDate", "CINreferralDate"],
)
def cin_plan_after_referral(c):
    p = c.r.cin_plans
    for i, started in enumerate(p.start_date):
        referred = c.r.cin.referral_date[p.cin[i]]
        if started and referred and started < referred:
            yield p.child[i]


@RULES.rule(
    "4016",
    ERROR,
    "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
    ["CINPlanStartDate", "CPPstartDate", "CPPendDate"],
)
def cin_plan_not_started_during_cpp(c):
    p, cp = c.r.cin_plans, c.r.protection_plans
    for child, rows in enumerate(c.plans_of_child):
        plans = c.cpp_of_child[child] if rows else ()
        if any(
            cp.start_date[j]
            and p.start_date[i]
            and cp.start_date[j] <= p.start_date[i]
            and (cp.end_date[j] is None or p.start_date[i] < cp.end_date[j])
            for i in rows
            for j in plans
        ):
            yield child


@RULES.rule(
    "4017",
    ERROR,
    "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
    ["CINPlanStartDate", "CINPlanEndDate", "CPPstartDate"],
)
def cpp_not_started_during_cin_plan(c):
    p, cp = c.r.cin_plans, c.r.protection_plans
    for child, rows in enumerate(c.plans_of_child):
        plans = c.cpp_of_child[child] if rows else ()
        if any(
            cp.start_date[j]
            and p.start_date[i]
            and p.start_date[i] <= cp.start_date[j]
            and (p.end_date[i] is None or cp.start_date[j] < p.end_date[i])
            for i in rows
            for j in plans
        ):
            yield child
