from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse

from safeguard.core.models import CaseRecord
from safeguard.people.choices import NameKind, PersonKind, RelationshipKind, RestrictionReason
from safeguard.reference_data.cin_codes import Disability, Ethnicity, Sex, UnknownUPN


class Person(CaseRecord):
    """A child or an adult: one record for a childhood, across early help and social care."""

    kind = models.CharField(max_length=10, choices=PersonKind.choices, default=PersonKind.CHILD)
    first_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.U)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, db_index=True)
    upn = models.CharField("Unique pupil number", max_length=13, blank=True)
    upn_unknown_reason = models.CharField(max_length=3, choices=UnknownUPN.choices, blank=True)
    la_child_id = models.CharField("LA child ID", max_length=20, blank=True)
    is_restricted = models.BooleanField(default=False)
    restriction_reason = models.CharField(
        max_length=30, choices=RestrictionReason.choices, blank=True
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["la_child_id"],
                condition=~Q(la_child_id=""),
                name="person_la_child_id_unique",
                violation_error_message="A person with this LA child ID already exists",
            ),
            models.CheckConstraint(
                condition=Q(is_restricted=False) | ~Q(restriction_reason=""),
                name="person_restriction_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["date_of_birth"]),
            models.Index(fields=["upn"]),
            # Search matches the start of upper-cased names and the LA ID in any case: these
            # expression indexes serve it on PostgreSQL and SQLite alike.
            models.Index(Upper("last_name"), Upper("first_name"), name="person_upper_name_idx"),
            models.Index(Upper("first_name"), name="person_upper_first_name_idx"),
            models.Index(Upper("la_child_id"), name="person_upper_la_child_id_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("people:record", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None

    def age_on(self, day) -> int | None:
        """Return the person's age in whole years on the given day."""
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


class PersonName(models.Model):
    """Another name a person is known by: an alias, a previous or a preferred name."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="other_names")
    kind = models.CharField(max_length=20, choices=NameKind.choices, default=NameKind.ALIAS)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)

    class Meta:
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            models.Index(Upper("last_name"), Upper("first_name"), name="name_upper_name_idx"),
            models.Index(Upper("first_name"), name="name_upper_first_name_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.get_kind_display()})"


class PersonDisability(models.Model):
    """A disability recorded with its DfE code."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disabilities")
    code = models.CharField(max_length=4, choices=Disability.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "code"], name="person_disability_unique")
        ]

    def __str__(self) -> str:
        return self.get_code_display()


class Address(models.Model):
    line_1 = models.CharField(max_length=200)
    line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=8, db_index=True)
    uprn = models.CharField("UPRN", max_length=12, blank=True)

    class Meta:
        verbose_name_plural = "addresses"

    def __str__(self) -> str:
        return ", ".join(p for p in [self.line_1, self.line_2, self.town, self.postcode] if p)


class PersonAddress(models.Model):
    """Where a person lived, from and to. A current address has no end date."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="addresses")
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="residents")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    is_protected = models.BooleanField(
        default=False, help_text="Hide this address from anyone not named on the record"
    )

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="person_address_dates_in_order",
            )
        ]
        indexes = [models.Index(fields=["address", "end_date"])]

    def __str__(self) -> str:
        return f"{self.address} from {self.start_date}"


class Relationship(models.Model):
    """How one person relates to another ("A is the parent of B")."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships_from")
    related_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="relationships_to"
    )
    kind = models.CharField(max_length=30, choices=RelationshipKind.choices)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "related_person", "kind"], name="relationship_unique"
            ),
            models.CheckConstraint(
                condition=~Q(person=models.F("related_person")), name="relationship_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_kind_display().lower()} {self.related_person}"


class RestrictedAccessGrant(models.Model):
    """A named user who may open a restricted record."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="access_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "user"], name="restricted_grant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} may see {self.person_id}"
