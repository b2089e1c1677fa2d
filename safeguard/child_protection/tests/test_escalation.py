"""Escalation rules: each seeded rule, an administrator's own rule, the alert and the
manager's reason for not starting procedures."""

from datetime import date, datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguard.child_protection import services
from safeguard.child_protection.choices import EscalationCondition, EscalationDecision
from safeguard.child_protection.models import EscalationEvent, EscalationRule, ManagerAlert
from safeguard.compliance.models import Clock
from safeguard.conftest import make_child
from safeguard.people.models import PersonDisability

WHEN = timezone.make_aware(datetime(2026, 11, 2, 10, 0))


def raise_(child, trigger, user):
    return services.escalation_raise(
        person=child, trigger=trigger, occurred_at=WHEN, acting_user=user
    )


def test_rules_are_seeded_as_data(db):
    assert set(EscalationRule.objects.values_list("code", flat=True)) >= {
        "physical-abuse-disclosure",
        "sexual-abuse-disclosure",
        "injury-non-mobile-or-disabled",
        "missing-child-on-plan",
    }


def test_disabled_childs_disclosure_of_assault_starts_procedures(
    child, episode, social_worker, team_manager
):
    # Given a disabled child (communication) who discloses an assault
    PersonDisability.objects.create(person=child, code="COMM")
    # When the disclosure is recorded
    [event] = raise_(child, "physical_abuse_disclosure", social_worker)
    # Then a strategy discussion is due within 1 working day and the manager is alerted
    assert event.decision == EscalationDecision.PENDING
    assert event.manager == team_manager
    clock = Clock.objects.get(person=child, rule_code="STRATEGY_DISCUSSION")
    assert clock.due_on == date(2026, 11, 3)
    assert ManagerAlert.objects.filter(manager=team_manager, escalation=event).exists()


def test_sexual_abuse_allegation_starts_procedures(child, episode, social_worker):
    assert len(raise_(child, "sexual_abuse_disclosure", social_worker)) == 1


def test_injury_to_a_disabled_child_starts_procedures(child, episode, social_worker):
    PersonDisability.objects.create(person=child, code="LD")
    [event] = raise_(child, "injury", social_worker)
    assert event.rule.code == "injury-non-mobile-or-disabled"


def test_injury_to_a_baby_under_six_months_starts_procedures(episode, social_worker):
    baby = make_child(first_name="Baby", date_of_birth=date(2026, 8, 1))
    assert len(raise_(baby, "injury", social_worker)) == 1


def test_injury_to_a_mobile_child_with_no_disability_does_not(child, episode, social_worker):
    PersonDisability.objects.create(person=child, code="NONE")
    assert raise_(child, "injury", social_worker) == []
    assert not EscalationEvent.objects.exists()


def test_child_on_a_plan_going_missing_starts_procedures(child, cp_plan, social_worker):
    [event] = raise_(child, "missing", social_worker)
    assert event.rule.code == "missing-child-on-plan"


def test_child_not_on_a_plan_going_missing_does_not(child, episode, social_worker):
    assert raise_(child, "missing", social_worker) == []


def test_rule_an_administrator_configures(child, episode, social_worker):
    EscalationRule.objects.create(
        code="fgm-disclosure",
        name="Disclosure of female genital mutilation",
        trigger="fgm_disclosure",
        condition=EscalationCondition.ANY_CHILD,
        strategy_discussion_within_working_days=1,
        source="Serious Crime Act 2015 s.74",
    )
    [event] = raise_(child, "fgm_disclosure", social_worker)
    assert event.rule.code == "fgm-disclosure"


def test_inactive_rule_does_nothing(child, episode, social_worker):
    EscalationRule.objects.filter(trigger="sexual_abuse_disclosure").update(is_active=False)
    assert raise_(child, "sexual_abuse_disclosure", social_worker) == []


def test_same_event_reported_twice_escalates_once(child, episode, social_worker):
    raise_(child, "sexual_abuse_disclosure", social_worker)
    assert raise_(child, "sexual_abuse_disclosure", social_worker) == []
    assert EscalationEvent.objects.count() == 1


def test_manager_is_emailed_once_the_escalation_commits(
    child, episode, social_worker, team_manager, django_capture_on_commit_callbacks
):
    team_manager.email = "morgan@example.org"
    team_manager.save()
    with django_capture_on_commit_callbacks(execute=True):
        raise_(child, "sexual_abuse_disclosure", social_worker)
    assert [m.to for m in mail.outbox] == [["morgan@example.org"]]
    assert child.last_name not in mail.outbox[0].body


def test_not_starting_procedures_needs_a_managers_reason(
    child, episode, social_worker, team_manager
):
    [event] = raise_(child, "sexual_abuse_disclosure", social_worker)
    # A social worker may not decide it
    with pytest.raises(ValidationError):
        services.escalation_record_not_started(
            event=event,
            reason="Allegation withdrawn and shown to be about another child.",
            acting_user=social_worker,
        )
    # A manager must give a reason in full
    with pytest.raises(ValidationError) as error:
        services.escalation_record_not_started(event=event, reason="no", acting_user=team_manager)
    assert "reason" in str(error.value)
    event.refresh_from_db()
    assert event.decision == EscalationDecision.PENDING
    services.escalation_record_not_started(
        event=event,
        reason="Allegation withdrawn and shown to be about another child.",
        acting_user=team_manager,
    )
    event.refresh_from_db()
    assert (event.decision, event.decided_by) == (EscalationDecision.NOT_STARTED, team_manager)
    clock = Clock.objects.get(person=child, rule_code="STRATEGY_DISCUSSION")
    assert clock.cancelled_on is not None


def test_strategy_discussion_marks_the_escalation_started(
    child, episode, social_worker, discussion
):
    # The fixture discussion was held on 1 October; a later event awaits the next one.
    [event] = raise_(child, "sexual_abuse_disclosure", social_worker)
    event.refresh_from_db()
    assert event.decision == EscalationDecision.PENDING
    from safeguard.child_protection.tests.conftest import ATTENDEES

    services.strategy_discussion_record(
        person=child,
        episode=episode,
        held_on=date(2026, 11, 2),
        concern="Disclosure",
        decision="s47",
        attendees=ATTENDEES,
        acting_user=social_worker,
    )
    event.refresh_from_db()
    assert event.decision == EscalationDecision.PROCEDURES_STARTED
