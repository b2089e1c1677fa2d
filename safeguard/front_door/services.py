"""Writes at the front door: contacts, screening decisions, authorisation and referrals.

Each service validates before it writes, writes its audit rows in the same transaction, and
recomputes the clocks of the children it touched.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_change, snapshot
from safeguard.casework.choices import RiskLevel, Service
from safeguard.casework.models import Episode
from safeguard.front_door.choices import (
    ContactChannel,
    ContactStatus,
    Involvement,
    ScreeningOutcome,
)
from safeguard.front_door.match_keys import match_keys_refresh
from safeguard.front_door.models import (
    Contact,
    ContactPerson,
    Referral,
    ScreeningDecision,
    ThresholdLevel,
)
from safeguard.people.choices import PersonKind
from safeguard.people.models import Person

RE_REFERRAL_MONTHS = 12


def recompute_clocks(person_ids: list[int]) -> None:
    """Recompute the children's clocks in the current transaction (compliance engine)."""
    from safeguard.compliance.services import clocks_recompute

    clocks_recompute(person_ids=person_ids)


def _unique(people: list[Person]) -> list[Person]:
    seen, result = set(), []
    for person in people:
        if person.pk not in seen:
            seen.add(person.pk)
            result.append(person)
    return result


@transaction.atomic
def contact_record(
    *,
    acting_user,
    received_at: datetime,
    referral_source: str,
    referrer_name: str,
    concern: str,
    children: list[Person],
    adults: list[Person] | None = None,
    channel: str = ContactChannel.PHONE,
    referrer_contact_details: str = "",
    submitted_by_organisation: str = "",
    consent_obtained: bool = False,
    submitted_by_partner: bool = False,
) -> Contact:
    """Record a contact about one or more children; refuse one that names no child.

    A partner agency user submitting for themselves is the submitter, not the recorder.
    """
    if not any(
        user_has_permission(acting_user, p)
        for p in (Permission.SCREEN_CONTACTS, Permission.SUBMIT_CONTACTS)
    ):
        raise ValidationError("You cannot record or submit contacts")
    children, adults = _unique(children), _unique(adults or [])
    errors: dict[str, list[str]] = {}
    if not children:
        errors["children"] = ["Name at least one child the concern is about"]
    if any(p.kind != PersonKind.CHILD for p in children):
        errors.setdefault("children", []).append("Only children can be the subject of a contact")
    if {p.pk for p in children} & {p.pk for p in adults}:
        errors["adults"] = ["A person cannot be both a child and an adult on the same contact"]
    if received_at and received_at > timezone.now():
        errors["received_at"] = ["The date and time received must be now or in the past"]
    contact = Contact(
        received_at=received_at,
        referral_source=referral_source,
        channel=ContactChannel.PARTNER_PORTAL if submitted_by_partner else channel,
        referrer_name=referrer_name,
        referrer_contact_details=referrer_contact_details,
        submitted_by_organisation=submitted_by_organisation
        or (acting_user.organisation if submitted_by_partner else ""),
        submitted_by=acting_user if submitted_by_partner else None,
        recorded_by=None if submitted_by_partner else acting_user,
        concern=concern,
        consent_obtained=consent_obtained,
        created_by=acting_user,
        modified_by=acting_user,
    )
    try:
        contact.full_clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    contact.save()
    ContactPerson.objects.bulk_create(
        [ContactPerson(contact=contact, person=p, involvement=Involvement.CHILD) for p in children]
        + [ContactPerson(contact=contact, person=p, involvement=Involvement.ADULT) for p in adults]
    )
    for child in children:
        audit_change(
            user=acting_user,
            instance=contact,
            action=AuditAction.CREATE,
            person_id=child.pk,
            summary="Contact received at the front door",
        )
    recompute_clocks([p.pk for p in children])
    return contact


@transaction.atomic
def contact_add_person(
    *, contact: Contact, person: Person, involvement: str, acting_user
) -> ContactPerson:
    """Name another child or adult on a contact still awaiting its decision."""
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if locked.status != ContactStatus.AWAITING_DECISION:
        raise ValidationError("People can only be added before the screening decision")
    if involvement == Involvement.CHILD and person.kind != PersonKind.CHILD:
        raise ValidationError({"involvement": ["Only a child can be the subject of a contact"]})
    if ContactPerson.objects.filter(contact=locked, person=person).exists():
        raise ValidationError(f"{person.full_name} is already on this contact")
    row = ContactPerson(contact=locked, person=person, involvement=involvement)
    row.full_clean()
    row.save()
    audit_change(
        user=acting_user,
        instance=row,
        action=AuditAction.CREATE,
        person_id=person.pk,
        summary=f"Named on contact {locked.pk} as {row.get_involvement_display().lower()}",
    )
    match_keys_refresh(person_ids=[person.pk])
    if involvement == Involvement.CHILD:
        recompute_clocks([person.pk])
    return row


def person_for_contact(*, acting_user, existing: Person | None, new_fields: dict | None) -> Person:
    """Return the matched person, or add the new one (with their match keys)."""
    if existing is not None:
        return existing
    from safeguard.people.services import person_create

    person = person_create(acting_user=acting_user, **(new_fields or {}))
    match_keys_refresh(person_ids=[person.pk])
    return person


@transaction.atomic
def contact_intake(
    *,
    acting_user,
    contact_fields: dict,
    existing_child: Person | None = None,
    new_child: dict | None = None,
) -> Contact:
    """Record a contact about a matched child or a newly added one, all or nothing."""
    if existing_child is None and not new_child:
        raise ValidationError({"children": ["Name at least one child the concern is about"]})
    child = person_for_contact(
        acting_user=acting_user, existing=existing_child, new_fields=new_child
    )
    return contact_record(acting_user=acting_user, children=[child], **contact_fields)


def _child_ids(contact: Contact) -> list[int]:
    return list(
        contact.involved.filter(involvement=Involvement.CHILD).values_list("person_id", flat=True)
    )


@transaction.atomic
def screening_decide(
    *,
    contact: Contact,
    level: ThresholdLevel,
    outcome: str,
    rationale: str,
    evidence: str = "",
    acting_user,
    expected_version: int | None = None,
    decided_at: datetime | None = None,
) -> ScreeningDecision:
    """Record the MASH screening decision on a contact: one decision, the first one wins.

    The contact row is locked, then its state and version checked, so a second screener who
    decides the same contact at the same moment is refused with who decided it and when,
    and their own words are left in their form to keep or reuse.
    """
    if not user_has_permission(acting_user, Permission.SCREEN_CONTACTS) and not (
        user_has_permission(acting_user, Permission.AUTHORISE)
    ):
        raise ValidationError("Only a screener or a manager can record a screening decision")
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if locked.status != ContactStatus.AWAITING_DECISION:
        existing = ScreeningDecision.objects.select_related("decided_by").get(contact=locked)
        raise ValidationError(
            f"{existing.decided_by} decided this contact at "
            f"{timezone.localtime(existing.decided_at):%H:%M on %d %B %Y}: "
            f"{existing.get_outcome_display()}. Your decision was not saved."
        )
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(
            "This contact changed after you opened it. Check it again; your decision was not saved."
        )
    errors = {}
    if not (rationale or "").strip():
        errors["rationale"] = ["Enter the rationale for the decision"]
    if not level.framework.is_current:
        errors["level"] = ["Choose a level from the current threshold framework"]
    if errors:
        raise ValidationError(errors)
    decision = ScreeningDecision(
        contact=locked,
        level=level,
        outcome=outcome,
        rationale=rationale.strip(),
        evidence=(evidence or "").strip(),
        decided_by=acting_user,
        decided_by_team=acting_user.team,
        decided_at=decided_at or timezone.now(),
        created_by=acting_user,
        modified_by=acting_user,
    )
    decision.full_clean(exclude=["contact"])
    if decision.decided_at < locked.received_at:
        raise ValidationError({"decided_at": ["The decision cannot be before the contact"]})
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError as error:  # a decision slipped in without the lock (not expected)
        raise ValidationError(
            "This contact already has a decision. Yours was not saved."
        ) from error
    before = snapshot(locked)
    locked.status = ContactStatus.AWAITING_AUTHORISATION
    locked.version += 1
    locked.modified_by = acting_user
    locked.save(update_fields=["status", "version", "modified_by", "modified_at"])
    children = _child_ids(locked)
    for child_id in children:
        audit_change(
            user=acting_user,
            instance=decision,
            action=AuditAction.CREATE,
            person_id=child_id,
            summary=f"Screening decision: {decision.get_outcome_display()}",
        )
    audit_change(
        user=acting_user, instance=locked, action=AuditAction.UPDATE, person_id=None, before=before
    )
    recompute_clocks(children)
    contact.status, contact.version = locked.status, locked.version
    return decision


@transaction.atomic
def screening_authorise(
    *, decision: ScreeningDecision, acting_user, comment: str = "", at: datetime | None = None
) -> ScreeningDecision:
    """Record a manager's authorisation of a screening decision (not their own)."""
    if not user_has_permission(acting_user, Permission.AUTHORISE):
        raise ValidationError("Only a manager can authorise a screening decision")
    locked = ScreeningDecision.objects.select_for_update().get(pk=decision.pk)
    if locked.authorised_at is not None:
        raise ValidationError(f"{locked.authorised_by} has already authorised this decision")
    if locked.decided_by_id == acting_user.pk:
        raise ValidationError("A manager cannot authorise their own decision")
    before = snapshot(locked)
    locked.authorised_by = acting_user
    locked.authorised_at = at or timezone.now()
    locked.manager_comment = (comment or "").strip()
    locked.modified_by = acting_user
    locked.full_clean()
    locked.save()
    contact = Contact.objects.select_for_update().get(pk=locked.contact_id)
    contact.status = ContactStatus.AUTHORISED
    contact.version += 1
    contact.save(update_fields=["status", "version", "modified_at"])
    for child_id in _child_ids(contact):
        audit_change(
            user=acting_user,
            instance=locked,
            action=AuditAction.UPDATE,
            person_id=child_id,
            before=before,
            summary="Screening decision authorised",
        )
    return locked


def months_before(day: date, months: int) -> date:
    """Return the same day `months` earlier (the last day of a shorter month)."""
    year, month = divmod(day.month - 1 - months, 12)
    year, month = day.year + year, month + 1
    while True:
        try:
            return day.replace(year=year, month=month)
        except ValueError:
            day -= timedelta(days=1)


def previous_referral_within(
    *, person_id: int, referral_date: date, months: int = RE_REFERRAL_MONTHS
) -> Episode | None:
    """Return the latest earlier referral within `months` of this one, if there is one.

    DfE CIN census: a re-referral is a referral within 12 months of a previous referral.
    """
    return (
        Episode.objects.active()
        .filter(
            person_id=person_id,
            service=Service.SOCIAL_CARE,
            referral_date__lt=referral_date,
            referral_date__gte=months_before(referral_date, months),
        )
        .order_by("-referral_date")
        .first()
    )


@transaction.atomic
def referral_create(
    *,
    contact: Contact,
    person: Person,
    acting_user,
    primary_need: str,
    referral_date: date | None = None,
    risk_level: str = RiskLevel.MEDIUM,
    team=None,
) -> Referral:
    """Open a children's social care episode for a child on an authorised referral decision.

    The episode carries the DfE items; it is flagged a re-referral when the child was referred
    within the previous 12 months, and the earlier referral is linked for the history.
    """
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    decision = ScreeningDecision.objects.filter(contact=locked).first()
    if decision is None or decision.outcome not in ScreeningOutcome.opening_referral():
        raise ValidationError("Only a contact decided as a referral can open a referral")
    if decision.authorised_at is None:
        raise ValidationError("A manager must authorise the decision before the referral opens")
    if person.pk not in _child_ids(locked):
        raise ValidationError({"person": ["Choose a child named on this contact"]})
    if Referral.objects.filter(contact=locked, person=person).exists():
        raise ValidationError(f"{person.full_name} has already been referred from this contact")
    referral_date = referral_date or timezone.localtime(locked.received_at).date()
    open_episode = Episode.objects.active().filter(
        person=person, service=Service.SOCIAL_CARE, closure_date__isnull=True
    )
    if open_episode.exists():
        raise ValidationError(
            f"{person.full_name} already has an open social care episode: "
            "pass the contact to the allocated worker instead"
        )
    previous = previous_referral_within(person_id=person.pk, referral_date=referral_date)
    episode = Episode(
        person=person,
        service=Service.SOCIAL_CARE,
        team=team,
        referral_date=referral_date,
        referral_source=locked.referral_source,
        primary_need=primary_need,
        is_re_referral=previous is not None,
        risk_level=risk_level,
        created_by=acting_user,
        modified_by=acting_user,
    )
    episode.full_clean()
    if referral_date < timezone.localtime(locked.received_at).date():
        raise ValidationError({"referral_date": ["The referral cannot be before the contact"]})
    episode.save()
    referral = Referral(
        episode=episode,
        contact=locked,
        person=person,
        previous_episode=previous,
        created_by=acting_user,
        modified_by=acting_user,
    )
    referral.full_clean()
    referral.save()
    audit_change(
        user=acting_user,
        instance=episode,
        action=AuditAction.CREATE,
        person_id=person.pk,
        summary="Referral to children's social care" + (" (re-referral)" if previous else ""),
    )
    audit_change(
        user=acting_user, instance=referral, action=AuditAction.CREATE, person_id=person.pk
    )
    recompute_clocks([person.pk])
    return referral
