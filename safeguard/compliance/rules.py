"""The catalogue of statutory and local timescales, as data.

Each Rule says what starts a clock, what satisfies it, how long it runs and on what
calendar, where the duty comes from, whether the authority may set its own value, and what
happens when it breaks. Adding a rule is one entry in _CATALOGUE (and, if it needs a new event,
one entry in EVENTS); then run `python manage.py clocks docs` to regenerate
docs/statutory-timescales.md. The catalogue is checked at start-up (checks.py): an unknown unit
or event is an error, not a silent default.

Values marked statutory come from law or statutory guidance; the others are local settings
with the default most authorities use (see docs/adr/0001-clocks.md).
"""

from dataclasses import dataclass, field

from safeguard.compliance.choices import Unit

# Events that start or satisfy clocks, in the words of the guidance.
EVENTS: dict[str, str] = {
    "contact_received": "contact received at the front door",
    "contact_decision": "decision on the contact",
    "referral": "referral received",
    "assessment_authorised": "single assessment authorised",
    "allocation": "lead worker allocated",
    "case_closed": "case closed",
    "cp_concern": "child protection concern (reasonable cause to suspect significant harm)",
    "strategy_discussion": "strategy discussion held",
    "icpc": "initial child protection conference held",
    "core_group": "core group meeting held",
    "review_conference": "review child protection conference held",
    "cp_plan_start": "child protection plan started",
    "cp_plan_end": "child protection plan ended",
    "cp_visit": "child protection visit (child seen)",
    "cin_plan_start": "child in need plan started",
    "cin_plan_review": "child in need plan reviewed",
    "cin_visit": "child in need visit (child seen)",
    "placement_start": "placement started",
    "lac_visit": "looked-after visit (child seen)",
    "care_order_made": "care order made while the child lives with a parent",
    "dental_check": "dental check of a looked-after child",
    "became_looked_after": "child became looked after",
    "lac_review": "looked-after review held",
    "ceased_looked_after": "child ceased to be looked after",
    "initial_health_assessment": "initial health assessment completed",
    "review_health_assessment": "review health assessment completed",
    "pep": "personal education plan completed",
    "pep_review": "personal education plan reviewed",
    "returned_from_missing": "child found or returned from a missing episode",
    "return_home_interview_offered": "return-home interview offered",
    "cme_notification": "child missing education notified to the authority",
    "cme_first_checks": "first checks made on a child missing education",
    "unauthorised_absence_start": "first day of continuous unauthorised absence",
    "cme_school_notified": "school notified the authority of the absence",
    "cme_enquiries_complete": "school and authority completed reasonable enquiries",
    "ehc_request": "request for an EHC needs assessment received",
    "ehc_decision": "decision whether to carry out an EHC needs assessment",
    "ehc_plan_final": "final EHC plan issued (or decision not to issue)",
    "sixteenth_birthday": "16th birthday of a looked-after child",
    "care_leaver_needs_assessment": "care leaver needs assessment completed",
    "pathway_plan_review": "pathway plan reviewed",
    "supervision": "supervision session held",
    "nqsw_start": "newly qualified worker started their assessed year",
    "appraisal": "appraisal held",
    "exploitation_screening": "exploitation screening completed",
    "exploitation_risk_assessment": "exploitation risk assessment completed",
    "exploitation_plan_review": "exploitation plan reviewed",
}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a duty comes from: the document and the paragraph or regulation."""

    document: str
    paragraph: str

    def __str__(self) -> str:
        return f"{self.document}, {self.paragraph}"


@dataclass(frozen=True, slots=True)
class PauseCondition:
    """A condition during which the clocks of the rules naming it stand still."""

    code: str
    # Completes "paused while ...".
    words: str
    source: Source
    # A local condition is the authority's choice (LocalPauseSetting): it cannot pause a
    # statutory timescale, which would make the statutory period laxer.
    local: bool
    on_by_default: bool


@dataclass(frozen=True, slots=True)
class Rule:
    """A timescale: a clock started by start_event is due `period` `unit`s later."""

    code: str
    name: str
    start_event: str
    satisfied_by: tuple[str, ...]
    period: int
    unit: Unit
    source: Source
    statutory: bool
    local_override_allowed: bool
    escalation: str = (
        "Shown as a breach on the owner's and their team manager's work lists at once."
    )
    notes: str = ""
    # Optional grouping for the generated documentation.
    area: str = field(default="General")
    # The PAUSE_CONDITIONS code during which the clock stands still, if any.
    paused_while: str = ""

    def describe_period(self, period: int | None = None) -> str:
        """Return the period in words, e.g. '15 working days'."""
        n = self.period if period is None else period
        label = self.unit.label
        if n == 1:
            label = {"hours": "hour", "weeks": "week", "months": "month"}.get(
                self.unit.value, label[:-1]
            )
        return f"{n} {label}"


WT2018 = "Working Together to Safeguard Children (2018)"
WT2023 = "Working Together to Safeguard Children (2023)"
CPPCR = "Care Planning, Placement and Case Review (England) Regulations 2010"
HEALTH = "Promoting the health and wellbeing of looked-after children (DfE/DHSC, 2015)"
EDUCATION = (
    "Promoting the education of looked-after and previously looked-after children (DfE, 2018)"
)
MISSING = "Children who run away or go missing from home or care (DfE statutory guidance, 2014)"
CME = "Children missing education: statutory guidance for local authorities (DfE, 2016; 2024)"
SEND = "Special Educational Needs and Disability Regulations 2014"
LEAVERS = "Care Leavers (England) Regulations 2010"
LOCAL = "Local procedures"

PAUSE_CONDITIONS: dict[str, PauseCondition] = {
    "child_missing": PauseCondition(
        code="child_missing",
        words="the child is recorded missing",
        source=Source(
            LOCAL, "visits to a child who is missing (the authority decides; off by default)"
        ),
        local=True,
        on_by_default=False,
    ),
}

_CATALOGUE: tuple[Rule, ...] = (
    # Front door and assessment
    Rule(
        code="CONTACT_DECISION",
        name="Decision on a contact or referral",
        start_event="contact_received",
        satisfied_by=("contact_decision",),
        period=1,
        unit=Unit.WORKING_DAYS,
        source=Source(WT2018, "ch. 1, flow chart 1 (carried into WT 2023 ch. 3)"),
        statutory=True,
        local_override_allowed=False,
        area="Front door and assessment",
    ),
    Rule(
        code="SINGLE_ASSESSMENT",
        name="Single (child and family) assessment",
        start_event="referral",
        satisfied_by=("assessment_authorised",),
        period=45,
        unit=Unit.WORKING_DAYS,
        source=Source(WT2018, "ch. 1 para 81 and flow chart 3 (carried into WT 2023 ch. 3)"),
        statutory=True,
        local_override_allowed=True,
        notes="The DfE measures working days from referral to authorisation.",
        area="Front door and assessment",
    ),
    Rule(
        code="ALLOCATION",
        name="Allocation to a named worker",
        start_event="referral",
        satisfied_by=("allocation",),
        period=7,
        unit=Unit.CALENDAR_DAYS,
        source=Source(LOCAL, "local allocation target"),
        statutory=False,
        local_override_allowed=True,
        escalation="An unallocated case is itself a breach: the team manager sees it at once.",
        area="Front door and assessment",
    ),
    # Child protection
    Rule(
        code="STRATEGY_DISCUSSION",
        name="Strategy discussion after a child protection concern",
        start_event="cp_concern",
        satisfied_by=("strategy_discussion",),
        period=1,
        unit=Unit.WORKING_DAYS,
        source=Source(WT2023, "ch. 4 (strategy discussion); timescale set by local procedures"),
        statutory=False,
        local_override_allowed=True,
        area="Child protection",
    ),
    Rule(
        code="ICPC",
        name="Initial child protection conference",
        start_event="strategy_discussion",
        satisfied_by=("icpc",),
        period=15,
        unit=Unit.WORKING_DAYS,
        source=Source(WT2018, "ch. 1, flow chart 4 (carried into WT 2023 ch. 4)"),
        statutory=True,
        local_override_allowed=True,
        notes="Counted from the strategy discussion at which section 47 enquiries were "
        "started (the last one, where several were held).",
        area="Child protection",
    ),
    Rule(
        code="CORE_GROUP_FIRST",
        name="First core group meeting",
        start_event="icpc",
        satisfied_by=("core_group",),
        period=10,
        unit=Unit.WORKING_DAYS,
        source=Source(WT2018, "ch. 1, flow chart 5 (carried into WT 2023 ch. 4)"),
        statutory=True,
        local_override_allowed=True,
        area="Child protection",
    ),
    Rule(
        code="CORE_GROUP",
        name="Later core group meetings",
        start_event="core_group",
        satisfied_by=("core_group",),
        period=4,
        unit=Unit.WEEKS,
        source=Source(LOCAL, "core group frequency (authorities use monthly to 6-weekly)"),
        statutory=False,
        local_override_allowed=True,
        area="Child protection",
    ),
    Rule(
        code="RCPC_FIRST",
        name="First review child protection conference",
        start_event="icpc",
        satisfied_by=("review_conference",),
        period=3,
        unit=Unit.MONTHS,
        source=Source(WT2018, "ch. 1, flow chart 5 (carried into WT 2023 ch. 4)"),
        statutory=True,
        local_override_allowed=True,
        area="Child protection",
    ),
    Rule(
        code="RCPC",
        name="Later review child protection conferences",
        start_event="review_conference",
        satisfied_by=("review_conference",),
        period=6,
        unit=Unit.MONTHS,
        source=Source(WT2018, "ch. 1, flow chart 5 (carried into WT 2023 ch. 4)"),
        statutory=True,
        local_override_allowed=True,
        area="Child protection",
    ),
    Rule(
        code="CP_VISIT",
        name="Child protection visit (child seen)",
        start_event="cp_plan_start",
        satisfied_by=("cp_visit",),
        period=10,
        unit=Unit.WORKING_DAYS,
        source=Source(LOCAL, "child protection visiting frequency (10 working days to 4 weeks)"),
        statutory=False,
        local_override_allowed=True,
        notes="Each visit starts the next cycle; the start event is the plan start or the "
        "last visit.",
        paused_while="child_missing",
        area="Child protection",
    ),
    # Children in need
    Rule(
        code="CIN_PLAN_REVIEW",
        name="Child in need plan review",
        start_event="cin_plan_start",
        satisfied_by=("cin_plan_review",),
        period=3,
        unit=Unit.MONTHS,
        source=Source(LOCAL, "child in need review frequency"),
        statutory=False,
        local_override_allowed=True,
        notes="Each review starts the next cycle.",
        area="Children in need",
    ),
    Rule(
        code="CIN_VISIT",
        name="Child in need visit (child seen)",
        start_event="cin_plan_start",
        satisfied_by=("cin_visit",),
        period=20,
        unit=Unit.WORKING_DAYS,
        source=Source(LOCAL, "child in need visiting frequency"),
        statutory=False,
        local_override_allowed=True,
        notes="Each visit starts the next cycle.",
        paused_while="child_missing",
        area="Children in need",
    ),
    # Looked-after children
    Rule(
        code="LAC_VISIT_FIRST_WEEK",
        name="Looked-after visit within a week of a placement",
        start_event="placement_start",
        satisfied_by=("lac_visit",),
        period=1,
        unit=Unit.WEEKS,
        source=Source(CPPCR, "reg 28(2)(a)"),
        statutory=True,
        local_override_allowed=False,
        area="Looked-after children",
    ),
    Rule(
        code="LAC_VISIT_FIRST_YEAR",
        name="Looked-after visits in a placement's first year",
        start_event="lac_visit",
        satisfied_by=("lac_visit",),
        period=6,
        unit=Unit.WEEKS,
        source=Source(CPPCR, "reg 28(2)(b)"),
        statutory=True,
        local_override_allowed=True,
        area="Looked-after children",
    ),
    Rule(
        code="LAC_VISIT_LONG_TERM",
        name="Looked-after visits after the first year, placement to last until 18",
        start_event="lac_visit",
        satisfied_by=("lac_visit",),
        period=3,
        unit=Unit.MONTHS,
        source=Source(CPPCR, "reg 28(2)(c)(i)"),
        statutory=True,
        local_override_allowed=True,
        area="Looked-after children",
    ),
    Rule(
        code="LAC_VISIT",
        name="Looked-after visits after the first year, other placements",
        start_event="lac_visit",
        satisfied_by=("lac_visit",),
        period=6,
        unit=Unit.WEEKS,
        source=Source(CPPCR, "reg 28(2)(c)(ii)"),
        statutory=True,
        local_override_allowed=True,
        area="Looked-after children",
    ),
    Rule(
        code="LAC_VISIT_WEEKLY",
        name="Looked-after visits weekly until the first review (placed with a parent)",
        start_event="placement_start",
        satisfied_by=("lac_visit",),
        period=1,
        unit=Unit.WEEKS,
        source=Source(CPPCR, "reg 28(3)(a) and 28(4)(a)"),
        statutory=True,
        local_override_allowed=False,
        notes="Reg 19 (placed with a parent before assessment), reg 24 (temporarily approved "
        "connected person) or an interim care order with the child living with a parent. "
        "Each visit starts the next cycle until the first review.",
        area="Looked-after children",
    ),
    Rule(
        code="LAC_VISIT_FOUR_WEEKLY",
        name="Looked-after visits after the first review: connected person or interim order",
        start_event="lac_visit",
        satisfied_by=("lac_visit",),
        period=4,
        unit=Unit.WEEKS,
        source=Source(CPPCR, "reg 28(4)(b)"),
        statutory=True,
        local_override_allowed=True,
        area="Looked-after children",
    ),
    Rule(
        code="LAC_VISIT_PLACED_WITH_PARENT",
        name="Looked-after visits, child living with a parent",
        start_event="lac_visit",
        satisfied_by=("lac_visit",),
        period=6,
        unit=Unit.WEEKS,
        source=Source(CPPCR, "reg 28(3)(b) and 28(5)(b)"),
        statutory=True,
        local_override_allowed=True,
        area="Looked-after children",
    ),
    Rule(
        code="LAC_VISIT_AFTER_CARE_ORDER",
        name="Looked-after visit within a week of a care order, child living with a parent",
        start_event="care_order_made",
        satisfied_by=("lac_visit",),
        period=1,
        unit=Unit.WEEKS,
        source=Source(CPPCR, "reg 28(5)(a)"),
        statutory=True,
        local_override_allowed=False,
        area="Looked-after children",
    ),
    Rule(
        code="LAC_REVIEW_FIRST",
        name="First looked-after review",
        start_event="became_looked_after",
        satisfied_by=("lac_review",),
        period=20,
        unit=Unit.WORKING_DAYS,
        source=Source(CPPCR, "reg 33(1)"),
        statutory=True,
        local_override_allowed=False,
        area="Looked-after children",
    ),
    Rule(
        code="LAC_REVIEW_SECOND",
        name="Second looked-after review",
        start_event="lac_review",
        satisfied_by=("lac_review",),
        period=3,
        unit=Unit.MONTHS,
        source=Source(CPPCR, "reg 33(2)"),
        statutory=True,
        local_override_allowed=False,
        area="Looked-after children",
    ),
    Rule(
        code="LAC_REVIEW",
        name="Later looked-after reviews",
        start_event="lac_review",
        satisfied_by=("lac_review",),
        period=6,
        unit=Unit.MONTHS,
        source=Source(CPPCR, "reg 33(3)"),
        statutory=True,
        local_override_allowed=False,
        area="Looked-after children",
    ),
    Rule(
        code="INITIAL_HEALTH_ASSESSMENT",
        name="Initial health assessment",
        start_event="became_looked_after",
        satisfied_by=("initial_health_assessment",),
        period=20,
        unit=Unit.WORKING_DAYS,
        source=Source(
            f"{CPPCR}; {HEALTH}", "reg 7; guidance: within 20 working days of entering care"
        ),
        statutory=True,
        local_override_allowed=False,
        notes="Due before the first looked-after review.",
        area="Looked-after children",
    ),
    Rule(
        code="REVIEW_HEALTH_ASSESSMENT_UNDER_5",
        name="Review health assessment, child under 5",
        start_event="initial_health_assessment",
        satisfied_by=("review_health_assessment",),
        period=6,
        unit=Unit.MONTHS,
        source=Source(CPPCR, "reg 8(1)(a)"),
        statutory=True,
        local_override_allowed=False,
        notes="The start event is the last health assessment.",
        area="Looked-after children",
    ),
    Rule(
        code="REVIEW_HEALTH_ASSESSMENT",
        name="Review health assessment, child aged 5 or over",
        start_event="initial_health_assessment",
        satisfied_by=("review_health_assessment",),
        period=12,
        unit=Unit.MONTHS,
        source=Source(CPPCR, "reg 8(1)(b)"),
        statutory=True,
        local_override_allowed=False,
        notes="The start event is the last health assessment.",
        area="Looked-after children",
    ),
    Rule(
        code="LAC_DENTAL_CHECK",
        name="Dental check of a looked-after child",
        start_event="became_looked_after",
        satisfied_by=("dental_check",),
        period=12,
        unit=Unit.MONTHS,
        source=Source(
            f"{HEALTH}; DfE SSDA903 OC2 TEETH_CHECK",
            "health plan: routine dental checks; the DfE counts a check in the last 12 months",
        ),
        statutory=False,
        local_override_allowed=True,
        notes="Local default 12 months (many authorities set 6). The start event is the last "
        "dental check, or becoming looked after.",
        area="Looked-after children",
    ),
    Rule(
        code="PEP_INITIAL",
        name="Personal education plan",
        start_event="became_looked_after",
        satisfied_by=("pep",),
        period=20,
        unit=Unit.SCHOOL_DAYS,
        source=Source(EDUCATION, "PEP section: in place within 20 school days of entering care"),
        statutory=True,
        local_override_allowed=True,
        notes="10 school days after an emergency placement (set locally if wanted).",
        area="Looked-after children",
    ),
    Rule(
        code="PEP_REVIEW",
        name="Personal education plan review (termly)",
        start_event="pep",
        satisfied_by=("pep_review",),
        period=65,
        unit=Unit.SCHOOL_DAYS,
        source=Source(EDUCATION, "PEP section: reviewed each term"),
        statutory=True,
        local_override_allowed=True,
        notes="'Each term' is counted as 65 school days (13 school weeks), about one term.",
        area="Looked-after children",
    ),
    # Care leavers
    Rule(
        code="CARE_LEAVER_NEEDS_ASSESSMENT",
        name="Needs assessment for an eligible child (pathway plan)",
        start_event="sixteenth_birthday",
        satisfied_by=("care_leaver_needs_assessment",),
        period=3,
        unit=Unit.MONTHS,
        source=Source(CPPCR, "reg 42(1)"),
        statutory=True,
        local_override_allowed=False,
        area="Care leavers",
    ),
    Rule(
        code="PATHWAY_PLAN_REVIEW",
        name="Pathway plan review",
        start_event="pathway_plan_review",
        satisfied_by=("pathway_plan_review",),
        period=6,
        unit=Unit.MONTHS,
        source=Source(LEAVERS, "reg 7(2)"),
        statutory=True,
        local_override_allowed=True,
        notes="The start event is the last review (or the plan).",
        area="Care leavers",
    ),
    # Missing and exploitation
    Rule(
        code="RHI_OFFER",
        name="Return-home interview offered",
        start_event="returned_from_missing",
        satisfied_by=("return_home_interview_offered",),
        period=72,
        unit=Unit.HOURS,
        source=Source(MISSING, "section 'Return interviews'"),
        statutory=True,
        local_override_allowed=True,
        area="Missing and exploitation",
    ),
    Rule(
        code="EXPLOITATION_RISK_ASSESSMENT",
        name="Exploitation risk assessment",
        start_event="exploitation_screening",
        satisfied_by=("exploitation_risk_assessment",),
        period=10,
        unit=Unit.WORKING_DAYS,
        source=Source(LOCAL, "exploitation risk assessment timescale"),
        statutory=False,
        local_override_allowed=True,
        area="Missing and exploitation",
    ),
    Rule(
        code="EXPLOITATION_PLAN_REVIEW",
        name="Exploitation risk plan review",
        start_event="exploitation_risk_assessment",
        satisfied_by=("exploitation_plan_review",),
        period=3,
        unit=Unit.MONTHS,
        source=Source(LOCAL, "exploitation plan review frequency"),
        statutory=False,
        local_override_allowed=True,
        notes="Each review starts the next cycle.",
        area="Missing and exploitation",
    ),
    # Education
    Rule(
        code="CME_FIRST_CHECKS",
        name="First checks on a child missing education",
        start_event="cme_notification",
        satisfied_by=("cme_first_checks",),
        period=5,
        unit=Unit.SCHOOL_DAYS,
        source=Source(CME, "'Local authority duties' and local procedures"),
        statutory=False,
        local_override_allowed=True,
        area="Education",
    ),
    Rule(
        code="CME_NOTIFY_10_DAYS",
        name="School notifies the authority of 10 school days' unauthorised absence",
        start_event="unauthorised_absence_start",
        satisfied_by=("cme_school_notified",),
        period=10,
        unit=Unit.SCHOOL_DAYS,
        source=Source(f"Education Act 1996 s436A; {CME}", "'School duties'"),
        statutory=True,
        local_override_allowed=False,
        area="Education",
    ),
    Rule(
        code="CME_ENQUIRIES_20_DAYS",
        name="Reasonable enquiries before deletion after 20 school days' absence",
        start_event="unauthorised_absence_start",
        satisfied_by=("cme_enquiries_complete",),
        period=20,
        unit=Unit.SCHOOL_DAYS,
        source=Source(
            f"Education (Pupil Registration) (England) Regulations 2024; {CME}",
            "deletion from roll after 20 school days",
        ),
        statutory=True,
        local_override_allowed=False,
        area="Education",
    ),
    Rule(
        code="EHC_DECISION_TO_ASSESS",
        name="Decision whether to carry out an EHC needs assessment",
        start_event="ehc_request",
        satisfied_by=("ehc_decision",),
        period=6,
        unit=Unit.WEEKS,
        source=Source(SEND, "reg 5(1)"),
        statutory=True,
        local_override_allowed=False,
        area="Education",
    ),
    Rule(
        code="EHC_NEEDS_ASSESSMENT",
        name="EHC needs assessment to final plan",
        start_event="ehc_request",
        satisfied_by=("ehc_plan_final",),
        period=20,
        unit=Unit.WEEKS,
        source=Source(SEND, "reg 13(2)"),
        statutory=True,
        local_override_allowed=False,
        area="Education",
    ),
    # Workforce
    Rule(
        code="SUPERVISION",
        name="Case supervision",
        start_event="supervision",
        satisfied_by=("supervision",),
        period=1,
        unit=Unit.MONTHS,
        source=Source(LOCAL, "supervision policy"),
        statutory=False,
        local_override_allowed=True,
        area="Workforce",
    ),
    Rule(
        code="SUPERVISION_NQSW",
        name="Supervision in the first 6 weeks of the assessed year (ASYE)",
        start_event="nqsw_start",
        satisfied_by=("supervision",),
        period=1,
        unit=Unit.WEEKS,
        source=Source("Assessed and Supported Year in Employment framework", "supervision"),
        statutory=False,
        local_override_allowed=True,
        notes="Weekly for the first 6 weeks, then fortnightly to month 6 (local).",
        area="Workforce",
    ),
    Rule(
        code="APPRAISAL",
        name="Annual appraisal",
        start_event="appraisal",
        satisfied_by=("appraisal",),
        period=12,
        unit=Unit.MONTHS,
        source=Source(LOCAL, "appraisal policy"),
        statutory=False,
        local_override_allowed=True,
        area="Workforce",
    ),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _CATALOGUE}


def register_rule(rule: Rule) -> Rule:
    """Add a rule from another app (prefer an entry in _CATALOGUE); refuse a duplicate code."""
    if rule.code in RULES:
        raise ValueError(f"Rule {rule.code!r} is already in the catalogue.")
    RULES[rule.code] = rule
    return rule


def register_event(code: str, words: str) -> None:
    """Add an event from another app; refuse a code already used with other words."""
    if EVENTS.get(code, words) != words:
        raise ValueError(f"Event {code!r} is already defined as {EVENTS[code]!r}.")
    EVENTS[code] = words


def validate_rule(rule: Rule) -> list[str]:
    """Return the problems with one rule, in plain words (empty when it is sound)."""
    problems = []
    if not rule.code or rule.code != rule.code.upper() or " " in rule.code:
        problems.append(f"{rule.code!r}: a rule code is UPPER_SNAKE_CASE.")
    if rule.unit not in Unit.values:
        problems.append(f"{rule.code}: unknown unit {rule.unit!r} (use one of {Unit.values}).")
    if rule.start_event not in EVENTS:
        problems.append(f"{rule.code}: unknown start event {rule.start_event!r}.")
    if not rule.satisfied_by:
        problems.append(f"{rule.code}: no satisfying event.")
    for event in rule.satisfied_by:
        if event not in EVENTS:
            problems.append(f"{rule.code}: unknown satisfying event {event!r}.")
    if not isinstance(rule.period, int) or rule.period < 1:
        problems.append(f"{rule.code}: the period must be a whole number of at least 1.")
    if not rule.source.document or not rule.source.paragraph:
        problems.append(f"{rule.code}: name the source document and paragraph.")
    if rule.paused_while:
        condition = PAUSE_CONDITIONS.get(rule.paused_while)
        if condition is None:
            problems.append(f"{rule.code}: unknown pause condition {rule.paused_while!r}.")
        elif condition.local and rule.statutory:
            problems.append(
                f"{rule.code}: a statutory timescale cannot pause on a local setting "
                f"({rule.paused_while})."
            )
    return problems


def validate_catalogue(rules: dict[str, Rule] | None = None) -> list[str]:
    """Return every problem in the catalogue."""
    rules = RULES if rules is None else rules
    problems = []
    for code, rule in rules.items():
        if code != rule.code:
            problems.append(f"{code}: filed under a different code from its own ({rule.code}).")
        problems.extend(validate_rule(rule))
    return problems


def rule_get(code: str) -> Rule:
    """Return the rule, or raise KeyError with a clear message."""
    try:
        return RULES[code]
    except KeyError:
        raise KeyError(f"There is no clock rule {code!r} in the catalogue.") from None
