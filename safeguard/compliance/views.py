from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.access.selectors import person_get_for_user
from safeguard.accounts.models import Team
from safeguard.audit.services import audit_access_denied
from safeguard.compliance.explain import clock_explain
from safeguard.compliance.models import Clock
from safeguard.compliance.selectors import (
    breaches_for_team_count,
    clocks_for_owner,
    clocks_for_team,
    restricted_hidden_from,
    teams_for_manager,
    work_summary,
    work_summary_by_team,
)
from safeguard.compliance.templatetags.compliance_tags import rule_name, status_tag

# Rows per page of a work list. Fifty, as on the performance lists: a manager works down the
# broken clocks first, and rendering 200 rows was most of the page's time for a large team.
PAGE_SIZE = 50
# Reversed once per page; each row's id replaces it.
_SENTINEL = 987654321


def _page_number(request) -> int:
    value = request.GET.get("page", "1")
    return max(1, int(value)) if value.isdigit() else 1


def _page(request, clocks, total: int) -> dict:
    """Return one page of clocks ready to show, with the pagination links' numbers.

    Links, labels and dates are worked out here once per row rather than with a {% url %},
    an include, a tag and filters per row: a team's list runs to hundreds of rows.
    """
    pages = max(1, -(-total // PAGE_SIZE))
    number = min(_page_number(request), pages)
    rows = list(clocks[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
    hidden = restricted_hidden_from(request.user, {c.person_id for c in rows})
    explain_url = reverse("compliance:explain", args=[_SENTINEL])
    record_url = reverse("people:record", args=[_SENTINEL])
    sentinel = str(_SENTINEL)
    for clock in rows:
        clock.person_hidden = clock.person_id in hidden
        clock.person_name = f"{clock.person.first_name} {clock.person.last_name.upper()}"
        clock.explain_url = explain_url.replace(sentinel, str(clock.pk))
        clock.record_url = record_url.replace(sentinel, str(clock.person_id))
        clock.rule_name = rule_name(clock.rule_code)
        clock.status_label, clock.status_css = status_tag(clock.status)
        clock.started_display = f"{clock.started_on.day} {clock.started_on:%b %Y}"
        due = timezone.localtime(clock.due_at) if clock.due_at else clock.due_on
        clock.due_display = f"{due.day} {due:%b %Y}" + (f" {due:%H:%M}" if clock.due_at else "")
    return {
        "clocks": rows,
        "page": number,
        "pages": pages,
        "previous_page": number - 1 if number > 1 else None,
        "next_page": number + 1 if number < pages else None,
    }


def my_work(request):
    """List the signed-in worker's open clocks, overdue first, then by due date."""
    today = timezone.localdate()
    summary = work_summary(as_of=today, owner=request.user)
    clocks = clocks_for_owner(user=request.user, as_of=today)
    team_breaches = None
    if user_has_permission(request.user, Permission.VIEW_TEAM_WORK):
        team_breaches = [
            (team, breaches_for_team_count(team=team, as_of=today))
            for team in teams_for_manager(request.user)
        ]
    context = {
        **_page(request, clocks, summary["open"]),
        "summary": summary,
        "as_of": today,
        "team_breaches": team_breaches,
        "all_teams": user_has_permission(request.user, Permission.VIEW_ALL_TEAMS_WORK),
    }
    return render(request, "compliance/my_work.html", context)


def team_work(request):
    """List every open clock the manager's team holds or owns, with what has broken."""
    if not user_has_permission(request.user, Permission.VIEW_TEAM_WORK):
        raise PermissionDenied
    teams = teams_for_manager(request.user)
    wanted = request.GET.get("team")
    if wanted is not None and user_has_permission(request.user, Permission.VIEW_ALL_TEAMS_WORK):
        # A senior manager may open any team's list from the all-teams view.
        chosen = Team.objects.filter(pk=int(wanted)).first() if wanted.isdigit() else None
        if chosen is not None and chosen not in teams:
            teams = [*teams, chosen]
    if not teams:
        raise PermissionDenied("You do not manage a team.")
    team = teams[0]
    if wanted is not None:
        team = next((t for t in teams if str(t.pk) == wanted), None)
        if team is None:
            raise PermissionDenied("You may see only the teams you manage.")
    today = timezone.localdate()
    summary = work_summary(as_of=today, team=team)
    context = {
        **_page(request, clocks_for_team(team=team, as_of=today), summary["open"]),
        "summary": summary,
        "team": team,
        "teams": teams,
        "as_of": today,
    }
    return render(request, "compliance/team_work.html", context)


def all_teams_work(request):
    """Show senior managers one row per team: open clocks, overdue, paused and unowned."""
    if not user_has_permission(request.user, Permission.VIEW_ALL_TEAMS_WORK):
        raise PermissionDenied
    today = timezone.localdate()
    by_team = work_summary_by_team(as_of=today)
    empty = {"open": 0, "overdue": 0, "paused": 0, "unowned": 0, "breaches": 0}
    team_url = reverse("compliance:team_work")
    rows = [
        {
            "team": team,
            "summary": by_team.get(team.pk, empty),
            "url": f"{team_url}?team={team.pk}",
        }
        for team in Team.objects.select_related("manager").order_by("name")
    ]
    context = {"rows": rows, "as_of": today}
    return render(request, "compliance/all_teams_work.html", context)


def explain(request, clock_id):
    """Show how a clock's due date was counted, for a user who may see the child."""
    clock = Clock.objects.select_related("owner", "team").filter(pk=clock_id).first()
    if clock is None:
        # Same refusal as a record the user may not see: it does not say the clock is missing.
        audit_access_denied(user=request.user, object_type="clock", object_id=str(clock_id))
        raise PermissionDenied("You do not have access to this record.")
    person = person_get_for_user(user=request.user, person_id=clock.person_id, purpose="clock")
    explanation = clock_explain(clock)
    return render(
        request,
        "compliance/explain.html",
        {"clock": clock, "person": person, "explanation": explanation},
    )
