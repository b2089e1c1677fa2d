from django.db import models


class SyntheticAuthority(models.Model):
    """The mark a generator run leaves: this database holds synthetic data, made this way."""

    seed = models.BigIntegerField()
    children = models.PositiveIntegerField()
    years = models.PositiveSmallIntegerField()
    as_of = models.DateField()
    stages = models.CharField(max_length=500, help_text="The stages that ran, in order")
    generated_at = models.DateTimeField()
    duration_seconds = models.FloatField()
    # {table: highest id before the run}: rows above it are the run's, and --replace removes
    # them while keeping what migrations loaded (code lists, screening tools).
    baseline = models.JSONField(default=dict)

    class Meta:
        verbose_name_plural = "synthetic authorities"

    def __str__(self) -> str:
        return f"Synthetic authority: {self.children:,} children, seed {self.seed}"
