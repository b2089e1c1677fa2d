from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "safeguard.casework"

    def ready(self) -> None:
        from safeguard.casework import (  # noqa: F401 - registers
            clocks,
            closure_checks,
            events,
            panels,
        )
