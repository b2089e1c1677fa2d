"""2025/26 rules on section 47 enquiries and initial child protection conferences."""

from safeguard.returns.cin_census.rules import ERROR, QUERY
from safeguard.returns.cin_census.rules.y2025_26.registry import RULES


def _open(s, i) -> bool:
    return s.icpc_date[i] is None and not s.icpc_not_required[i]


@RULES.rule(
    "1104",
    ERROR,
    "The date of the initial child protection conference cannot be before the referral date",
    ["CINreferralDate", "DateOfInitialCPC"],
)
def icpc_after_referral(c):
    r = c.r
    s = r.section_47s
    for i, icpc in enumerate(s.icpc_date):
        referred = r.cin.referral_date[s.cin[i]]
        if icpc and referred and icpc < referred:
            yield s.child[i]
    for e, icpc in enumerate(r.cin.date_of_initial_cpc):
        if icpc and r.cin.referral_date[e] and icpc < r.cin.referral_date[e]:
            yield r.cin.child[e]


@RULES.rule(
    "2889",
    ERROR,
    "The S47 start date cannot be before the referral date.",
    ["S47ActualStartDate", "CINreferralDate"],
)
def s47_after_referral(c):
    s = c.r.section_47s
    for i, started in enumerate(s.start_date):
        referred = c.r.cin.referral_date[s.cin[i]]
        if started and referred and started < referred:
            yield s.child[i]


@RULES.rule(
    "8615",
    ERROR,
    "Section 47 Enquiry Start Date must be present and cannot be later than the date of the "
    "initial Child Protection Conference",
    ["S47ActualStartDate", "DateOfInitialCPC"],
)
def s47_starts_before_icpc(c):
    s = c.r.section_47s
    for i, started in enumerate(s.start_date):
        icpc = s.icpc_date[i]
        if started is None or (icpc and started > icpc):
            yield s.child[i]


@RULES.rule(
    "8675Q",
    QUERY,
    "Please check and either amend data or provide a reason: S47 Enquiry started more than 15 "
    "working days before the end of the census year. However, there is no date of Initial Child "
    "Protection Conference.",
    ["DateOfInitialCPC", "S47ActualStartDate", "ICPCnotRequired"],
)
def open_s47_not_overdue(c):
    s = c.r.section_47s
    cutoff = c.working_days_before(c.end, 15)
    for i, started in enumerate(s.start_date):
        if started and _open(s, i) and started < cutoff:
            yield s.child[i]


@RULES.rule(
    "8715",
    ERROR,
    "Date of Initial Child Protection Conference must fall within the census year",
    ["DateOfInitialCPC", "ReferenceDate"],
)
def icpc_in_year(c):
    s = c.r.section_47s
    for i, icpc in enumerate(s.icpc_date):
        if icpc and not c.in_year(icpc):
            yield s.child[i]
    for e, icpc in enumerate(c.r.cin.date_of_initial_cpc):
        if icpc and not c.in_year(icpc):
            yield c.r.cin.child[e]


@RULES.rule(
    "8740",
    ERROR,
    "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end "
    "of the census year, the start date must fall within the census year",
    ["S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired"],
)
def open_s47_started_in_year(c):
    s = c.r.section_47s
    for i, started in enumerate(s.start_date):
        if _open(s, i) and not c.in_year(started):
            yield s.child[i]


@RULES.rule(
    "8839",
    ERROR,
    "Within one CINDetails group there are 2 or more open S47 Assessments",
    ["DateOfInitialCPC"],
)
def one_open_s47_per_episode(c):
    s = c.r.section_47s
    for e, rows in enumerate(c.s47_of_cin):
        if sum(1 for i in rows if _open(s, i)) > 1:
            yield c.r.cin.child[e]


@RULES.rule(
    "8870Q",
    QUERY,
    "Please check and either amend or provide a reason: The Target Date for Initial Child "
    "Protection Conference should not be a weekend",
    ["InitialCPCtarget"],
)
def icpc_target_weekday(c):
    s = c.r.section_47s
    for i, target in enumerate(s.icpc_target):
        if target and target.weekday() >= 5:
            yield s.child[i]


@RULES.rule(
    "8875",
    ERROR,
    "The Date of Initial Child Protection Conference cannot be a weekend",
    ["DateOfInitialCPC"],
)
def icpc_weekday(c):
    s = c.r.section_47s
    for i, icpc in enumerate(s.icpc_date):
        if icpc and icpc.weekday() >= 5:
            yield s.child[i]
    for e, icpc in enumerate(c.r.cin.date_of_initial_cpc):
        if icpc and icpc.weekday() >= 5:
            yield c.r.cin.child[e]


@RULES.rule(
    "8890",
    ERROR,
    "A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing",
    ["S47ActualStartDate"],
)
def s47s_do_not_overlap(c):
    s = c.r.section_47s
    for child, rows in enumerate(c.s47_of_child):
        if len(rows) < 2:
            continue
        spans = sorted(
            (s.start_date[i], s.icpc_date[i], _open(s, i)) for i in rows if s.start_date[i]
        )
        for (_, icpc, is_open), (next_start, _, _) in zip(spans, spans[1:], strict=False):
            if is_open or (icpc and next_start < icpc):
                yield child
                break
