from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "safeguard.casework"

    def ready(self) -> None:
        from safeguard.casework import clocks, events, panels  # noqa: F401 - registers
