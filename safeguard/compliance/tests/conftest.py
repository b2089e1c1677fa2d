"""A tiny test-only producer: tests say which specs the records "imply"."""

import pytest

from safeguard.compliance.registry import PRODUCERS, ClockSpec


class FakeProducer:
    """Yield the specs a test sets, as a domain app's producer would from its records."""

    def __init__(self):
        self.specs: list[ClockSpec] = []

    def __call__(self, person_ids):
        wanted = None if person_ids is None else set(person_ids)
        return [s for s in self.specs if wanted is None or s.person_id in wanted]


@pytest.fixture
def producer():
    fake = FakeProducer()
    # Only the fake runs, so the tests do not depend on the domain apps' producers.
    saved = PRODUCERS[:]
    PRODUCERS[:] = [fake]
    yield fake
    PRODUCERS[:] = saved
