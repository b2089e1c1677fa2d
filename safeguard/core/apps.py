from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "safeguard.core"
    verbose_name = "Core"
