"""Every line of the off-the-radar report, with a child who should appear and one who should not."""

from datetime import date, timedelta

import pytest

from safeguard.accounts.choices import Role
from safeguard.casework.choices import PlanKind
from safeguard.casework.models import Allocation, Episode, Plan
from safeguard.conftest import make_child, make_user
from safeguard.education.models import CMEEnquiry, CMEEntry
from safeguard.exploitation.models import RiskAssessment, Screening
from safeguard.exploitation.services import current_tool_version
from safeguard.missing.models import MissingEpisode, ReturnHomeInterview
from safeguard.missing.off_the_radar import (
    Reason,
    off_the_radar_count,
    off_the_radar_lines,
)
from safeguard.missing.tests.conftest import at, open_episode

pytestmark = pytest.mark.django_db

NOW = at(2026, 3, 20, 12, 0)  # a Friday


def reasons_for(child, as_of=NOW):
    return {line.reason for line in off_the_radar_lines(as_of=as_of) if line.person_id == child.pk}


class TestUnallocatedNotQueued:
    def test_a_child_whose_only_lead_has_left_is_listed(self, team, social_worker):
        # Given a child allocated to a worker whose account has since been closed: the queue
        # does not hold them (there is a current lead), yet no one is working with them
        child = make_child()
        leaver = make_user(Role.SOCIAL_WORKER, team=team)
        open_episode(child, team=team, worker=leaver)
        leaver.is_active = False
        leaver.save()
        assert reasons_for(child) == {Reason.UNALLOCATED}

    def test_an_allocated_child_is_not_listed(self, team, social_worker):
        child = make_child()
        open_episode(child, team=team, worker=social_worker)
        assert reasons_for(child) == set()

    def test_a_child_in_the_unallocated_queue_is_not_listed(self, team):
        child = make_child()
        open_episode(child, team=team)
        assert reasons_for(child) == set()

    def test_a_closed_involvement_is_not_listed(self, team):
        child = make_child()
        Episode.objects.create(
            person=child,
            team=team,
            referral_date=date(2026, 1, 5),
            closure_date=date(2026, 2, 1),
            closure_reason="RC8",
        )
        assert reasons_for(child) == set()

    def test_an_allocation_that_has_ended_leaves_the_child_in_the_queue_not_off_the_radar(
        self, team, social_worker
    ):
        child = make_child()
        episode = open_episode(child, team=team, worker=social_worker)
        Allocation.objects.filter(episode=episode).update(end_at=at(2026, 2, 1, 9, 0))
        assert reasons_for(child) == set()


class TestMissingEducationWithoutActivity:
    def entry(self, child, officer, referred_on):
        return CMEEntry.objects.create(
            person=child, reason="left_roll", referred_on=referred_on, officer=officer
        )

    def test_an_entry_with_no_first_checks_after_5_school_days_is_listed(self, social_worker):
        child = make_child()
        self.entry(child, social_worker, date(2026, 3, 12))  # Thu; 5 school days: Thu 19th
        assert reasons_for(child) == {Reason.CME_NO_ACTIVITY}

    def test_an_entry_still_within_its_first_checks_is_not_listed(self, social_worker):
        child = make_child()
        self.entry(child, social_worker, date(2026, 3, 13))  # due Fri 20th: not yet past
        assert reasons_for(child) == set()

    def test_an_entry_whose_last_enquiry_is_over_10_school_days_old_is_listed(self, social_worker):
        child = make_child()
        entry = self.entry(child, social_worker, date(2026, 2, 2))
        CMEEnquiry.objects.create(
            entry=entry,
            made_on=date(2026, 3, 5),
            kind="home_visit",
            made_by=social_worker,
            result="No answer",
        )  # due 19th
        assert reasons_for(child) == {Reason.CME_NO_ACTIVITY}

    def test_an_entry_with_a_recent_enquiry_is_not_listed(self, social_worker):
        child = make_child()
        entry = self.entry(child, social_worker, date(2026, 2, 2))
        CMEEnquiry.objects.create(
            entry=entry,
            made_on=date(2026, 3, 9),
            kind="home_visit",
            made_by=social_worker,
            result="No answer",
        )
        assert reasons_for(child) == set()

    def test_a_closed_entry_is_not_listed(self, social_worker):
        child = make_child()
        CMEEntry.objects.create(
            person=child,
            reason="left_roll",
            referred_on=date(2026, 1, 5),
            officer=social_worker,
            closed_on=date(2026, 1, 20),
            outcome="abroad",
        )
        assert reasons_for(child) == set()


class TestReturnHomeInterviewNotOffered:
    def episode(self, child, returned):
        return MissingEpisode.objects.create(
            person=child,
            missing_from="home",
            reported_missing_at=returned - timedelta(hours=8),
            found_returned_at=returned,
        )

    def test_a_return_73_hours_ago_with_no_offer_is_listed(self):
        child = make_child()
        self.episode(child, NOW - timedelta(hours=73))
        assert reasons_for(child) == {Reason.RHI_NOT_OFFERED}

    def test_a_return_71_hours_ago_is_not_yet_listed(self):
        child = make_child()
        self.episode(child, NOW - timedelta(hours=71))
        assert reasons_for(child) == set()

    def test_a_return_with_an_offer_is_not_listed_even_if_declined(self):
        child = make_child()
        episode = self.episode(child, NOW - timedelta(days=10))
        ReturnHomeInterview.objects.create(
            missing_episode=episode, offered_at=NOW - timedelta(days=9), response="declined"
        )
        assert reasons_for(child) == set()

    def test_a_child_still_missing_is_not_listed_here(self):
        child = make_child()
        MissingEpisode.objects.create(
            person=child,
            missing_from="care",
            missing_type="A",
            reported_missing_at=NOW - timedelta(days=5),
        )
        assert reasons_for(child) == set()


class TestExploitationFlagWithoutAssessmentOrPlan:
    def screening(self, child, user, *, on=date(2026, 3, 2), needs=True, level="medium"):
        return Screening.objects.create(
            person=child,
            tool_version=current_tool_version(),
            screened_on=on,
            screened_by=user,
            score=8 if needs else 1,
            risk_level=level if needs else "low",
            requires_full_assessment=needs,
        )

    def test_a_flag_with_no_assessment_or_plan_is_listed(self, social_worker):
        child = make_child()
        self.screening(child, social_worker)
        assert reasons_for(child) == {Reason.EXPLOITATION_UNASSESSED}

    def test_a_flag_with_an_assessment_begun_is_not_listed(self, social_worker):
        child = make_child()
        self.screening(child, social_worker)
        RiskAssessment.objects.create(
            person=child, started_on=date(2026, 3, 4), assessed_by=social_worker
        )
        assert reasons_for(child) == set()

    def test_an_assessment_from_before_the_flag_does_not_count(self, social_worker):
        child = make_child()
        RiskAssessment.objects.create(
            person=child, started_on=date(2025, 6, 1), assessed_by=social_worker
        )
        self.screening(child, social_worker)
        assert reasons_for(child) == {Reason.EXPLOITATION_UNASSESSED}

    def test_a_flag_with_an_open_exploitation_plan_is_not_listed(self, social_worker):
        child = make_child()
        self.screening(child, social_worker)
        Plan.objects.create(person=child, kind=PlanKind.EXPLOITATION, start_date=date(2026, 3, 3))
        assert reasons_for(child) == set()

    def test_a_later_screening_with_no_concern_clears_the_flag(self, social_worker):
        child = make_child()
        self.screening(child, social_worker, on=date(2026, 2, 2))
        self.screening(child, social_worker, on=date(2026, 3, 2), needs=False)
        assert reasons_for(child) == set()


class TestTheReport:
    def test_a_well_run_authority_has_an_empty_report(self, team, social_worker):
        child = make_child()
        open_episode(child, team=team, worker=social_worker)
        assert off_the_radar_lines(as_of=NOW) == []
        assert off_the_radar_count(as_of=NOW) == 0

    def test_the_count_counts_children_not_lines(self, social_worker):
        child = make_child()
        MissingEpisode.objects.create(
            person=child,
            missing_from="home",
            reported_missing_at=NOW - timedelta(days=5),
            found_returned_at=NOW - timedelta(days=4),
        )
        Screening.objects.create(
            person=child,
            tool_version=current_tool_version(),
            screened_on=date(2026, 3, 2),
            screened_by=social_worker,
            score=9,
            risk_level="medium",
            requires_full_assessment=True,
        )
        other = make_child()
        CMEEntry.objects.create(
            person=other, reason="left_roll", referred_on=date(2026, 1, 5), officer=social_worker
        )
        assert len(off_the_radar_lines(as_of=NOW)) == 3
        assert off_the_radar_count(as_of=NOW) == 2

    def test_the_page_lists_the_children_for_a_manager(self, client, team_manager):
        child = make_child(first_name="Tyler")
        MissingEpisode.objects.create(
            person=child,
            missing_from="home",
            reported_missing_at=at(2026, 1, 1, 20, 0),
            found_returned_at=at(2026, 1, 2, 2, 0),
        )
        client.force_login(team_manager)
        response = client.get("/off-the-radar/")
        assert response.status_code == 200
        assert b"Tyler" in response.content
        assert Reason.RHI_NOT_OFFERED.label.encode() in response.content

    def test_the_page_says_so_when_empty(self, client, team_manager):
        client.force_login(team_manager)
        assert b"No child is off the radar" in client.get("/off-the-radar/").content

    @pytest.mark.parametrize(
        "role", [Role.SOCIAL_WORKER, Role.PARTNER, Role.EARLY_HELP_PRACTITIONER]
    )
    def test_the_page_is_for_managers(self, client, role):
        client.force_login(make_user(role))
        assert client.get("/off-the-radar/").status_code == 403
