"""Seed the manager's assessment checklist. Authorities change it as data, not code."""

from django.db import migrations

ITEMS = [
    # code, label, field_name, applies_to, guidance
    (
        "child_seen",
        "The child was seen (and whether seen alone)",
        "child_seen_on",
        "all",
        "Working Together 2023: every assessment is informed by seeing the child.",
    ),
    (
        "childs_wishes_and_feelings",
        "The child's wishes and feelings, in their own words",
        "childs_wishes_and_feelings",
        "all",
        "Children Act 1989 s17(4A): ascertain and give due consideration to the child's wishes.",
    ),
    (
        "parents_and_carers_views",
        "Parents' and carers' views",
        "parents_and_carers_views",
        "all",
        "",
    ),
    (
        "partner_agency_information",
        "Information from partner agencies",
        "partner_agency_information",
        "all",
        "Health, education, police and any other agency that knows the family.",
    ),
    (
        "analysis_of_needs_and_risks",
        "Analysis of needs and risks",
        "analysis_of_needs_and_risks",
        "all",
        "An analysis, not a description: what the information means for the child.",
    ),
    (
        "factors",
        "Factors identified at the end of assessment (DfE codes)",
        "factors",
        "single",
        "CIN census: record every factor identified, or 21 'no factors identified'.",
    ),
    ("outcome", "Outcome and the reasons for it", "outcome", "all", ""),
]


def seed(apps, schema_editor):
    item_model = apps.get_model("assessments", "AssessmentChecklistItem")
    item_model.objects.bulk_create(
        [
            item_model(
                code=code,
                label=label,
                field_name=field_name,
                applies_to=applies_to,
                guidance=guidance,
                display_order=(n + 1) * 10,
            )
            for n, (code, label, field_name, applies_to, guidance) in enumerate(ITEMS)
        ],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor):
    apps.get_model("assessments", "AssessmentChecklistItem").objects.filter(
        code__in=[item[0] for item in ITEMS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_single_and_early_help_assessments_quality_gate")]

    operations = [migrations.RunPython(seed, unseed)]
