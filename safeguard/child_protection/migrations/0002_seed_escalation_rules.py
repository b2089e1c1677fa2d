"""Seed the escalation rules every authority starts with; administrators add their own."""

from django.db import migrations

WT = "Working Together to Safeguard Children (2023), ch. 4"

RULES = [
    {
        "code": "physical-abuse-disclosure",
        "name": "Disclosure or allegation of physical abuse",
        "trigger": "physical_abuse_disclosure",
        "condition": "any_child",
        "source": WT + " (reasonable cause to suspect significant harm)",
    },
    {
        "code": "sexual-abuse-disclosure",
        "name": "Disclosure or allegation of sexual abuse",
        "trigger": "sexual_abuse_disclosure",
        "condition": "any_child",
        "source": WT + " (reasonable cause to suspect significant harm)",
    },
    {
        "code": "injury-non-mobile-or-disabled",
        "name": "Injury to a non-mobile or disabled child",
        "trigger": "injury",
        "condition": "non_mobile_or_disabled",
        "source": "Local safeguarding partnership protocols for bruising or injury in "
        "non-mobile babies and disabled children; " + WT,
    },
    {
        "code": "missing-child-on-plan",
        "name": "A child on a child protection plan went missing",
        "trigger": "missing",
        "condition": "on_cp_plan",
        "source": "DfE statutory guidance on children who run away or go missing from home "
        "or care (2014), para 13; local procedures",
    },
]


def seed(apps, schema_editor):
    EscalationRule = apps.get_model("child_protection", "EscalationRule")
    for rule in RULES:
        EscalationRule.objects.update_or_create(code=rule["code"], defaults=rule)


def unseed(apps, schema_editor):
    EscalationRule = apps.get_model("child_protection", "EscalationRule")
    EscalationRule.objects.filter(code__in=[r["code"] for r in RULES], events__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("child_protection", "0001_strategy_s47_conferences_plans_escalation")]

    operations = [migrations.RunPython(seed, unseed)]
