from django.db import models


class PersonKind(models.TextChoices):
    CHILD = "child", "Child"
    ADULT = "adult", "Adult"


class NameKind(models.TextChoices):
    ALIAS = "alias", "Also known as"
    PREVIOUS = "previous", "Previous name"
    PREFERRED = "preferred", "Preferred name"


class RelationshipKind(models.TextChoices):
    """How the first person relates to the second ("A is the parent of B")."""

    PARENT = "parent", "Parent of"
    STEP_PARENT = "step_parent", "Step-parent of"
    SIBLING = "sibling", "Sibling of"
    HALF_SIBLING = "half_sibling", "Half-sibling of"
    GRANDPARENT = "grandparent", "Grandparent of"
    CARER = "carer", "Carer of"
    FOSTER_CARER = "foster_carer", "Foster carer of"
    PARTNER = "partner", "Partner of"
    HOUSEHOLD_MEMBER = "household_member", "Household member with"
    OTHER_RELATIVE = "other_relative", "Other relative of"
    PERSON_POSING_RISK = "person_posing_risk", "Person posing a risk to"


# Relationships that read the same both ways round.
SYMMETRIC_RELATIONSHIPS = frozenset(
    {
        RelationshipKind.SIBLING,
        RelationshipKind.HALF_SIBLING,
        RelationshipKind.PARTNER,
        RelationshipKind.HOUSEHOLD_MEMBER,
    }
)

INVERSE_LABELS = {
    RelationshipKind.PARENT: "Child of",
    RelationshipKind.STEP_PARENT: "Step-child of",
    RelationshipKind.GRANDPARENT: "Grandchild of",
    RelationshipKind.CARER: "Cared for by",
    RelationshipKind.FOSTER_CARER: "Fostered by",
    RelationshipKind.OTHER_RELATIVE: "Other relative of",
    RelationshipKind.PERSON_POSING_RISK: "At risk from",
}


class RestrictionReason(models.TextChoices):
    ADOPTION = "adoption", "Adoption"
    PROTECTED_ADDRESS = "protected_address", "Protected address"
    STAFF_OR_RELATIVE = "staff_or_relative", "Child or relative of a member of staff"
    HIGH_PROFILE = "high_profile", "High-profile case"
