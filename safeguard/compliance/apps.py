from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "safeguard.compliance"
