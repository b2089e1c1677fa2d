"""One small generated authority for the whole smoke package, rolled back when it ends.

The authority is generated inside an outer transaction that the package never commits, so
every smoke test sees it (each test in its own savepoint, from pytest-django) and the tests of
other apps, before or after, see an empty database as they expect.
"""

from dataclasses import dataclass, field

import pytest
from django.db import transaction

from safeguard.accounts.choices import Role
from safeguard.accounts.models import User
from safeguard.synthetic.services import authority_generate

from .support import sign_in
from .urlmap import ids_for_authority

SMOKE_CHILDREN = 300
SMOKE_SEED = 7  # a seed whose 300 children reach every kind of record the crawl needs

# The personas the crawler signs in as: one user of each role the generator makes.
PERSONA_ROLES = {
    "social_worker": Role.SOCIAL_WORKER,
    "team_manager": Role.TEAM_MANAGER,
    "senior_manager": Role.SENIOR_MANAGER,
    "screener": Role.MASH_SCREENER,
    "chair": Role.CONFERENCE_CHAIR,
    "early_help": Role.EARLY_HELP_PRACTITIONER,
    "analyst": Role.PERFORMANCE_ANALYST,
    "partner": Role.PARTNER,
    "admin": Role.SYSTEM_ADMINISTRATOR,
}


@dataclass
class SmokeAuthority:
    personas: dict[str, int]  # persona name -> user id
    sessions: dict[str, str]  # persona name -> session key, signed in once for the package
    ids: dict[str, list[str]]  # id source -> real ids to put in URLs
    child_markers: list[str] = field(default_factory=list)  # text only a child's record shows


@pytest.fixture(scope="package")
def smoke_authority(django_db_setup, django_db_blocker):
    """Generate ~300 children once; roll everything back after the last smoke test."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            authority_generate(children=SMOKE_CHILDREN, seed=SMOKE_SEED)
            personas = {}
            for persona, role in PERSONA_ROLES.items():
                user = User.objects.filter(role=role, is_active=True).order_by("pk").first()
                assert user is not None, f"the generator made no {role} user"
                personas[persona] = user.pk
            ids, markers = ids_for_authority()
            yield SmokeAuthority(
                personas=personas, sessions=sign_in(personas), ids=ids, child_markers=markers
            )
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def smoke(smoke_authority, db):
    """Return the generated authority, inside this test's own savepoint."""
    return smoke_authority
