from datetime import date, datetime
from zoneinfo import ZoneInfo

from safeguard.compliance.explain import clock_explain
from safeguard.compliance.models import Clock, LocalClosureDay, LocalRuleSetting
from safeguard.compliance.registry import ClockSpec
from safeguard.compliance.services import clocks_recompute

LONDON = ZoneInfo("Europe/London")


def _explain(producer, child, spec, as_of=date(2026, 6, 1)):
    producer.specs = [spec]
    clocks_recompute(person_ids=[child.pk])
    return clock_explain(Clock.objects.get(), as_of=as_of)


def test_hours_are_explained_with_times(producer, child):
    spec = ClockSpec("RHI_OFFER", child.pk, "m", datetime(2026, 3, 27, 22, 30, tzinfo=LONDON))
    explanation = _explain(producer, child, spec)
    assert explanation.counting == "72 hours from 22:30 Fri 27 Mar 2026 → 23:30 Mon 30 Mar 2026."
    assert not explanation.stale


def test_months_are_explained_with_the_clamp(producer, child):
    spec = ClockSpec("RCPC_FIRST", child.pk, "c", date(2025, 11, 30))
    text = "\n".join(_explain(producer, child, spec).lines())
    assert "3 months from Sun 30 Nov 2025 (the same day of the month, or the month's last " in text
    assert "→ Sat 28 Feb 2026." in text
    assert "Source: Working Together to Safeguard Children (2018), ch. 1, flow chart 5" in text


def test_local_value_and_a_stale_due_date_are_shown(producer, child):
    # Given the authority visits every 15 working days,
    LocalRuleSetting.objects.create(
        rule_code="CP_VISIT", period=15, decided_by="LSCP", decided_on=date(2025, 4, 1)
    )
    spec = ClockSpec("CP_VISIT", child.pk, "v", date(2025, 12, 19))
    explanation = _explain(producer, child, spec)
    lines = "\n".join(explanation.lines())
    assert "Rule: 15 working days (local value set by LSCP on 1 Apr 2025; catalogue default " in (
        lines
    )
    assert explanation.counting.endswith("→ Wed 14 Jan 2026.")
    # When a closure day is added after the clock was counted,
    LocalClosureDay.objects.create(date=date(2025, 12, 29), reason="Christmas closure")
    explanation = clock_explain(Clock.objects.get(), as_of=date(2026, 1, 2))
    # then the explanation says a re-count now gives a later day.
    assert explanation.stale and explanation.recounted_due == date(2026, 1, 15)
    assert "run `clocks rebuild`" in "\n".join(explanation.lines())
    assert "29 Dec" in explanation.counting
