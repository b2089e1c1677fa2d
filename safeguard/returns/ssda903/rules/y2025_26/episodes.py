# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on the Episodes table: codes, dates and how episodes follow each other."""

from datetime import date

from safeguard.returns.ssda903.rules import QUERY, age
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

TEMPORARY = frozenset({"T0", "T1", "T2", "T3", "T4"})
SHORT_BREAKS = frozenset({"V3", "V4"})
ADOPTED = frozenset({"E11", "E12"})
CUSTODY_PLACEMENTS = frozenset({"R5"})
EARLIEST = date(1991, 10, 14)
FOSTER = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
# Placements with no Ofsted registration of their own, so no URN (rule 218).
URN_EXEMPT = frozenset(
    {"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"}
)


def _code_rule(code: str, column: str, message: str, blank_ok: bool = False):
    def check(c):
        valid = c.codes("episodes", column)
        for i, row in enumerate(c.table("Episodes")):
            value = row[column]
            if (value or not blank_ok) and value not in valid:
                yield i

    check.__name__ = f"{column.lower()}_code_valid"
    return RULES.rule(code, "Episodes", [column], message)(check)


rne_code_valid = _code_rule("143", "RNE", "The reason for new episode code is not a valid code.")
ls_code_valid = _code_rule("144", "LS", "The legal status code is not a valid code.")
cin_code_valid = _code_rule("145", "CIN", "Category of need code is not a valid code.")
place_code_valid = _code_rule("146", "PLACE", "Placement type code is not a valid code.")
rec_code_valid = _code_rule("149", "REC", "Reason episode ceased code is not valid. ", True)
provider_code_valid = _code_rule(
    "178", "PLACE_PROVIDER", "Placement provider code is not a valid code.", True
)


@RULES.rule("141", "Episodes", ["DECOM"], "Date episode began is not a valid date.")
def decom_valid(c):
    for i, row in enumerate(c.table("Episodes")):
        if c.d(row, "DECOM") is None:
            yield i


@RULES.rule("147", "Episodes", ["DEC"], "Date episode ceased is not a valid date.")
def dec_valid(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["DEC"] and c.d(row, "DEC") is None:
            yield i


@RULES.rule(
    "148",
    "Episodes",
    ["DEC", "REC"],
    "Date episode ceased and reason episode ceased must both be coded, or both left blank.",
)
def dec_and_rec_together(c):
    for i, row in enumerate(c.table("Episodes")):
        if bool(row["DEC"]) != bool(row["REC"]):
            yield i


@RULES.rule(
    "142",
    "Episodes",
    ["DEC", "REC"],
    "A new episode has started, but the previous episode has not ended.",
)
def previous_episode_ended(c):
    for rows in c.episodes_by_child.values():
        for (i, row), _next in zip(rows, rows[1:], strict=False):
            if not row["DEC"] or not row["REC"]:
                yield i


@RULES.rule(
    "213",
    "Episodes",
    ["PLACE_PROVIDER"],
    "Placement provider information not required.",
)
def provider_not_for_temporary_or_parents(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["PLACE"] in TEMPORARY | {"Z1"} and row["PLACE_PROVIDER"]:
            yield i


@RULES.rule(
    "226",
    "Episodes",
    ["PLACE", "REASON_PLACE_CHANGE"],
    "Reason for placement change is not required for temporary placements.",
)
def no_place_change_reason_for_temporary(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["PLACE"] in TEMPORARY and row["REASON_PLACE_CHANGE"]:
            yield i


@RULES.rule(
    "233",
    "Episodes",
    ["REASON_PLACE_CHANGE"],
    "Reason for placement change is not required when the episode has not ceased.",
)
def no_place_change_reason_while_open(c):
    for i, row in enumerate(c.table("Episodes")):
        if not row["DEC"] and row["REASON_PLACE_CHANGE"]:
            yield i


@RULES.rule(
    "234",
    "Episodes",
    ["DOB", "REASON_PLACE_CHANGE"],
    "A child aged under 10 can not change placement due to being admitted to custody",
)
def custody_not_under_10(c):
    for i, row in enumerate(c.table("Episodes")):
        years = age(c.dob.get(row["CHILD"]), c.d(row, "DEC"))
        if row["REASON_PLACE_CHANGE"] == "CUSTOD" and years is not None and years < 10:
            yield i


@RULES.rule("302", "Episodes", ["DECOM", "DOB"], "First episode starts before child was born.")
def first_episode_after_birth(c):
    for child, rows in c.episodes_by_child.items():
        born, started = c.dob.get(child), c.d(rows[0][1], "DECOM")
        if born and started and started < born:
            yield rows[0][0]


@RULES.rule(
    "352", "Episodes", ["DECOM", "RNE"], "Child who started to be looked after was aged 18 or over."
)
def started_under_18(c):
    for i, row in enumerate(c.table("Episodes")):
        years = age(c.dob.get(row["CHILD"]), c.d(row, "DECOM"))
        if row["RNE"] == "S" and years is not None and years >= 18:
            yield i


@RULES.rule("353", "Episodes", ["DECOM"], "No episode submitted can start before 14 October 1991.")
def not_before_1991(c):
    for i, row in enumerate(c.table("Episodes")):
        started = c.d(row, "DECOM")
        if started and started < EARLIEST:
            yield i


@RULES.rule(
    "354",
    "Episodes",
    ["DECOM"],
    "Date episode ceased must be on or before the end of the current collection year.",
)
def starts_by_year_end(c):
    for i, row in enumerate(c.table("Episodes")):
        started = c.d(row, "DECOM")
        if started and started > c.end:
            yield i


@RULES.rule(
    "355",
    "Episodes",
    ["DEC", "DECOM"],
    "Episode appears to have lasted for less than 24 hours",
    QUERY,
)
def lasts_a_day(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["DEC"] and row["DEC"] == row["DECOM"]:
            yield i


@RULES.rule(
    "356",
    "Episodes",
    ["DECOM"],
    "The date the episode ceased is before the date the same episode started.",
)
def ends_after_start(c):
    for i, row in enumerate(c.table("Episodes")):
        started, ended = c.d(row, "DECOM"), c.d(row, "DEC")
        if started and ended and ended < started:
            yield i


@RULES.rule(
    "357",
    "Episodes",
    ["RNE"],
    "If this is the first episode ever for this child, reason for new episode must be S.  Check "
    "whether there is an episode immediately preceding this one, which has been left out.  If "
    "not the reason for new episode code must be amended to S.",
)
def first_episode_starts_care(c):
    for rows in c.episodes_by_child.values():
        i, row = rows[0]
        if row["RNE"] != "S":
            yield i


def _longest(code: str, status: frozenset, days: int, message: str):
    def check(c):
        for i, row in enumerate(c.table("Episodes")):
            started, ended = c.d(row, "DECOM"), c.d(row, "DEC")
            if row["LS"] in status and started and ended and (ended - started).days > days:
                yield i

    return RULES.rule(code, "Episodes", ["DEC", "DECOM", "LS"], message)(check)


police_protection_72_hours = _longest(
    "361",
    frozenset({"L1"}),
    3,
    "Police protection legal status lasted longer than maximum 72 hours allowed in the "
    "Children Act 1989.",
)
emergency_protection_21_days = _longest(
    "362", frozenset({"L2"}), 21, "Emergency protection order (EPO) lasted longer than 21 days"
)
child_assessment_7_days = _longest(
    "363",
    frozenset({"L3"}),
    7,
    "Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.",
)
respite_17_days = _longest(
    "365",
    frozenset({"V3"}),
    17,
    "Any individual short- term respite placement must not exceed 17 days.",
)


def _placed_at_least(code: str, places: frozenset, years: int, message: str):
    def check(c):
        for i, row in enumerate(c.table("Episodes")):
            child_age = age(c.dob.get(row["CHILD"]), c.d(row, "DECOM"))
            if row["PLACE"] in places and child_age is not None and child_age < years:
                yield i

    return RULES.rule(code, "Episodes", ["DECOM", "PLACE"], message)(check)


supported_accommodation_16 = _placed_at_least(
    "371",
    frozenset({"K3"}),
    16,
    "Child in supported accomodation not subject to children’s homes regulations should be at "
    "least 16.",
)
custody_placement_10 = _placed_at_least(
    "372", CUSTODY_PLACEMENTS, 10, "Child in youth custody or prison should be at least 10."
)
school_placement_4 = _placed_at_least(
    "373", frozenset({"S1"}), 4, "Child placed in a school should be at least 4 years old."
)
residential_employment_14 = _placed_at_least(
    "374", frozenset({"P3"}), 14, "Child in residential employment should be at least 14 years old."
)


@RULES.rule(
    "378",
    "Episodes",
    ["LS", "PLACE"],
    "A child who is placed with parent(s) cannot be looked after under a single period of "
    "accommodation under Section 20 of the Children Act 1989.",
)
def no_section_20_with_parents(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["PLACE"] == "P1" and row["LS"] == "V2":
            yield i


@RULES.rule(
    "380", "Episodes", ["PLACE", "RNE"], "A period of care cannot start with a temporary placement."
)
def care_does_not_start_temporary(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["RNE"] == "S" and row["PLACE"] in TEMPORARY:
            yield i


@RULES.rule(
    "381", "Episodes", ["PLACE", "REC"], "A period of care cannot end with a temporary placement."
)
def care_does_not_end_temporary(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["PLACE"] in TEMPORARY and row["REC"] and row["REC"] != "X1":
            yield i


@RULES.rule(
    "382",
    "Episodes",
    ["LS", "PLACE"],
    "A child receiving respite care cannot be in a temporary placement.",
)
def respite_not_temporary(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["LS"] in SHORT_BREAKS and row["PLACE"] in TEMPORARY:
            yield i


@RULES.rule(
    "385",
    "Episodes",
    ["DEC"],
    "Date episode ceased must be on or before the end of the current collection year.",
)
def ends_by_year_end(c):
    for i, row in enumerate(c.table("Episodes")):
        ended = c.d(row, "DEC")
        if ended and ended > c.end:
            yield i


def _ceased_at_age(code: str, reasons: frozenset, compare, years: int, message: str):
    def check(c):
        for i, row in enumerate(c.table("Episodes")):
            child_age = age(c.dob.get(row["CHILD"]), c.d(row, "DEC"))
            if row["REC"] in reasons and child_age is not None and compare(child_age, years):
                yield i

    return RULES.rule(code, "Episodes", ["REC"], message)(check)


adopted_under_18 = _ceased_at_age(
    "386", ADOPTED, int.__ge__, 18, "Reason episode ceased is adopted but child has reached age 18."
)
independent_living_from_14 = _ceased_at_age(
    "387",
    frozenset({"E5", "E6"}),
    int.__lt__,
    14,
    "Reason episode ceased is child moved into independent living arrangement, but the child is "
    "aged under 14.",
)
adult_services_from_16 = _ceased_at_age(
    "389",
    frozenset({"E7"}),
    int.__lt__,
    16,
    "Reason episode ceased is that child transferred to care of adult social care services, but "
    "child is aged under 16.",
)
special_guardianship_under_18 = _ceased_at_age(
    "407",
    frozenset({"E45", "E46", "E47", "E48"}),
    int.__ge__,
    18,
    "Reason episode ceased is Special Guardianship Order, but child has reached age 18.",
)


@RULES.rule(
    "388",
    "Episodes",
    ["REC"],
    "Reason episode ceased is coded new episode begins, but there is no continuation episode.",
)
def continuation_follows_x1(c):
    for rows in c.episodes_by_child.values():
        i, last = rows[-1]
        if last["REC"] == "X1":
            yield i


@RULES.rule(
    "431",
    "Episodes",
    ["DECOM", "RNE"],
    "The reason for new episode is started to be looked after, but the previous episode ended on "
    "the same day.",
)
def new_period_not_same_day(c):
    for rows in c.episodes_by_child.values():
        for (_, before), (i, row) in zip(rows, rows[1:], strict=False):
            if row["RNE"] == "S" and before["DEC"] and before["DEC"] == row["DECOM"]:
                yield i


@RULES.rule(
    "432",
    "Episodes",
    ["RNE"],
    "The child ceased to be looked after at the end of the previous episode but the reason for "
    "the new episode is not started to be looked after.",
)
def new_period_after_care_ended(c):
    for rows in c.episodes_by_child.values():
        for (_, before), (i, row) in zip(rows, rows[1:], strict=False):
            if before["REC"] and before["REC"] != "X1" and row["RNE"] != "S":
                yield i


@RULES.rule(
    "433",
    "Episodes",
    ["DECOM", "RNE"],
    "The reason for new episode suggests that this is a continuation episode, but the episode "
    "does not start on the same day as the last episode finished.",
)
def continuation_same_day(c):
    for rows in c.episodes_by_child.values():
        for (_, before), (i, row) in zip(rows, rows[1:], strict=False):
            if (
                row["RNE"] in {"P", "B", "T", "U", "L"}
                and before["DEC"]
                and before["DEC"] != row["DECOM"]
            ):
                yield i


@RULES.rule(
    "434",
    "Episodes",
    ["LS", "PLACE", "PLACE_PROVIDER", "PL_POST", "RNE", "URN"],
    "Reason for new episode is that child's legal status has changed but not the placement, but "
    "this is not reflected in the episode data.",
)
def legal_status_change_only(c):
    same_placement = ("PLACE", "PLACE_PROVIDER", "PL_POST", "URN")
    for rows in c.episodes_by_child.values():
        for (_, before), (i, row) in zip(rows, rows[1:], strict=False):
            if row["RNE"] == "L" and (
                row["LS"] == before["LS"] or any(row[col] != before[col] for col in same_placement)
            ):
                yield i


@RULES.rule(
    "437",
    "Episodes",
    ["REC"],
    "Reason episode ceased is child has died or is aged 18 or over but there are further episodes.",
)
def nothing_after_death_or_18(c):
    for rows in c.episodes_by_child.values():
        for i, row in rows[:-1]:
            if row["REC"] in {"E2", "E15"}:
                yield i


@RULES.rule(
    "446",
    "Episodes",
    ["DECOM", "LS"],
    "E1 is not a valid code for episodes starting before December 2005.",
)
def placement_order_from_2005(c):
    for i, row in enumerate(c.table("Episodes")):
        started = c.d(row, "DECOM")
        if row["LS"] == "E1" and started and started < date(2005, 12, 30):
            yield i


@RULES.rule(
    "YEAR",
    "Episodes",
    ["DECOM", "DEC"],
    "No episode in the return is open during the collection year: is this another year's return?",
)
def episodes_in_the_year(c):
    rows = c.table("Episodes")
    for row in rows:
        started, ended = c.d(row, "DECOM"), c.d(row, "DEC")
        if started and started <= c.end and (ended is None or ended >= c.start):
            return
    if rows:
        yield 0


@RULES.rule(
    "516",
    "Episodes",
    ["PLACE", "REC"],
    "The episode data submitted for this child does not show that he/she was with their former "
    "foster carer(s) during the year.If the code in the reason episode ceased is E45 or E46 the "
    "child must have a placement code of U1 to U6.",
)
def sgo_to_foster_carers_from_foster_placement(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["REC"] in ("E45", "E46") and row["PLACE"] not in FOSTER:
            yield i


@RULES.rule(
    "553",
    "Episodes",
    ["LS"],
    "Placement order has been granted but there is no date of decision that the child should "
    "be placed for adoption.",
)
def placement_order_has_adoption_decision(c):
    decided = {row["CHILD"] for row in c.table("PlacedAdoption")}
    for i, row in enumerate(c.table("Episodes")):
        if row["LS"] == "E1" and row["CHILD"] not in decided:
            yield i


@RULES.rule("218", "Episodes", ["URN"], "Ofsted Unique reference number (URN) is required.")
def urn_required(c):
    for i, row in enumerate(c.table("Episodes")):
        ended = c.d(row, "DEC")
        if (
            not row["URN"]
            and row["PLACE"] not in URN_EXEMPT
            and (ended is None or ended >= c.start)
        ):
            yield i


def _temporary_longest(code: str, place: str, days: int, message: str):
    def check(c):
        for i, row in enumerate(c.table("Episodes")):
            started, ended = c.d(row, "DECOM"), c.d(row, "DEC")
            if row["PLACE"] == place and started and ended and (ended - started).days > days:
                yield i

    return RULES.rule(code, "Episodes", ["DECOM", "PLACE"], message)(check)


hospital_six_weeks = _temporary_longest(
    "375",
    "T1",
    42,
    "Hospitalisation coded as a temporary placement exceeds six weeks.",
)
carer_holiday_three_weeks = _temporary_longest(
    "376",
    "T3",
    21,
    "Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed "
    "three weeks.",
)
unspecified_temporary_seven_days = _temporary_longest(
    "379",
    "T4",
    7,
    "Temporary placements for unspecified reason (placement code T4) cannot exceed seven days.",
)


@RULES.rule(
    "384",
    "Episodes",
    ["LS", "PLACE"],
    "A child receiving respite care cannot be in a long-term foster placement ",
)
def respite_not_long_term_foster(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["LS"] in SHORT_BREAKS and row["PLACE"] in ("U1", "U4"):
            yield i


@RULES.rule(
    "390",
    "Episodes",
    ["PLACE", "REC"],
    "Reason episode ceased is adopted but child has not been previously placed for adoption.",
)
def adopted_from_adoptive_placement(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["REC"] in ADOPTED and row["PLACE"] not in ("A3", "A4", "A5", "A6"):
            yield i


@RULES.rule(
    "408",
    "Episodes",
    ["LS", "PLACE"],
    "Child is placed for adoption with a placement order, but no placement order has been "
    "recorded.",
)
def adoptive_placement_has_order(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["PLACE"] in ("A5", "A6") and row["LS"] not in ("E1", "D1"):
            yield i


@RULES.rule(
    "426",
    "Episodes",
    ["LS"],
    "A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the "
    "same year.",
)
def not_both_kinds_of_short_break(c):
    for rows in c.episodes_by_child.values():
        statuses = {row["LS"] for _, row in rows}
        if {"V3", "V4"} <= statuses:
            yield from (i for i, row in rows if row["LS"] in SHORT_BREAKS)


@RULES.rule(
    "435",
    "Episodes",
    ["LS", "PLACE", "PLACE_PROVIDER", "PL_POST", "URN"],
    "Reason for new episode is that child’s placement has changed but not the legal status, but "
    "this is not reflected in the episode data.",
)
def placement_change_only(c):
    for rows in c.episodes_by_child.values():
        for (_, before), (i, row) in zip(rows, rows[1:], strict=False):
            if row["RNE"] in ("P", "T") and (
                row["LS"] != before["LS"]
                or all(
                    row[col] == before[col] for col in ("PLACE", "PLACE_PROVIDER", "PL_POST", "URN")
                )
            ):
                yield i


@RULES.rule(
    "436",
    "Episodes",
    ["LS", "PLACE", "PLACE_PROVIDER", "PL_POST", "RNE", "URN"],
    "Reason for new episode is that both child’s placement and legal status have changed, but "
    "this is not reflected in the episode data.",
)
def placement_and_status_change(c):
    for rows in c.episodes_by_child.values():
        for (_, before), (i, row) in zip(rows, rows[1:], strict=False):
            if row["RNE"] in ("B", "U") and (
                row["LS"] == before["LS"]
                or all(
                    row[col] == before[col] for col in ("PLACE", "PLACE_PROVIDER", "PL_POST", "URN")
                )
            ):
                yield i


@RULES.rule(
    "358",
    "Episodes",
    ["DECOM", "DOB", "LS"],
    "Child with this legal status should not be under 10.",
)
def youth_justice_status_from_10(c):
    for i, row in enumerate(c.table("Episodes")):
        years = age(c.dob.get(row["CHILD"]), c.d(row, "DECOM"))
        if row["LS"] in ("J1", "J2", "J3") and years is not None and years < 10:
            yield i
