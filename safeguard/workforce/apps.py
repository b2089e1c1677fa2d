from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "safeguard.workforce"

    def ready(self):
        from safeguard.workforce import chronology, panels  # noqa: F401 - register sources
        from safeguard.workforce.rules import register_workforce_rules

        register_workforce_rules()
