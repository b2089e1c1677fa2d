"""Events that have happened cannot be dated in the future (found by the far-future fuzz)."""

import pytest
from django.urls import reverse

from safeguard.child_protection.models import EscalationEvent

from .support import clients_for


@pytest.mark.django_db
def test_an_escalation_that_occurred_in_the_future_is_refused(smoke):
    # Given a social worker on a crawled child's record
    client = clients_for(smoke.sessions)["social_worker"]
    url = reverse("child_protection:escalation_create", args=[smoke.ids["child"][0]])
    before = EscalationEvent.objects.count()
    # When they record a disclosure dated far in the future
    response = client.post(
        url,
        {
            "trigger": "physical_abuse_disclosure",
            "occurred_at": "9999-12-31T10:00",
            "detail": "Told her teacher she was hit.",
        },
    )
    # Then the form comes back with an error and nothing is recorded
    assert response.status_code == 200
    assert EscalationEvent.objects.count() == before
