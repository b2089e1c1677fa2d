"""Each 2025/26 CIN census rule: a clean return passes it, one small change makes it fail."""

import csv
from datetime import date as d
from pathlib import Path

import pytest
from django.conf import settings

from safeguard.returns.cin_census.rules import rules_for_year, rules_run
from safeguard.returns.cin_census.rules.y2025_26.identifiers import upn_check_letter
from safeguard.returns.cin_census.table import CinReturn, Disabilities, Factors, Header
from safeguard.returns.cin_census.years import collection_year

YEAR = collection_year(2026)
RULES = rules_for_year(2026)
RULES_CSV = str(Path(settings.SAFEGUARD_REFERENCE_DIR) / "cin/rules/cin_rules_2025_26.csv")


def _upn(la: str = "201") -> str:
    body = f"X{la}0001" + "15" + "001"
    return upn_check_letter(body) + body[1:]


def clean_return() -> CinReturn:
    """Return a two-child 2025/26 return that breaks no rule.

    Child 0 (A1): born, eight disabilities, one open episode with an assessment, a section 47
    leading to a conference and a protection plan (reviewed, ended), then a CIN plan.
    Child 1 (B2): unborn, one open referral with no further action.
    """
    r = CinReturn(header=Header(year=2026, reference_date=d(2026, 3, 31), lea="201"))
    a = r.children.add(
        la_child_id="A1",
        upn=_upn(),
        birth_date=d(2015, 5, 1),
        sex="F",
        ethnicity="WBRI",
        person_id=1,
    )
    for code in ["MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS"]:
        r.disabilities.add(child=a, code=code)
    cin = r.cin.add(
        child=a,
        referral_date=d(2025, 5, 1),
        referral_source="1A",
        primary_need="N1",
        referral_nfa=False,
    )
    assessment = r.assessments.add(
        cin=cin, child=a, start_date=d(2025, 5, 2), authorisation_date=d(2025, 6, 1)
    )
    for code in ["2A", "3A"]:
        r.factors.add(assessment=assessment, child=a, code=code)
    r.section_47s.add(
        cin=cin,
        child=a,
        start_date=d(2025, 6, 2),
        icpc_target=d(2025, 6, 20),
        icpc_date=d(2025, 6, 16),
        icpc_not_required=False,
    )
    plan = r.protection_plans.add(
        cin=cin,
        child=a,
        start_date=d(2025, 6, 16),
        end_date=d(2025, 12, 1),
        initial_category="NEG",
        latest_category="NEG",
        previous_plans=0,
    )
    r.reviews.add(plan=plan, child=a, review_date=d(2025, 9, 15))
    r.cin_plans.add(cin=cin, child=a, start_date=d(2025, 12, 1))
    b = r.children.add(
        la_child_id="B2",
        upn_unknown="UN1",
        expected_birth_date=d(2026, 6, 1),
        sex="U",
        ethnicity="WBRI",
        person_id=2,
    )
    r.cin.add(child=b, referral_date=d(2026, 3, 20), referral_source="1A", referral_nfa=True)
    return r


def _set(table, column, index, value):
    getattr(table, column)[index] = value


def _only(r, codes):
    r.disabilities = Disabilities()
    for code in codes:
        r.disabilities.add(child=0, code=code)


def _factors(r, codes):
    r.factors = Factors()
    for code in codes:
        r.factors.add(assessment=0, child=0, code=code)


def _close(r, day, reason, cin=0):
    _set(r.cin, "closure_date", cin, day)
    _set(r.cin, "closure_reason", cin, reason)


def _cin_plan(r, start, end=None, cin=0):
    r.cin_plans.add(cin=cin, child=r.cin.child[cin], start_date=start, end_date=end)


def _assessment(r, start, end=None, cin=0):
    r.assessments.add(cin=cin, child=r.cin.child[cin], start_date=start, authorisation_date=end)


def _s47(r, start, icpc=None, cin=0):
    r.section_47s.add(
        cin=cin, child=r.cin.child[cin], start_date=start, icpc_date=icpc, icpc_not_required=False
    )


def _cpp(r, start, end=None, cin=0):
    r.protection_plans.add(
        cin=cin,
        child=r.cin.child[cin],
        start_date=start,
        end_date=end,
        initial_category="NEG",
        latest_category="NEG",
        previous_plans=0,
    )


def _cin(r, referred, closed=None, reason=None, nfa=False, child=0):
    r.cin.add(
        child=child,
        referral_date=referred,
        referral_source="1A",
        primary_need="N1",
        closure_date=closed,
        closure_reason=reason,
        referral_nfa=nfa,
    )


# One change per rule that must make it fail (and, on the clean return, it must pass).
BREAKS = {
    "100": lambda r: setattr(r.header, "reference_date", d(2026, 3, 30)),
    "1103": lambda r: _set(r.assessments, "start_date", 0, d(2025, 4, 30)),
    "1104": lambda r: _set(r.section_47s, "icpc_date", 0, d(2025, 4, 28)),
    "1105": lambda r: _set(r.protection_plans, "start_date", 0, d(2025, 4, 30)),
    "1510": lambda r: _set(r.children, "upn", 0, ("B" if _upn()[0] != "B" else "C") + _upn()[1:]),
    "1520": lambda r: _set(r.children, "upn", 1, _upn()),
    "1530": lambda r: _set(r.children, "upn", 0, _upn("999")),
    "1540": lambda r: _set(r.children, "upn", 0, _upn()[:4] + "X" + _upn()[5:]),
    "1550": lambda r: _set(r.children, "upn", 0, _upn()[:12] + "I"),
    "1560Q": lambda r: _set(r.children, "former_upn", 0, "BAD"),
    "1570": lambda r: _set(r.children, "la_child_id", 0, "A" * 21),
    "1580": lambda r: _set(r.children, "la_child_id", 0, "A-1"),
    "2883": lambda r: _cpp(r, d(2025, 12, 2)),
    "2884": lambda r: _set(r.cin, "date_of_initial_cpc", 0, d(2025, 6, 16)),
    "2885": lambda r: _set(r.protection_plans, "start_date", 0, d(2025, 6, 17)),
    "2886Q": lambda r: _set(r.children, "sex", 0, "U"),
    "2887Q": lambda r: _only(r, ["HAND", "HEAR"]),
    "2888Q": lambda r: _only(r, ["HAND"]),
    "2889": lambda r: _set(r.section_47s, "start_date", 0, d(2025, 4, 30)),
    "2990": lambda r: _close(r, d(2026, 3, 1), "RC8"),
    "2991Q": lambda r: _set(r.assessments, "cin", 0, 1),
    "4000": lambda r: _cin_plan(r, d(2026, 3, 21), cin=1),
    "4001": lambda r: _set(r.protection_plans, "end_date", 0, None),
    "4003": lambda r: _set(r.reviews, "review_date", 0, d(2025, 12, 10)),
    "4004": lambda r: _cin_plan(r, d(2026, 1, 5)),
    "4008": lambda r: _set(r.children, "death_date", 0, d(2025, 11, 1)),
    "4009Q": lambda r: (
        _set(r.cin_plans, "end_date", 0, d(2026, 2, 1)),
        _set(r.children, "death_date", 0, d(2026, 1, 1)),
    ),
    "4010": lambda r: _set(r.cin_plans, "start_date", 0, d(2026, 4, 2)),
    "4011": lambda r: _set(r.cin_plans, "end_date", 0, d(2025, 11, 1)),
    "4012Q": lambda r: _set(r.cin_plans, "end_date", 0, d(2025, 12, 1)),
    "4013": lambda r: _set(r.cin_plans, "end_date", 0, d(2026, 4, 5)),
    "4014": lambda r: _cin_plan(r, d(2025, 12, 5), d(2025, 12, 20)),
    "4015": lambda r: _set(r.cin_plans, "start_date", 0, d(2025, 4, 15)),
    "4016": lambda r: _set(r.cin_plans, "start_date", 0, d(2025, 7, 1)),
    "4017": lambda r: _set(r.cin_plans, "start_date", 0, d(2025, 6, 1)),
    "4180": lambda r: _set(r.children, "sex", 0, "X"),
    "4220": lambda r: _set(r.children, "ethnicity", 0, "ZZZZ"),
    "8500": lambda r: _set(r.children, "la_child_id", 0, None),
    "8510": lambda r: _set(r.children, "la_child_id", 1, "A1"),
    "8520": lambda r: _set(r.children, "birth_date", 0, d(2026, 4, 2)),
    "8525Q": lambda r: _set(r.children, "expected_birth_date", 0, d(2015, 5, 1)),
    "8530Q": lambda r: _set(r.children, "expected_birth_date", 1, d(2027, 2, 1)),
    "8535Q": lambda r: _set(r.children, "death_date", 0, d(2010, 1, 1)),
    "8540": lambda r: _set(r.disabilities, "code", 0, "XYZ"),
    "8545Q": lambda r: _set(r.children, "death_date", 0, d(2024, 1, 1)),
    "8555Q": lambda r: _set(r.children, "death_date", 0, d(2025, 4, 15)),
    "8565": lambda r: _close(r, d(2025, 6, 5), "RC7"),
    "8568": lambda r: _set(r.cin, "referral_nfa", 0, None),
    "8569Q": lambda r: _set(r.cin, "referral_date", 1, d(2025, 1, 1)),
    "8585Q": lambda r: _close(r, d(2026, 3, 1), "RC2"),
    "8590": lambda r: r.children.add(la_child_id="C3", sex="M", ethnicity="WBRI"),
    "8600": lambda r: _set(r.cin, "referral_date", 0, d(2026, 4, 2)),
    "8606": lambda r: _set(r.cin, "referral_date", 0, d(2014, 1, 1)),
    "8608": lambda r: _set(r.assessments, "start_date", 0, d(2025, 6, 5)),
    "8610": lambda r: _set(r.cin, "primary_need", 0, None),
    "8614": lambda r: _set(r.assessments, "authorisation_date", 0, None),
    "8615": lambda r: _set(r.section_47s, "start_date", 0, d(2025, 6, 17)),
    "8620": lambda r: _close(r, d(2026, 4, 2), "RC7"),
    "8630": lambda r: _close(r, d(2025, 4, 20), "RC7"),
    "8640": lambda r: _close(r, d(2026, 3, 30), "RC0"),
    "8650": lambda r: _set(r.cin, "primary_need", 0, "N99"),
    "8670Q": lambda r: _assessment(r, d(2025, 7, 1)),
    "8675Q": lambda r: _set(r.section_47s, "icpc_date", 0, None),
    "8696": lambda r: _set(r.assessments, "authorisation_date", 0, d(2026, 4, 5)),
    "8715": lambda r: _set(r.section_47s, "icpc_date", 0, d(2026, 4, 6)),
    "8720": lambda r: _set(r.protection_plans, "start_date", 0, d(2026, 4, 6)),
    "8730": lambda r: _set(r.protection_plans, "previous_plans", 0, None),
    "8736": lambda r: _assessment(r, d(2025, 3, 3)),
    "8740": lambda r: _s47(r, d(2025, 3, 3)),
    "8750": lambda r: _set(r.children, "sex", 1, "F"),
    "8770Q": lambda r: _set(r.children, "upn", 0, None),
    "8772": lambda r: _set(r.children, "upn_unknown", 0, "UN7"),
    "8775Q": lambda r: _set(r.children, "birth_date", 0, d(1990, 1, 1)),
    "8790": lambda r: r.disabilities.add(child=0, code="NONE"),
    "8794": lambda r: r.disabilities.add(child=0, code="HAND"),
    "8805": lambda r: _set(r.cin, "closure_date", 0, d(2026, 3, 30)),
    "8810": lambda r: _set(r.cin, "closure_reason", 0, "RC7"),
    "8815": lambda r: _cin(r, d(2025, 6, 1)),
    "8816": lambda r: _cin(r, d(2026, 1, 1), d(2026, 2, 1), "RC7"),
    "8820": lambda r: _cin(r, d(2025, 1, 1), d(2025, 6, 1), "RC7"),
    "8825Q": lambda r: _close(r, d(2026, 3, 25), "RC8", cin=1),
    "8831": lambda r: _assessment(r, d(2026, 3, 21), cin=1),
    "8832": lambda r: _set(r.protection_plans, "cin", 0, 1),
    "8839": lambda r: (_set(r.section_47s, "icpc_date", 0, None), _s47(r, d(2025, 7, 1))),
    "8840": lambda r: _set(r.protection_plans, "end_date", 0, d(2025, 6, 16)),
    "8841": lambda r: _set(r.reviews, "review_date", 0, d(2025, 6, 16)),
    "8842Q": lambda r: _set(r.reviews, "review_date", 0, None),
    "8863Q": lambda r: _assessment(r, d(2025, 5, 20), d(2025, 5, 30)),
    "8866": lambda r: _set(r.cin, "referral_source", 0, "ZZ"),
    "8867": lambda r: (_close(r, d(2026, 3, 1), "RC7"), _assessment(r, d(2025, 9, 1))),
    "8868": lambda r: (_close(r, d(2026, 3, 1), "RC7"), _s47(r, d(2025, 9, 1))),
    "8869": lambda r: r.factors.add(assessment=0, child=0, code="21"),
    "8870Q": lambda r: _set(r.section_47s, "icpc_target", 0, d(2025, 6, 21)),
    "8873Q": lambda r: (_factors(r, ["21"]), _close(r, d(2026, 3, 1), "RC7")),
    "8875": lambda r: _set(r.section_47s, "icpc_date", 0, d(2025, 6, 14)),
    "8890": lambda r: _s47(r, d(2025, 6, 5), d(2025, 6, 18)),
    "8896": lambda r: (_assessment(r, d(2025, 9, 1)), _assessment(r, d(2025, 9, 2))),
    "8897Q": lambda r: _factors(r, []),
    "8898": lambda r: _set(r.factors, "code", 1, "2A"),
    "8905": lambda r: _set(r.protection_plans, "initial_category", 0, "XXX"),
    "8910": lambda r: _set(r.protection_plans, "latest_category", 0, "XXX"),
    "8915": lambda r: _set(r.children, "death_date", 0, d(2025, 6, 1)),
    "8920": lambda r: _set(r.children, "death_date", 0, d(2025, 11, 1)),
    "8925": lambda r: _set(r.protection_plans, "end_date", 0, d(2025, 6, 1)),
    "8930": lambda r: _set(r.protection_plans, "end_date", 0, d(2026, 4, 5)),
    "8935": lambda r: (_set(r.protection_plans, "end_date", 0, None), _cpp(r, d(2026, 1, 5))),
    "8940": lambda r: _cpp(r, d(2025, 7, 1), d(2025, 8, 1)),
    "8945Q": lambda r: _set(r.factors, "code", 1, "18A"),
    "8950Q": lambda r: _set(r.factors, "code", 1, "19A"),
}


def _codes(cin_return) -> set[str]:
    return {f.code for f in rules_run(cin_return, RULES, year=YEAR)}


def test_every_rule_of_the_year_is_implemented_with_its_published_message():
    with open(RULES_CSV, encoding="utf-8") as handle:
        published = {row["rule_code"]: row for row in csv.DictReader(handle)}
    assert {rule.code for rule in RULES} == set(published)
    for rule in RULES:
        row = published[rule.code]
        assert (rule.severity, rule.message) == (row["rule_type"], row["message"])
        assert list(rule.fields) == row["affected_fields"].split(";")
    assert set(BREAKS) == set(published)


def test_the_clean_return_breaks_no_rule():
    assert _codes(clean_return()) == set()


@pytest.mark.parametrize("code", sorted(BREAKS))
def test_rule_passes_on_a_clean_return(code):
    # given a return with nothing wrong / when the rule runs / then it does not fire
    assert code not in _codes(clean_return())


@pytest.mark.parametrize("code", sorted(BREAKS))
def test_rule_fails_when_broken(code):
    # given the clean return with one thing wrong for this rule
    broken = clean_return()
    BREAKS[code](broken)
    # when the year's rules run / then this rule fires, naming a child unless return-wide
    failures = [f for f in rules_run(broken, RULES, year=YEAR) if f.code == code]
    assert failures
    if RULES[code].check.__name__ not in {
        "reference_date_is_the_census_date",
        "enough_disability_codes",
        "multiple_disabilities_recorded",
    }:
        assert all(f.la_child_id in {"A1", "B2", "A" * 21, "A-1", "C3", None} for f in failures)
        assert any(f.child is not None for f in failures)


def test_2026_27_reuses_the_2025_26_rules_by_reference():
    later = rules_for_year(2027)
    assert [r.code for r in later] == [r.code for r in RULES]
    assert all(later[r.code] is r for r in RULES)
