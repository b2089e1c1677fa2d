from django.db import models


class AssessmentKind(models.TextChoices):
    SINGLE = "single", "Single assessment (Children Act 1989, s17/s47)"
    EARLY_HELP = "early_help", "Early help assessment"


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted for authorisation"
    RETURNED = "returned", "Returned by manager"
    AUTHORISED = "authorised", "Authorised"


class AssessmentOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    CHILD_IN_NEED_PLAN = "child_in_need_plan", "Child in need plan"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
    STEP_DOWN_EARLY_HELP = "step_down_early_help", "Step down to early help"
    EARLY_HELP_PLAN = "early_help_plan", "Early help plan"
    STEP_UP_SOCIAL_CARE = "step_up_social_care", "Step up to children's social care"


# Outcomes open to each kind of assessment.
OUTCOMES_BY_KIND = {
    AssessmentKind.SINGLE: [
        AssessmentOutcome.NO_FURTHER_ACTION,
        AssessmentOutcome.CHILD_IN_NEED_PLAN,
        AssessmentOutcome.STRATEGY_DISCUSSION,
        AssessmentOutcome.STEP_DOWN_EARLY_HELP,
    ],
    AssessmentKind.EARLY_HELP: [
        AssessmentOutcome.NO_FURTHER_ACTION,
        AssessmentOutcome.EARLY_HELP_PLAN,
        AssessmentOutcome.STEP_UP_SOCIAL_CARE,
    ],
}


class ChecklistApplies(models.TextChoices):
    ALL = "all", "Every assessment"
    SINGLE = "single", "Single assessments"
    EARLY_HELP = "early_help", "Early help assessments"


class ManagerDecision(models.TextChoices):
    RETURNED = "returned", "Returned to the worker"
    AUTHORISED = "authorised", "Authorised"


class SectionRating(models.TextChoices):
    ADEQUATE = "adequate", "Adequate"
    INADEQUATE = "inadequate", "Inadequate"
