"""Month-end snapshots of every measure, and the authority's self-evaluation."""

from django.conf import settings
from django.db import models


class MonthEndSnapshot(models.Model):
    """A measure's figure for a scope over the twelve months to a month end.

    Derived from the records by `manage.py performance snapshot`; never edited by hand.
    """

    measure_code = models.CharField(max_length=40)
    # "authority", "service_area:<code>", "team:<id>" (see performance.measures.Scope.key).
    scope_key = models.CharField(max_length=60)
    month_end = models.DateField()
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField(null=True, blank=True)
    value = models.DecimalField(max_digits=12, decimal_places=1, null=True, blank=True)
    taken_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["measure_code", "scope_key", "month_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure_code", "scope_key", "month_end"], name="snapshot_once_per_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_code} {self.scope_key} {self.month_end:%Y-%m-%d}: {self.value}"


class SelfEvaluationStatement(models.Model):
    """A claim in the authority's self-evaluation, citing the measures that evidence it."""

    heading = models.CharField("Area of practice", max_length=200)
    claim = models.TextField("What we say about our practice")
    measure_codes = models.JSONField("Measures cited", default=list)
    target = models.DecimalField(
        "Target (per cent) the cited measures should meet",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField()
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["heading", "pk"]

    def __str__(self) -> str:
        return self.heading

    def clean(self):
        from django.core.exceptions import ValidationError

        from safeguard.performance.measures import MEASURES

        unknown = [c for c in self.measure_codes if c not in MEASURES]
        if not self.measure_codes:
            raise ValidationError({"measure_codes": "Cite at least one measure."})
        if unknown:
            raise ValidationError({"measure_codes": f"Unknown measures: {', '.join(unknown)}."})
