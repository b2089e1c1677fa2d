from django.apps import AppConfig


class ChildProtectionConfig(AppConfig):
    name = "safeguard.child_protection"
    verbose_name = "Child protection"

    def ready(self):
        from safeguard.child_protection import chronology, clocks, panels, signals  # noqa: F401
