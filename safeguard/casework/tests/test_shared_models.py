"""The shared casework models hold their invariants in the database."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from safeguard.casework.choices import PlanKind
from safeguard.casework.models import Plan, PlanAction, Visit


def test_plan_action_needs_exactly_one_owner(child, social_worker):
    # Given a child in need plan
    plan = Plan.objects.create(
        person=child, kind=PlanKind.CHILD_IN_NEED, start_date=date(2026, 1, 5)
    )
    # When an action is saved with no owner, or with both kinds of owner
    # Then the database refuses each
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanAction.objects.create(plan=plan, description="Attend GP", due_date=date(2026, 2, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanAction.objects.create(
            plan=plan,
            description="Attend GP",
            due_date=date(2026, 2, 1),
            responsible_person=child,
            responsible_worker=social_worker,
        )
    action = PlanAction.objects.create(
        plan=plan,
        description="Attend GP",
        due_date=date(2026, 2, 1),
        responsible_worker=social_worker,
    )
    assert action.responsible == social_worker


def test_visit_cannot_be_seen_alone_without_being_seen(child, social_worker):
    with pytest.raises(IntegrityError), transaction.atomic():
        Visit.objects.create(
            person=child,
            visit_date=date(2026, 1, 5),
            worker=social_worker,
            child_seen=False,
            child_seen_alone=True,
        )
