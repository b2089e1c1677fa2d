from django.db import models


class ContactChannel(models.TextChoices):
    """How the contact reached the front door."""

    PHONE = "phone", "Telephone"
    EMAIL = "email", "Email"
    ONLINE_FORM = "online_form", "Online form (public)"
    PARTNER_PORTAL = "partner_portal", "Submitted by a partner agency"
    POLICE_NOTIFICATION = "police_notification", "Police protection notification"
    IN_PERSON = "in_person", "In person"


class ContactStatus(models.TextChoices):
    AWAITING_DECISION = "awaiting_decision", "Awaiting screening decision"
    AWAITING_AUTHORISATION = "awaiting_authorisation", "Awaiting manager authorisation"
    AUTHORISED = "authorised", "Decision authorised"


class Involvement(models.TextChoices):
    CHILD = "child", "Child the concern is about"
    ADULT = "adult", "Adult involved"


class ScreeningOutcome(models.TextChoices):
    """The outcomes of a front-door decision (Working Together 2023, chapter 2)."""

    NO_FURTHER_ACTION = "nfa", "No further action"
    INFORMATION_AND_ADVICE = "advice", "Information and advice"
    STEP_TO_EARLY_HELP = "early_help", "Step to early help"
    REFERRAL = "referral", "Referral to children's social care"
    STRATEGY_DISCUSSION = "strategy", "Immediate strategy discussion"

    @classmethod
    def opening_referral(cls) -> frozenset[str]:
        """Return the outcomes that open a children's social care referral."""
        return frozenset({cls.REFERRAL, cls.STRATEGY_DISCUSSION})
