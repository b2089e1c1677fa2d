"""The clock context is read in one query and holds what the four settings tables say."""

from datetime import date

import pytest

from safeguard.compliance import calendar, pauses
from safeguard.compliance.models import (
    LocalClosureDay,
    LocalPauseSetting,
    LocalRuleSetting,
    SchoolTerm,
)
from safeguard.compliance.services import clock_context

pytestmark = pytest.mark.django_db


def test_context_reads_every_setting_in_one_query(django_assert_num_queries):
    # Given a local period, two closure days, a term and a pause setting,
    LocalRuleSetting.objects.create(
        rule_code="CP_VISIT", period=8, decided_by="LSCP", decided_on=date(2025, 4, 1)
    )
    LocalClosureDay.objects.create(date=date(2025, 12, 29), reason="Christmas")
    LocalClosureDay.objects.create(date=date(2025, 12, 24), reason="Christmas Eve")
    SchoolTerm.objects.create(
        academic_year=2025,
        name="autumn_1",
        start_date=date(2025, 9, 3),
        end_date=date(2025, 10, 24),
    )
    LocalPauseSetting.objects.create(
        condition="child_missing", enabled=True, decided_by="LSCP", decided_on=date(2026, 1, 5)
    )
    # when the context is loaded, it takes one query
    with django_assert_num_queries(1):
        context = clock_context()
    # and holds the same values and calendars as reading each table on its own.
    assert context.periods == {"CP_VISIT": 8}
    assert context.working is calendar.working_calendar()
    assert context.school is calendar.school_calendar()
    assert context.paused_conditions == pauses.enabled_conditions()
    assert "child_missing" in context.paused_conditions
    assert context.working.add(date(2025, 12, 23), 1) == date(2025, 12, 30)


def test_context_with_no_settings(django_assert_num_queries):
    with django_assert_num_queries(1):
        context = clock_context()
    assert context.periods == {}
    assert context.working is calendar.working_calendar(())
    assert context.paused_conditions == pauses.enabled_conditions({})
