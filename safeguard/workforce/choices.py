from django.db import models


class ContractType(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    # DfE workforce census: agency workers cover vacancies or absence; counted separately.
    AGENCY = "agency", "Agency"


class LeavingReason(models.TextChoices):
    RESIGNATION = "resignation", "Resigned"
    RETIREMENT = "retirement", "Retired"
    END_OF_CONTRACT = "end_of_contract", "End of agency or fixed-term contract"
    DISMISSAL = "dismissal", "Dismissed"
    REDUNDANCY = "redundancy", "Redundancy"
    INTERNAL_MOVE = "internal_move", "Moved to another team in the authority"
    OTHER = "other", "Other"


class AbsenceType(models.TextChoices):
    SICKNESS = "sickness", "Sickness"
    MATERNITY = "maternity", "Maternity, paternity or adoption leave"
    PARENTAL = "parental", "Shared parental leave"
    ANNUAL_LEAVE = "annual_leave", "Annual leave"
    STUDY = "study", "Study leave"
    SUSPENSION = "suspension", "Suspension"
    OTHER = "other", "Other"


class CaseType(models.TextChoices):
    """What kind of case a child is, for weighting a caseload."""

    CHILD_PROTECTION = "child_protection", "Child protection plan"
    LOOKED_AFTER = "looked_after", "Looked after"
    CHILD_IN_NEED = "child_in_need", "Child in need"
    COURT_WORK = "court_work", "Court work (care or pre-proceedings)"


class SupervisionKind(models.TextChoices):
    INDIVIDUAL = "individual", "Individual (one to one)"
    GROUP = "group", "Group or unit supervision"
    AD_HOC = "ad_hoc", "Ad hoc (unplanned)"


class AuditGrade(models.TextChoices):
    """The Ofsted (ILACS) judgement scale, used by case file audits."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement to be good"
    INADEQUATE = "inadequate", "Inadequate"


class AuditStatus(models.TextChoices):
    GRADED = "graded", "Graded, awaiting moderation"
    MODERATED = "moderated", "Moderated"
