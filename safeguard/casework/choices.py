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


class VisitType(models.TextChoices):
    """The statutory (or other) basis of a visit; each visit clock reads its own kind."""

    CHILD_IN_NEED = "child_in_need", "Child in need visit"
    CHILD_PROTECTION = "child_protection", "Child protection visit"
    LOOKED_AFTER = "looked_after", "Looked-after child statutory visit"
    ASSESSMENT = "assessment", "Assessment visit"
    EARLY_HELP = "early_help", "Early help visit"
    PRIVATE_FOSTERING = "private_fostering", "Private fostering visit"
    CARE_LEAVER = "care_leaver", "Care leaver contact"
    OTHER = "other", "Other visit"


class VisitLocation(models.TextChoices):
    HOME = "home", "Child's home"
    PLACEMENT = "placement", "Placement"
    SCHOOL = "school", "School or nursery"
    OFFICE = "office", "Office or contact centre"
    HOSPITAL = "hospital", "Hospital"
    COMMUNITY = "community", "Community setting"
    OTHER = "other", "Other"


class PlanKind(models.TextChoices):
    CHILD_IN_NEED = "child_in_need", "Child in need plan"
    CHILD_PROTECTION = "child_protection", "Child protection plan"
    EARLY_HELP = "early_help", "Early help plan"
    EXPLOITATION = "exploitation", "Exploitation safety plan"
    STEP_DOWN = "step_down", "Step-down plan"


class PlanEndReason(models.TextChoices):
    OUTCOMES_ACHIEVED = "outcomes_achieved", "Outcomes achieved"
    STEPPED_UP = "stepped_up", "Stepped up to a higher level of plan"
    STEPPED_DOWN = "stepped_down", "Stepped down to early help or universal services"
    CASE_CLOSED = "case_closed", "Case closed"
    TRANSFERRED = "transferred", "Transferred to another local authority"
    REPLACED = "replaced", "Replaced by a new plan"
    OTHER = "other", "Other reason"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    NOT_ACHIEVED = "not_achieved", "Not achieved"
    NO_LONGER_NEEDED = "no_longer_needed", "No longer needed"


class CaseNoteType(models.TextChoices):
    CASE_NOTE = "case_note", "Case note"
    TELEPHONE_CALL = "telephone_call", "Telephone call"
    EMAIL = "email", "Email or letter"
    DIRECT_WORK = "direct_work", "Direct work with the child"
    PROFESSIONALS_MEETING = "professionals_meeting", "Professionals' meeting"
    FAMILY_MEETING = "family_meeting", "Family meeting"
    PARTNER_INFORMATION = "partner_information", "Information from a partner agency"
    SUPERVISION = "supervision", "Case supervision"
    OTHER = "other", "Other"


class EpisodeTransition(models.TextChoices):
    """How an episode followed on from the one before it on the same child's record."""

    STEP_UP = "step_up", "Stepped up from early help to social care"
    STEP_DOWN = "step_down", "Stepped down from social care to early help"


class ClosureBasis(models.TextChoices):
    """Why the case is closing, in the child's terms. There is deliberately no capacity option:
    a child's case never closes because no one is free to work it."""

    NEEDS_MET = "needs_met", "The child's needs are met and the plan's outcomes achieved"
    NO_FURTHER_ACTION = "no_further_action", "The assessment found no further action is needed"
    STEPPED_DOWN = "stepped_down", "Support continues through early help"
    SERVICES_DECLINED = (
        "services_declined",
        ("The family declined services and the child is not at risk of significant harm"),
    )
    MOVED_AWAY = "moved_away", "The child moved to another local authority (case transferred)"
    ADULT_SERVICES = "adult_services", "The young person transferred to adult services"
    LEGAL_ORDER = "legal_order", "A legal order (adoption, SGO, CAO) secures the child's care"
    CHILD_DIED = "child_died", "The child died"


class ClosureStatus(models.TextChoices):
    REQUESTED = "requested", "Awaiting manager approval"
    APPROVED = "approved", "Approved: case closed"
    REFUSED = "refused", "Refused by manager"


class ChronologyCategory(models.TextChoices):
    """Categories a worker may give a manual chronology entry (sources use the same words)."""

    CONTACT = "contact", "Contact or referral"
    ASSESSMENT = "assessment", "Assessment"
    VISIT = "visit", "Visit"
    PLAN = "plan", "Plan or review"
    MEETING = "meeting", "Meeting or conference"
    INCIDENT = "incident", "Incident"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    POLICE = "police", "Police"
    COURT = "court", "Court"
    MOVE = "move", "Move or change of household"
    FAMILY = "family", "Family event"
    OTHER = "other", "Other"
