from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.access.selectors import person_get_for_user
from safeguard.casework.allocations import (
    allocate,
    allocation_history,
    allocation_suggestions,
    unallocated_queue_entries,
)
from safeguard.casework.models import Episode
from safeguard.core.forms import form_save
from safeguard.front_door import selectors, services
from safeguard.front_door.choices import ContactStatus, Involvement, ScreeningOutcome
from safeguard.front_door.forms import (
    AddPersonForm,
    AllocateForm,
    AuthoriseForm,
    ConsistencyForm,
    ContactForm,
    MatchQueryForm,
    PersonEntryForm,
    ReferralForm,
    ScreeningDecisionForm,
)
from safeguard.people.choices import PersonKind

CHILD_PREFIX = "child"


def _require(user, *permissions: Permission) -> None:
    if not any(user_has_permission(user, p) for p in permissions):
        raise PermissionDenied


def _existing_person(request, form):
    """Return the chosen existing person through the access selector, or None."""
    person_id = form.cleaned_data.get("existing_person")
    if not person_id:
        return None
    return person_get_for_user(user=request.user, person_id=person_id, purpose="link to contact")


def home(request):
    """Show the contacts waiting for a screening decision and for authorisation."""
    _require(request.user, Permission.SCREEN_CONTACTS, Permission.AUTHORISE)
    now = timezone.now()
    return render(
        request,
        "front_door/home.html",
        {
            "awaiting_decision": list(selectors.contacts_awaiting_decision()[:200]),
            "awaiting_authorisation": list(selectors.contacts_awaiting_authorisation()[:200]),
            "now": now,
            "can_record": user_has_permission(request.user, Permission.SCREEN_CONTACTS),
        },
    )


def match_candidates(request):
    """Return the candidate matches for what has been typed so far (an HTMX partial)."""
    _require(request.user, Permission.SCREEN_CONTACTS)
    prefix = request.GET.get("prefix", CHILD_PREFIX)
    form = MatchQueryForm(request.GET, prefix=prefix)
    candidates = []
    if form.is_valid():
        candidates = selectors.match_candidates(user=request.user, query=form.match_query())
    return render(
        request,
        "front_door/_match_panel.html",
        {"candidates": candidates, "field_name": f"{prefix}-existing_person", "searched": True},
    )


@require_http_methods(["GET", "POST"])
def contact_create(request):
    """Record a contact about a child, matching the child to an existing record first."""
    _require(request.user, Permission.SCREEN_CONTACTS)
    initial = {"received_at": timezone.localtime().replace(second=0, microsecond=0)}
    form = ContactForm(request.POST or None, initial=initial)
    child_form = PersonEntryForm(request.POST or None, prefix=CHILD_PREFIX)
    candidates = []
    if request.method == "POST" and child_form.is_valid():
        candidates = selectors.match_candidates(user=request.user, query=child_form.match_query())
        saved, contact = form_save(
            request,
            form,
            lambda **contact_fields: services.contact_intake(
                acting_user=request.user,
                contact_fields=contact_fields,
                existing_child=_existing_person(request, child_form),
                new_child=child_form.new_person_fields()
                if not child_form.cleaned_data.get("existing_person")
                else None,
            ),
        )
        if saved:
            messages.success(request, "Contact recorded")
            return redirect(contact)
    return render(
        request,
        "front_door/contact_form.html",
        {
            "form": form,
            "child_form": child_form,
            "candidates": candidates,
            "field_name": f"{CHILD_PREFIX}-existing_person",
            "selected": child_form.data.get(f"{CHILD_PREFIX}-existing_person", ""),
        },
    )


def contact_detail(request, contact_id):
    """Show a contact, the people on it, its decision and what followed."""
    contact = selectors.contact_get_for_user(user=request.user, contact_id=contact_id)
    people = selectors.contact_people(contact=contact)
    referrals = selectors.referrals_for_contact(contact=contact)
    decision = getattr(contact, "decision", None)
    histories = {
        row.person_id: selectors.referral_history(person_id=row.person_id)
        for row in people[Involvement.CHILD]
    }
    return render(
        request,
        "front_door/contact_detail.html",
        {
            "contact": contact,
            "children": [
                {
                    "row": row,
                    "referral": referrals.get(row.person_id),
                    "history": histories[row.person_id],
                }
                for row in people[Involvement.CHILD]
            ],
            "adults": people[Involvement.ADULT],
            "decision": decision,
            "can_decide": contact.status == ContactStatus.AWAITING_DECISION
            and user_has_permission(request.user, Permission.SCREEN_CONTACTS),
            "can_authorise": contact.status == ContactStatus.AWAITING_AUTHORISATION
            and user_has_permission(request.user, Permission.AUTHORISE),
            "can_refer": contact.status == ContactStatus.AUTHORISED
            and decision is not None
            and decision.outcome in ScreeningOutcome.opening_referral()
            and len(referrals) < len(people[Involvement.CHILD]),
        },
    )


@require_http_methods(["GET", "POST"])
def contact_add_person(request, contact_id):
    """Name another child, or an adult, on a contact awaiting its decision."""
    _require(request.user, Permission.SCREEN_CONTACTS)
    contact = selectors.contact_get_for_user(user=request.user, contact_id=contact_id)
    form = AddPersonForm(request.POST or None, prefix=CHILD_PREFIX)
    candidates = []
    if request.method == "POST" and form.is_valid():
        candidates = selectors.match_candidates(user=request.user, query=form.match_query())

    @transaction.atomic
    def add(*, involvement, existing_person, **_typed):
        new_fields = None
        if not existing_person:
            new_fields = form.new_person_fields()
            if involvement == Involvement.ADULT:
                new_fields["kind"] = PersonKind.ADULT
        person = services.person_for_contact(
            acting_user=request.user,
            existing=_existing_person(request, form),
            new_fields=new_fields,
        )
        services.contact_add_person(
            contact=contact, person=person, involvement=involvement, acting_user=request.user
        )
        return person

    saved, person = form_save(request, form, add)
    if saved:
        messages.success(request, f"{person.full_name} added to the contact")
        return redirect(contact)
    return render(
        request,
        "front_door/add_person.html",
        {
            "contact": contact,
            "form": form,
            "child_form": form,
            "candidates": candidates,
            "field_name": f"{CHILD_PREFIX}-existing_person",
        },
    )


@require_http_methods(["GET", "POST"])
def decision_create(request, contact_id):
    """Record the screening decision: level of need, outcome, rationale and evidence."""
    _require(request.user, Permission.SCREEN_CONTACTS)
    contact = selectors.contact_get_for_user(user=request.user, contact_id=contact_id)
    if contact.status != ContactStatus.AWAITING_DECISION and request.method == "GET":
        messages.info(request, "This contact has already been decided")
        return redirect(contact)
    form = ScreeningDecisionForm(request.POST or None, initial={"version": contact.version})
    saved, _ = form_save(
        request,
        form,
        lambda *, version, **decision: services.screening_decide(
            contact=contact, acting_user=request.user, expected_version=version, **decision
        ),
    )
    if saved:
        messages.success(request, "Decision recorded: it now needs a manager's authorisation")
        return redirect(contact)
    return render(request, "front_door/decision_form.html", {"contact": contact, "form": form})


@require_http_methods(["GET", "POST"])
def decision_authorise(request, contact_id):
    """Let a manager authorise the screening decision."""
    _require(request.user, Permission.AUTHORISE)
    contact = selectors.contact_get_for_user(user=request.user, contact_id=contact_id)
    decision = getattr(contact, "decision", None)
    if decision is None:
        messages.info(request, "There is no decision to authorise yet")
        return redirect(contact)
    form = AuthoriseForm(request.POST or None)
    saved, _ = form_save(
        request,
        form,
        partial(services.screening_authorise, decision=decision, acting_user=request.user),
    )
    if saved:
        messages.success(request, "Decision authorised")
        return redirect(contact)
    return render(
        request,
        "front_door/authorise_form.html",
        {"contact": contact, "decision": decision, "form": form},
    )


@require_http_methods(["GET", "POST"])
def referral_create(request, contact_id):
    """Open a children's social care referral for a child on an authorised decision."""
    _require(request.user, Permission.SCREEN_CONTACTS, Permission.AUTHORISE)
    contact = selectors.contact_get_for_user(user=request.user, contact_id=contact_id)
    already = selectors.referrals_for_contact(contact=contact)
    children = [
        row.person
        for row in selectors.contact_people(contact=contact)[Involvement.CHILD]
        if row.person_id not in already
    ]
    initial = {"referral_date": timezone.localtime(contact.received_at).date()}
    if len(children) == 1:
        initial["person"] = children[0].pk
    form = ReferralForm(request.POST or None, children=children, initial=initial)
    saved, referral = form_save(
        request,
        form,
        lambda *, person, **referral: services.referral_create(
            contact=contact,
            person=next(p for p in children if p.pk == person),
            acting_user=request.user,
            **referral,
        ),
    )
    if saved:
        note = " This is a re-referral within 12 months." if referral.previous_episode else ""
        messages.success(request, f"Referral opened for {referral.person.full_name}.{note}")
        return redirect(contact)
    histories = {p.pk: selectors.referral_history(person_id=p.pk) for p in children}
    return render(
        request,
        "front_door/referral_form.html",
        {
            "contact": contact,
            "form": form,
            "children": [{"person": p, "history": histories[p.pk]} for p in children],
        },
    )


def unallocated(request):
    """Show open cases with no allocated worker: longest wait first, with risk level."""
    _require(request.user, Permission.ALLOCATE)
    entries = unallocated_queue_entries(as_of=timezone.localdate())
    return render(request, "front_door/unallocated.html", {"entries": entries})


@require_http_methods(["GET", "POST"])
def allocate_episode(request, episode_id):
    """Allocate (or re-allocate) a case to a named social worker, with suggestions."""
    _require(request.user, Permission.ALLOCATE)
    episode = Episode.objects.active().filter(pk=episode_id).select_related("team").first()
    if episode is None:
        raise PermissionDenied
    person = person_get_for_user(user=request.user, person_id=episode.person_id, purpose="allocate")
    form = AllocateForm(request.POST or None)
    saved, allocation = form_save(
        request, form, partial(allocate, episode=episode, acting_user=request.user)
    )
    if saved:
        messages.success(request, f"{person.full_name} allocated to {allocation.worker}")
        return redirect("front_door:unallocated")
    return render(
        request,
        "front_door/allocate.html",
        {
            "episode": episode,
            "person": person,
            "form": form,
            "suggestions": allocation_suggestions(episode=episode)[:10],
            "history": allocation_history(episode=episode),
            "wait_days": (timezone.localdate() - episode.referral_date).days,
        },
    )


def consistency_report(request):
    """Show each decision-maker's share of each outcome, with sharp differences flagged."""
    _require(request.user, Permission.AUTHORISE, Permission.VIEW_PERFORMANCE)
    start, end = selectors.default_period(today=timezone.localdate())
    defaults = {
        "date_from": start,
        "date_to": end,
        "by": "screener",
        "gap_points": 15,
        "min_count": 10,
    }
    form = ConsistencyForm(request.GET or defaults)
    report = drill = None
    if form.is_valid():
        data = form.cleaned_data
        report = selectors.threshold_consistency(**data)
        maker = request.GET.get("maker", "")
        if maker.isdigit():
            drill = list(
                selectors.consistency_drilldown(
                    date_from=data["date_from"],
                    date_to=data["date_to"],
                    by=data["by"],
                    maker_id=int(maker),
                    outcome=request.GET.get("outcome", ""),
                )[:500]
            )
    return render(
        request,
        "front_door/consistency.html",
        {"form": form, "report": report, "drill": drill, "query": request.GET.urlencode()},
    )
