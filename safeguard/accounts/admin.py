from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from safeguard.accounts.models import Team, User
from safeguard.audit.admin import AuditedModelAdmin


@admin.register(User)
class SafeguardUserAdmin(AuditedModelAdmin, UserAdmin):
    fieldsets = UserAdmin.fieldsets + (
        ("Safeguard", {"fields": ("role", "team", "job_title", "organisation")}),
    )
    list_display = ("username", "first_name", "last_name", "role", "team", "is_active")
    list_filter = ("role", "team", "is_active")


@admin.register(Team)
class TeamAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "service_area", "manager")
    list_filter = ("kind", "service_area")
