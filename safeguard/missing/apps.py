from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "safeguard.missing"

    def ready(self) -> None:
        from safeguard.missing import chronology, clocks, panels  # noqa: F401 - registers
