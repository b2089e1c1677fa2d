"""Rebuild the front door's blocking keys for "is this child known?" from people's records."""

import time

from django.core.management.base import BaseCommand

from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_bulk
from safeguard.front_door.match_keys import match_keys_refresh


class Command(BaseCommand):
    help = "Rebuild PersonMatchKey for everyone (after an import or bulk change to people)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        written = match_keys_refresh()
        audit_bulk(
            user=None,
            action=AuditAction.UPDATE,
            object_type="front_door.personmatchkey",
            summary=f"Rebuilt match keys for {written:,} people",
        )
        seconds = time.perf_counter() - started
        self.stdout.write(f"Rebuilt match keys for {written:,} people in {seconds:.1f} s.")
