"""Codes for child protection records, in the words of Working Together and the DfE."""

from django.db import models


class Agency(models.TextChoices):
    """The statutory safeguarding partners and others at a strategy discussion or conference."""

    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    SOCIAL_CARE = "social_care", "Children's social care"
    OTHER = "other", "Other agency"


class StrategyDecision(models.TextChoices):
    SECTION_47 = "s47", "Start a section 47 enquiry"
    CHILD_IN_NEED = "cin", "No section 47 enquiry: continue as a child in need"
    NO_FURTHER_ACTION = "nfa", "No further action"


class Section47Outcome(models.TextChoices):
    ICPC = "icpc", "Concerns substantiated, child at continuing risk: convene an ICPC"
    SUBSTANTIATED_NO_ICPC = (
        "substantiated_no_icpc",
        "Concerns substantiated, child not at continuing risk: no conference",
    )
    NOT_SUBSTANTIATED = "not_substantiated", "Concerns not substantiated"


class ConferenceKind(models.TextChoices):
    INITIAL = "initial", "Initial child protection conference"
    REVIEW = "review", "Review child protection conference"


class ConferenceDecision(models.TextChoices):
    PLAN = "plan", "Child to become the subject of a child protection plan"
    NO_PLAN = "no_plan", "No child protection plan"
    CONTINUE_PLAN = "continue", "Child protection plan to continue"
    END_PLAN = "end", "Child protection plan to end"


# Decisions that leave the child on a plan, and so need a category of abuse.
DECISIONS_WITH_PLAN = frozenset({ConferenceDecision.PLAN, ConferenceDecision.CONTINUE_PLAN})
INITIAL_DECISIONS = frozenset({ConferenceDecision.PLAN, ConferenceDecision.NO_PLAN})
REVIEW_DECISIONS = frozenset({ConferenceDecision.CONTINUE_PLAN, ConferenceDecision.END_PLAN})


class PlanEndReason(models.TextChoices):
    """Why a child stopped being the subject of a child protection plan.

    The CIN census (2026 schema) reports only CPPendDate and publishes no code list for the
    reason, so these values are plain words, not DfE codes; they follow the reasons the DfE's
    former CPR3 return counted, so the service can still report them.
    """

    NO_LONGER_AT_RISK = (
        "no_longer_at_risk",
        "Child no longer at continuing risk of significant harm",
    )
    LOOKED_AFTER = "looked_after", "Child became looked after"
    TRANSFERRED = "transferred", "Child moved to another local authority (plan transferred)"
    REACHED_18 = "reached_18", "Child reached 18"
    DIED = "died", "Child died"
    OTHER = "other", "Other reason"


class StepDownKind(models.TextChoices):
    CHILD_IN_NEED = "child_in_need", "Child in need plan"
    EARLY_HELP = "early_help", "Early help plan"
    NONE = "none", "No step-down plan (the reason says why)"


class EscalationCondition(models.TextChoices):
    """Which children a rule applies to."""

    ANY_CHILD = "any_child", "Any child"
    NON_MOBILE_OR_DISABLED = "non_mobile_or_disabled", "A non-mobile or disabled child"
    ON_CHILD_PROTECTION_PLAN = "on_cp_plan", "A child on a child protection plan"


class EscalationDecision(models.TextChoices):
    PENDING = "pending", "Awaiting strategy discussion"
    PROCEDURES_STARTED = "started", "Child protection procedures started"
    NOT_STARTED = "not_started", "Procedures not started (manager's reason recorded)"


class PlanFlagCode(models.TextChoices):
    """A reason a plan cannot work as written; one per check in plan_checks."""

    ONE_CARER_TWO_ADDRESSES = (
        "one_carer_two_addresses",
        "One person asked to keep safe children living at different addresses",
    )
    ACTION_OWNER_POSES_RISK = (
        "action_owner_poses_risk",
        "Action given to a person the record names as a risk",
    )
    ACTION_OVERDUE_NO_UPDATE = "action_overdue", "Action past its due date with no update"
    CHILD_NOT_SEEN = "child_not_seen", "Child not seen within the visit interval"
