from django.apps import AppConfig


class ChildProtectionConfig(AppConfig):
    name = "safeguard.child_protection"
