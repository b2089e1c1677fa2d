"""CIN census export (schema-valid on generated authorities), import, round trip, bad input."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from lxml import etree

from safeguard.audit.models import AuditEvent
from safeguard.casework.models import Episode, Plan
from safeguard.child_protection.models import ChildProtectionPlan, Section47Enquiry
from safeguard.people.models import Person
from safeguard.returns.cin_census.compare import canonical
from safeguard.returns.cin_census.exporter import cin_return_build
from safeguard.returns.cin_census.importer import ImportRefused, cin_census_import
from safeguard.returns.cin_census.reader import cin_return_read
from safeguard.returns.cin_census.services import cin_census_export, cin_census_validate_file
from safeguard.returns.cin_census.years import collection_year
from safeguard.synthetic.services import authority_generate

pytestmark = pytest.mark.django_db
SAMPLES = Path(settings.SAFEGUARD_REFERENCE_DIR) / "cin/samples"
SCHEMA_2026 = Path(settings.SAFEGUARD_REFERENCE_DIR) / "cin/xsd/CIN_schema_2026.xsd"
STAGES = ["staff", "people", "front_door", "assessments", "casework", "child_protection"]
YEAR = collection_year(2026)


def _schema_valid(path: Path) -> tuple[bool, str]:
    schema = etree.XMLSchema(etree.parse(str(SCHEMA_2026)))
    ok = schema.validate(etree.parse(str(path)))
    return ok, str(schema.error_log.last_error)


def _generate(seed: int, children: int = 300) -> None:
    authority_generate(
        children=children, seed=seed, years=2, as_of=date(2026, 3, 31), only_stages=STAGES
    )


def _rows() -> dict[str, int]:
    return {
        "people": Person.objects.count(),
        "episodes": Episode.objects.count(),
        "plans": Plan.objects.count(),
        "s47": Section47Enquiry.objects.count(),
        "cpp": ChildProtectionPlan.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_export_of_a_generated_authority_is_valid_against_the_2025_26_schema(seed, tmp_path):
    # given a generated authority
    _generate(seed)
    out = tmp_path / "cin.xml"
    # when the 2025/26 census is exported
    call_command("export_cin_census", "--year", "2026", "--out", str(out))
    # then it is valid against the DfE schema, with children and their episodes in it
    ok, error = _schema_valid(out)
    assert ok, error
    read = cin_return_read(out).cin_return
    assert len(read.children) > 10 and len(read.cin) >= len(read.children)
    assert read.header.lea and read.header.reference_date == date(2026, 3, 31)
    assert all(YEAR.start <= (c or YEAR.start) for c in read.cin.closure_date), (
        "an episode closed before the year is not in the census"
    )


def test_the_rules_run_on_the_export_before_writing_match_the_rules_on_the_file(tmp_path):
    _generate(4)
    out = tmp_path / "cin.xml"
    result = cin_census_export(year=YEAR, out=out)
    report = cin_census_validate_file(path=out)
    assert report.problems == []
    assert sorted((f.code, f.la_child_id) for f in result.failures) == sorted(
        (f.code, f.la_child_id) for f in report.failures
    )


def test_2026_27_export_uses_the_nearest_published_schema(tmp_path):
    _generate(5)
    out = tmp_path / "cin.xml"
    cin_census_export(year=collection_year(2027), out=out)
    assert collection_year(2027).schema_path.name == "CIN_schema_2026.xsd"
    assert _schema_valid(out)[0]
    assert cin_return_read(out).cin_return.header.reference_date == date(2027, 3, 31)


def test_export_then_import_into_an_empty_database_gives_an_equivalent_return(tmp_path):
    # given the export of a generated authority, then the authority rolled away
    out = tmp_path / "cin.xml"
    with pytest.raises(RuntimeError), transaction.atomic():
        _generate(6)
        cin_census_export(year=YEAR, out=out)
        raise RuntimeError("roll back the generated authority")
    assert Person.objects.count() == 0
    # when the file is imported into the empty records, then exported again
    cin_census_import(path=out)
    again = cin_return_build(year=YEAR)
    # then the same children, dates and codes come back
    assert canonical(again) == canonical(cin_return_read(out).cin_return)


def test_a_second_import_changes_nothing(tmp_path):
    out = tmp_path / "cin.xml"
    with pytest.raises(RuntimeError), transaction.atomic():
        _generate(7)
        cin_census_export(year=YEAR, out=out)
        raise RuntimeError("roll back")
    first = cin_census_import(path=out)
    before = _rows()
    second = cin_census_import(path=out)
    assert first.changed and not second.changed
    assert _rows() == before  # no rows and no audit event added


def test_import_of_the_authoritys_own_export_matches_every_child_and_adds_nothing(tmp_path):
    _generate(8)
    out = tmp_path / "cin.xml"
    cin_census_export(year=YEAR, out=out)
    before = _rows()
    result = cin_census_import(path=out)
    # Every child and item is matched: nothing is created. A child's record may take the
    # census's derived items (a UPN-unknown reason, U for an unborn child's sex).
    assert not any(result.created.values())
    assert set(k for k, n in result.updated.items() if n) <= {"children"}
    assert {k: v for k, v in _rows().items() if k != "audit"} == {
        k: v for k, v in before.items() if k != "audit"
    }
    assert not cin_census_import(path=out).changed


def test_an_la_child_id_longer_than_the_census_allows_is_refused(tmp_path):
    # The census allows 20 characters; 21 cannot be held and nothing is written.
    sample = tmp_path / "bar.xml"
    sample.write_text((SAMPLES / "BAR_cin_2022.xml").read_text().replace("DfEX0000001", "D" * 21))
    before = _rows()
    with pytest.raises(ImportRefused) as refused:
        cin_census_import(path=sample)
    assert any(p.element == "LAchildID" for p in refused.value.problems)
    assert _rows() == before


def test_round_trip_of_the_2022_sample(tmp_path):
    # given the older-schema sample (GenderCurrent, true/false), as published
    sample = SAMPLES / "BAR_cin_2022.xml"
    # when it is imported and the child's whole history exported
    cin_census_import(path=sample)
    person = Person.objects.get(la_child_id="DfEX0000001")
    assert person.sex == "M"  # GenderCurrent 1
    back = cin_return_build(year=YEAR, person_ids=[person.pk], whole_history=True)
    # then the same child, dates and codes (the census wants no expected date once born)
    assert canonical(back, keep_expected_when_born=False) == canonical(
        cin_return_read(sample).cin_return, keep_expected_when_born=False
    )


def _write(tmp_path, text: str) -> Path:
    path = tmp_path / "bad.xml"
    path.write_text(text)
    return path


def test_malformed_xml_is_reported_with_its_line_and_nothing_is_written(tmp_path):
    bad = _write(tmp_path, "<Message><Header>\n<Children></Message>")
    with pytest.raises(CommandError):
        call_command("validate_cin_census", str(bad))
    report = cin_census_validate_file(path=bad)
    assert report.problems[0].line == 2 and "not well-formed" in report.problems[0].message
    before = _rows()
    with pytest.raises(CommandError):
        call_command("import_cin_census", str(bad))
    assert _rows() == before


def test_a_schema_invalid_file_is_reported_by_line_and_element(tmp_path):
    text = (SAMPLES / "BAR_cin_2022.xml").read_text()
    text = text.replace("2022-03-31", "2026-03-31").replace("<Year>2022", "<Year>2026")
    text = text.replace("<GenderCurrent>1</GenderCurrent>", "<Sex>X</Sex>")
    bad = _write(tmp_path, text)
    report = cin_census_validate_file(path=bad)
    assert any(p.element == "Sex" and p.line == 26 for p in report.problems)
    before = _rows()
    with pytest.raises(ImportRefused):
        cin_census_import(path=bad)
    assert _rows() == before


def test_a_file_from_the_wrong_year_is_refused(tmp_path, capsys):
    _generate(9)
    out = tmp_path / "cin.xml"
    cin_census_export(year=YEAR, out=out)
    with pytest.raises(CommandError):
        call_command("import_cin_census", str(out), "--year", "2027")
    assert "not 2027" in capsys.readouterr().err
    unknown = _write(tmp_path, out.read_text().replace("2026-03-31", "2019-03-31"))
    with pytest.raises(ImportRefused) as refused:
        cin_census_import(path=unknown)
    assert "no CIN census schema is known for the year 2019" in str(refused.value)


def test_validate_reports_each_failure_with_child_field_and_message_as_json(tmp_path, capsys):
    text = (SAMPLES / "BAR_cin_2022.xml").read_text()
    text = text.replace("2022-03-31", "2026-03-31").replace("<Year>2022", "<Year>2026")
    text = text.replace("<GenderCurrent>1</GenderCurrent>", "<Sex>M</Sex>")
    text = text.replace(">false<", ">0<")
    path = _write(tmp_path, text)
    with pytest.raises(CommandError):
        call_command("validate_cin_census", str(path), "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["problems"] == []
    failure = next(f for f in report["failures"] if f["rule"] == "8520" or f["rule"] == "8620")
    assert failure["la_child_id"] == "DfEX0000001" and failure["fields"] and failure["message"]
    assert failure["severity"] == "ERROR"
