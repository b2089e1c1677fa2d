from dataclasses import replace

import pytest

from safeguard.compliance.checks import check_rule_catalogue
from safeguard.compliance.choices import Unit
from safeguard.compliance.rules import EVENTS, RULES, register_rule, rule_get, validate_catalogue


def test_catalogue_is_sound():
    assert validate_catalogue() == []
    assert check_rule_catalogue() == []


def test_catalogue_has_every_duty_the_issue_names():
    required = {
        "CONTACT_DECISION",
        "SINGLE_ASSESSMENT",
        "STRATEGY_DISCUSSION",
        "ICPC",
        "CORE_GROUP_FIRST",
        "CORE_GROUP",
        "RCPC_FIRST",
        "RCPC",
        "CP_VISIT",
        "CIN_PLAN_REVIEW",
        "CIN_VISIT",
        "LAC_VISIT_FIRST_WEEK",
        "LAC_VISIT_FIRST_YEAR",
        "LAC_VISIT_LONG_TERM",
        "LAC_VISIT",
        "LAC_REVIEW_FIRST",
        "LAC_REVIEW_SECOND",
        "LAC_REVIEW",
        "INITIAL_HEALTH_ASSESSMENT",
        "REVIEW_HEALTH_ASSESSMENT_UNDER_5",
        "REVIEW_HEALTH_ASSESSMENT",
        "PEP_INITIAL",
        "PEP_REVIEW",
        "RHI_OFFER",
        "CME_FIRST_CHECKS",
        "CME_NOTIFY_10_DAYS",
        "CME_ENQUIRIES_20_DAYS",
        "EHC_NEEDS_ASSESSMENT",
        "CARE_LEAVER_NEEDS_ASSESSMENT",
        "PATHWAY_PLAN_REVIEW",
        "ALLOCATION",
        "SUPERVISION",
        "SUPERVISION_NQSW",
        "APPRAISAL",
        "EXPLOITATION_RISK_ASSESSMENT",
        "EXPLOITATION_PLAN_REVIEW",
    }
    assert required <= set(RULES)


@pytest.mark.parametrize(
    ("code", "period", "unit", "statutory"),
    [
        ("CONTACT_DECISION", 1, Unit.WORKING_DAYS, True),
        ("SINGLE_ASSESSMENT", 45, Unit.WORKING_DAYS, True),
        ("ICPC", 15, Unit.WORKING_DAYS, True),
        ("CORE_GROUP_FIRST", 10, Unit.WORKING_DAYS, True),
        ("RCPC_FIRST", 3, Unit.MONTHS, True),
        ("RCPC", 6, Unit.MONTHS, True),
        ("CP_VISIT", 10, Unit.WORKING_DAYS, False),
        ("LAC_VISIT_FIRST_WEEK", 1, Unit.WEEKS, True),
        ("LAC_REVIEW_FIRST", 20, Unit.WORKING_DAYS, True),
        ("RHI_OFFER", 72, Unit.HOURS, True),
        ("EHC_NEEDS_ASSESSMENT", 20, Unit.WEEKS, True),
        ("ALLOCATION", 7, Unit.CALENDAR_DAYS, False),
        ("PEP_INITIAL", 20, Unit.SCHOOL_DAYS, True),
    ],
)
def test_values_and_whether_statutory(code, period, unit, statutory):
    rule = RULES[code]
    assert (rule.period, rule.unit, rule.statutory) == (period, unit, statutory)
    assert rule.source.document and rule.source.paragraph


def test_every_local_rule_allows_a_local_value():
    assert all(r.local_override_allowed for r in RULES.values() if not r.statutory)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"unit": "fortnights"}, "unknown unit 'fortnights'"),
        ({"start_event": "moon_rises"}, "unknown start event 'moon_rises'"),
        ({"satisfied_by": ("icpc", "tea_break")}, "unknown satisfying event 'tea_break'"),
        ({"period": 0}, "at least 1"),
    ],
)
def test_bad_rule_is_reported_by_the_system_check(monkeypatch, change, message):
    # Given a rule with an unknown unit or event,
    bad = replace(RULES["ICPC"], code="BAD_RULE", **change)
    monkeypatch.setitem(RULES, "BAD_RULE", bad)
    # then the system check reports it plainly.
    errors = check_rule_catalogue()
    assert len(errors) == 1 and message in errors[0].msg and "BAD_RULE" in errors[0].msg


def test_register_rule_refuses_a_duplicate_code(monkeypatch):
    with pytest.raises(ValueError, match="already in the catalogue"):
        register_rule(RULES["ICPC"])
    new = replace(RULES["ICPC"], code="NEW_RULE")
    monkeypatch.setitem(RULES, "NEW_RULE", RULES["ICPC"])
    monkeypatch.delitem(RULES, "NEW_RULE")
    register_rule(new)
    try:
        assert rule_get("NEW_RULE") is new
    finally:
        del RULES["NEW_RULE"]


def test_rule_get_names_an_unknown_code():
    with pytest.raises(KeyError, match="no clock rule 'NOPE'"):
        rule_get("NOPE")


def test_events_are_plain_words():
    assert all(words and words == words.strip() for words in EVENTS.values())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "period", "message"),
    [
        ("NO_SUCH", 5, "There is no rule 'NO_SUCH'"),
        ("LAC_REVIEW_FIRST", 10, "has no local value"),
        ("ICPC", 20, "may only be stricter than the statutory 15 working days"),
        ("CP_VISIT", 0, "at least 1"),
    ],
)
def test_local_setting_is_validated(code, period, message):
    from datetime import date

    from django.core.exceptions import ValidationError

    from safeguard.compliance.models import LocalRuleSetting

    setting = LocalRuleSetting(
        rule_code=code, period=period, decided_by="LSCP", decided_on=date(2025, 1, 1)
    )
    with pytest.raises(ValidationError, match=message):
        setting.full_clean()


@pytest.mark.django_db
def test_local_setting_stricter_or_local_is_accepted():
    from datetime import date

    from safeguard.compliance.models import LocalRuleSetting

    LocalRuleSetting(
        rule_code="ICPC", period=10, decided_by="LSCP", decided_on=date(2025, 1, 1)
    ).full_clean()
    LocalRuleSetting(
        rule_code="CP_VISIT", period=20, decided_by="LSCP", decided_on=date(2025, 1, 1)
    ).full_clean()
