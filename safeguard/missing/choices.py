from django.db import models


class MissingFrom(models.TextChoices):
    HOME = "home", "Home"
    CARE = "care", "Care (placement)"
    OTHER = "other", "Elsewhere (school, hospital, other)"


class MissingType(models.TextChoices):
    """The SSDA903 missing type: the DfE code is the value."""

    MISSING = "M", "Missing"
    AWAY = "A", "Away from placement without authorisation"


class MissingRisk(models.TextChoices):
    """The police risk grading given when the child was reported missing."""

    NO_APPARENT_RISK = "no_apparent_risk", "No apparent risk"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class InterviewResponse(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
