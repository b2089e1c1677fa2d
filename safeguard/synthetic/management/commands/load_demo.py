"""Load the demo authority once (idempotent) and print the demo sign-ins."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from safeguard.synthetic.management.commands.generate_authority import _whole, validation_message
from safeguard.synthetic.selectors import authority_current
from safeguard.synthetic.services import (
    DEFAULT_YEARS,
    authority_generate,
    demo_sign_ins,
    generation_arguments_clean,
)
from safeguard.synthetic.stages import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Load a demo synthetic authority unless this database already holds one, then print the "
        "demo sign-ins. The shared password is for the demo only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--children", default="3000")
        parser.add_argument("--seed", default="2026")

    def handle(self, *args, **options):
        children = _whole("children", options["children"])
        seed = _whole("seed", options["seed"])
        # Check the arguments before looking at what is loaded, so a bad one is always refused.
        if errors := generation_arguments_clean(
            children=children, seed=seed, years=DEFAULT_YEARS, as_of=timezone.localdate()
        ):
            raise CommandError(validation_message(ValidationError(errors)))
        existing = authority_current()
        if existing is not None and (existing.seed, existing.children) == (seed, children):
            self.stdout.write(
                f"Demo authority already loaded ({existing.children:,} children, seed "
                f"{existing.seed}); not regenerating."
            )
        elif existing is not None:
            self.stdout.write(
                f"A different synthetic authority is loaded ({existing.children:,} children, seed "
                f"{existing.seed}); keeping it. To change it run: manage.py generate_authority "
                f"--children {children} --seed {seed} --replace"
            )
        else:
            try:
                # The demo is generated as of today, so its clocks are live on the day it loads.
                authority = authority_generate(
                    children=children,
                    seed=seed,
                    as_of=timezone.localdate(),
                    show_progress=True,
                )
            except ValidationError as error:
                raise CommandError(validation_message(error)) from error
            self.stdout.write(
                f"Loaded the demo authority: {authority.children:,} children, seed "
                f"{authority.seed}, in {authority.duration_seconds:.1f} s."
            )
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (demo only; every account's password: {DEMO_PASSWORD}):")
        for label, username in demo_sign_ins():
            self.stdout.write(f"  {label:<50} {username}")
