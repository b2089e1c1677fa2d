"""Generate a deterministic synthetic local authority: staff, children, households and more."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from safeguard.synthetic.services import DEFAULT_AS_OF, DEFAULT_YEARS, authority_generate


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--as-of must be a date like 2026-03-31, not {value!r}.") from error


def _whole(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError as error:
        raise CommandError(f"--{name} must be a whole number, not {value!r}.") from error


def validation_message(error: ValidationError) -> str:
    """Return a ValidationError's messages as one line per argument."""
    if hasattr(error, "message_dict"):
        return "\n".join(
            f"--{field.replace('_', '-')}: {' '.join(messages)}"
            if field != "__all__"
            else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


class Command(BaseCommand):
    help = (
        "Generate a synthetic authority (never real data). The same seed and arguments give the "
        "same data. Refuses a database that already holds one unless --replace is given, which "
        "first removes everything added since the first run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--children", required=True, help="How many children (1 to 3,000,000)")
        parser.add_argument("--seed", required=True, help="Seed: the same seed gives the same data")
        parser.add_argument(
            "--years", default=str(DEFAULT_YEARS), help="Years of history (default %(default)s)"
        )
        parser.add_argument(
            "--as-of",
            default=DEFAULT_AS_OF.isoformat(),
            help="The authority's 'today', YYYY-MM-DD (default %(default)s)",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help=(
                "Remove the synthetic authority already here, and everything added since it "
                "was generated, then generate a new one"
            ),
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bars")

    def handle(self, *args, **options):
        children = _whole("children", options["children"])
        seed = _whole("seed", options["seed"])
        years = _whole("years", options["years"])
        as_of = _date(options["as_of"])
        try:
            authority = authority_generate(
                children=children,
                seed=seed,
                years=years,
                as_of=as_of,
                replace=options["replace"],
                show_progress=not options["no_progress"],
            )
        except ValidationError as error:
            raise CommandError(validation_message(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated a synthetic authority: {authority.children:,} children, seed "
                f"{authority.seed}, as of {authority.as_of}, in {authority.duration_seconds:.1f} s "
                f"(stages: {authority.stages})."
            )
        )
