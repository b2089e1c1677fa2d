"""The single assessment clock: 45 working days from referral to authorisation."""

from collections.abc import Iterator

from safeguard.assessments.choices import AssessmentKind, AssessmentStatus
from safeguard.assessments.models import Assessment
from safeguard.casework.choices import Service
from safeguard.casework.clocks import lead_workers
from safeguard.casework.models import Episode
from safeguard.compliance.registry import ClockSpec, clock_producer


@clock_producer(sources=[(Episode, "person")])
def single_assessment_clocks(person_ids: list[int] | None) -> Iterator[ClockSpec]:
    """Yield one SINGLE_ASSESSMENT clock per social care referral that was not closed at the
    front door; the first authorised single assessment on the episode satisfies it, and closing
    the episode first cancels it."""
    episodes = Episode.objects.active().filter(service=Service.SOCIAL_CARE, referral_nfa=False)
    if person_ids is not None:
        episodes = episodes.filter(person_id__in=person_ids)
    rows = list(episodes.values("pk", "person_id", "team_id", "referral_date", "closure_date"))
    if not rows:
        return
    authorised = {}
    done = Assessment.objects.active().filter(
        kind=AssessmentKind.SINGLE, status=AssessmentStatus.AUTHORISED
    )
    # Everybody (a rebuild) reads whole tables rather than an IN list of every episode's id.
    episode_ids = None if person_ids is None else [r["pk"] for r in rows]
    if episode_ids is not None:
        done = done.filter(episode_id__in=episode_ids)
    for episode_id, authorised_on, pk in done.order_by("authorised_on", "pk").values_list(
        "episode_id", "authorised_on", "pk"
    ):
        authorised.setdefault(episode_id, (authorised_on, pk))
    leads = lead_workers(episode_ids)
    for row in rows:
        completed, assessment_id = authorised.get(row["pk"], (None, None))
        yield ClockSpec(
            rule_code="SINGLE_ASSESSMENT",
            person_id=row["person_id"],
            key=f"episode:{row['pk']}:single-assessment",
            start=row["referral_date"],
            completed=completed,
            cancelled=row["closure_date"] if completed is None else None,
            owner_id=leads.get(row["pk"]),
            team_id=row["team_id"],
            subject=(
                f"assessments.assessment:{assessment_id}"
                if assessment_id
                else f"casework.episode:{row['pk']}"
            ),
            start_event="referral received",
        )
