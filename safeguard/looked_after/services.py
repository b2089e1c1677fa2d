"""Writes for looked-after children and care leavers.

Every service validates first and raises ValidationError with field messages, so a bad input
saves nothing; then it writes, audits and recomputes the child's clocks in one transaction.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.accounts.choices import Role
from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_change, snapshot
from safeguard.compliance.services import clocks_recompute
from safeguard.core.forms import today
from safeguard.looked_after import codes
from safeguard.looked_after.choices import (
    HealthEventKind,
    PersonalEducationPlanKind,
    ReasonEpisodeCeased,
    ReasonNewEpisode,
    ReviewParticipation,
)
from safeguard.looked_after.models import (
    Adoption,
    CareEpisode,
    CareLeaver,
    CareLeaverBirthdayRecord,
    HealthEvent,
    IROAssignment,
    LookedAfterReview,
    PathwayPlan,
    PersonalEducationPlan,
    PlacedForAdoption,
    UnaccompaniedAsylumSeekingChild,
)
from safeguard.people.models import Person

# A UK postcode, as the 903 expects it: outward code, a space, inward code.
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")
_URN = re.compile(r"^(SC[0-9]{6}|[0-9]{6,7}|XXXXXXX)$")

# The 903 column each episode field is checked against.
EPISODE_CODE_COLUMNS = {
    "reason_new_episode": "RNE",
    "legal_status": "LS",
    "category_of_need": "CIN",
    "placement_type": "PLACE",
    "placement_provider": "PLACE_PROVIDER",
    "reason_episode_ceased": "REC",
    "reason_place_change": "REASON_PLACE_CHANGE",
}
CARRIED_FORWARD = (
    "legal_status",
    "category_of_need",
    "placement_type",
    "placement_provider",
    "home_postcode",
    "placement_postcode",
    "urn",
    "placement_intended_until_18",
    "placed_with_parent_before_assessment",
    "connected_person_temporary_approval",
)


def normalise_postcode(value: str) -> str:
    """Return the postcode in capitals with one space before the inward code."""
    compact = re.sub(r"\s+", "", value or "").upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def _fmt(day: date | None) -> str:
    return f"{day:%-d %B %Y}" if day else "now"


def episode_errors(episode: CareEpisode) -> dict[str, list[str]]:
    """Return field messages for an episode that breaks the SSDA903 episode rules.

    Codes must be on the 903 list for the collection year the episode starts in; the episode
    must not end before it starts or overlap another of the child's episodes; and the reason
    for a new episode must fit the episode before it.
    """
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if episode.start_date is None:
        add("start_date", "Enter the date the episode started.")
        return errors
    year = codes.collection_year_for(episode.start_date)
    for field, column in EPISODE_CODE_COLUMNS.items():
        value = getattr(episode, field)
        if value and value not in codes.codes("episodes", column, year=year):
            label = CareEpisode._meta.get_field(field).verbose_name
            add(field, f"{value} is not a {label} code on the SSDA903 list for {year}.")
    if episode.start_date > today():
        add("start_date", "The episode start date must be today or in the past.")
    born = episode.person.date_of_birth
    if born and episode.start_date < born:
        add("start_date", "The episode cannot start before the child was born.")
    if episode.end_date is not None:
        if episode.end_date < episode.start_date:
            add("end_date", "The episode cannot end before it starts.")
        if episode.end_date > today():
            add("end_date", "The episode end date must be today or in the past.")
        if not episode.reason_episode_ceased:
            add("reason_episode_ceased", "Enter the reason the episode ceased.")
    elif episode.reason_episode_ceased:
        add("end_date", "Enter the date the episode ceased, or remove the reason it ceased.")
    for field in ("home_postcode", "placement_postcode"):
        value = getattr(episode, field)
        if value and not _POSTCODE.match(value):
            add(field, f"{value} is not a full UK postcode, like B1 1AA.")
    if episode.urn and not _URN.match(episode.urn):
        add(
            "urn", "Enter the provider's Ofsted URN (SC and six digits, 6 or 7 digits, or XXXXXXX)."
        )

    others = list(
        CareEpisode.objects.active()
        .filter(person_id=episode.person_id)
        .exclude(pk=episode.pk)
        .values("start_date", "end_date", "reason_episode_ceased")
    )
    for other in others:
        starts_before_other_ends = (
            other["end_date"] is None or episode.start_date < other["end_date"]
        )
        ends_after_other_starts = episode.end_date is None or episode.end_date > other["start_date"]
        same_start = episode.start_date == other["start_date"]
        if same_start or (starts_before_other_ends and ends_after_other_starts):
            add(
                "start_date",
                f"This episode overlaps the child's episode from {_fmt(other['start_date'])} "
                f"to {_fmt(other['end_date'])}.",
            )
    follows = [
        o
        for o in others
        if o["end_date"] == episode.start_date
        and o["reason_episode_ceased"] == ReasonEpisodeCeased.X1
    ]
    if episode.reason_new_episode == ReasonNewEpisode.S and follows:
        add(
            "reason_new_episode",
            "The child was already looked after that day (the episode before ended with X1): "
            "use the reason for the change, not S.",
        )
    if (
        episode.reason_new_episode
        and episode.reason_new_episode != ReasonNewEpisode.S
        and not follows
    ):
        add(
            "reason_new_episode",
            "Only the first episode of a period of care may start without an episode ending "
            "with X1 the same day; use S (started to be looked after).",
        )
    return errors


def _save_episode(episode: CareEpisode, *, acting_user, before: dict | None, summary: str):
    # Lock the child so two people recording at once cannot both pass the overlap check.
    Person.objects.select_for_update().filter(pk=episode.person_id).first()
    errors = episode_errors(episode)
    if errors:
        raise ValidationError(errors)
    episode.full_clean()
    episode.modified_by = acting_user
    episode.save()
    audit_change(
        user=acting_user,
        instance=episode,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        person_id=episode.person_id,
        before=before,
        summary=summary,
    )
    return episode


@transaction.atomic
def care_episode_record(*, person, acting_user, **fields) -> CareEpisode:
    """Record an episode of care as it happened (for a start, or to enter past episodes)."""
    for name in ("home_postcode", "placement_postcode"):
        if fields.get(name):
            fields[name] = normalise_postcode(fields[name])
    episode = CareEpisode(person=person, created_by=acting_user, **fields)
    _save_episode(episode, acting_user=acting_user, before=None, summary="Episode of care recorded")
    clocks_recompute(person_ids=[person.pk])
    return episode


@transaction.atomic
def care_episode_start(*, person, acting_user, start_date: date, **fields) -> CareEpisode:
    """Record that the child started to be looked after (RNE S)."""
    return care_episode_record(
        person=person,
        acting_user=acting_user,
        start_date=start_date,
        reason_new_episode=ReasonNewEpisode.S,
        **fields,
    )


def _rne_errors(current: CareEpisode, new: CareEpisode, rne: str) -> dict[str, list[str]]:
    status_changed = new.legal_status != current.legal_status
    placement_changed = any(
        getattr(new, f) != getattr(current, f)
        for f in ("placement_type", "placement_postcode", "urn", "placement_provider")
    )
    if rne == ReasonNewEpisode.L and not status_changed:
        return {"legal_status": ["A change of legal status only needs a new legal status."]}
    if rne == ReasonNewEpisode.L and placement_changed:
        return {"reason_new_episode": ["The placement changed too: use B or U, not L."]}
    if rne in (ReasonNewEpisode.P, ReasonNewEpisode.T) and status_changed:
        return {"reason_new_episode": ["The legal status changed too: use B or U."]}
    if rne in (ReasonNewEpisode.B, ReasonNewEpisode.U) and not status_changed:
        return {"legal_status": ["B and U mean the legal status changed: enter the new one."]}
    return {}


@transaction.atomic
def care_episode_change(
    *,
    episode: CareEpisode,
    acting_user,
    change_date: date,
    reason_new_episode: str,
    reason_place_change: str = "",
    **changes,
) -> CareEpisode:
    """End the open episode with X1 and start the next with what changed (legal status, placement).

    Fields not given are carried forward from the episode before.
    """
    if not episode.is_open:
        raise ValidationError({"change_date": "Only the open episode can be changed."})
    if reason_new_episode == ReasonNewEpisode.S:
        raise ValidationError(
            {"reason_new_episode": "The child is already looked after: S is for a new period."}
        )
    placement_move = reason_new_episode in (
        ReasonNewEpisode.P,
        ReasonNewEpisode.T,
        ReasonNewEpisode.B,
        ReasonNewEpisode.U,
    )
    if placement_move and not reason_place_change:
        raise ValidationError({"reason_place_change": "Enter the reason for the placement change."})
    if not placement_move and reason_place_change:
        raise ValidationError(
            {"reason_place_change": "Only a change of placement has a reason for placement change."}
        )
    for name in ("home_postcode", "placement_postcode"):
        if changes.get(name):
            changes[name] = normalise_postcode(changes[name])
    new = CareEpisode(
        person_id=episode.person_id,
        start_date=change_date,
        reason_new_episode=reason_new_episode,
        created_by=acting_user,
        **{f: changes.get(f, getattr(episode, f)) for f in CARRIED_FORWARD},
    )
    if change_date is None or change_date <= episode.start_date:
        began = _fmt(episode.start_date)
        raise ValidationError(
            {"change_date": f"The change must be after the episode began ({began})."}
        )
    errors = _rne_errors(episode, new, reason_new_episode)
    if errors:
        raise ValidationError(errors)
    before = snapshot(episode)
    episode.end_date = change_date
    episode.reason_episode_ceased = ReasonEpisodeCeased.X1
    episode.reason_place_change = reason_place_change
    _save_episode(episode, acting_user=acting_user, before=before, summary="Episode ended (X1)")
    _save_episode(new, acting_user=acting_user, before=None, summary="New episode of care")
    clocks_recompute(person_ids=[episode.person_id])
    return new


@transaction.atomic
def care_episode_cease(
    *, episode: CareEpisode, acting_user, end_date: date, reason_episode_ceased: str
) -> CareEpisode:
    """Record that the child ceased to be looked after."""
    if not episode.is_open:
        raise ValidationError({"end_date": "This episode has already ended."})
    if reason_episode_ceased == ReasonEpisodeCeased.X1:
        raise ValidationError(
            {"reason_episode_ceased": "X1 means a new episode follows: record the change instead."}
        )
    before = snapshot(episode)
    episode.end_date = end_date
    episode.reason_episode_ceased = reason_episode_ceased
    _save_episode(
        episode, acting_user=acting_user, before=before, summary="Ceased to be looked after"
    )
    clocks_recompute(person_ids=[episode.person_id])
    return episode


def _looked_after_on(person_id: int, day: date) -> bool:
    return (
        CareEpisode.objects.active()
        .filter(person_id=person_id, start_date__lte=day)
        .exclude(end_date__lt=day)
        .exists()
    )


def _create(instance, *, acting_user, summary: str, errors: dict | None = None):
    if errors:
        raise ValidationError(errors)
    instance.created_by = acting_user
    instance.modified_by = acting_user
    instance.full_clean()
    instance.save()
    audit_change(
        user=acting_user,
        instance=instance,
        action=AuditAction.CREATE,
        person_id=instance.person_id,
        summary=summary,
    )
    clocks_recompute(person_ids=[instance.person_id])
    return instance


def _date_errors(field: str, day: date | None, label: str) -> dict:
    if day is None:
        return {field: [f"Enter the {label}."]}
    if day > today():
        return {field: [f"The {label} must be today or in the past."]}
    return {}


@transaction.atomic
def looked_after_review_record(
    *,
    person,
    acting_user,
    review_date: date,
    participation: str,
    chaired_by=None,
    decisions: str = "",
) -> LookedAfterReview:
    """Record a looked-after review (CPPCR reg 33) and the child's participation code."""
    errors = _date_errors("review_date", review_date, "date of the review")
    if not errors:
        if not _looked_after_on(person.pk, review_date):
            errors["review_date"] = ["The child was not looked after on that date."]
        age = person.age_on(review_date)
        if participation == ReviewParticipation.PN0 and age is not None and age >= 4:
            errors["participation"] = ["PN0 is only for a child under 4 at the review."]
        if (
            participation
            and participation != ReviewParticipation.PN0
            and age is not None
            and age < 4
        ):
            errors["participation"] = ["The child was under 4 at the review: use PN0."]
        if participation and participation not in codes.codes(
            "reviews", "REVIEW_CODE", on=review_date
        ):
            errors["participation"] = [f"{participation} is not an SSDA903 review code."]
    review = LookedAfterReview(
        person=person,
        review_date=review_date,
        participation=participation,
        chaired_by=chaired_by,
        decisions=decisions,
    )
    return _create(review, acting_user=acting_user, summary="Looked-after review", errors=errors)


@transaction.atomic
def health_event_record(
    *,
    person,
    acting_user,
    kind: str,
    event_date: date,
    immunisations_up_to_date: bool | None = None,
    sdq_score: int | None = None,
    notes: str = "",
) -> HealthEvent:
    """Record a health assessment, dental check, immunisation check or SDQ."""
    errors = _date_errors("event_date", event_date, "date")
    if kind == HealthEventKind.IMMUNISATIONS and immunisations_up_to_date is None:
        errors["immunisations_up_to_date"] = ["Say whether the immunisations are up to date."]
    if kind == HealthEventKind.SDQ and sdq_score is None:
        errors["sdq_score"] = ["Enter the SDQ score (0 to 40)."]
    if sdq_score is not None and not 0 <= sdq_score <= 40:
        errors["sdq_score"] = ["An SDQ score is from 0 to 40."]
    initial = kind == HealthEventKind.INITIAL_HEALTH_ASSESSMENT
    if initial and not errors and not _looked_after_on(person.pk, event_date):
        errors["event_date"] = ["An initial health assessment is made while looked after."]
    event = HealthEvent(
        person=person,
        kind=kind,
        event_date=event_date,
        immunisations_up_to_date=immunisations_up_to_date,
        sdq_score=sdq_score,
        notes=notes,
    )
    return _create(event, acting_user=acting_user, summary="Health record", errors=errors)


@transaction.atomic
def personal_education_plan_record(
    *, person, acting_user, kind: str, meeting_date: date, school_name: str = "", notes: str = ""
) -> PersonalEducationPlan:
    """Record a personal education plan meeting (initial or review)."""
    errors = _date_errors("meeting_date", meeting_date, "date of the PEP meeting")
    initial = kind == PersonalEducationPlanKind.INITIAL
    if initial and not errors and not _looked_after_on(person.pk, meeting_date):
        errors["meeting_date"] = ["The child was not looked after on that date."]
    plan = PersonalEducationPlan(
        person=person, kind=kind, meeting_date=meeting_date, school_name=school_name, notes=notes
    )
    return _create(plan, acting_user=acting_user, summary="Personal education plan", errors=errors)


@transaction.atomic
def iro_assign(*, person, iro, start_date: date, acting_user) -> IROAssignment:
    """Name the child's independent reviewing officer, ending any current assignment."""
    if iro.role != Role.CONFERENCE_CHAIR or not iro.is_active:
        raise ValidationError({"iro": "An IRO must be an active conference chair / IRO."})
    current = IROAssignment.objects.filter(person=person, end_date__isnull=True).first()
    if current is not None:
        if current.iro_id == iro.pk:
            raise ValidationError({"iro": f"{iro} is already the child's IRO."})
        if start_date < current.start_date:
            raise ValidationError(
                {"start_date": "The new IRO cannot start before the current one did."}
            )
        before = snapshot(current)
        current.end_date = start_date
        current.save(update_fields=["end_date"])
        audit_change(
            user=acting_user,
            instance=current,
            action=AuditAction.UPDATE,
            person_id=person.pk,
            before=before,
            summary="IRO assignment ended",
        )
    assignment = IROAssignment(
        person=person, iro=iro, start_date=start_date, assigned_by=acting_user
    )
    assignment.full_clean()
    assignment.save()
    audit_change(
        user=acting_user,
        instance=assignment,
        action=AuditAction.CREATE,
        person_id=person.pk,
        summary="IRO assigned",
    )
    clocks_recompute(person_ids=[person.pk])
    return assignment


@transaction.atomic
def care_leaver_record(
    *,
    person,
    acting_user,
    eligibility: str,
    personal_adviser=None,
    needs_assessment_completed_on: date | None = None,
    services_ended_on: date | None = None,
) -> CareLeaver:
    """Create or update the young person's care leaver record."""
    record = CareLeaver.objects.filter(person=person).first()
    before = snapshot(record) if record else None
    if record is None:
        record = CareLeaver(person=person, created_by=acting_user)
    record.eligibility = eligibility
    record.personal_adviser = personal_adviser
    record.needs_assessment_completed_on = needs_assessment_completed_on
    record.services_ended_on = services_ended_on
    errors = {}
    if needs_assessment_completed_on and needs_assessment_completed_on > today():
        errors["needs_assessment_completed_on"] = ["The date must be today or in the past."]
    assessed = needs_assessment_completed_on
    if person.date_of_birth and assessed and person.age_on(assessed) < 15:
        errors["needs_assessment_completed_on"] = [
            "The needs assessment is made around the 16th birthday, not before 15."
        ]
    if errors:
        raise ValidationError(errors)
    record.modified_by = acting_user
    record.full_clean()
    record.save()
    audit_change(
        user=acting_user,
        instance=record,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        person_id=person.pk,
        before=before,
        summary="Care leaver record",
    )
    clocks_recompute(person_ids=[person.pk])
    return record


@transaction.atomic
def pathway_plan_record(
    *, person, acting_user, plan_date: date, is_review: bool, notes: str = ""
) -> PathwayPlan:
    """Record a pathway plan or its review."""
    errors = _date_errors("plan_date", plan_date, "date of the plan")
    if is_review and not PathwayPlan.objects.active().filter(person=person).exists():
        errors["is_review"] = ["There is no pathway plan to review yet: record the plan first."]
    plan = PathwayPlan(person=person, plan_date=plan_date, is_review=is_review, notes=notes)
    return _create(plan, acting_user=acting_user, summary="Pathway plan", errors=errors)


@transaction.atomic
def care_leaver_birthday_record(
    *,
    person,
    acting_user,
    birthday_age: int,
    in_touch: str,
    activity: str,
    accommodation: str,
    contact_date: date | None = None,
) -> CareLeaverBirthdayRecord:
    """Record where a care leaver is at a birthday from 17 to 21 (SSDA903 OC3)."""
    errors: dict[str, list[str]] = {}
    if not 17 <= (birthday_age or 0) <= 21:
        errors["birthday_age"] = ["Care leaver information is recorded at birthdays 17 to 21."]
    for field, column, value in (
        ("in_touch", "IN_TOUCH", in_touch),
        ("activity", "ACTIV", activity),
        ("accommodation", "ACCOM", accommodation),
    ):
        if value not in codes.codes("oc3", column):
            errors[field] = [f"{value or 'Blank'} is not an SSDA903 {column} code."]
    if in_touch == "YES" and "0" in (activity, accommodation):
        errors.setdefault("activity", []).append(
            "The young person is in touch: record their activity and accommodation."
        )
    if contact_date and contact_date > today():
        errors["contact_date"] = ["The date of contact must be today or in the past."]
    record = CareLeaverBirthdayRecord(
        person=person,
        birthday_age=birthday_age,
        contact_date=contact_date,
        in_touch=in_touch,
        activity=activity,
        accommodation=accommodation,
    )
    if (
        not errors
        and CareLeaverBirthdayRecord.objects.active()
        .filter(person=person, birthday_age=birthday_age)
        .exists()
    ):
        errors["birthday_age"] = [f"The {birthday_age}th birthday is already recorded."]
    return _create(record, acting_user=acting_user, summary="Care leaver birthday", errors=errors)


@transaction.atomic
def placed_for_adoption_record(
    *,
    person,
    acting_user,
    date_placed: date,
    date_placed_ceased: date | None = None,
    reason_placed_ceased: str = "",
) -> PlacedForAdoption:
    """Record a decision that the child should be placed for adoption (and any reversal)."""
    errors = _date_errors("date_placed", date_placed, "date of the decision")
    if date_placed_ceased and date_placed and date_placed_ceased < date_placed:
        errors["date_placed_ceased"] = ["The decision cannot be reversed before it was made."]
    if bool(date_placed_ceased) != bool(reason_placed_ceased):
        errors["reason_placed_ceased"] = ["Give both the date and the reason of a reversal."]
    valid = codes.codes("placed_adoption", "REASON_PLACED_CEASED", on=date_placed or today())
    if reason_placed_ceased and reason_placed_ceased not in valid:
        errors["reason_placed_ceased"] = [f"{reason_placed_ceased} is not an SSDA903 code."]
    decision = PlacedForAdoption(
        person=person,
        date_placed=date_placed,
        date_placed_ceased=date_placed_ceased,
        reason_placed_ceased=reason_placed_ceased,
    )
    return _create(decision, acting_user=acting_user, summary="Placed for adoption", errors=errors)


@transaction.atomic
def adoption_record(
    *,
    person,
    acting_user,
    date_should_be_placed: date,
    date_matched: date,
    adopted_by_foster_carer: bool,
    number_of_adopters: int,
    sex_of_adopters: str,
    legal_status_of_adopters: str,
) -> Adoption:
    """Record an adopted child's AD1 details, with the adopters' codes from the 903 lists."""
    errors: dict[str, list[str]] = {}
    if date_matched and date_should_be_placed and date_matched < date_should_be_placed:
        errors["date_matched"] = ["The match cannot be before the decision to place."]
    for field, column, value in (
        ("sex_of_adopters", "SEX_ADOPTR", sex_of_adopters),
        ("legal_status_of_adopters", "LS_ADOPTR", legal_status_of_adopters),
    ):
        if value not in codes.codes("ad1", column, on=date_matched or today()):
            errors[field] = [f"{value or 'Blank'} is not an SSDA903 {column} code."]
    if number_of_adopters not in (1, 2):
        errors["number_of_adopters"] = ["A child is adopted by one or two adopters."]
    adoption = Adoption(
        person=person,
        date_should_be_placed=date_should_be_placed,
        date_matched=date_matched,
        adopted_by_foster_carer=adopted_by_foster_carer,
        number_of_adopters=number_of_adopters,
        sex_of_adopters=sex_of_adopters,
        legal_status_of_adopters=legal_status_of_adopters,
    )
    return _create(adoption, acting_user=acting_user, summary="Adoption (AD1)", errors=errors)


@transaction.atomic
def uasc_record(
    *, person, acting_user, date_uasc_ceased: date | None = None
) -> UnaccompaniedAsylumSeekingChild:
    """Record that the child is or was an unaccompanied asylum-seeking child."""
    errors = {}
    if date_uasc_ceased and person.date_of_birth and date_uasc_ceased < person.date_of_birth:
        errors["date_uasc_ceased"] = ["UASC status cannot end before the child was born."]
    if UnaccompaniedAsylumSeekingChild.objects.filter(person=person).exists():
        errors["person"] = ["The child is already recorded as UASC."]
    record = UnaccompaniedAsylumSeekingChild(person=person, date_uasc_ceased=date_uasc_ceased)
    return _create(record, acting_user=acting_user, summary="UASC", errors=errors)
