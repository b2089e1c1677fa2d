"""An unaccompanied child's home postcode is not given in the SSDA903 episodes (rule 406)."""

import csv

from django.core.management import call_command

from safeguard.returns.tests.test_903_export_import import make_looked_after_authority


def test_home_postcode_blank_for_an_unaccompanied_child_only(db, tmp_path):
    # Given Amelia (unaccompanied, home postcode AB1 2CD recorded) and Ben (not unaccompanied),
    make_looked_after_authority()
    # when the return is exported,
    call_command("export_ssda903", "--year", "2026", "--out", str(tmp_path), "--force")
    with (tmp_path / "episodes.csv").open(newline="") as f:
        home = {(r["CHILD"], r["DECOM"]): r["HOME_POST"] for r in csv.DictReader(f)}
    # then Amelia's episodes carry no home postcode and Ben's keeps his.
    assert home == {
        ("LA0001", "01/05/2024"): "",
        ("LA0001", "01/06/2025"): "",
        ("LA0002", "01/05/2025"): "AB1 2CD",
    }
