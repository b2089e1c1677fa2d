from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from safeguard.core.models import CaseRecord
from safeguard.front_door.choices import (
    ContactChannel,
    ContactStatus,
    Involvement,
    ScreeningOutcome,
)
from safeguard.reference_data.cin_codes import ReferralSource


class ThresholdFramework(models.Model):
    """The local threshold document ("continuum of need") screeners decide against.

    An authority configures its own levels; exactly one framework is current at a time.
    """

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_framework"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ThresholdLevel(models.Model):
    """One level of need in a framework, in order from least to most need."""

    framework = models.ForeignKey(
        ThresholdFramework, on_delete=models.PROTECT, related_name="levels"
    )
    code = models.SlugField(max_length=30)
    name = models.CharField(max_length=80)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="threshold_level_code"),
            models.UniqueConstraint(fields=["framework", "order"], name="threshold_level_order"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class Contact(CaseRecord):
    """A concern about one or more children received at the front door.

    Made by a referrer (coded with the DfE referral source), recorded by a member of staff or
    submitted directly by a partner agency: recorded_by is empty for a partner submission.
    """

    received_at = models.DateTimeField("Date and time received")
    referral_source = models.CharField("Source", max_length=2, choices=ReferralSource.choices)
    channel = models.CharField(
        max_length=20, choices=ContactChannel.choices, default=ContactChannel.PHONE
    )
    referrer_name = models.CharField("Name of the person making contact", max_length=200)
    referrer_contact_details = models.CharField(max_length=200, blank=True)
    submitted_by_organisation = models.CharField(
        max_length=200, blank=True, help_text="The agency, when a partner submits the contact"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The partner agency user who submitted it, if they did",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The member of staff who recorded it, if staff did",
    )
    concern = models.TextField("What is the concern")
    consent_obtained = models.BooleanField("Parents' consent to share obtained", default=False)
    people = models.ManyToManyField(
        "people.Person", through="ContactPerson", related_name="contacts"
    )
    status = models.CharField(
        max_length=30, choices=ContactStatus.choices, default=ContactStatus.AWAITING_DECISION
    )
    # Bumped on every state change; a form posts the version it was opened at, so a decision
    # made on a stale screen is refused instead of silently overwriting another.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "received_at"]),
            models.Index(fields=["received_at"]),
        ]

    def __str__(self) -> str:
        return f"Contact {self.pk} received {self.received_at:%d %b %Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("front_door:contact_detail", args=[self.pk])


class ContactPerson(models.Model):
    """A child the concern is about, or an adult involved, named on a contact."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="involved")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="contact_involvements"
    )
    involvement = models.CharField(max_length=10, choices=Involvement.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "person"], name="contact_person_once")
        ]
        indexes = [models.Index(fields=["person", "involvement"])]

    def __str__(self) -> str:
        return f"{self.person_id} ({self.involvement}) on contact {self.contact_id}"


class ScreeningDecision(CaseRecord):
    """The MASH screening decision on a contact: level of need, outcome and why.

    One per contact (the database refuses a second); a manager authorises it.
    """

    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, related_name="decision")
    level = models.ForeignKey(ThresholdLevel, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=ScreeningOutcome.choices)
    rationale = models.TextField("Rationale for the decision")
    evidence = models.TextField("Evidence the decision rests on", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by_team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField()
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authorised_at = models.DateTimeField(null=True, blank=True)
    manager_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(rationale=""), name="decision_has_rationale"),
            models.CheckConstraint(
                condition=Q(authorised_at__isnull=True) | Q(authorised_by__isnull=False),
                name="decision_authorised_by_someone",
            ),
        ]
        indexes = [
            models.Index(fields=["decided_at"]),
            models.Index(fields=["decided_by", "decided_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.level.name})"


class Referral(CaseRecord):
    """The front-door detail of a referral: which contact it came from, and re-referral history.

    The DfE items (referral date, source, primary need, re-referral) live on the episode.
    """

    episode = models.OneToOneField(
        "casework.Episode", on_delete=models.PROTECT, related_name="front_door_referral"
    )
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="referrals")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="front_door_referrals"
    )
    previous_episode = models.ForeignKey(
        "casework.Episode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The previous referral within 12 months, when this is a re-referral",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "person"], name="one_referral_per_child")
        ]

    def __str__(self) -> str:
        return f"Referral of {self.person_id} from contact {self.contact_id}"


class PersonMatchKey(models.Model):
    """Blocking keys for "is this child known?", one row per person, kept by front_door.

    The people table is not ours to index, so the keys a match blocks on live here and are
    rebuilt by `manage.py rebuild_match_keys` (and refreshed by the services that touch people).
    """

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    surname_key = models.CharField(max_length=8)
    first_name_key = models.CharField(max_length=8)
    birth_year = models.PositiveSmallIntegerField(null=True)
    postcode = models.CharField(max_length=8, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["surname_key", "birth_year"]),
            models.Index(fields=["surname_key", "first_name_key"]),
            models.Index(fields=["postcode"]),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.surname_key}/{self.first_name_key}/{self.birth_year}"
