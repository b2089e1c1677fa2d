from django.contrib.auth.models import AbstractUser
from django.db import models

from safeguard.accounts.choices import Role, ServiceArea, TeamKind


class Team(models.Model):
    """A team or unit that holds cases; its manager sees every clock the team owns."""

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=TeamKind.choices, default=TeamKind.TEAM)
    service_area = models.CharField(max_length=30, choices=ServiceArea.choices)
    manager = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_teams",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff or a partner agency user."""

    role = models.CharField(max_length=30, choices=Role.choices, default=Role.SOCIAL_WORKER)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    job_title = models.CharField(max_length=120, blank=True)
    # Partner agency users name their organisation (a school, a GP practice, a police force).
    organisation = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["team", "role"])]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def manager(self) -> "User | None":
        """Return the manager a breach escalates to: the team manager, or none."""
        if self.team_id is None:
            return None
        manager = self.team.manager
        return None if manager is None or manager.pk == self.pk else manager
