from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "safeguard.partners"
    verbose_name = "Partner agencies"
