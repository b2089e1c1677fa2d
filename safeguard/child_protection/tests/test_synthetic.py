"""The generator stage: child protection work at realistic rates, with some flawed plans."""

from collections import Counter

import pytest

from safeguard.casework.choices import PlanKind, VisitType
from safeguard.casework.models import Episode, Plan, PlanAction, Visit
from safeguard.child_protection.choices import ConferenceKind, PlanFlagCode
from safeguard.child_protection.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    CoreGroupMeeting,
    PlanFlag,
    Section47Enquiry,
    StrategyDiscussion,
)
from safeguard.people.choices import RelationshipKind
from safeguard.people.models import Relationship
from safeguard.synthetic.selectors import authority_digest
from safeguard.synthetic.services import authority_generate


@pytest.fixture(autouse=True)
def no_clock_rebuild(monkeypatch):
    """Leave the clocks out: rebuilding them is the engine's, tested there; this is the stage."""
    monkeypatch.setattr("safeguard.synthetic.services._clocks_rebuild", lambda **kw: None)


@pytest.mark.django_db
def test_generated_authority_has_child_protection_work_at_published_rates():
    # Given a synthetic authority of 5,000 children over three years
    authority_generate(children=5000, seed=11)
    referrals = Episode.objects.filter(service="social_care").count()
    enquiries = Section47Enquiry.objects.count()
    initial = ChildProtectionConference.objects.filter(kind=ConferenceKind.INITIAL).count()
    plans = ChildProtectionPlan.objects.count()
    # Then enquiries per referral are near England's 225,000 / 633,000 (0.36)
    assert 0.25 <= enquiries / referrals <= 0.45
    # and about a third of enquiries reach an ICPC, most of which start a plan
    assert 0.2 <= initial / enquiries <= 0.5
    assert 0.7 <= plans / initial <= 1.0
    # and about one open case in eight is on a plan (50,000 of 400,000 in England)
    open_cases = Episode.objects.filter(closure_date__isnull=True).count()
    on_plan = Plan.objects.filter(kind=PlanKind.CHILD_PROTECTION, end_date__isnull=True).count()
    assert 0.04 <= on_plan / open_cases <= 0.25
    # and plans have core groups, reviews and visits with children seen alone
    assert CoreGroupMeeting.objects.count() >= plans
    visits = Visit.objects.filter(visit_type=VisitType.CHILD_PROTECTION)
    assert visits.filter(child_seen_alone=True).exists()
    assert StrategyDiscussion.objects.filter(attendees__agency="police").distinct().count() == (
        StrategyDiscussion.objects.count()
    )
    # and categories are DfE codes, neglect the most common
    categories = Counter(
        ChildProtectionPlan.objects.values_list("initial_category_of_abuse", flat=True)
    )
    assert set(categories) <= {"NEG", "EMO", "PHY", "SAB", "MUL"}
    assert categories.most_common(1)[0][0] in {"NEG", "EMO"}
    # and some open plans are flagged by the checks, as the manager's view would show
    flags = set(PlanFlag.objects.filter(resolved_at__isnull=True).values_list("code", flat=True))
    assert flags & {
        PlanFlagCode.ONE_CARER_TWO_ADDRESSES,
        PlanFlagCode.ACTION_OWNER_POSES_RISK,
        PlanFlagCode.ACTION_OVERDUE_NO_UPDATE,
        PlanFlagCode.CHILD_NOT_SEEN,
    }
    # and some plans were written with the flaws on purpose: an action for a person posing a
    # risk, and one asking a parent to keep safe children in two households
    risky = Relationship.objects.filter(kind=RelationshipKind.PERSON_POSING_RISK)
    assert PlanAction.objects.filter(responsible_person__in=risky.values("person_id")).exists()
    assert PlanAction.objects.filter(description__startswith="Keep both children safe").exists()
    # and some plans are repeat plans
    assert ChildProtectionPlan.objects.filter(number_of_previous_plans__gt=0).exists()


@pytest.mark.django_db
def test_the_stage_is_deterministic():
    # The first run only empties the database the same way for the two that are compared
    # (PostgreSQL sequences are not rolled back between tests).
    authority_generate(children=1500, seed=5)
    authority_generate(children=1500, seed=5, replace=True)
    first = authority_digest()
    counts = (StrategyDiscussion.objects.count(), ChildProtectionPlan.objects.count())
    authority_generate(children=1500, seed=5, replace=True)
    assert authority_digest() == first
    assert (StrategyDiscussion.objects.count(), ChildProtectionPlan.objects.count()) == counts
    assert counts[0] > 0
