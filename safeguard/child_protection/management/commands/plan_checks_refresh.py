"""Recheck every open plan: run nightly, as flags depend on the date as well as the record.

An action becomes overdue, and a child's visit lapses, with no change to the record; the
services recheck a plan on every change, and this catches what time alone changes.
"""

from django.core.management.base import BaseCommand

from safeguard.casework.models import Plan
from safeguard.child_protection.plan_checks import VISIT_RULES, engine_due_dates
from safeguard.child_protection.services import plan_flags_refresh


class Command(BaseCommand):
    help = "Run the plan checks on every open plan and store the flags."

    def handle(self, *args, **options):
        due_for = engine_due_dates()
        plans = Plan.objects.filter(end_date__isnull=True, archived_at__isnull=True).order_by("pk")
        checked = flagged = 0
        for plan in plans.iterator(chunk_size=500):
            if plan.kind not in VISIT_RULES and not plan.actions.exists():
                continue
            flagged += bool(plan_flags_refresh(plan=plan, visit_due_for=due_for))
            checked += 1
        self.stdout.write(f"Checked {checked} open plans; {flagged} flagged.")
