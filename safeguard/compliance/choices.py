from django.db import models


class Unit(models.TextChoices):
    WORKING_DAYS = "working_days", "working days"
    CALENDAR_DAYS = "calendar_days", "calendar days"
    HOURS = "hours", "hours"
    WEEKS = "weeks", "weeks"
    MONTHS = "months", "months"
    SCHOOL_DAYS = "school_days", "school days"


class ClockStatus(models.TextChoices):
    DUE = "due", "Due"
    OVERDUE = "overdue", "Overdue"
    PAUSED = "paused", "Paused"
    MET = "met", "Met"
    MET_LATE = "met_late", "Met late"
    CANCELLED = "cancelled", "Cancelled"


class SchoolTermName(models.TextChoices):
    AUTUMN = "autumn", "Autumn"
    AUTUMN_1 = "autumn_1", "Autumn first half"
    AUTUMN_2 = "autumn_2", "Autumn second half"
    SPRING = "spring", "Spring"
    SPRING_1 = "spring_1", "Spring first half"
    SPRING_2 = "spring_2", "Spring second half"
    SUMMER = "summer", "Summer"
    SUMMER_1 = "summer_1", "Summer first half"
    SUMMER_2 = "summer_2", "Summer second half"
