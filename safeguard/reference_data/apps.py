from django.apps import AppConfig


class ReferenceDataConfig(AppConfig):
    name = "safeguard.reference_data"
    verbose_name = "DfE reference data"
