from django.db import models


class CMEReason(models.TextChoices):
    """Why the child came onto the children missing education register."""

    LEFT_ROLL = "left_roll", "Left a school roll with no known destination"
    STOPPED_ATTENDING = (
        "stopped_attending",
        "Stopped attending (10+ school days' unexplained absence)",
    )
    NOT_STARTED = "not_started", "Did not take up an allocated school place"
    NEW_ARRIVAL = "new_arrival", "Arrived in the area with no school place"


class CMEOutcome(models.TextChoices):
    """How an entry left the register. An entry is closed only with one of these."""

    RETURNED = "returned", "Returned to school"
    FOUND_OTHER_SCHOOL = "other_school", "Found on the roll of another school in the authority"
    FOUND_OTHER_LA = "other_la", "Found in education in another local authority"
    MOVED_ABROAD = "abroad", "Moved abroad (confirmed)"
    HOME_EDUCATED = "home_educated", "Electively home educated"
    ALTERNATIVE_PROVISION = "alternative", "In alternative provision"
    OVER_SCHOOL_AGE = "over_age", "Reached the end of compulsory school age"
    WHEREABOUTS_UNKNOWN = (
        "unknown",
        ("Whereabouts unknown after all reasonable enquiries (passed to police and social care)"),
    )


class CMEEnquiryKind(models.TextChoices):
    SCHOOL_CONTACT = "school_contact", "Contact with the school"
    HOME_VISIT = "home_visit", "Home visit"
    FAMILY_CONTACT = "family_contact", "Telephone or letter to the family"
    ADMISSIONS_CHECK = "admissions_check", "Admissions and school census check"
    OTHER_LA = "other_la", "Enquiry to another local authority (school-to-school)"
    HEALTH = "health", "Health services check"
    SOCIAL_CARE = "social_care", "Children's social care check"
    POLICE = "police", "Police check"
    HOME_OFFICE = "home_office", "Home Office or Border Force check"
    OTHER = "other", "Other enquiry"


class CMEEscalationStage(models.TextChoices):
    TEN_DAYS = "10", "Escalated at 10 school days (children missing education lead)"
    TWENTY_DAYS = "20", "Escalated at 20 school days (senior officer and partners)"


class EHCRequestedBy(models.TextChoices):
    PARENT = "parent", "Parent"
    YOUNG_PERSON = "young_person", "Young person"
    SCHOOL = "school", "School or college"
    OTHER = "other", "Other professional"


class EHCDecision(models.TextChoices):
    ASSESS = "assess", "Decided to assess"
    NOT_ASSESS = "not_assess", "Decided not to assess"


class EHCOutcome(models.TextChoices):
    PLAN_ISSUED = "plan_issued", "Final EHC plan issued"
    PLAN_NOT_ISSUED = "not_issued", "Decided not to issue a plan (notified)"
