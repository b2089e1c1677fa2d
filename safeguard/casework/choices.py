from django.db import models


class Service(models.TextChoices):
    EARLY_HELP = "early_help", "Early help"
    SOCIAL_CARE = "social_care", "Children's social care"


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class AllocationRole(models.TextChoices):
    LEAD = "lead", "Allocated worker (accountable lead)"
    CO_WORKER = "co_worker", "Co-worker"
