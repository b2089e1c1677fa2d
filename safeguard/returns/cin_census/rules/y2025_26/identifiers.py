"""2025/26 rules on the header, the child's identifiers and characteristics."""

from collections import Counter

from safeguard.returns.cin_census.rules import ERROR, QUERY
from safeguard.returns.cin_census.rules.y2025_26 import codes
from safeguard.returns.cin_census.rules.y2025_26.la_codes import LA_CODES
from safeguard.returns.cin_census.rules.y2025_26.registry import RULES


def _age(born, on) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def upn_check_letter(upn: str) -> str:
    """Return the DfE check letter for characters 2-13 of a UPN (weights 2 to 13, mod 23)."""
    total = 0
    for weight, ch in enumerate(upn[1:13], start=2):
        total += weight * (int(ch) if ch.isdigit() else codes.UPN_LETTERS.find(ch.upper()))
    return codes.UPN_LETTERS[total % 23]


@RULES.rule("100", ERROR, "Reference Date is incorrect", ["ReferenceDate"])
def reference_date_is_the_census_date(c):
    if c.r.header.reference_date != c.end:
        yield None


@RULES.rule("1510", ERROR, "UPN invalid (wrong check letter at character 1)", ["UPN"])
def upn_check_letter_correct(c):
    for i, upn in enumerate(c.r.children.upn):
        if (
            upn
            and len(upn) == 13
            and upn[1:12].isdigit()
            and upn[0].upper() != upn_check_letter(upn)
        ):
            yield i


@RULES.rule("1520", ERROR, "More than one record with the same UPN.", ["UPN"])
def upn_unique(c):
    counts = Counter(u for u in c.r.children.upn if u)
    for i, upn in enumerate(c.r.children.upn):
        if upn and counts[upn] > 1:
            yield i


@RULES.rule("1530", ERROR, "UPN invalid (characters 2-4 not a recognised LA code)", ["UPN"])
def upn_la_code_recognised(c):
    for i, upn in enumerate(c.r.children.upn):
        if upn and upn[1:4] not in LA_CODES:
            yield i


@RULES.rule("1540", ERROR, "UPN invalid (characters 5-12 not all numeric)", ["UPN"])
def upn_serial_numeric(c):
    for i, upn in enumerate(c.r.children.upn):
        if upn and not upn[4:12].isdigit():
            yield i


@RULES.rule("1550", ERROR, "UPN invalid (character 13 not a recognised value)", ["UPN"])
def upn_last_character(c):
    for i, upn in enumerate(c.r.children.upn):
        if upn and (
            len(upn) < 13 or not (upn[12].isdigit() or upn[12].upper() in codes.UPN_LETTERS)
        ):
            yield i


@RULES.rule(
    "1560Q",
    QUERY,
    "Please check and either amend or provide a reason: Former UPN wrongly formatted",
    ["FormerUPN"],
)
def former_upn_format(c):
    for i, upn in enumerate(c.r.children.former_upn):
        if upn and not (
            len(upn) == 13
            and upn[0].upper() in codes.UPN_LETTERS
            and upn[1:12].isdigit()
            and (upn[12].isdigit() or upn[12].upper() in codes.UPN_LETTERS)
        ):
            yield i


@RULES.rule("1570", ERROR, "LA Child ID must not be longer than 20 characters", ["LAchildID"])
def la_child_id_length(c):
    for i, value in enumerate(c.r.children.la_child_id):
        if value and len(value) > 20:
            yield i


@RULES.rule(
    "1580",
    ERROR,
    "LA Child ID must not contain any non-alphanumeric characters",
    ["LAchildID"],
)
def la_child_id_alphanumeric(c):
    for i, value in enumerate(c.r.children.la_child_id):
        if value and not value.isalnum():
            yield i


@RULES.rule(
    "2886Q",
    QUERY,
    "Please check and either amend or provide a reason: Percentage of children with no sex "
    "recorded is more than 2% (excluding unborns)",
    ["ExpectedPersonBirthDate", "ChildIdentifiers"],
)
def few_children_without_sex(c):
    ch = c.r.children
    born = [i for i in range(len(ch)) if ch.birth_date[i] is not None]
    unknown = [i for i in born if ch.sex[i] not in ("M", "F")]
    if born and len(unknown) / len(born) > 0.02:
        yield from unknown


@RULES.rule(
    "2887Q",
    QUERY,
    "Please check and either amend or provide a reason: Less than 8 disability codes have been "
    "used in your return",
    ["Disability"],
)
def enough_disability_codes(c):
    if len(set(c.r.disabilities.code) - {None, "NONE"}) < 8:
        yield None


@RULES.rule(
    "2888Q",
    QUERY,
    "Please check and either amend or provide a reason: Only one disability code is recorded "
    "per child and multiple disabilities should be recorded where possible.",
    ["Disability"],
)
def multiple_disabilities_recorded(c):
    per_child = Counter(c.r.disabilities.child)
    if per_child and max(per_child.values()) == 1:
        yield None


@RULES.rule("4180", ERROR, "Sex must be provided and equal M, F, or U", ["Sex"])
def sex_valid(c):
    for i, sex in enumerate(c.r.children.sex):
        if sex not in codes.SEX:
            yield i


@RULES.rule("4220", ERROR, "Ethnicity is missing or invalid (see Ethnicity table)", ["Ethnicity"])
def ethnicity_valid(c):
    for i, ethnicity in enumerate(c.r.children.ethnicity):
        if ethnicity not in codes.ETHNICITY:
            yield i


@RULES.rule("8500", ERROR, "LA Child ID missing", ["LAchildID"])
def la_child_id_present(c):
    for i, value in enumerate(c.r.children.la_child_id):
        if not value:
            yield i


@RULES.rule("8510", ERROR, "More than one child record with the same LA Child ID", ["LAchildID"])
def la_child_id_unique(c):
    counts = Counter(v for v in c.r.children.la_child_id if v)
    for i, value in enumerate(c.r.children.la_child_id):
        if value and counts[value] > 1:
            yield i


@RULES.rule(
    "8520",
    ERROR,
    "Date of Birth is after data collection period (must be on or before the end of the census "
    "period)",
    ["PersonBirthDate", "ReferenceDate"],
)
def born_by_reference_date(c):
    for i, born in enumerate(c.r.children.birth_date):
        if born and born > c.end:
            yield i


@RULES.rule(
    "8525Q",
    QUERY,
    "Either Date of Birth or Expected Date of Birth must be provided (but not both)",
    ["PersonBirthDate", "ExpectedPersonBirthDate"],
)
def birth_or_expected_date(c):
    ch = c.r.children
    for i in range(len(ch)):
        if (ch.birth_date[i] is None) == (ch.expected_birth_date[i] is None):
            yield i


@RULES.rule(
    "8530Q",
    QUERY,
    "Please check and either amend data or provide a reason: Expected Date of Birth is outside "
    "the expected range for this census (March to December of the Census Year end)",
    ["ExpectedPersonBirthDate"],
)
def expected_birth_in_range(c):
    low, high = c.end.replace(month=3, day=1), c.end.replace(month=12, day=31)
    for i, expected in enumerate(c.r.children.expected_birth_date):
        if expected and not low <= expected <= high:
            yield i


@RULES.rule(
    "8535Q",
    QUERY,
    "Please check and either amend data or provide a reason: Child’s date of death should not be "
    "prior to the date of birth",
    ["PersonDeathDate", "PersonBirthDate"],
)
def death_after_birth(c):
    ch = c.r.children
    for i in range(len(ch)):
        if ch.death_date[i] and ch.birth_date[i] and ch.death_date[i] < ch.birth_date[i]:
            yield i


@RULES.rule(
    "8540",
    ERROR,
    "Child’s disability is missing or invalid (see Disability table)",
    ["Disability", "PersonBirthDate", "ReferralNFA"],
)
def disability_recorded(c):
    # A child with no Disabilities module passes (the DfE schema makes it optional); a code
    # given must be one of the table's.
    d = c.r.disabilities
    for j, code in enumerate(d.code):
        if code not in codes.DISABILITY:
            yield d.child[j]


@RULES.rule(
    "8545Q",
    QUERY,
    "Please check and either amend data or provide a reason: Child's date of death should be "
    "within the census year",
    ["PersonDeathDate"],
)
def death_in_year(c):
    for i, died in enumerate(c.r.children.death_date):
        if died and not c.in_year(died):
            yield i


@RULES.rule("8590", ERROR, "Child does not have a recorded CIN episode.", ["LAchildID"])
def child_has_episode(c):
    for i, rows in enumerate(c.cin_of_child):
        if not rows:
            yield i


@RULES.rule(
    "8750",
    ERROR,
    "Sex must equal U for an unborn child",
    ["Sex", "PersonBirthDate", "ExpectedPersonBirthDate"],
)
def unborn_sex_unknown(c):
    ch = c.r.children
    for i in range(len(ch)):
        if ch.birth_date[i] is None and ch.expected_birth_date[i] and ch.sex[i] != "U":
            yield i


@RULES.rule(
    "8770Q",
    QUERY,
    "Please check and either amend data or provide a reason: UPN is missing or reason UPN is "
    "missing or is UN1 for a child who is of school age.",
    ["UPNunknown", "UPNunknown"],
)
def school_age_child_has_upn(c):
    ch = c.r.children
    for i in range(len(ch)):
        born = ch.birth_date[i]
        if ch.upn[i] or born is None:
            continue
        # School age: at least 6 and under 16 at the start of the census year's school year.
        if 6 <= _age(born, c.start.replace(month=8, day=31)) < 16 and ch.upn_unknown[i] in (
            None,
            "UN1",
        ):
            yield i


@RULES.rule(
    "8772",
    ERROR,
    "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details "
    "is a referral going on to further action",
    ["UPNunknown", "ReferralNFA"],
)
def un7_only_for_nfa(c):
    for i, reason in enumerate(c.r.children.upn_unknown):
        if reason == "UN7" and any(c.r.cin.referral_nfa[e] is False for e in c.cin_of_child[i]):
            yield i


@RULES.rule(
    "8775Q",
    QUERY,
    "Please check and either amend data or provide a reason: Child is over 25 years old",
    ["PersonBirthDate", "CINclosureDate"],
)
def under_25(c):
    for i, born in enumerate(c.r.children.birth_date):
        if born and _age(born, c.end) > 25:
            yield i


@RULES.rule(
    "8790",
    ERROR,
    "Disability information includes both None and other values",
    ["Disability"],
)
def none_alone(c):
    d = c.r.disabilities
    for i, rows in enumerate(c.disabilities_of_child):
        found = {d.code[j] for j in rows}
        if "NONE" in found and len(found) > 1:
            yield i


@RULES.rule("8794", ERROR, "Child has two or more disabilities with the same code", ["Disability"])
def disabilities_distinct(c):
    d = c.r.disabilities
    for i, rows in enumerate(c.disabilities_of_child):
        found = [d.code[j] for j in rows]
        if len(found) != len(set(found)):
            yield i
