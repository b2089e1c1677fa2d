from django.apps import AppConfig


class LookedAfterConfig(AppConfig):
    name = "safeguard.looked_after"
