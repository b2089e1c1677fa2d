"""Two screeners deciding the same contact at the same moment, on two real connections.

PostgreSQL only: SQLite serialises writers on the whole database, so the row lock under test
does not arise there (the state check is tested everywhere in test_services.py).
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from safeguard.front_door.models import Contact, ScreeningDecision
from safeguard.front_door.services import screening_decide

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs two PostgreSQL connections"
)


# Serialized rollback restores the rows data migrations seeded (threshold framework,
# screening tool, checklists) once this test's flush has emptied the tables.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_screeners_at_once_one_wins_the_other_is_told(
    screener, second_screener, contact, levels
):
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def decide(user, outcome):
        try:
            fresh = Contact.objects.get(pk=contact.pk)
            barrier.wait(timeout=10)  # both have read version 1 before either writes
            screening_decide(
                contact=fresh,
                level=levels["statutory"],
                outcome=outcome,
                rationale=f"Reasons of {user.username}",
                acting_user=user,
                expected_version=1,
            )
            outcomes[user.username] = "saved"
        except ValidationError as error:
            outcomes[user.username] = error.messages[0]
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(screener, "referral")),
        threading.Thread(target=decide, args=(second_screener, "nfa")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # Then exactly one decision is saved, and the other screener was told who decided
    assert sorted(v == "saved" for v in outcomes.values()) == [False, True]
    refused = next(v for v in outcomes.values() if v != "saved")
    assert "decided this contact" in refused
    decision = ScreeningDecision.objects.get(contact=contact)
    winner = next(u for u, v in outcomes.items() if v == "saved")
    assert decision.decided_by.username == winner
    assert Contact.objects.get(pk=contact.pk).version == 2
