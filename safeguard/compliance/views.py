from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.access.selectors import person_get_for_user
from safeguard.audit.services import audit_access_denied
from safeguard.compliance.explain import clock_explain
from safeguard.compliance.models import Clock
from safeguard.compliance.selectors import (
    breaches_for_team_count,
    clocks_for_owner,
    clocks_for_team,
    restricted_hidden_from,
    teams_for_manager,
)

# A work list longer than this is a problem in itself; the page says how many are not shown.
ROW_LIMIT = 1000


def _rows(user, clocks) -> tuple[list, int]:
    rows = list(clocks[: ROW_LIMIT + 1])
    hidden = restricted_hidden_from(user, {c.person_id for c in rows})
    for clock in rows:
        clock.person_hidden = clock.person_id in hidden
    return rows[:ROW_LIMIT], max(0, len(rows) - ROW_LIMIT)


def my_work(request):
    """List the signed-in worker's open clocks, overdue first, then by due date."""
    today = timezone.localdate()
    rows, more = _rows(request.user, clocks_for_owner(user=request.user, as_of=today))
    team_breaches = None
    if user_has_permission(request.user, Permission.VIEW_TEAM_WORK):
        team_breaches = [
            (team, breaches_for_team_count(team=team, as_of=today))
            for team in teams_for_manager(request.user)
        ]
    context = {
        "clocks": rows,
        "more": more,
        "overdue": sum(1 for c in rows if c.status == "overdue"),
        "as_of": today,
        "team_breaches": team_breaches,
    }
    return render(request, "compliance/my_work.html", context)


def team_work(request):
    """List every open clock the manager's team holds or owns, with what has broken."""
    if not user_has_permission(request.user, Permission.VIEW_TEAM_WORK):
        raise PermissionDenied
    teams = teams_for_manager(request.user)
    if not teams:
        raise PermissionDenied("You do not manage a team.")
    team = teams[0]
    wanted = request.GET.get("team")
    if wanted is not None:
        team = next((t for t in teams if str(t.pk) == wanted), None)
        if team is None:
            raise PermissionDenied("You may see only the teams you manage.")
    today = timezone.localdate()
    rows, more = _rows(request.user, clocks_for_team(team=team, as_of=today))
    context = {
        "team": team,
        "teams": teams,
        "clocks": rows,
        "more": more,
        "breaches": sum(1 for c in rows if c.is_breach),
        "unowned": sum(1 for c in rows if c.owner_id is None),
        "as_of": today,
    }
    return render(request, "compliance/team_work.html", context)


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
