from django.contrib import admin

from safeguard.compliance.models import LocalClosureDay, LocalRuleSetting, SchoolTerm


@admin.register(LocalClosureDay)
class LocalClosureDayAdmin(admin.ModelAdmin):
    list_display = ["date", "reason"]
    date_hierarchy = "date"


@admin.register(SchoolTerm)
class SchoolTermAdmin(admin.ModelAdmin):
    list_display = ["academic_year", "name", "start_date", "end_date"]
    list_filter = ["academic_year"]


@admin.register(LocalRuleSetting)
class LocalRuleSettingAdmin(admin.ModelAdmin):
    list_display = ["rule_code", "period", "decided_by", "decided_on"]
