"""Administration of the establishment and the workforce settings.

Day-to-day records (supervision, audits, appraisals) are written through the workforce pages;
the admin keeps posts, employment, absence, weights, policies and audit tools.
"""

from django.contrib import admin

from safeguard.audit.admin import AuditedModelAdmin
from safeguard.workforce.models import (
    Absence,
    AuditTool,
    AuditToolSection,
    CaseWeighting,
    Employment,
    Post,
    WorkforcePolicy,
)


@admin.register(Post)
class PostAdmin(AuditedModelAdmin):
    list_display = ["title", "team", "fte", "is_case_holding", "funded_from", "funded_to"]
    list_filter = ["team", "is_case_holding"]


class AbsenceInline(admin.TabularInline):
    model = Absence
    extra = 0


@admin.register(Employment)
class EmploymentAdmin(AuditedModelAdmin):
    list_display = [
        "user",
        "team",
        "contract_type",
        "fte",
        "is_newly_qualified",
        "start_date",
        "end_date",
    ]
    list_filter = ["team", "contract_type", "is_newly_qualified"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    raw_id_fields = ["user", "post"]
    inlines = [AbsenceInline]


@admin.register(CaseWeighting)
class CaseWeightingAdmin(AuditedModelAdmin):
    list_display = ["case_type", "weight", "note"]


@admin.register(WorkforcePolicy)
class WorkforcePolicyAdmin(AuditedModelAdmin):
    list_display = ["effective_from", "caseload_limit", "nqsw_weekly_supervision_weeks"]


class AuditToolSectionInline(admin.TabularInline):
    model = AuditToolSection
    extra = 1


@admin.register(AuditTool)
class AuditToolAdmin(AuditedModelAdmin):
    list_display = ["name", "is_active"]
    inlines = [AuditToolSectionInline]
