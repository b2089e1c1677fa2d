"""What must not be left open when a case closes, beyond plans and clocks: an unresolved
missing episode, a repeat-missing prompt not yet considered, an exploitation screening that
asked for a full risk assessment not yet completed."""

from django.db.models import Exists, OuterRef

from safeguard.casework.closure import closure_check
from safeguard.exploitation.models import RiskAssessment, Screening
from safeguard.missing.models import MissingEpisode, RepeatMissingFlag


@closure_check
def unresolved_missing(*, episode) -> list[str]:
    """Return the child's missing episodes still open and repeat-missing prompts not acted on."""
    items = [
        f"Missing since {m:%d %b %Y %H:%M}: not yet found or returned"
        for m in MissingEpisode.objects.active()
        .filter(person_id=episode.person_id, found_returned_at__isnull=True)
        .values_list("reported_missing_at", flat=True)
    ]
    items += [
        f"Repeat-missing flag raised {raised:%d %b %Y}: strategy discussion not yet considered"
        for raised in RepeatMissingFlag.objects.active()
        .filter(person_id=episode.person_id, strategy_discussion_considered_on__isnull=True)
        .values_list("raised_at", flat=True)
    ]
    return items


@closure_check
def unresolved_exploitation(*, episode) -> list[str]:
    """Return exploitation screenings awaiting a full risk assessment, and assessments not
    completed."""
    done = RiskAssessment.objects.filter(screening=OuterRef("pk"), completed_on__isnull=False)
    screenings = (
        Screening.objects.active()
        .filter(person_id=episode.person_id, requires_full_assessment=True)
        .exclude(Exists(done))
        .values_list("screened_on", flat=True)
    )
    return [
        f"Exploitation screening of {day:%d %b %Y} needs a full risk assessment not yet completed"
        for day in screenings
    ]
