from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "safeguard.compliance"
    verbose_name = "Statutory clocks and work lists"

    def ready(self):
        from safeguard.compliance import checks, panels  # noqa: F401
