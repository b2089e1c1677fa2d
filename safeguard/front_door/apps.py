from django.apps import AppConfig


class FrontDoorConfig(AppConfig):
    name = "safeguard.front_door"
    verbose_name = "Front door"

    def ready(self) -> None:
        from safeguard.front_door import chronology, clocks, panels  # noqa: F401 - registers
