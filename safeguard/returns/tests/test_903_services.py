"""The SSDA903 functions the returns page calls: checks with record links, and the zip."""

import io
import zipfile

from safeguard.audit.models import AuditEvent
from safeguard.looked_after.models import CareEpisode
from safeguard.people.models import Person
from safeguard.returns.ssda903.services import ssda903_check, ssda903_export_zip
from safeguard.returns.ssda903.years import year_ending
from safeguard.returns.tests.test_903_export_import import make_looked_after_authority


def test_check_groups_failures_with_a_link_to_each_child(db):
    # Given an authority whose child's EPO lasted 40 days,
    make_looked_after_authority()
    CareEpisode.objects.filter(person__la_child_id="LA0002").update(legal_status="L2")
    CareEpisode.objects.filter(person__la_child_id="LA0002").update(end_date="2025-06-10")
    # when the page checks the 2025/26 return,
    result = ssda903_check(year=year_ending(2026))
    # then rule 362 lists that child with its record's id.
    (group,) = [g for g in result["groups"] if g["code"] == "362"]
    child = group["children"][0]
    assert child["la_child_id"] == "LA0002"
    assert child["person_id"] == Person.objects.get(la_child_id="LA0002").pk
    assert result["children"] == 3 and result["errors"] >= 1


def test_export_zip_holds_the_files_and_is_audited(db, team_manager):
    make_looked_after_authority()
    data = ssda903_export_zip(year=year_ending(2026), user=team_manager)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "episodes.csv" in names and "sw_episodes.csv" in names and len(names) == 11
    assert AuditEvent.objects.filter(object_type="returns.ssda903").exists()
