from django.apps import AppConfig


class LookedAfterConfig(AppConfig):
    name = "safeguard.looked_after"

    def ready(self):
        from safeguard.looked_after import chronology, clocks, panels  # noqa: F401 - registers
