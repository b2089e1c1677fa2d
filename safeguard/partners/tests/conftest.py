"""The front door's fixtures (threshold levels, the MASH manager) serve the partner tests too."""

from safeguard.front_door.tests.conftest import levels, mash_manager, mash_team  # noqa: F401
