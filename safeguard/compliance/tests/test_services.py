from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from safeguard.compliance.models import Clock, LocalRuleSetting
from safeguard.compliance.registry import ClockSpec
from safeguard.compliance.services import clocks_rebuild, clocks_recompute
from safeguard.conftest import make_child

LONDON = ZoneInfo("Europe/London")


def test_recompute_creates_clock_with_due_date(producer, child, social_worker):
    # Given a strategy discussion on Fri 19 Dec 2025,
    producer.specs = [
        ClockSpec(
            "ICPC",
            child.pk,
            "sd:1",
            date(2025, 12, 19),
            owner_id=social_worker.pk,
            team_id=social_worker.team_id,
            subject="child_protection.strategy:1",
            start_event="strategy discussion held",
        )
    ]
    # when the child's clocks are recomputed,
    result = clocks_recompute(person_ids=[child.pk])
    # then the ICPC is due 15 working days later, Wed 14 Jan 2026.
    clock = Clock.objects.get()
    assert result.created == 1
    assert clock.due_on == date(2026, 1, 14)
    assert clock.owner == social_worker
    assert clock.start_at is None and clock.due_at is None


def test_recompute_is_idempotent_and_keeps_ids(producer, child):
    producer.specs = [ClockSpec("SINGLE_ASSESSMENT", child.pk, "ep:1", date(2025, 3, 3))]
    clocks_recompute(person_ids=[child.pk])
    first = Clock.objects.get()
    # When nothing changes, nothing is written.
    assert clocks_recompute(person_ids=[child.pk]).unchanged == 1
    # When the assessment is authorised, the same clock is updated in place.
    producer.specs = [
        ClockSpec(
            "SINGLE_ASSESSMENT", child.pk, "ep:1", date(2025, 3, 3), completed=date(2025, 4, 1)
        )
    ]
    result = clocks_recompute(person_ids=[child.pk])
    assert result.updated == 1
    clock = Clock.objects.get()
    assert clock.pk == first.pk
    assert clock.completed_on == date(2025, 4, 1)


def test_recompute_replaces_derived_rows_and_leaves_other_children(producer, child):
    other = make_child()
    producer.specs = [
        ClockSpec("CP_VISIT", child.pk, "plan:1:visit:0", date(2025, 1, 6)),
        ClockSpec("CP_VISIT", other.pk, "plan:2:visit:0", date(2025, 1, 6)),
    ]
    clocks_recompute(person_ids=[child.pk, other.pk])
    # Given the visit is recorded, the producer now yields the next cycle instead.
    producer.specs = [
        ClockSpec(
            "CP_VISIT", child.pk, "plan:1:visit:0", date(2025, 1, 6), completed=date(2025, 1, 15)
        ),
        ClockSpec("CP_VISIT", child.pk, "plan:1:visit:1", date(2025, 1, 15)),
    ]
    # when only the first child is recomputed,
    result = clocks_recompute(person_ids=[child.pk])
    # then that child's clocks equal the output and the other child's are untouched.
    assert result.created == 1 and result.updated == 1
    assert set(Clock.objects.filter(person=child).values_list("key", flat=True)) == {
        "plan:1:visit:0",
        "plan:1:visit:1",
    }
    assert Clock.objects.filter(person=other).count() == 1
    # and when a spec vanishes from the output, its row goes.
    producer.specs = producer.specs[:1]
    assert clocks_recompute(person_ids=[child.pk]).deleted == 1


def test_hours_rule_counts_elapsed_hours(producer, child):
    # Given a child returned at 22:30 on Fri 27 Mar 2026 (GMT; clocks go forward Sun 29),
    back = datetime(2026, 3, 27, 22, 30, tzinfo=LONDON)
    producer.specs = [ClockSpec("RHI_OFFER", child.pk, "missing:1", back)]
    clocks_recompute(person_ids=[child.pk])
    clock = Clock.objects.get()
    # then the offer is due 72 elapsed hours later: 23:30 BST on Mon 30 Mar.
    assert clock.due_at == datetime(2026, 3, 30, 23, 30, tzinfo=LONDON)
    assert clock.due_on == date(2026, 3, 30)
    assert clock.start_at == back


def test_completed_before_start_is_refused_and_nothing_written(producer, child):
    producer.specs = [
        ClockSpec("SINGLE_ASSESSMENT", child.pk, "ok", date(2025, 3, 3)),
        ClockSpec("ICPC", child.pk, "bad", date(2025, 3, 3), completed=date(2025, 3, 1)),
    ]
    with pytest.raises(ValidationError, match="satisfied on 2025-03-01, before it started"):
        clocks_recompute(person_ids=[child.pk])
    assert not Clock.objects.exists()


def test_unknown_rule_and_duplicates_are_refused(producer, child):
    producer.specs = [ClockSpec("NO_SUCH_RULE", child.pk, "x", date(2025, 3, 3))]
    with pytest.raises(ValidationError, match="there is no rule 'NO_SUCH_RULE'"):
        clocks_recompute(person_ids=[child.pk])
    spec = ClockSpec("ICPC", child.pk, "x", date(2025, 3, 3))
    producer.specs = [spec, spec]
    with pytest.raises(ValidationError, match="yielded twice"):
        clocks_recompute(person_ids=[child.pk])
    assert not Clock.objects.exists()


def test_local_setting_changes_the_period(producer, child):
    # Given the authority visits children on plans every 15 working days,
    LocalRuleSetting.objects.create(
        rule_code="CP_VISIT", period=15, decided_by="LSCP", decided_on=date(2025, 1, 1)
    )
    producer.specs = [ClockSpec("CP_VISIT", child.pk, "v", date(2025, 12, 19))]
    clocks_recompute(person_ids=[child.pk])
    assert Clock.objects.get().due_on == date(2026, 1, 14)


def test_rebuild_covers_everyone(producer, child):
    other = make_child()
    producer.specs = [
        ClockSpec("ALLOCATION", child.pk, "ep:1", date(2025, 12, 19)),
        ClockSpec("ALLOCATION", other.pk, "ep:2", date(2025, 12, 30)),
    ]
    result = clocks_rebuild(chunk_size=1)
    assert result.created == 2
    assert dict(Clock.objects.values_list("person_id", "due_on")) == {
        child.pk: date(2025, 12, 26),
        other.pk: date(2026, 1, 6),
    }


def test_rebuild_keeps_ids_updates_and_deletes(producer, child):
    other = make_child()
    producer.specs = [
        ClockSpec("ICPC", child.pk, "sd:1", date(2025, 12, 19)),
        ClockSpec("CP_VISIT", child.pk, "v:1", date(2025, 12, 19)),
        ClockSpec("RHI_OFFER", other.pk, "m:1", datetime(2026, 3, 27, 22, 30, tzinfo=LONDON)),
    ]
    assert clocks_rebuild().created == 3
    ids = dict(Clock.objects.values_list("rule_code", "pk"))
    # When nothing changed, a rebuild writes nothing (hour clocks compare equal too).
    again = clocks_rebuild()
    assert (again.created, again.updated, again.deleted, again.unchanged) == (0, 0, 0, 3)
    # When the ICPC is held and the visit clock is no longer implied,
    producer.specs = [
        ClockSpec("ICPC", child.pk, "sd:1", date(2025, 12, 19), completed=date(2026, 1, 9)),
        producer.specs[2],
    ]
    result = clocks_rebuild()
    # then the ICPC is updated in place and the visit clock is gone.
    assert (result.created, result.updated, result.deleted, result.unchanged) == (0, 1, 1, 1)
    icpc = Clock.objects.get(rule_code="ICPC")
    assert icpc.pk == ids["ICPC"] and icpc.completed_on == date(2026, 1, 9)
    assert icpc.due_on == date(2026, 1, 14)
    rhi = Clock.objects.get(rule_code="RHI_OFFER")
    assert rhi.due_at == datetime(2026, 3, 30, 23, 30, tzinfo=LONDON)


def test_rebuild_refuses_duplicates_and_bad_specs_writing_nothing(producer, child):
    spec = ClockSpec("ICPC", child.pk, "sd:1", date(2025, 12, 19))
    producer.specs = [spec, spec]
    with pytest.raises(ValidationError, match=r"clock ICPC for person \d+ \(sd:1\): yielded 2"):
        clocks_rebuild()
    producer.specs = [
        spec,
        ClockSpec("ICPC", child.pk, "x", date(2025, 12, 19), cancelled=date(2025, 12, 1)),
    ]
    with pytest.raises(ValidationError, match="cancelled on 2025-12-01, before it started"):
        clocks_rebuild()
    assert not Clock.objects.exists()


def test_first_build_rebuilds_the_indexes(producer, child, monkeypatch):
    # Given a first build, large enough to drop and rebuild the secondary indexes,
    from django.db import connection

    from safeguard.compliance import bulk

    monkeypatch.setattr(bulk, "BULK_INDEX_MIN_ROWS", 1)
    producer.specs = [ClockSpec("ICPC", child.pk, f"sd:{i}", date(2025, 12, 19)) for i in range(5)]
    assert clocks_rebuild().created == 5
    # then every index of the model is there again afterwards.
    with connection.cursor() as cursor:
        names = set(connection.introspection.get_constraints(cursor, "compliance_clock"))
    assert {i.name for i in Clock._meta.indexes} <= names
    assert Clock.objects.filter(due_on=date(2026, 1, 14)).count() == 5
