from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "safeguard.education"

    def ready(self) -> None:
        from safeguard.education import chronology, clocks, panels, rules  # noqa: F401 - registers
