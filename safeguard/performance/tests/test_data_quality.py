"""Data quality lines: what should appear, what should not, and the count equals the list."""

from datetime import date

import pytest
from django.urls import reverse

from safeguard.conftest import make_child
from safeguard.performance.dataquality import CHECKS, check_rows
from safeguard.performance.tests.conftest import clock, episode

pytestmark = pytest.mark.django_db


def listed(code) -> set[int]:
    item = CHECKS[code]
    rows = list(check_rows(item))
    assert len(rows) == item.rows().count()  # the count and the list are one definition
    return {row[item.person_path] for row in rows}


def test_episode_without_primary_need_or_referral_source(team_a):
    bad, good, nfa = make_child(), make_child(), make_child()
    episode(bad, team_a, referred=date(2025, 5, 1))  # neither recorded
    episode(good, team_a, referred=date(2025, 5, 1), primary_need="N1", referral_source="6")
    episode(nfa, team_a, referred=date(2025, 5, 1), referral_nfa=True, referral_source="6")
    assert listed("EPISODE_NO_PRIMARY_NEED") == {bad.pk}
    assert listed("EPISODE_NO_REFERRAL_SOURCE") == {bad.pk}


def test_child_without_date_of_birth_or_sex_or_ethnicity(team_a):
    no_dob = make_child(date_of_birth=None)
    unborn = make_child(date_of_birth=None, expected_date_of_birth=date(2026, 12, 1), sex="U")
    unknown_sex = make_child(sex="U")
    no_ethnicity = make_child(ethnicity="NOBT")
    episode(no_ethnicity, team_a, referred=date(2025, 5, 1))
    not_known_to_us = make_child(ethnicity="NOBT")  # no episode: not flagged
    assert listed("CHILD_NO_DATE_OF_BIRTH") == {no_dob.pk}
    assert listed("CHILD_SEX_UNKNOWN") == {unknown_sex.pk}
    assert unborn.pk not in listed("CHILD_SEX_UNKNOWN")
    assert listed("CHILD_ETHNICITY_NOT_OBTAINED") == {no_ethnicity.pk}
    assert not_known_to_us.pk not in listed("CHILD_ETHNICITY_NOT_OBTAINED")


def test_impossible_date_orders(team_a, worker_w):
    from safeguard.assessments.models import Assessment
    from safeguard.looked_after.tests.conftest import make_episode

    child = make_child(date_of_birth=date(2015, 6, 1))
    make_episode(child, date(2015, 5, 1))  # in care before birth
    fine = make_child(date_of_birth=date(2015, 6, 1))
    make_episode(fine, date(2020, 5, 1))
    e = episode(child, team_a, referred=date(2025, 5, 10))
    Assessment.objects.create(
        person=child, episode=e, kind="single", worker=worker_w, start_date=date(2025, 5, 1)
    )
    Assessment.objects.create(
        person=fine,
        episode=episode(fine, team_a, referred=date(2025, 5, 1)),
        kind="single",
        worker=worker_w,
        start_date=date(2025, 5, 1),
    )
    dead = make_child(date_of_birth=date(2015, 6, 1), date_of_death=date(2015, 1, 1))
    assert listed("CARE_BEFORE_BIRTH") == {child.pk}
    assert listed("ASSESSMENT_BEFORE_REFERRAL") == {child.pk}
    assert listed("DEATH_BEFORE_BIRTH") == {dead.pk}


def test_suspected_duplicates():
    a = make_child(first_name="Amir", last_name="Khan", date_of_birth=date(2014, 2, 3))
    b = make_child(first_name="Amir", last_name="Khan", date_of_birth=date(2014, 2, 3))
    make_child(first_name="Amir", last_name="Khan", date_of_birth=date(2014, 2, 4))  # not same
    c = make_child(nhs_number="9434765919")
    d = make_child(nhs_number="9434765919")
    make_child(nhs_number="")  # blank numbers never match each other
    make_child(nhs_number="")
    assert listed("DUPLICATE_NAME_AND_BIRTH") == {a.pk, b.pk}
    assert listed("DUPLICATE_NHS_NUMBER") == {c.pk, d.pk}


def test_open_clock_with_no_owner(worker_w):
    orphan, owned, done = make_child(), make_child(), make_child()
    clock(orphan, "CP_VISIT", due=date(2026, 1, 1))
    clock(owned, "CP_VISIT", due=date(2026, 1, 1), owner=worker_w)
    clock(done, "CP_VISIT", due=date(2026, 1, 1), completed=date(2025, 12, 30))
    assert listed("CLOCK_NO_OWNER") == {orphan.pk}


def test_report_links_each_row_to_the_record_and_exports(client, analyst):
    child = make_child(date_of_birth=None)
    client.force_login(analyst)
    summary = client.get(reverse("performance:data_quality")).content.decode()
    url = reverse("performance:data_quality_check", args=["CHILD_NO_DATE_OF_BIRTH"])
    assert f'href="{url}">1<' in summary
    page = client.get(url).content.decode()
    assert reverse("people:record", args=[child.pk]) in page
    csv_text = client.get(url, {"format": "csv"}).content.decode()
    assert csv_text.splitlines()[1].startswith(f"{child.pk},")
    assert client.get(url, {"format": "xlsx"})["Content-Type"].startswith("application/vnd")
    assert client.get(reverse("performance:data_quality_check", args=["NOPE"])).status_code == 404
