from django.db import migrations

# A typical four-level continuum of need; an authority edits it to match its own threshold
# document (Working Together 2023 asks each area to publish one).
LEVELS = [
    ("universal", "Universal", "Needs met by universal services: schools, health, community."),
    ("early_help", "Early help", "Additional needs best met by early help, with consent."),
    ("targeted", "Targeted", "Complex needs: coordinated targeted or multi-agency early help."),
    (
        "statutory",
        "Statutory social care",
        "A child in need (Children Act 1989 s17) or at risk of significant harm (s47).",
    ),
]


def seed(apps, schema_editor):
    framework_model = apps.get_model("front_door", "ThresholdFramework")
    level_model = apps.get_model("front_door", "ThresholdLevel")
    framework, created = framework_model.objects.get_or_create(
        name="Continuum of need",
        defaults={
            "description": "Universal, early help, targeted and statutory social care.",
            "is_current": not framework_model.objects.filter(is_current=True).exists(),
        },
    )
    if created:
        level_model.objects.bulk_create(
            level_model(framework=framework, code=code, name=name, description=text, order=n)
            for n, (code, name, text) in enumerate(LEVELS, start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("front_door", "0001_contacts_screening_referrals_match_keys")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
