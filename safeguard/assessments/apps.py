from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "safeguard.assessments"

    def ready(self) -> None:
        from safeguard.assessments import chronology, clocks, panels  # noqa: F401 - registers
