"""Pauses: a clock stands still while a pause is open, and its due date moves on after.

Working days in March and April 2026 (Sun 1 Mar; Good Friday 3 Apr and Easter Monday 6 Apr
are bank holidays):
    Mar: Mon 2, Tue 3 ... Fri 6, Mon 9 ... Fri 13, Mon 16 ... Fri 20
    Apr: Wed 1, Thu 2, [Fri 3 BH], [Mon 6 BH], Tue 7 ... Fri 10, Mon 13
"""

import json
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from safeguard.accounts.choices import Role
from safeguard.accounts.models import User
from safeguard.compliance.choices import ClockStatus, Unit
from safeguard.compliance.explain import clock_explain
from safeguard.compliance.models import Clock, LocalPauseSetting
from safeguard.compliance.pauses import apply_pauses
from safeguard.compliance.registry import ClockSpec, Pause
from safeguard.compliance.rules import RULES, PauseCondition, Rule, Source, validate_rule
from safeguard.compliance.selectors import clocks_with_status, status_of
from safeguard.compliance.services import clock_context, clocks_rebuild, clocks_recompute

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
MISSING = "missing from home"


@pytest.fixture
def pausing_on(db):
    """The authority has switched on pausing visits while the child is missing."""
    return LocalPauseSetting.objects.create(
        condition="child_missing", enabled=True, decided_by="LSCP", decided_on=date(2026, 1, 5)
    )


def visit(child, start, *pauses, completed=None, rule="CP_VISIT") -> ClockSpec:
    return ClockSpec(rule, child.pk, "plan:1:visit:0", start, completed=completed, pauses=pauses)


def the_clock() -> Clock:
    return Clock.objects.get()


def sql_status(clock: Clock, as_of: date) -> str:
    return clocks_with_status(Clock.objects.filter(pk=clock.pk), as_of=as_of).get().status


def test_pause_over_a_bank_holiday_weekend_adds_only_working_days(producer, child, pausing_on):
    # Given a CP visit clock from Wed 25 Mar 2026: 10 working days are Thu 26, Fri 27,
    # Mon 30, Tue 31, Wed 1 Apr, Thu 2, (Good Friday, weekend, Easter Monday skipped),
    # Tue 7, Wed 8, Thu 9, Fri 10 Apr: due Fri 10 Apr.
    # And the child missing from Thu 2 to Tue 7 Apr: (2 Apr, 7 Apr] holds Fri 3 (bank
    # holiday), Sat 4, Sun 5, Mon 6 (bank holiday) and Tue 7: one working day paused.
    producer.specs = [
        visit(child, date(2026, 3, 25), Pause(date(2026, 4, 2), date(2026, 4, 7), MISSING))
    ]
    # When the clocks are counted
    clocks_recompute(person_ids=[child.pk])
    clock = the_clock()
    # Then the due date moves on one working day, from Fri 10 to Mon 13 Apr.
    assert clock.due_on == date(2026, 4, 13)
    assert clock.pauses == [
        {"start": "2026-04-02", "end": "2026-04-07", "reason": MISSING, "added": 1}
    ]
    assert clock.paused_from == date(2026, 4, 2)


def test_open_pause_keeps_the_clock_paused_not_overdue(producer, child, pausing_on):
    # Given a CP visit clock from Mon 2 Mar 2026, due 10 working days later on Mon 16 Mar,
    # and the child missing since Tue 3 Mar and not yet found.
    producer.specs = [visit(child, date(2026, 3, 2), Pause(date(2026, 3, 3), None, MISSING))]
    clocks_recompute(person_ids=[child.pk])
    clock = the_clock()
    # Then nothing is added yet: the due date stays Mon 16 Mar until the pause ends,
    assert clock.due_on == date(2026, 3, 16)
    assert clock.pauses == [{"start": "2026-03-03", "end": None, "reason": MISSING}]
    # and the clock is due the day before, paused from the day the child went missing, and
    # still paused (not overdue) long after Mon 16 Mar.
    for as_of, expected in [
        (date(2026, 3, 2), ClockStatus.DUE),
        (date(2026, 3, 3), ClockStatus.PAUSED),
        (date(2026, 3, 17), ClockStatus.PAUSED),
        (date(2026, 6, 1), ClockStatus.PAUSED),
    ]:
        assert status_of(clock, as_of) == expected, as_of
        assert sql_status(clock, as_of) == expected, as_of


def test_pause_that_ends_moves_the_due_date_on(producer, child, pausing_on):
    # Given the clock from Mon 2 Mar 2026 (due Mon 16 Mar) and the child missing from Tue 3
    # to Sat 7 Mar: (3 Mar, 7 Mar] holds Wed 4, Thu 5 and Fri 6: 3 working days.
    producer.specs = [
        visit(child, date(2026, 3, 2), Pause(date(2026, 3, 3), date(2026, 3, 7), MISSING))
    ]
    clocks_recompute(person_ids=[child.pk])
    clock = the_clock()
    # Then the due date moves on 3 working days from Mon 16 Mar: Tue 17, Wed 18, Thu 19.
    assert clock.due_on == date(2026, 3, 19)
    # And the status before, during and after the pause, and after the moved due date:
    for as_of, expected in [
        (date(2026, 3, 2), ClockStatus.DUE),
        (date(2026, 3, 3), ClockStatus.PAUSED),
        (date(2026, 3, 5), ClockStatus.PAUSED),
        (date(2026, 3, 7), ClockStatus.PAUSED),
        (date(2026, 3, 8), ClockStatus.DUE),
        (date(2026, 3, 17), ClockStatus.DUE),  # would have been overdue without the pause
        (date(2026, 3, 19), ClockStatus.DUE),
        (date(2026, 3, 20), ClockStatus.OVERDUE),
    ]:
        assert status_of(clock, as_of) == expected, as_of
        assert sql_status(clock, as_of) == expected, as_of


def test_explain_shows_the_pause(producer, child, pausing_on):
    producer.specs = [
        visit(child, date(2026, 3, 2), Pause(date(2026, 3, 3), date(2026, 3, 7), MISSING))
    ]
    clocks_recompute(person_ids=[child.pk])
    explanation = clock_explain(the_clock(), as_of=date(2026, 3, 5))
    text = "\n".join(explanation.lines())
    assert (
        "Paused 3 to 7 Mar 2026 while missing from home: 3 working days added → due "
        "Thu 19 Mar 2026." in text
    )
    assert "Status as of Thu 5 Mar 2026: paused." in text
    assert "Pauses: stands still while the child is recorded missing" in text
    assert "; switched on (a local setting, admin: Local pause settings; off unless set)." in text
    # Re-counted from the catalogue, the calendar and the stored pause: the same date.
    assert not explanation.stale


def test_explain_command_shows_an_open_pause(producer, child, pausing_on):
    producer.specs = [visit(child, date(2026, 3, 2), Pause(date(2026, 3, 3), None, MISSING))]
    clocks_recompute(person_ids=[child.pk])
    out = StringIO()
    call_command("clocks", "explain", str(the_clock().pk), "--as-of", "2026-03-20", stdout=out)
    assert "Paused since Tue 3 Mar 2026 while missing from home" in out.getvalue()
    assert "Status as of Fri 20 Mar 2026: paused." in out.getvalue()


def test_pause_starting_after_the_due_date_does_not_count(producer, child, pausing_on):
    # Given the clock due Mon 16 Mar and the child missing only from Wed 18 Mar:
    producer.specs = [
        visit(child, date(2026, 3, 2), Pause(date(2026, 3, 18), date(2026, 3, 20), MISSING))
    ]
    clocks_recompute(person_ids=[child.pk])
    clock = the_clock()
    # then the clock was already overdue: the breach stands and nothing is stored.
    assert (clock.due_on, clock.pauses, clock.paused_from) == (date(2026, 3, 16), None, None)
    assert status_of(clock, date(2026, 3, 19)) == ClockStatus.OVERDUE


def test_visit_during_a_pause_is_met_and_the_pause_stops_there(producer, child, pausing_on):
    # Given the child missing from Tue 3 Mar, found and seen on Thu 5 Mar (episode ends 7 Mar):
    producer.specs = [
        visit(
            child,
            date(2026, 3, 2),
            Pause(date(2026, 3, 3), date(2026, 3, 7), MISSING),
            completed=date(2026, 3, 5),
        )
    ]
    clocks_recompute(person_ids=[child.pk])
    clock = the_clock()
    # then the pause counts to Thu 5 Mar only: (3, 5] holds Wed 4, Thu 5: 2 working days,
    # so due Mon 16 + 2 = Wed 18 Mar; met on time.
    assert clock.due_on == date(2026, 3, 18)
    assert clock.pauses[0]["end"] == "2026-03-05"
    assert status_of(clock, date(2026, 3, 10)) == ClockStatus.MET


def test_overlapping_pauses_count_once(producer, child, pausing_on):
    # Missing Tue 3 to Thu 5 and (another record) Wed 4 to Fri 6 Mar: one pause, (3, 6]:
    # Wed 4, Thu 5, Fri 6 = 3 working days, due Mon 16 + 3 = Thu 19 Mar.
    producer.specs = [
        visit(
            child,
            date(2026, 3, 2),
            Pause(date(2026, 3, 3), date(2026, 3, 5), MISSING),
            Pause(date(2026, 3, 4), date(2026, 3, 6), "missing from care"),
        )
    ]
    clocks_recompute(person_ids=[child.pk])
    clock = the_clock()
    assert clock.due_on == date(2026, 3, 19)
    assert [(p["start"], p["end"], p["added"]) for p in clock.pauses] == [
        ("2026-03-03", "2026-03-06", 3)
    ]


def test_two_pauses_and_the_gap_between_them(producer, child, pausing_on):
    # Missing Tue 3 to Wed 4 Mar ((3, 4]: 1 working day) and Mon 9 to Tue 10 Mar ((9, 10]:
    # 1 working day): due Mon 16 + 2 = Wed 18 Mar. Thu 5 to Sun 8 the clock runs.
    producer.specs = [
        visit(
            child,
            date(2026, 3, 2),
            Pause(date(2026, 3, 3), date(2026, 3, 4), MISSING),
            Pause(date(2026, 3, 9), date(2026, 3, 10), MISSING),
        )
    ]
    clocks_recompute(person_ids=[child.pk])
    clock = the_clock()
    assert clock.due_on == date(2026, 3, 18)
    for as_of, expected in [
        (date(2026, 3, 4), ClockStatus.PAUSED),
        (date(2026, 3, 6), ClockStatus.DUE),
        (date(2026, 3, 9), ClockStatus.PAUSED),
        (date(2026, 3, 11), ClockStatus.DUE),
    ]:
        assert status_of(clock, as_of) == expected, as_of
        assert sql_status(clock, as_of) == expected, as_of


def test_pauses_are_ignored_while_the_authority_has_not_switched_them_on(producer, child):
    # The catalogue default is off: no LocalPauseSetting row.
    producer.specs = [visit(child, date(2026, 3, 2), Pause(date(2026, 3, 3), None, MISSING))]
    clocks_recompute(person_ids=[child.pk])
    clock = the_clock()
    assert (clock.due_on, clock.pauses) == (date(2026, 3, 16), None)
    assert status_of(clock, date(2026, 3, 17)) == ClockStatus.OVERDUE


def test_pause_ending_before_it_starts_is_refused_and_nothing_written(producer, child, pausing_on):
    producer.specs = [visit(child, date(2026, 3, 2))]
    clocks_recompute(person_ids=[child.pk])
    before = list(Clock.objects.values())
    producer.specs = [
        visit(child, date(2026, 3, 2), Pause(date(2026, 3, 7), date(2026, 3, 3), MISSING))
    ]
    with pytest.raises(ValidationError) as error:
        clocks_recompute(person_ids=[child.pk])
    assert "ends on 2026-03-03, before it starts on 2026-03-07" in error.value.messages[0]
    assert list(Clock.objects.values()) == before


def test_pause_on_a_rule_that_does_not_pause_is_refused(producer, child, pausing_on):
    # The ICPC is statutory and names no pause condition.
    producer.specs = [
        ClockSpec(
            "ICPC",
            child.pk,
            "sd:1",
            date(2026, 3, 2),
            pauses=(Pause(date(2026, 3, 3), date(2026, 3, 5), MISSING),),
        )
    ]
    with pytest.raises(ValidationError) as error:
        clocks_recompute(person_ids=[child.pk])
    assert "does not pause" in error.value.messages[0]
    assert not Clock.objects.exists()


def test_a_statutory_rule_cannot_pause_on_a_local_setting():
    statutory_visit = Rule(
        code="LAC_VISIT_TEST",
        name="test",
        start_event="lac_visit",
        satisfied_by=("lac_visit",),
        period=6,
        unit=Unit.WEEKS,
        source=Source("Regulations", "reg 28"),
        statutory=True,
        local_override_allowed=False,
        paused_while="child_missing",
    )
    assert validate_rule(statutory_visit) == [
        "LAC_VISIT_TEST: a statutory timescale cannot pause on a local setting (child_missing)."
    ]
    assert validate_rule(Rule(**{**_fields(statutory_visit), "paused_while": "asleep"})) == [
        "LAC_VISIT_TEST: unknown pause condition 'asleep'."
    ]
    # The catalogue's visit rules: the local ones pause, the statutory looked-after ones not.
    assert RULES["CP_VISIT"].paused_while == RULES["CIN_VISIT"].paused_while == "child_missing"
    assert not RULES["LAC_VISIT"].paused_while


def _fields(rule: Rule) -> dict:
    return {name: getattr(rule, name) for name in Rule.__slots__}


def test_weeks_and_hours_add_their_own_time():
    context = clock_context()
    # A 6-week rule from Mon 2 Mar (due Mon 13 Apr) paused Tue 3 to Sat 7 Mar: 4 calendar
    # days in (3, 7], so due Fri 17 Apr.
    weekly = RULES["LAC_VISIT"]
    due_on, _, stored, _ = apply_pauses(
        weekly,
        [Pause(date(2026, 3, 3), date(2026, 3, 7), MISSING)],
        started_on=date(2026, 3, 2),
        start_at=None,
        due_on=date(2026, 4, 13),
        due_at=None,
        stopped_on=None,
        context=context,
    )
    assert (due_on, stored[0]["added"]) == (date(2026, 4, 17), 4)
    # The 72-hour RHI from 10:00 Mon 2 Mar (due 10:00 Thu 5 Mar) paused 18:00 Mon 2 to
    # 06:00 Tue 3 Mar: 12 hours, so due 22:00 Thu 5 Mar.
    hourly = RULES["RHI_OFFER"]
    start = datetime(2026, 3, 2, 10, tzinfo=LONDON)
    due_on, due_at, stored, paused_from = apply_pauses(
        hourly,
        [
            Pause(
                datetime(2026, 3, 2, 18, tzinfo=LONDON), datetime(2026, 3, 3, 6, tzinfo=LONDON), "x"
            )
        ],
        started_on=date(2026, 3, 2),
        start_at=start,
        due_on=date(2026, 3, 5),
        due_at=datetime(2026, 3, 5, 10, tzinfo=LONDON),
        stopped_on=None,
        context=context,
    )
    assert due_at == datetime(2026, 3, 5, 22, tzinfo=LONDON)
    assert (stored[0]["added"], paused_from) == (12, date(2026, 3, 2))


def test_rebuild_stores_the_same_pauses_as_recompute(producer, child, pausing_on):
    producer.specs = [
        visit(child, date(2026, 3, 2), Pause(date(2026, 3, 3), date(2026, 3, 7), MISSING)),
        ClockSpec(
            "CIN_VISIT",
            child.pk,
            "cin:1",
            date(2026, 3, 2),
            pauses=(Pause(date(2026, 3, 3), None, MISSING),),
        ),
    ]
    clocks_recompute(person_ids=[child.pk])
    before = sorted(Clock.objects.values_list("rule_code", "due_on", "pauses", "paused_from"))
    # A rebuild counts the same clocks again and finds nothing changed,
    result = clocks_rebuild()
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    # and from empty writes the same values.
    Clock.objects.all().delete()
    assert clocks_rebuild().created == 2
    after = sorted(Clock.objects.values_list("rule_code", "due_on", "pauses", "paused_from"))
    assert after == before


def test_list_command_shows_paused_status_and_pauses(producer, child, pausing_on):
    producer.specs = [
        visit(child, date(2026, 3, 2), Pause(date(2026, 3, 3), None, MISSING)),
        ClockSpec("ICPC", child.pk, "sd:1", date(2026, 3, 2)),
    ]
    clocks_recompute(person_ids=[child.pk])
    out = StringIO()
    # As of Wed 25 Mar: the ICPC (15 working days from Mon 2 Mar: Mon 23 Mar) is overdue.
    call_command("clocks", "list", "--json", "--as-of", "2026-03-25", stdout=out)
    rows = {r["rule_code"]: r for r in json.loads(out.getvalue())}
    assert rows["CP_VISIT"]["status"] == "paused"
    assert rows["CP_VISIT"]["pauses"] == [{"start": "2026-03-03", "end": None, "reason": MISSING}]
    assert rows["ICPC"]["status"] == "overdue"
    out = StringIO()
    call_command("clocks", "list", "--as-of", "2026-03-25", "--status", "paused", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and lines[1].startswith(f"{child.pk}\tCP_VISIT") and "paused" in lines[1]


def test_child_missing_pauses_visits_through_the_missing_records(
    producer, child, pausing_on, social_worker
):
    from safeguard.missing.services import missing_episode_record

    # Given a CP visit clock from Mon 2 Mar 2026 (due Mon 16 Mar)
    producer.specs = [visit(child, date(2026, 3, 2))]
    # when the child is recorded missing from home from 21:00 Tue 3 Mar to 14:00 Sat 7 Mar
    missing_episode_record(
        person=child,
        acting_user=social_worker,
        missing_from="home",
        reported_missing_at=datetime(2026, 3, 3, 21, tzinfo=LONDON),
        found_returned_at=datetime(2026, 3, 7, 14, tzinfo=LONDON),
    )
    # then the recompute the missing service runs pauses it 3 to 7 Mar: due Thu 19 Mar.
    clock = Clock.objects.get(rule_code="CP_VISIT")
    assert clock.due_on == date(2026, 3, 19)
    assert clock.pauses[0]["reason"] == MISSING
    # And when the authority switches it off, a rebuild puts the due date back.
    pausing_on.enabled = False
    pausing_on.save()
    clocks_rebuild()
    clock.refresh_from_db()
    assert (clock.due_on, clock.pauses) == (date(2026, 3, 16), None)


def test_away_from_placement_does_not_pause(producer, child, pausing_on, social_worker):
    from safeguard.missing.services import missing_episode_record

    producer.specs = [visit(child, date(2026, 3, 2))]
    missing_episode_record(
        person=child,
        acting_user=social_worker,
        missing_from="care",
        missing_type="A",
        reported_missing_at=datetime(2026, 3, 3, 21, tzinfo=LONDON),
        found_returned_at=datetime(2026, 3, 7, 14, tzinfo=LONDON),
    )
    assert Clock.objects.get(rule_code="CP_VISIT").pauses is None


def test_local_pause_setting_validation():
    with pytest.raises(ValidationError):
        LocalPauseSetting(
            condition="asleep", enabled=True, decided_by="x", decided_on=date(2026, 1, 1)
        ).full_clean()


def test_condition_fields_are_data():
    from safeguard.compliance.rules import PAUSE_CONDITIONS

    condition = PAUSE_CONDITIONS["child_missing"]
    assert isinstance(condition, PauseCondition)
    # Off by default: pausing hides a missed visit to the children most at risk, so it is
    # the authority's recorded decision, not ours.
    assert (condition.local, condition.on_by_default) == (True, False)


def test_two_episodes_on_one_day_are_one_pause(producer, child, pausing_on):
    # Missing 08:00 to 10:00 on Tue 3 Mar, and again from 20:00 that day to noon Thu 5 Mar:
    # counted in days that is one pause, 3 to 5 Mar: (3, 5] holds Wed 4 and Thu 5, so
    # 2 working days: due Mon 16 + 2 = Wed 18 Mar.
    producer.specs = [
        visit(
            child,
            date(2026, 3, 2),
            Pause(
                datetime(2026, 3, 3, 8, tzinfo=LONDON),
                datetime(2026, 3, 3, 10, tzinfo=LONDON),
                MISSING,
            ),
            Pause(
                datetime(2026, 3, 3, 20, tzinfo=LONDON),
                datetime(2026, 3, 5, 12, tzinfo=LONDON),
                MISSING,
            ),
        )
    ]
    clocks_recompute(person_ids=[child.pk])
    clock = the_clock()
    assert clock.due_on == date(2026, 3, 18)
    assert clock.pauses == [
        {"start": "2026-03-03", "end": "2026-03-05", "reason": MISSING, "added": 2}
    ]


def test_administrator_switches_pausing_on_by_name_and_a_bad_code_is_refused(client):
    admin_user = User.objects.create_superuser(
        "sysadmin", password="x", role=Role.SYSTEM_ADMINISTRATOR
    )
    client.force_login(admin_user)
    url = reverse("admin:compliance_localpausesetting_add")
    page = client.get(url).content.decode()
    assert "Pause while the child is recorded missing" in page
    fields = {"enabled": "on", "decided_by": "LSCP", "decided_on": "2026-01-05"}
    refused = client.post(url, {**fields, "condition": "asleep"})
    assert refused.status_code == 200 and not LocalPauseSetting.objects.exists()
    assert client.post(url, {**fields, "condition": "child_missing"}).status_code == 302
    assert LocalPauseSetting.objects.get().enabled
