"""The children missing education register: clocks in school days, outcomes, named officers;
and EHC needs assessments with the 20-week clock."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from safeguard.audit.models import AuditEvent
from safeguard.compliance.models import Clock
from safeguard.education.choices import (
    CMEEnquiryKind,
    CMEEscalationStage,
    CMEOutcome,
    CMEReason,
    EHCDecision,
    EHCOutcome,
)
from safeguard.education.models import CMEEntry
from safeguard.education.services import (
    cme_enquiry_record,
    cme_entry_close,
    cme_entry_create,
    cme_escalation_record,
    ehc_needs_assessment_conclude,
    ehc_needs_assessment_decide,
    ehc_needs_assessment_request,
)

pytestmark = pytest.mark.django_db

HALF_TERM_FRIDAY = date(2026, 2, 13)


def refer(child, officer, on=HALF_TERM_FRIDAY, **extra):
    return cme_entry_create(
        person=child,
        acting_user=officer,
        reason=CMEReason.LEFT_ROLL,
        referred_on=on,
        officer=officer,
        school_name="Oak Primary School",
        **extra,
    )


def clock(child, code, key_suffix=""):
    return Clock.objects.get(person=child, rule_code=code, key__endswith=key_suffix)


class TestCMEClocks:
    def test_first_checks_and_escalations_count_school_days_over_half_term(
        self, child, social_worker, term_dates
    ):
        # Given a referral on the Friday before the February half term
        refer(child, social_worker)
        # Then the half term week does not count: 5, 10 and 20 school days from the Monday after
        assert clock(child, "CME_FIRST_CHECKS").due_on == date(2026, 2, 27)
        assert clock(child, "CME_ESCALATION_10").due_on == date(2026, 3, 6)
        assert clock(child, "CME_ESCALATION_20").due_on == date(2026, 3, 20)
        # And they belong to the named officer
        assert clock(child, "CME_FIRST_CHECKS").owner == social_worker

    def test_without_term_dates_every_weekday_but_bank_holidays_counts(self, child, social_worker):
        refer(child, social_worker)
        assert clock(child, "CME_FIRST_CHECKS").due_on == date(2026, 2, 20)

    def test_enquiries_meet_first_checks_and_start_the_next_interval(
        self, child, social_worker, term_dates
    ):
        entry = refer(child, social_worker)
        cme_enquiry_record(
            entry=entry,
            acting_user=social_worker,
            made_on=date(2026, 2, 24),
            kind=CMEEnquiryKind.SCHOOL_CONTACT,
            result="School has no forwarding address",
        )
        assert clock(child, "CME_FIRST_CHECKS").completed_on == date(2026, 2, 24)
        interval = clock(child, "CME_ENQUIRY_INTERVAL", ":after:1")
        assert (interval.started_on, interval.due_on) == (date(2026, 2, 24), date(2026, 3, 10))
        cme_enquiry_record(
            entry=entry,
            acting_user=social_worker,
            made_on=date(2026, 3, 3),
            kind=CMEEnquiryKind.HOME_VISIT,
            result="House empty; neighbours say moved",
        )
        assert clock(child, "CME_ENQUIRY_INTERVAL", ":after:1").completed_on == date(2026, 3, 3)
        assert clock(child, "CME_ENQUIRY_INTERVAL", ":after:2").completed_on is None

    def test_an_escalation_meets_its_clock(self, child, social_worker, term_dates):
        entry = refer(child, social_worker)
        cme_escalation_record(
            entry=entry,
            acting_user=social_worker,
            stage=CMEEscalationStage.TEN_DAYS,
            escalated_on=date(2026, 3, 6),
            escalated_to="CME lead",
        )
        assert clock(child, "CME_ESCALATION_10").completed_on == date(2026, 3, 6)
        with pytest.raises(ValidationError):
            cme_escalation_record(
                entry=entry,
                acting_user=social_worker,
                stage=CMEEscalationStage.TEN_DAYS,
                escalated_on=date(2026, 3, 9),
                escalated_to="CME lead",
            )

    def test_closing_the_entry_stops_the_clocks_still_running(
        self, child, social_worker, term_dates
    ):
        entry = refer(child, social_worker)
        cme_entry_close(
            entry=entry,
            acting_user=social_worker,
            closed_on=date(2026, 2, 25),
            outcome=CMEOutcome.FOUND_OTHER_SCHOOL,
            outcome_detail="Elm Academy",
        )
        assert clock(child, "CME_ESCALATION_10").cancelled_on == date(2026, 2, 25)
        assert clock(child, "CME_FIRST_CHECKS").cancelled_on == date(2026, 2, 25)

    def test_stopped_attending_runs_the_schools_10_and_20_day_duties_from_the_last_day(
        self, child, social_worker, term_dates
    ):
        cme_entry_create(
            person=child,
            acting_user=social_worker,
            reason=CMEReason.STOPPED_ATTENDING,
            referred_on=date(2026, 3, 2),
            officer=social_worker,
            last_attended_on=date(2026, 2, 9),
        )
        notify = clock(child, "CME_NOTIFY_10_DAYS")
        # 10 school days after Monday 9 February, skipping half term: Monday 2 March, met that day
        assert (notify.due_on, notify.completed_on) == (date(2026, 3, 2), date(2026, 3, 2))
        assert clock(child, "CME_ENQUIRIES_20_DAYS").due_on == date(2026, 3, 16)


class TestCMEOutcomes:
    @pytest.mark.parametrize("outcome", list(CMEOutcome))
    def test_every_outcome_takes_the_child_off_the_register(self, child, social_worker, outcome):
        entry = refer(child, social_worker)
        cme_entry_close(
            entry=entry, acting_user=social_worker, closed_on=date(2026, 3, 2), outcome=outcome
        )
        entry.refresh_from_db()
        assert (entry.closed_on, entry.outcome) == (date(2026, 3, 2), outcome)

    def test_an_entry_closed_with_no_outcome_is_refused_and_nothing_saved(
        self, child, social_worker
    ):
        entry = refer(child, social_worker)
        with pytest.raises(ValidationError) as error:
            cme_entry_close(
                entry=entry, acting_user=social_worker, closed_on=date(2026, 3, 2), outcome=""
            )
        assert "outcome" in error.value.message_dict
        entry.refresh_from_db()
        assert entry.closed_on is None
        assert not AuditEvent.objects.filter(
            object_type="education.cmeentry", action="update"
        ).exists()

    def test_the_database_refuses_a_closure_with_no_outcome_too(self, child, social_worker):
        from django.db import IntegrityError, transaction

        entry = refer(child, social_worker)
        with pytest.raises(IntegrityError), transaction.atomic():
            CMEEntry.objects.filter(pk=entry.pk).update(closed_on=date(2026, 3, 2))

    def test_every_entry_has_a_named_officer(self, child, social_worker):
        with pytest.raises(ValidationError) as error:
            cme_entry_create(
                person=child,
                acting_user=social_worker,
                reason=CMEReason.LEFT_ROLL,
                referred_on=date(2026, 3, 2),
                officer=None,
            )
        assert "officer" in error.value.message_dict
        assert not CMEEntry.objects.exists()

    def test_a_child_is_on_the_register_once_at_a_time(self, child, social_worker):
        refer(child, social_worker)
        with pytest.raises(ValidationError):
            refer(child, social_worker, on=date(2026, 3, 2))

    def test_a_closed_entry_takes_no_more_enquiries(self, child, social_worker):
        entry = refer(child, social_worker)
        cme_entry_close(
            entry=entry,
            acting_user=social_worker,
            closed_on=date(2026, 3, 2),
            outcome=CMEOutcome.MOVED_ABROAD,
        )
        with pytest.raises(ValidationError):
            cme_enquiry_record(
                entry=entry,
                acting_user=social_worker,
                made_on=date(2026, 3, 3),
                kind="other",
                result="x",
            )


class TestEHCNeedsAssessment:
    def test_the_20_week_clock_runs_from_the_request_to_the_final_plan(self, child, social_worker):
        a = ehc_needs_assessment_request(
            person=child,
            acting_user=social_worker,
            request_received_on=date(2025, 9, 1),
            requested_by="parent",
            case_officer=social_worker,
        )
        twenty = clock(child, "EHC_NEEDS_ASSESSMENT")
        assert twenty.due_on == date(2026, 1, 19)
        assert clock(child, "EHC_DECISION_TO_ASSESS").due_on == date(2025, 10, 13)
        ehc_needs_assessment_decide(
            assessment=a,
            acting_user=social_worker,
            decision=EHCDecision.ASSESS,
            decision_on=date(2025, 10, 10),
        )
        ehc_needs_assessment_conclude(
            assessment=a,
            acting_user=social_worker,
            outcome=EHCOutcome.PLAN_ISSUED,
            outcome_on=date(2026, 2, 2),
        )
        twenty.refresh_from_db()
        assert twenty.completed_on == date(2026, 2, 2)
        assert twenty.completed_on > twenty.due_on  # issued late, and shown as such

    def test_a_decision_not_to_assess_stops_the_20_weeks(self, child, social_worker):
        a = ehc_needs_assessment_request(
            person=child,
            acting_user=social_worker,
            request_received_on=date(2025, 9, 1),
            requested_by="school",
        )
        ehc_needs_assessment_decide(
            assessment=a,
            acting_user=social_worker,
            decision=EHCDecision.NOT_ASSESS,
            decision_on=date(2025, 10, 1),
        )
        assert clock(child, "EHC_NEEDS_ASSESSMENT").cancelled_on == date(2025, 10, 1)
        with pytest.raises(ValidationError):
            ehc_needs_assessment_conclude(
                assessment=a,
                acting_user=social_worker,
                outcome=EHCOutcome.PLAN_ISSUED,
                outcome_on=date(2025, 12, 1),
            )
