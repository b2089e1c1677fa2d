"""Each plan check, given a plan, finds exactly the flaw it names (and nothing on a sound plan)."""

from datetime import date, timedelta

import pytest

from safeguard.casework.choices import ActionStatus, PlanKind, VisitType
from safeguard.casework.models import Plan, PlanAction, Visit
from safeguard.child_protection import plan_checks
from safeguard.child_protection.choices import PlanFlagCode
from safeguard.child_protection.tests.conftest import live_at, make_adult, move_in, relate
from safeguard.people.choices import RelationshipKind

AS_OF = date(2026, 11, 30)


def ten_days_later(rule_code, starts):
    return [s + timedelta(days=14) for s in starts]


def facts(plan, **kw):
    kw.setdefault("visit_due_for", ten_days_later)
    return plan_checks.plan_facts(plan=plan, as_of=AS_OF, **kw)


@pytest.fixture
def plan(child, episode):
    return Plan.objects.create(
        person=child, episode=episode, kind=PlanKind.CHILD_PROTECTION, start_date=date(2026, 11, 1)
    )


def action(plan, owner, children, *, due=date(2026, 12, 31), **kw):
    a = PlanAction.objects.create(
        plan=plan,
        description="Keep the children away from Mr X",
        due_date=due,
        responsible_person=owner,
        **kw,
    )
    a.children.set(children)
    return a


def test_one_carer_two_addresses_flags_children_living_apart(plan, child, sibling, mother):
    # Given a mother asked to keep safe two children who live at different addresses
    home = live_at(child, "1 High Street")
    live_at(sibling, "9 Low Road")
    move_in(mother, home)
    bad = action(plan, mother, [child, sibling])
    # When the plan is checked
    flags = plan_checks.check_one_carer_two_addresses(facts(plan))
    # Then that action is flagged, naming both children
    assert [(f.code, f.action_id) for f in flags] == [
        (PlanFlagCode.ONE_CARER_TWO_ADDRESSES, bad.pk)
    ]
    assert "Amelia Hartley" in flags[0].message and "Leo Hartley" in flags[0].message


def test_one_carer_two_addresses_passes_children_at_one_home(plan, child, sibling, mother):
    home = live_at(child, "1 High Street")
    move_in(sibling, home)
    action(plan, mother, [child, sibling])
    assert plan_checks.check_one_carer_two_addresses(facts(plan)) == []


def test_one_carer_two_addresses_ignores_a_former_address(plan, child, sibling, mother):
    # A sibling who used to live elsewhere but now lives with the child is not flagged.
    home = live_at(child, "1 High Street")
    old = live_at(sibling, "9 Low Road", start=date(2019, 1, 1))
    sibling.addresses.filter(address=old).update(end_date=date(2025, 1, 1))
    move_in(sibling, home, start=date(2025, 1, 1))
    action(plan, mother, [child, sibling])
    assert plan_checks.check_one_carer_two_addresses(facts(plan)) == []


def test_action_owner_named_as_risk_by_relationship_is_flagged(plan, child, mother):
    # Given the record names the stepfather as a person posing a risk to the child
    stepfather = make_adult(first_name="Mark", last_name="Stone")
    relate(stepfather, RelationshipKind.PERSON_POSING_RISK, child)
    bad = action(plan, stepfather, [child])
    action(plan, mother, [child])
    # When checked, only the stepfather's action is flagged
    flags = plan_checks.check_action_owner_poses_risk(facts(plan))
    assert [(f.code, f.action_id) for f in flags] == [
        (PlanFlagCode.ACTION_OWNER_POSES_RISK, bad.pk)
    ]


def test_action_owner_named_as_risk_by_the_plan_is_flagged(plan, child, mother):
    bad = action(plan, mother, [child])
    flags = plan_checks.check_action_owner_poses_risk(facts(plan, persons_posing_risk=[mother.pk]))
    assert [f.action_id for f in flags] == [bad.pk]
    assert "the plan names them" in flags[0].message


def test_action_overdue_without_update_is_flagged(plan, child, mother):
    late = action(plan, mother, [child], due=date(2026, 11, 20))
    action(plan, mother, [child], due=date(2026, 11, 20), last_update_on=date(2026, 11, 21))
    action(
        plan,
        mother,
        [child],
        due=date(2026, 11, 20),
        status=ActionStatus.COMPLETED,
        completed_on=date(2026, 11, 19),
    )
    action(plan, mother, [child], due=date(2026, 12, 20))
    flags = plan_checks.check_action_overdue_without_update(facts(plan))
    assert [(f.code, f.action_id) for f in flags] == [
        (PlanFlagCode.ACTION_OVERDUE_NO_UPDATE, late.pk)
    ]


def test_update_before_the_due_date_does_not_clear_an_overdue_action(plan, child, mother):
    late = action(plan, mother, [child], due=date(2026, 11, 20), last_update_on=date(2026, 11, 5))
    flags = plan_checks.check_action_overdue_without_update(facts(plan))
    assert [f.action_id for f in flags] == [late.pk]


def test_child_not_seen_in_the_visit_interval_is_flagged(
    plan, child, sibling, mother, social_worker
):
    # Given the child was seen recently but the sibling on an action was never seen
    action(plan, mother, [child, sibling])
    Visit.objects.create(
        person=child,
        visit_date=date(2026, 11, 25),
        visit_type=VisitType.CHILD_PROTECTION,
        worker=social_worker,
    )
    Visit.objects.create(
        person=sibling,
        visit_date=date(2026, 11, 25),
        child_seen=False,
        visit_type=VisitType.CHILD_PROTECTION,
        worker=social_worker,
    )
    flags = plan_checks.check_child_not_seen_in_visit_interval(facts(plan))
    # Then only the sibling is flagged (a visit where the child was not seen does not count)
    assert [(f.code, f.child_id) for f in flags] == [(PlanFlagCode.CHILD_NOT_SEEN, sibling.pk)]


def test_child_not_seen_uses_the_engine_interval_of_ten_working_days(plan, child, social_worker):
    # Seen on Monday 9 November 2026: 10 working days later is Monday 23 November.
    Visit.objects.create(
        person=child,
        visit_date=date(2026, 11, 9),
        visit_type=VisitType.CHILD_PROTECTION,
        worker=social_worker,
    )
    on_23rd = plan_checks.plan_facts(plan=plan, as_of=date(2026, 11, 23))
    on_24th = plan_checks.plan_facts(plan=plan, as_of=date(2026, 11, 24))
    assert on_23rd.visit_due[child.pk] == date(2026, 11, 23)
    assert plan_checks.check_child_not_seen_in_visit_interval(on_23rd) == []
    assert len(plan_checks.check_child_not_seen_in_visit_interval(on_24th)) == 1


def test_checks_work_for_an_exploitation_plan(child, episode, mother):
    # The exploitation app reuses the checks: a risk named by the caller is flagged.
    plan = Plan.objects.create(
        person=child, episode=episode, kind=PlanKind.EXPLOITATION, start_date=date(2026, 11, 1)
    )
    bad = action(plan, mother, [child])
    flags = plan_checks.plan_check(facts(plan, persons_posing_risk=[mother.pk]))
    assert [f.action_id for f in flags] == [bad.pk]


def test_sound_plan_has_no_flags(plan, child, sibling, mother, social_worker):
    home = live_at(child, "1 High Street")
    move_in(sibling, home)
    action(plan, mother, [child, sibling])
    for c in (child, sibling):
        Visit.objects.create(
            person=c,
            visit_date=date(2026, 11, 27),
            visit_type=VisitType.CHILD_PROTECTION,
            worker=social_worker,
        )
    assert plan_checks.plan_check(facts(plan)) == []


def test_nightly_recheck_flags_an_action_that_became_overdue(plan, child, mother):
    # Given an action due yesterday with no update, and no change to the record since
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from safeguard.child_protection.models import PlanFlag

    late = action(plan, mother, [child], due=timezone.localdate() - timedelta(days=1))
    # When the nightly recheck runs
    out = StringIO()
    call_command("plan_checks_refresh", stdout=out)
    # Then the action is flagged
    assert PlanFlag.objects.filter(
        plan=plan, action=late, code=PlanFlagCode.ACTION_OVERDUE_NO_UPDATE
    ).exists()
    assert "1 flagged" in out.getvalue()
