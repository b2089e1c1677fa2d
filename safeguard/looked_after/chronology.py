"""Chronology entries for looked-after children: placements, moves, reviews, care leaving."""

from collections.abc import Iterator

from django.urls import reverse

from safeguard.casework.chronology import ChronologyEntry, chronology_source
from safeguard.looked_after.choices import ReasonEpisodeCeased, ReasonNewEpisode
from safeguard.looked_after.models import CareEpisode, LookedAfterReview, PathwayPlan


@chronology_source
def looked_after_events(person_id: int) -> Iterator[ChronologyEntry]:
    """Yield entries for becoming looked after, each move or change, reviews and leaving care."""
    url = reverse("looked_after:child", args=[person_id])
    for episode in CareEpisode.objects.active().filter(person_id=person_id):
        source = f"looked_after.careepisode:{episode.pk}"
        if episode.reason_new_episode == ReasonNewEpisode.S:
            title = "Became looked after"
        elif episode.begins_placement:
            title = "Placement move"
        else:
            title = "Change of legal status"
        yield ChronologyEntry(
            when=episode.start_date,
            category="placement",
            title=title,
            detail=(
                f"{episode.get_legal_status_display()}; {episode.get_placement_type_display()}"
            ),
            url=url,
            source=source,
        )
        if episode.end_date and episode.reason_episode_ceased != ReasonEpisodeCeased.X1:
            yield ChronologyEntry(
                when=episode.end_date,
                category="placement",
                title="Ceased to be looked after",
                detail=episode.get_reason_episode_ceased_display(),
                url=url,
                source=source,
            )
    for review in LookedAfterReview.objects.active().filter(person_id=person_id):
        yield ChronologyEntry(
            when=review.review_date,
            category="review",
            title="Looked-after review",
            detail=review.get_participation_display(),
            url=url,
            source=f"looked_after.lookedafterreview:{review.pk}",
        )
    for plan in PathwayPlan.objects.active().filter(person_id=person_id):
        yield ChronologyEntry(
            when=plan.plan_date,
            category="plan",
            title=str(plan).split(" on ")[0],
            url=url,
            source=f"looked_after.pathwayplan:{plan.pk}",
        )
