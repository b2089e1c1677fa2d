# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on UASC, OC2 (children looked after for a year) and OC3 (care leavers)."""

from safeguard.returns.ssda903.rules import age
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

ZERO_ONE = frozenset({"0", "1"})
OC2_FLAGS = (
    "CONVICTED",
    "HEALTH_CHECK",
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
)


def _birthday(born, years: int):
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return born.replace(year=born.year + years, day=28)


@RULES.rule(
    "104",
    "UASC",
    ["DUC"],
    "Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date.",
)
def duc_valid(c):
    for i, row in enumerate(c.table("UASC")):
        if row["DUC"] and c.d(row, "DUC") is None:
            yield i


@RULES.rule(
    "304",
    "UASC",
    ["DUC"],
    "Date unaccompanied asylum-seeking child (UASC) status ceased must be on or before the 18th "
    "birthday of a child.",
)
def duc_by_18th_birthday(c):
    for i, row in enumerate(c.table("UASC")):
        born, ceased = c.d(row, "DOB"), c.d(row, "DUC")
        if born and ceased and ceased > _birthday(born, 18):
            yield i


@RULES.rule(
    "180",
    "OC2",
    ["SDQ_SCORE"],
    "Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid.",
)
def sdq_score_0_to_40(c):
    for i, row in enumerate(c.table("OC2")):
        score = row["SDQ_SCORE"]
        if score and not (score.isdigit() and 0 <= int(score) <= 40):
            yield i


@RULES.rule(
    "181",
    "OC2",
    list(OC2_FLAGS),
    "Data items relating to children looked after continuously for 12 months should be "
    "completed with a 0 or 1.",
)
def oc2_flags_zero_or_one(c):
    for i, row in enumerate(c.table("OC2")):
        if any(row[col] and row[col] not in ZERO_ONE for col in OC2_FLAGS):
            yield i


@RULES.rule(
    "188",
    "OC2",
    ["SDQ_REASON", "SDQ_SCORE"],
    "Child is aged under 4 years at the end of the year, but a Strengths and Difficulties (SDQ) "
    "score or a reason for no SDQ score is completed. ",
)
def no_sdq_under_4(c):
    for i, row in enumerate(c.table("OC2")):
        years = age(c.d(row, "DOB"), c.end)
        if years is not None and years < 4 and (row["SDQ_SCORE"] or row["SDQ_REASON"]):
            yield i


@RULES.rule(
    "189",
    "OC2",
    ["DOB", "SDQ_REASON", "SDQ_SCORE"],
    "Child is aged 17 years or over at the beginning of the year, but an Strengths and "
    "Difficulties (SDQ) score or a reason for no Strengths and Difficulties (SDQ) score is "
    "completed.",
)
def no_sdq_from_17(c):
    for i, row in enumerate(c.table("OC2")):
        years = age(c.d(row, "DOB"), c.start)
        if years is not None and years >= 17 and (row["SDQ_SCORE"] or row["SDQ_REASON"]):
            yield i


@RULES.rule(
    "192",
    "OC2",
    ["INTERVENTION_RECEIVED", "SUBSTANCE_MISUSE"],
    "Child has been identified as having a substance misuse problem but the additional item on "
    "whether an intervention was received has been left blank.",
)
def intervention_when_misuse(c):
    for i, row in enumerate(c.table("OC2")):
        if row["SUBSTANCE_MISUSE"] == "1" and not row["INTERVENTION_RECEIVED"]:
            yield i


@RULES.rule(
    "193",
    "OC2",
    ["INTERVENTION_OFFERED", "INTERVENTION_RECEIVED", "SUBSTANCE_MISUSE"],
    "Child not identified as having a substance misuse problem but at least one of the two "
    "additional items on whether an intervention were offered and received have been "
    "completed.",
)
def no_intervention_without_misuse(c):
    for i, row in enumerate(c.table("OC2")):
        if row["SUBSTANCE_MISUSE"] != "1" and (
            row["INTERVENTION_RECEIVED"] or row["INTERVENTION_OFFERED"]
        ):
            yield i


@RULES.rule(
    "196", "OC2", ["SDQ_REASON"], "Strengths and Difficulties (SDQ) reason is not a valid code."
)
def sdq_reason_code_valid(c):
    valid = c.codes("oc2", "SDQ_REASON")
    for i, row in enumerate(c.table("OC2")):
        if row["SDQ_REASON"] and row["SDQ_REASON"] not in valid:
            yield i


@RULES.rule(
    "197a",
    "OC2",
    ["SDQ_REASON", "SDQ_SCORE"],
    "Reason for no Strengths and Difficulties (SDQ) score is not required if Strengths and "
    "Difficulties Questionnaire score is filled in.",
)
def sdq_reason_or_score(c):
    for i, row in enumerate(c.table("OC2")):
        if row["SDQ_SCORE"] and row["SDQ_REASON"]:
            yield i


def _oc3_code(code: str, column: str, message: str):
    def check(c):
        valid = c.codes("oc3", column)
        for i, row in enumerate(c.table("OC3")):
            if row[column] and row[column] not in valid:
                yield i

    return RULES.rule(code, "OC3", [column], message)(check)


in_touch_code_valid = _oc3_code(
    "131", "IN_TOUCH", "Data entry for being in touch after leaving care is invalid."
)
activity_code_valid = _oc3_code(
    "132", "ACTIV", "Data entry for activity after leaving care is invalid."
)
accommodation_code_valid = _oc3_code(
    "133",
    "ACCOM",
    "Data entry for accommodation after leaving care is invalid. If reporting on a childs "
    "accommodation after leaving care the description must be either suitable or unsuitable",
)


@RULES.rule(
    "153",
    "OC3",
    ["ACCOM", "ACTIV", "IN_TOUCH"],
    "All data items relating to a child's activity or accommodation after leaving care must be "
    "coded or left blank.",
)
def oc3_all_or_none(c):
    for i, row in enumerate(c.table("OC3")):
        filled = [bool(row[col]) for col in ("IN_TOUCH", "ACTIV", "ACCOM")]
        if any(filled) and not all(filled):
            yield i


@RULES.rule(
    "391",
    "OC3",
    ["ACCOM", "ACTIV", "DOB", "IN_TOUCH"],
    "Young person was not 17, 18, 19, 20 or 21 during the current collection year. ",
)
def care_leaver_17_to_21(c):
    for i, row in enumerate(c.table("OC3")):
        born = c.d(row, "DOB")
        if born is None:
            continue
        if not any(c.start <= _birthday(born, n) <= c.end for n in range(17, 22)):
            yield i


@RULES.rule(
    "542",
    "OC2",
    ["CONVICTED"],
    "A child aged under 10 at 31 March should not have conviction information completed.",
)
def no_conviction_under_10(c):
    for i, row in enumerate(c.table("OC2")):
        years = age(c.d(row, "DOB"), c.end)
        if years is not None and years < 10 and row["CONVICTED"]:
            yield i


@RULES.rule(
    "197B",
    "OC2",
    ["DOB", "SDQ_REASON"],
    "SDQ score or reason for no SDQ should be reported for 4- or 17-year-olds.",
)
def sdq_at_4_and_17(c):
    for i, row in enumerate(c.table("OC2")):
        born = c.d(row, "DOB")
        if born is None or row["SDQ_SCORE"] or row["SDQ_REASON"]:
            continue
        if any(c.start <= _birthday(born, n) <= c.end for n in (4, 17)):
            yield i


@RULES.rule(
    "3001",
    "OC3",
    ["ACCOM"],
    "Where care leavers information is being returned for a young person around their 17th "
    "birthday, the accommodation cannot be with their former foster carer(s).",
)
def not_with_former_foster_carers_at_17(c):
    for i, row in enumerate(c.table("OC3")):
        born = c.d(row, "DOB")
        if born and row["ACCOM"].startswith("Z") and c.start <= _birthday(born, 17) <= c.end:
            yield i
