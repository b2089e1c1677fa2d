"""Children looked after and care leavers: the SSDA903 records and the duties around them.

Field names follow the 903 column they export to (the column is in each field's verbose name),
so a returns exporter can map one to the other without a lookup table.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from safeguard.core.models import CaseRecord
from safeguard.looked_after.choices import (
    Accommodation,
    Activity,
    CareLeaverEligibility,
    CategoryOfNeed,
    HealthEventKind,
    InTouch,
    LegalStatus,
    PersonalEducationPlanKind,
    PlacementProvider,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonNewEpisode,
    ReasonPlaceChange,
    ReasonPlacedCeased,
    ReviewParticipation,
)


class CareEpisode(CaseRecord):
    """One SSDA903 episode: a stretch of care with one legal status and one placement.

    A new episode starts whenever the legal status or the placement changes; the one before
    ends the same day with reason X1. A period of care is a run of such episodes from one
    that started to be looked after (RNE S) to one that ended with any reason but X1.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="care_episodes"
    )
    start_date = models.DateField("Date episode commenced (DECOM)")
    reason_new_episode = models.CharField(
        "Reason for new episode (RNE)", max_length=1, choices=ReasonNewEpisode.choices
    )
    legal_status = models.CharField("Legal status (LS)", max_length=2, choices=LegalStatus.choices)
    category_of_need = models.CharField(
        "Category of need (CIN)", max_length=2, choices=CategoryOfNeed.choices
    )
    placement_type = models.CharField(
        "Placement type (PLACE)", max_length=3, choices=PlacementType.choices
    )
    placement_provider = models.CharField(
        "Placement provider (PLACE_PROVIDER)",
        max_length=3,
        choices=PlacementProvider.choices,
        blank=True,
    )
    home_postcode = models.CharField("Home postcode (HOME_POST)", max_length=8, blank=True)
    placement_postcode = models.CharField("Placement postcode (PL_POST)", max_length=8, blank=True)
    urn = models.CharField(
        "Ofsted unique reference number (URN)",
        max_length=8,
        blank=True,
        help_text="The provider's Ofsted URN, or XXXXXXX where the provider has none",
    )
    end_date = models.DateField("Date episode ceased (DEC)", null=True, blank=True)
    reason_episode_ceased = models.CharField(
        "Reason episode ceased (REC)",
        max_length=3,
        choices=ReasonEpisodeCeased.choices,
        blank=True,
    )
    reason_place_change = models.CharField(
        "Reason for placement change (REASON_PLACE_CHANGE)",
        max_length=6,
        choices=ReasonPlaceChange.choices,
        blank=True,
    )
    # What the visiting regime of reg 28 turns on; carried forward while the placement lasts.
    placement_intended_until_18 = models.BooleanField(
        "Placement intended to last until 18",
        default=False,
        help_text="Agreed as the child's permanent placement (CPPCR reg 28(2)(c)(i))",
    )
    placed_with_parent_before_assessment = models.BooleanField(
        "Placed with a parent before the assessment was completed (CPPCR reg 19)", default=False
    )
    connected_person_temporary_approval = models.BooleanField(
        "Placed with a temporarily approved connected person (CPPCR reg 24)", default=False
    )

    class Meta:
        ordering = ["person", "start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="care_episode_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True, reason_episode_ceased="")
                | (Q(end_date__isnull=False) & ~Q(reason_episode_ceased="")),
                name="care_episode_end_with_reason",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(end_date__isnull=True, archived_at__isnull=True),
                name="care_episode_one_open_per_child",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "start_date"], name="care_episode_person_start"),
            models.Index(fields=["end_date", "start_date"], name="care_episode_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.legal_status}/{self.placement_type} from {self.start_date:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("looked_after:child", args=[self.person_id])

    @property
    def is_open(self) -> bool:
        return self.end_date is None

    @property
    def begins_placement(self) -> bool:
        return self.reason_new_episode != ReasonNewEpisode.L


class LookedAfterReview(CaseRecord):
    """A review of the child's care plan chaired by the IRO (CPPCR Part 6; SSDA903 Reviews)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="looked_after_reviews"
    )
    review_date = models.DateField("Date of review (REVIEW)")
    participation = models.CharField(
        "Participation of child in review (REVIEW_CODE)",
        max_length=3,
        choices=ReviewParticipation.choices,
    )
    chaired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="looked_after_reviews_chaired",
    )
    decisions = models.TextField("Decisions and recommendations", blank=True)

    class Meta:
        ordering = ["person", "review_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "review_date"],
                condition=Q(archived_at__isnull=True),
                name="looked_after_review_once_a_day",
            ),
        ]
        indexes = [models.Index(fields=["person", "review_date"], name="lac_review_person")]

    def __str__(self) -> str:
        return f"Looked-after review on {self.review_date:%d %b %Y}"


class HealthEvent(CaseRecord):
    """A health assessment, dental check, immunisation check or SDQ (SSDA903 OC2 items)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="looked_after_health"
    )
    kind = models.CharField(max_length=30, choices=HealthEventKind.choices)
    event_date = models.DateField("Date")
    immunisations_up_to_date = models.BooleanField(
        "Immunisations up to date (IMMUNISATIONS)", null=True, blank=True
    )
    sdq_score = models.PositiveSmallIntegerField(
        "Strengths and difficulties score (SDQ_SCORE)", null=True, blank=True
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["person", "event_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sdq_score__isnull=True) | Q(sdq_score__lte=40),
                name="health_event_sdq_0_to_40",
            ),
        ]
        indexes = [models.Index(fields=["person", "kind", "event_date"], name="lac_health")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.event_date:%d %b %Y}"


class PersonalEducationPlan(CaseRecord):
    """A personal education plan meeting: the initial plan or a termly review."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="personal_education_plans"
    )
    kind = models.CharField(max_length=10, choices=PersonalEducationPlanKind.choices)
    meeting_date = models.DateField("Date of PEP meeting")
    school_name = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["person", "meeting_date"]
        indexes = [models.Index(fields=["person", "meeting_date"], name="lac_pep_person")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.meeting_date:%d %b %Y}"


class IROAssignment(models.Model):
    """The independent reviewing officer named for a looked-after child (Children Act s25A)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="iro_assignments"
    )
    iro = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="iro_assignments"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(end_date__isnull=True), name="iro_one_current"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="iro_assignment_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["iro", "end_date"], name="iro_assignment_iro")]

    def __str__(self) -> str:
        return f"IRO {self.iro} from {self.start_date:%d %b %Y}"


class CareLeaver(CaseRecord):
    """A young person's entitlement as a care leaver (Children Act 1989 ss23A-24B)."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="care_leaver"
    )
    eligibility = models.CharField(max_length=20, choices=CareLeaverEligibility.choices)
    personal_adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_leavers_advised",
    )
    needs_assessment_completed_on = models.DateField(
        "Needs assessment completed (CPPCR reg 42)", null=True, blank=True
    )
    services_ended_on = models.DateField(
        "Leaving care services ended", null=True, blank=True, help_text="For example at 25"
    )

    class Meta:
        ordering = ["person"]

    def __str__(self) -> str:
        return f"{self.get_eligibility_display()} care leaver"


class PathwayPlan(CaseRecord):
    """A pathway plan, or its review (Care Leavers (England) Regulations 2010)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="pathway_plans"
    )
    plan_date = models.DateField("Date of plan or review")
    is_review = models.BooleanField(default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["person", "plan_date"]
        indexes = [models.Index(fields=["person", "plan_date"], name="pathway_plan_person")]

    def __str__(self) -> str:
        kind = "Pathway plan review" if self.is_review else "Pathway plan"
        return f"{kind} on {self.plan_date:%d %b %Y}"


class CareLeaverBirthdayRecord(CaseRecord):
    """Where a care leaver is at a birthday from 17 to 21 (SSDA903 OC3)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="care_leaver_birthdays"
    )
    birthday_age = models.PositiveSmallIntegerField("Birthday (age)")
    contact_date = models.DateField("Date of contact", null=True, blank=True)
    in_touch = models.CharField("In touch (IN_TOUCH)", max_length=4, choices=InTouch.choices)
    activity = models.CharField("Main activity (ACTIV)", max_length=2, choices=Activity.choices)
    accommodation = models.CharField(
        "Accommodation (ACCOM)", max_length=2, choices=Accommodation.choices
    )

    class Meta:
        ordering = ["person", "birthday_age"]
        constraints = [
            models.CheckConstraint(
                condition=Q(birthday_age__gte=17, birthday_age__lte=21),
                name="care_leaver_birthday_17_to_21",
            ),
            models.UniqueConstraint(
                fields=["person", "birthday_age"],
                condition=Q(archived_at__isnull=True),
                name="care_leaver_birthday_once",
            ),
        ]

    def __str__(self) -> str:
        return f"Care leaver at {self.birthday_age}"

    @property
    def accommodation_suitable(self) -> bool | None:
        """Return True if suitable, False if not, None where no accommodation is recorded."""
        if self.accommodation == Accommodation.NONE:
            return None
        return self.accommodation.endswith("1")


class UnaccompaniedAsylumSeekingChild(CaseRecord):
    """A child who is or was an unaccompanied asylum-seeking child (SSDA903 UASC)."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="uasc")
    date_uasc_ceased = models.DateField("Date UASC status ceased (DUC)", null=True, blank=True)

    def __str__(self) -> str:
        return "Unaccompanied asylum-seeking child"


class PlacedForAdoption(CaseRecord):
    """A decision that the child should be placed for adoption (SSDA903 PlacedAdoption)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="adoption_decisions"
    )
    date_placed = models.DateField("Date of decision to place for adoption (DATE_PLACED)")
    date_placed_ceased = models.DateField(
        "Date decision reversed (DATE_PLACED_CEASED)", null=True, blank=True
    )
    reason_placed_ceased = models.CharField(
        "Reason decision reversed (REASON_PLACED_CEASED)",
        max_length=3,
        choices=ReasonPlacedCeased.choices,
        blank=True,
    )

    class Meta:
        ordering = ["person", "date_placed"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_placed_ceased__isnull=True)
                | Q(date_placed_ceased__gte=models.F("date_placed")),
                name="placed_for_adoption_ceases_after",
            ),
        ]

    def __str__(self) -> str:
        return f"Should be placed for adoption from {self.date_placed:%d %b %Y}"


class Adoption(CaseRecord):
    """An adopted child's adoption details (SSDA903 AD1)."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="adoption"
    )
    date_should_be_placed = models.DateField(
        "Date of decision child should be placed for adoption (DATE_INT)"
    )
    date_matched = models.DateField("Date matched with adopter(s) (DATE_MATCH)")
    adopted_by_foster_carer = models.BooleanField("Adopted by foster carer(s) (FOSTER_CARE)")
    number_of_adopters = models.PositiveSmallIntegerField("Number of adopters (NB_ADOPTR)")
    sex_of_adopters = models.CharField("Sex of adopter(s) (SEX_ADOPTR)", max_length=2)
    legal_status_of_adopters = models.CharField(
        "Legal status of adopter(s) (LS_ADOPTR)", max_length=3
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(date_matched__gte=models.F("date_should_be_placed")),
                name="adoption_matched_after_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"Adopted (matched {self.date_matched:%d %b %Y})"
