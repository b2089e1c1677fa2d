"""The returns page: an analyst validates the CIN census, sees failures by rule, downloads it."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from lxml import etree

from safeguard.accounts.choices import Role
from safeguard.audit.models import AuditEvent
from safeguard.casework.models import Episode
from safeguard.conftest import make_child, make_user

pytestmark = pytest.mark.django_db
SCHEMA_2026 = str(Path(settings.SAFEGUARD_REFERENCE_DIR) / "cin/xsd/CIN_schema_2026.xsd")


@pytest.fixture
def analyst(db):
    return make_user(Role.PERFORMANCE_ANALYST)


@pytest.fixture
def child_missing_referral_source(db):
    """A child referred in 2025/26 whose episode has no source of referral (rule 8866)."""
    child = make_child(upn_unknown_reason="UN5")
    Episode.objects.create(
        person=child, referral_date=date(2025, 9, 1), primary_need="N1", referral_source=""
    )
    return child


@pytest.fixture
def child_referred_cleanly(db):
    child = make_child(upn_unknown_reason="UN5")
    Episode.objects.create(
        person=child, referral_date=date(2025, 10, 1), primary_need="N1", referral_source="1A"
    )
    return child


def test_analyst_sees_failures_grouped_by_rule_with_a_link_to_fix_each_child(
    client, analyst, child_missing_referral_source, child_referred_cleanly
):
    # given an analyst and a child whose episode breaks rule 8866
    client.force_login(analyst)
    # when they run the 2025/26 census validation
    response = client.get(reverse("returns:home"), {"return_code": "cin_census", "year": 2026})
    # then rule 8866 is listed with a link to that child's record, and not the other child's
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rule 8866" in page and "Source of Referral is missing" in page
    fix = reverse("people:record", args=[child_missing_referral_source.pk])
    assert f'href="{fix}"' in page
    assert reverse("people:record", args=[child_referred_cleanly.pk]) not in page
    assert "2 children in the return" in page


def test_a_social_worker_cannot_run_returns(client, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("returns:home")).status_code == 403
    assert (
        client.get(
            reverse("returns:download"), {"return_code": "cin_census", "year": 2026}
        ).status_code
        == 403
    )


def test_an_unsupported_year_shows_the_error_summary(client, analyst):
    client.force_login(analyst)
    response = client.get(reverse("returns:home"), {"return_code": "cin_census", "year": 2019})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_analyst_downloads_a_schema_valid_file_and_the_export_is_audited(
    client, analyst, child_referred_cleanly
):
    client.force_login(analyst)
    before = AuditEvent.objects.count()
    response = client.get(reverse("returns:download"), {"return_code": "cin_census", "year": 2026})
    assert response.status_code == 200
    assert "CIN_census_2026.xml" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    schema = etree.XMLSchema(etree.parse(SCHEMA_2026))
    assert schema.validate(etree.fromstring(content).getroottree())
    assert child_referred_cleanly.la_child_id.encode() in content
    assert AuditEvent.objects.count() == before + 1


def test_the_navigation_offers_returns_to_the_analyst_only(client, analyst, social_worker):
    client.force_login(analyst)
    assert 'href="/returns/"' in client.get(reverse("returns:home")).content.decode()
    client.force_login(social_worker)
    assert 'href="/returns/"' not in client.get(reverse("people:search")).content.decode()


def test_analyst_checks_and_downloads_the_ssda903_from_the_same_page(client, analyst):
    # given an analyst / when they pick the SSDA903 for 2025/26
    client.force_login(analyst)
    response = client.get(reverse("returns:home"), {"return_code": "ssda903", "year": 2026})
    # then its check is shown with the zip download, and the download is a zip
    assert response.status_code == 200
    page = response.content.decode()
    assert "SSDA903 2025/26" in page and "Download the CSV files (zip)" in page
    download = client.get(reverse("returns:download"), {"return_code": "ssda903", "year": 2026})
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert download.content[:2] == b"PK"
