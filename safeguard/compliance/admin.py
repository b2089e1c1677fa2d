from django import forms
from django.contrib import admin, messages

from safeguard.audit.admin import AuditedModelAdmin
from safeguard.compliance.models import (
    LocalClosureDay,
    LocalPauseSetting,
    LocalRuleSetting,
    SchoolTerm,
)
from safeguard.compliance.rules import PAUSE_CONDITIONS


class _RecountReminder:
    """Remind the administrator that stored clocks are re-counted by a rebuild."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            "Clocks already counted keep their due dates until `manage.py clocks rebuild` "
            "is run; new and changed records use this at once.",
        )


@admin.register(LocalClosureDay)
class LocalClosureDayAdmin(_RecountReminder, AuditedModelAdmin):
    list_display = ["date", "reason"]
    date_hierarchy = "date"


@admin.register(SchoolTerm)
class SchoolTermAdmin(_RecountReminder, AuditedModelAdmin):
    list_display = ["academic_year", "name", "start_date", "end_date"]
    list_filter = ["academic_year"]


@admin.register(LocalRuleSetting)
class LocalRuleSettingAdmin(_RecountReminder, AuditedModelAdmin):
    list_display = ["rule_code", "period", "decided_by", "decided_on"]


class LocalPauseSettingForm(forms.ModelForm):
    # Offer the catalogue's local conditions by name rather than a free-text code.
    condition = forms.ChoiceField(
        choices=[
            (code, f"Pause while {condition.words}")
            for code, condition in PAUSE_CONDITIONS.items()
            if condition.local
        ]
    )

    class Meta:
        model = LocalPauseSetting
        fields = ["condition", "enabled", "decided_by", "decided_on"]


@admin.register(LocalPauseSetting)
class LocalPauseSettingAdmin(_RecountReminder, AuditedModelAdmin):
    form = LocalPauseSettingForm
    list_display = ["condition", "enabled", "decided_by", "decided_on"]
