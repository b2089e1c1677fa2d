"""Write the synthetic authority's postcode look-up, for the SSDA903 rules that read postcodes."""

import csv
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from safeguard.synthetic import geography
from safeguard.synthetic.selectors import authority_current, postcodes_recorded

PLAIN_COLUMNS = ("POSTCODE", "LA", "EASTING", "NORTHING")
# The ONS Postcode Directory's names, as the open SSDA903 validator reads them.
ONSPD_COLUMNS = ("pcd", "laua", "oseast1m", "osnrth1m")


class Command(BaseCommand):
    help = (
        "Write where every postcode of the synthetic authority lies (its LA and OS grid "
        "reference) as a CSV: POSTCODE,LA,EASTING,NORTHING with DfE LA codes, or with --ons "
        "the ONS Postcode Directory's pcd,laua,oseast1m,osnrth1m with ONS codes. Give it to "
        "validate_ssda903 --postcodes (and --la) or to the open validator. Synthetic data only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="The CSV file to write")
        parser.add_argument(
            "--ons",
            action="store_true",
            help="ONS codes and ONSPD column names (pcd,laua,oseast1m,osnrth1m)",
        )
        parser.add_argument(
            "--ons-la",
            help=(
                "The authority's ONS code, where its DfE code (SAFEGUARD_LA_CODE) is not one "
                "of the synthetic map's (e.g. E08000025 for 330)"
            ),
        )

    def handle(self, *args, **options):
        out = Path(options["out"])
        if out.is_dir():
            raise CommandError(f"--out must name a file, not the folder {out}.")
        if not out.parent.is_dir():
            raise CommandError(f"--out: the folder {out.parent} does not exist.")
        try:
            la, ons_la = geography.authority_codes(ons_code=options["ons_la"])
        except geography.UnknownOnsCode as error:
            if options["ons"]:
                raise CommandError(f"--ons-la: {error}.") from error
            # DfE codes alone need no ONS code.
            la, ons_la = str(settings.SAFEGUARD_LA_CODE), ""
        except ValueError as error:
            raise CommandError(f"--ons-la: {error}.") from error
        if authority_current() is None:
            # A made-up geography for real postcodes would put real children in wrong places.
            raise CommandError(
                "This database holds no synthetic authority (generate_authority): the look-up "
                "is made up, for synthetic postcodes only."
            )
        rows = geography.places(postcodes_recorded(), la=la, ons_la=ons_la)
        if not rows:
            raise CommandError("The synthetic authority records no postcodes.")
        try:
            with out.open("w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                writer.writerow(ONSPD_COLUMNS if options["ons"] else PLAIN_COLUMNS)
                for p in rows:
                    code = p.ons_la if options["ons"] else p.la
                    writer.writerow([p.postcode, code, p.easting, p.northing])
        except OSError as error:
            raise CommandError(f"--out: cannot write {out}: {error.strerror}.") from error
        own = ons_la if options["ons"] else la
        self.stdout.write(
            f"Wrote {len(rows):,} postcodes to {out}; the authority's own are LA {own}."
        )
