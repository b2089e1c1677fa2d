"""Each measure against a hand-counted fixture; the working is in the comments."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from safeguard.casework.allocations import unallocated_queue
from safeguard.child_protection.models import Section47Enquiry, StrategyDiscussion
from safeguard.conftest import make_child
from safeguard.education.models import CMEEntry
from safeguard.front_door.models import Contact
from safeguard.looked_after.models import CareLeaverBirthdayRecord
from safeguard.looked_after.tests.conftest import make_history
from safeguard.performance.measures import SERVICE_AREA, TEAM, WORKER, Period, Scope
from safeguard.performance.selectors import figures_compute
from safeguard.performance.tests.conftest import PERIOD, at, clock, episode, plan
from safeguard.workforce.models import Employment, SupervisionSession, WorkforcePolicy

pytestmark = pytest.mark.django_db


AUTHORITY_SCOPE = Scope()


def figure(code, scope=AUTHORITY_SCOPE, period=PERIOD):
    f = figures_compute(scope=scope, period=period, codes=[code])[code]
    return f.numerator, f.denominator


def test_clock_measures_count_clocks_that_fell_due_and_those_met_on_time(
    children, worker_w, worker_v, team_a
):
    c = children
    # Given child protection visit clocks, owned by Wren (team A) unless said otherwise:
    clock(
        c[0], "CP_VISIT", due=date(2025, 6, 1), completed=date(2025, 5, 30), owner=worker_w
    )  # met
    clock(
        c[0], "CP_VISIT", due=date(2025, 7, 1), completed=date(2025, 7, 5), owner=worker_w
    )  # late
    clock(c[1], "CP_VISIT", due=date(2025, 8, 1), owner=worker_w)  # still open: overdue
    clock(c[1], "CP_VISIT", due=date(2025, 9, 1), cancelled=date(2025, 8, 20), owner=worker_w)
    clock(c[2], "CP_VISIT", due=date(2025, 3, 1), completed=date(2025, 3, 1), owner=worker_w)
    clock(c[3], "CP_VISIT", due=date(2025, 10, 1), completed=date(2025, 9, 29), owner=worker_v)
    clock(c[3], "CIN_VISIT", due=date(2025, 6, 1), completed=date(2025, 6, 1), owner=worker_w)
    # met after the period ended: as of 31 March it was overdue
    clock(c[4], "CP_VISIT", due=date(2026, 3, 1), completed=date(2026, 4, 10), owner=worker_w)
    # Then the authority: fell due = 1 Jun, 1 Jul, 1 Aug, 1 Oct, 1 Mar = 5 (the cancelled one
    # and the one due before April are out; the CIN visit is another measure);
    # met on time = 1 Jun (Wren) and 1 Oct (Vic) = 2
    assert figure("CP_VISITS") == (2, 5)
    # Team A and Wren: 1 Jun, 1 Jul, 1 Aug, 1 Mar fell due = 4; met = 1 Jun = 1
    assert figure("CP_VISITS", Scope(TEAM, str(team_a.pk))) == (1, 4)
    assert figure("CP_VISITS", Scope(WORKER, str(worker_w.pk))) == (1, 4)
    assert figure("CIN_VISITS") == (1, 1)


def test_assessments_within_45_days_count_those_completed_in_the_period(children, worker_w):
    c = children
    clock(
        c[0],
        "SINGLE_ASSESSMENT",
        due=date(2025, 5, 20),
        completed=date(2025, 5, 10),
        owner=worker_w,
    )
    clock(
        c[1], "SINGLE_ASSESSMENT", due=date(2025, 6, 1), completed=date(2025, 6, 10), owner=worker_w
    )
    clock(c[2], "SINGLE_ASSESSMENT", due=date(2025, 7, 1), owner=worker_w)  # not completed
    clock(
        c[3],
        "SINGLE_ASSESSMENT",
        due=date(2025, 3, 25),
        started=date(2025, 2, 1),
        completed=date(2025, 3, 20),
        owner=worker_w,
    )  # completed before the period
    # completed in the period: 10 May (on time), 10 June (late) = 2; within 45 days = 1
    assert figure("ASSESSMENTS_45WD") == (1, 2)


def test_return_home_interview_offers_are_timed_to_the_hour(children, worker_w):
    due_at = at(date(2025, 5, 4), 10)
    # offered on the due day but an hour after the 72 hours ran out: late
    clock(
        children[0],
        "RHI_OFFER",
        due=date(2025, 5, 4),
        started=date(2025, 5, 1),
        due_at=due_at,
        completed=date(2025, 5, 4),
        completed_at=due_at + timedelta(hours=1),
        owner=worker_w,
    )
    clock(
        children[1],
        "RHI_OFFER",
        due=date(2025, 6, 4),
        started=date(2025, 6, 1),
        due_at=at(date(2025, 6, 4), 10),
        completed=date(2025, 6, 2),
        completed_at=at(date(2025, 6, 2), 10),
        owner=worker_w,
    )
    # fell due = 2; offered within 72 hours = the second = 1
    assert figure("RHI_72H") == (1, 2)


def test_contacts_are_counted_by_when_they_were_received(screener):
    def contact(day):
        return Contact.objects.create(
            received_at=at(day), referral_source="6", referrer_name="PC Ellis", concern="c"
        )

    contact(date(2025, 4, 1))
    contact(date(2025, 12, 31))
    contact(date(2026, 3, 31))
    contact(date(2025, 3, 31))  # the day before the period
    archived = contact(date(2025, 6, 1))
    archived.archived_at = timezone.now()
    archived.save()
    # 1 Apr, 31 Dec, 31 Mar = 3 (31 March 2025 is before; the archived one is not a record)
    assert figure("CONTACTS") == (3, None)


def test_referrals_and_re_referrals(children, team_a, team_b, worker_w, worker_v):
    c = children
    episode(c[0], team_a, referred=date(2025, 5, 1), worker=worker_w)
    episode(c[1], team_a, referred=date(2025, 6, 1), is_re_referral=True)
    episode(c[2], team_b, referred=date(2025, 7, 1), worker=worker_v, is_re_referral=True)
    episode(c[3], team_a, referred=date(2025, 8, 1), service="early_help")
    episode(c[4], team_a, referred=date(2025, 2, 1), is_re_referral=True)
    # referrals: 1 May, 1 Jun, 1 Jul = 3 (early help and February are out); re-referrals = 2
    assert figure("RE_REFERRALS") == (2, 3)
    assert figure("REFERRALS") == (3, None)
    # team A: 1 May, 1 Jun; re-referral 1 Jun
    assert figure("RE_REFERRALS", Scope(TEAM, str(team_a.pk))) == (1, 2)
    # Wren leads the 1 May episode only; it is not a re-referral
    assert figure("RE_REFERRALS", Scope(WORKER, str(worker_w.pk))) == (0, 1)
    # the looked-after service area has team B's one, a re-referral
    assert figure("RE_REFERRALS", Scope(SERVICE_AREA, "children_in_care")) == (1, 1)


def test_assessments_completed_and_section_47s(children, team_a, worker_w):
    from safeguard.assessments.models import Assessment

    c = children
    e = episode(c[0], team_a, referred=date(2025, 4, 10), worker=worker_w)
    for start, authorised in [
        (date(2025, 4, 10), date(2025, 5, 1)),
        (date(2025, 9, 1), None),
        (date(2025, 3, 1), date(2025, 3, 30)),
    ]:
        Assessment.objects.create(
            person=c[0],
            episode=e,
            kind="single",
            worker=worker_w,
            start_date=start,
            authorised_on=authorised,
        )
    Assessment.objects.create(
        person=c[0],
        episode=e,
        kind="early_help",
        worker=worker_w,
        start_date=date(2025, 5, 1),
        authorised_on=date(2025, 5, 2),
    )
    # single assessments authorised in the period: 1 May = 1
    assert figure("ASSESSMENTS_COMPLETED") == (1, None)
    discussion = StrategyDiscussion.objects.create(
        person=c[0], episode=e, held_on=date(2025, 4, 11), concern="x", decision="s47"
    )
    for day in (date(2025, 4, 11), date(2026, 3, 31), date(2026, 4, 1)):
        Section47Enquiry.objects.create(
            person=c[0], episode=e, strategy_discussion=discussion, start_date=day
        )
    # started 11 Apr 2025 and 31 Mar 2026 = 2 (1 April 2026 is after)
    assert figure("SECTION_47S") == (2, None)
    assert figure("SECTION_47S", Scope(WORKER, str(worker_w.pk))) == (2, None)


def test_plans_lasting_two_years_and_child_in_need_plans(children, team_a):
    c = children
    e = [episode(child, team_a, referred=date(2021, 6, 1)) for child in c[:4]]
    plan(c[0], e[0], "child_protection", start=date(2023, 1, 1))  # open, 3 years
    plan(c[1], e[1], "child_protection", start=date(2025, 1, 1))  # open, 15 months
    plan(c[2], e[2], "child_protection", start=date(2024, 3, 31))  # exactly 2 years on 31 Mar
    plan(c[3], e[3], "child_protection", start=date(2022, 1, 1), end=date(2025, 12, 1))  # ended
    plan(c[3], e[3], "child_in_need", start=date(2025, 12, 1))
    # on plans at 31 March 2026: c0, c1, c2 = 3; 2 years or more: c0, c2 = 2
    assert figure("CP_PLANS_2_YEARS") == (2, 3)
    assert figure("CIN_PLANS") == (1, None)


def test_unallocated_children_and_their_wait(children, team_a, worker_w):
    c = children
    episode(c[0], team_a, referred=date(2026, 1, 1))  # waiting 89 days
    episode(c[1], team_a, referred=date(2026, 3, 20))  # waiting 11 days
    episode(c[2], team_a, referred=date(2025, 6, 1), worker=worker_w)  # allocated
    # allocated until February, nobody since: back on the queue, referred 10 months ago
    episode(c[3], team_a, referred=date(2025, 6, 1), worker=worker_w, ended=date(2026, 2, 1))
    episode(c[4], team_a, referred=date(2025, 6, 1), closed=date(2026, 2, 1))  # closed
    # unallocated on 31 March: c0, c1, c3 = 3; over 28 days: c0, c3 = 2
    assert figure("UNALLOCATED") == (2, 3)
    assert figure("UNALLOCATED", Scope(WORKER, str(worker_w.pk))) == (0, 0)


def test_unallocated_today_is_the_casework_queue(children, team_a, worker_w):
    # Given episodes allocated, unallocated and closed, counted as of today
    today = timezone.localdate()
    episode(children[0], team_a, referred=today - timedelta(days=40))
    episode(children[1], team_a, referred=today - timedelta(days=2), worker=worker_w)
    episode(
        children[2],
        team_a,
        referred=today - timedelta(days=9),
        worker=worker_w,
        ended=today - timedelta(days=1),
    )
    from safeguard.performance.measures import MEASURES

    numerator, denominator = MEASURES["UNALLOCATED"].querysets(
        Scope(), Period(start=today - timedelta(days=365), end=today)
    )
    # Then the measure lists exactly the casework queue: the domain's one definition
    assert sorted(denominator.values_list("pk", flat=True)) == sorted(
        unallocated_queue().values_list("pk", flat=True)
    )
    assert denominator.count() == 2


def test_children_missing_education_open_and_overdue(children, worker_w):
    c = children
    open_late = CMEEntry.objects.create(
        person=c[0], reason="left_roll", officer=worker_w, referred_on=date(2025, 10, 1)
    )
    clock(c[0], "CME_FIRST_CHECKS", due=date(2025, 10, 5), started=date(2025, 10, 1))
    CMEEntry.objects.create(
        person=c[1], reason="left_roll", officer=worker_w, referred_on=date(2026, 3, 25)
    )
    clock(c[1], "CME_FIRST_CHECKS", due=date(2026, 4, 2), started=date(2026, 3, 25))
    CMEEntry.objects.create(
        person=c[2],
        reason="left_roll",
        officer=worker_w,
        referred_on=date(2025, 9, 1),
        closed_on=date(2026, 1, 1),
        outcome="returned",
    )
    # open on 31 March: c0, c1 = 2; overdue: c0's checks were due 5 October = 1
    assert figure("CME_OPEN") == (1, 2)
    assert open_late.pk


def test_caseloads_over_the_limit_and_supervision_in_time(
    children, team_a, worker_w, worker_v, senior
):
    WorkforcePolicy.objects.create(
        effective_from=date(2020, 1, 1),
        caseload_limit=Decimal("1.5"),
        nqsw_weekly_supervision_weeks=0,
    )
    for user in (worker_w, worker_v):
        Employment.objects.create(
            user=user,
            team=user.team,
            contract_type="permanent",
            start_date=date(2025, 1, 6),
            fte=Decimal("1.00"),
        )
    # Wren leads two children's cases (weight 1 each = 2 > 1.5); Vic leads none
    episode(children[0], team_a, referred=date(2025, 6, 1), worker=worker_w)
    episode(children[1], team_a, referred=date(2025, 6, 1), worker=worker_w)
    # over the limit: Wren = 1 of 2 case-holding workers
    assert figure("CASELOADS") == (1, 2)
    # Wren was supervised on 20 March (next due in April); Vic never since January 2025
    SupervisionSession.objects.create(
        worker=worker_w, supervisor=senior, session_date=date(2026, 3, 20)
    )
    assert figure("SUPERVISION") == (1, 2)
    assert figure("SUPERVISION", Scope(TEAM, str(worker_w.team_id))) == (1, 1)


def test_placement_stability(children):
    def moves(*days):
        return [(day, "S" if i == 0 else "P", {}) for i, day in enumerate(days)]

    c = children
    make_history(c[0], moves(date(2024, 11, 1), date(2025, 6, 1), date(2026, 1, 5)))  # 3 in year
    make_history(c[1], moves(date(2025, 5, 1)))  # 1
    # c2: born 2015, in care since 2022, same placement since: long-term cohort and stable
    make_history(c[2], moves(date(2022, 1, 1)))
    # c3: in care since 2023, moved in 2025: in the cohort, not stable
    make_history(c[3], moves(date(2023, 1, 1), date(2025, 1, 1)))
    # looked after on 31 March: c0..c3 = 4; three or more placements: c0 = 1
    assert figure("PLACEMENTS_3_PLUS") == (1, 4)
    # cohort (under 16, in care 2.5 years): c2, c3 = 2; stable: c2 = 1
    assert figure("PLACEMENTS_LONG_TERM") == (1, 2)


def test_care_leavers_in_touch_and_in_education_employment_or_training(db):
    def leaver(born, age, in_touch, activity):
        person = make_child(date_of_birth=born)
        CareLeaverBirthdayRecord.objects.create(
            person=person,
            birthday_age=age,
            in_touch=in_touch,
            activity=activity,
            accommodation="S",
        )

    leaver(date(2006, 6, 15), 19, "YES", "F2")  # birthday 15 Jun 2025: in touch, in education
    leaver(date(2005, 9, 1), 20, "NO", "0")  # 1 Sep 2025: not in touch
    leaver(date(2004, 2, 1), 21, "YES", "F4")  # 1 Feb 2025: before the period
    leaver(date(2008, 3, 31), 18, "YES", "G5")  # 31 Mar 2026: in touch, not in EET
    # birthdays in the period: 3; in touch: 2; in EET: 1
    assert figure("CARE_LEAVERS_IN_TOUCH") == (2, 3)
    assert figure("CARE_LEAVERS_EET") == (1, 3)
