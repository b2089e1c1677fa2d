"""Recheck plans when another app changes what the plan checks read.

Addresses and relationships belong to people, visits and actions to casework; their services
do not know about plan checks, so a save there schedules a recheck of the plans naming the
people it touched, once the change is committed.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from safeguard.casework.models import PlanAction, Visit
from safeguard.people.models import PersonAddress, Relationship


def _recheck(person_ids: list[int]) -> None:
    from safeguard.child_protection.services import plan_flags_refresh_for_people

    transaction.on_commit(lambda: plan_flags_refresh_for_people(person_ids=person_ids))


@receiver(post_save, sender=PersonAddress, dispatch_uid="cp_recheck_address")
def address_changed(sender, instance, **kwargs):
    _recheck([instance.person_id])


@receiver(post_save, sender=Relationship, dispatch_uid="cp_recheck_relationship")
def relationship_changed(sender, instance, **kwargs):
    _recheck([instance.person_id, instance.related_person_id])


@receiver(post_save, sender=Visit, dispatch_uid="cp_recheck_visit")
def visit_changed(sender, instance, **kwargs):
    _recheck([instance.person_id])


@receiver(post_save, sender=PlanAction, dispatch_uid="cp_recheck_action")
def action_changed(sender, instance, **kwargs):
    _recheck([instance.plan.person_id])
