from django.conf import settings
from django.db import models


class PartnerSubmission(models.Model):
    """A contact a partner agency submitted, with the child as the partner described them.

    The partner is shown what they sent and the decision, never the authority's record: the
    child they named may be matched to a record whose details (a new name after adoption, a
    restricted record) they must not learn, so their own words are kept here.
    """

    contact = models.OneToOneField(
        "front_door.Contact", on_delete=models.PROTECT, related_name="partner_submission"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="partner_submissions"
    )
    submitted_at = models.DateTimeField()
    child_name_given = models.CharField("Child's name as given", max_length=201)
    child_date_of_birth_given = models.DateField(null=True, blank=True)
    matched_existing_record = models.BooleanField(
        default=False, help_text="The NHS number given belonged to exactly one child already held"
    )

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["submitted_by", "submitted_at"])]

    def __str__(self) -> str:
        return f"Partner submission {self.pk} (contact {self.contact_id})"
