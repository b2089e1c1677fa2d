"""The generator stage: contacts, decisions, referrals and allocations at published rates."""

from collections import Counter
from unittest import mock

import pytest

from safeguard.casework.models import Allocation, Episode
from safeguard.casework.tests.test_allocations import assert_queue_invariant
from safeguard.front_door.models import Contact, PersonMatchKey, Referral, ScreeningDecision
from safeguard.people.models import Person
from safeguard.synthetic import services as synthetic_services
from safeguard.synthetic.services import authority_generate
from safeguard.synthetic.services import generator_stages as real_generator_stages

CHILDREN = 4_000


def _core_and_front_door_only():
    """Return the stages this test needs, so it tests this stage alone."""
    wanted = {"staff", "people", "front_door"}
    return [stage for stage in real_generator_stages() if stage.name in wanted]


@pytest.fixture
def authority(db, levels):
    # The clock rebuild is the compliance engine's, tested there; this tests the stage's rows.
    with (
        mock.patch.object(synthetic_services, "generator_stages", _core_and_front_door_only),
        mock.patch.object(synthetic_services, "_clocks_rebuild", lambda **kwargs: None),
    ):
        return authority_generate(children=CHILDREN, seed=11)


def test_generated_front_door(authority):
    """One generated authority (generating is slow), checked four ways."""
    _contacts_and_referrals_at_scaled_city_rates(authority.years)
    _sources_and_re_referrals_follow_dfe_shares()
    _most_referrals_are_allocated_and_the_queue_invariant_holds()
    assert PersonMatchKey.objects.count() == Person.objects.count()


def _contacts_and_referrals_at_scaled_city_rates(years):
    # 55,000 contacts and 12,000 referrals a year for 280,000 children, scaled
    assert Contact.objects.count() == pytest.approx(55_000 * CHILDREN / 280_000 * years, rel=0.05)
    referrals = Episode.objects.filter(service="social_care").count()
    assert referrals == pytest.approx(12_000 * CHILDREN / 280_000 * years, rel=0.25)
    assert ScreeningDecision.objects.count() > 0.95 * Contact.objects.count()


def _sources_and_re_referrals_follow_dfe_shares():
    episodes = Episode.objects.filter(service="social_care")
    sources = Counter(episodes.values_list("referral_source", flat=True))
    total = sum(sources.values())
    assert 0.20 < sources["6"] / total < 0.36  # police 28%
    assert 0.14 < sources["2A"] / total < 0.28  # schools 21%
    re_referrals = episodes.filter(is_re_referral=True).count() / total
    assert 0.12 < re_referrals < 0.30  # 22.6%
    flagged = Referral.objects.filter(episode__is_re_referral=True)
    assert flagged.filter(previous_episode__isnull=True).count() == 0


def _most_referrals_are_allocated_and_the_queue_invariant_holds():
    open_episodes = Episode.objects.filter(closure_date__isnull=True)
    led = Allocation.objects.filter(end_at__isnull=True, role="lead", episode__in=open_episodes)
    assert led.count() >= 0.9 * open_episodes.count()
    assert_queue_invariant(require_queue=False)
