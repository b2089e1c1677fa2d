from django.db import models


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    SENIOR_MANAGER = "senior_manager", "Senior manager"
    MASH_SCREENER = "mash_screener", "MASH screener"
    CONFERENCE_CHAIR = "conference_chair", "Conference chair / independent reviewing officer"
    EARLY_HELP_PRACTITIONER = "early_help_practitioner", "Early help practitioner"
    PERFORMANCE_ANALYST = "performance_analyst", "Performance analyst"
    PARTNER = "partner", "Partner agency user"
    SYSTEM_ADMINISTRATOR = "system_administrator", "System administrator"


class TeamKind(models.TextChoices):
    TEAM = "team", "Team"
    # Reclaiming Social Work ("Hackney model"): the unit holds the case together.
    UNIT = "unit", "Unit"


class ServiceArea(models.TextChoices):
    FRONT_DOOR = "front_door", "Front door (MASH)"
    ASSESSMENT = "assessment", "Assessment"
    CHILDREN_IN_NEED = "children_in_need", "Children in need and child protection"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    DISABLED_CHILDREN = "disabled_children", "Disabled children"
    EARLY_HELP = "early_help", "Early help"
    SAFEGUARDING = "safeguarding", "Safeguarding and quality assurance"
