"""What each role may do: the one place permissions are decided."""

from enum import StrEnum

from safeguard.accounts.choices import Role


class Permission(StrEnum):
    VIEW_ALL_CHILDREN = "view_all_children"
    VIEW_ASSOCIATED_CHILDREN = "view_associated_children"
    EDIT_CASE_RECORDS = "edit_case_records"
    AUTHORISE = "authorise"
    VIEW_AUDIT = "view_audit"
    SCREEN_CONTACTS = "screen_contacts"
    SUBMIT_CONTACTS = "submit_contacts"
    # An outside agency's pages: the concerns they sent and the decisions on them.
    USE_PARTNER_PORTAL = "use_partner_portal"
    ALLOCATE = "allocate"
    CHAIR_CONFERENCES = "chair_conferences"
    VIEW_TEAM_WORK = "view_team_work"
    # Every team's work list and the all-teams summary of clocks: senior managers.
    VIEW_ALL_TEAMS_WORK = "view_all_teams_work"
    VIEW_PERFORMANCE = "view_performance"
    RUN_RETURNS = "run_returns"
    VIEW_EXPLOITATION_LINKS = "view_exploitation_links"
    ADMINISTER = "administer"


_PRACTICE = {
    Permission.VIEW_ALL_CHILDREN,
    Permission.EDIT_CASE_RECORDS,
    Permission.SUBMIT_CONTACTS,
}
_MANAGEMENT = _PRACTICE | {
    Permission.AUTHORISE,
    Permission.VIEW_AUDIT,
    Permission.ALLOCATE,
    Permission.VIEW_TEAM_WORK,
    Permission.VIEW_PERFORMANCE,
    Permission.VIEW_EXPLOITATION_LINKS,
}

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.SOCIAL_WORKER: frozenset(_PRACTICE | {Permission.VIEW_EXPLOITATION_LINKS}),
    Role.EARLY_HELP_PRACTITIONER: frozenset(_PRACTICE),
    Role.TEAM_MANAGER: frozenset(_MANAGEMENT),
    Role.SENIOR_MANAGER: frozenset(
        _MANAGEMENT | {Permission.RUN_RETURNS, Permission.VIEW_ALL_TEAMS_WORK}
    ),
    Role.MASH_SCREENER: frozenset(_PRACTICE | {Permission.SCREEN_CONTACTS}),
    Role.CONFERENCE_CHAIR: frozenset(
        _PRACTICE | {Permission.CHAIR_CONFERENCES, Permission.VIEW_EXPLOITATION_LINKS}
    ),
    Role.PERFORMANCE_ANALYST: frozenset(
        {Permission.VIEW_ALL_CHILDREN, Permission.VIEW_PERFORMANCE, Permission.RUN_RETURNS}
    ),
    # Partners see only the children they are linked to, and submit contacts.
    Role.PARTNER: frozenset(
        {
            Permission.VIEW_ASSOCIATED_CHILDREN,
            Permission.SUBMIT_CONTACTS,
            Permission.USE_PARTNER_PORTAL,
        }
    ),
    Role.SYSTEM_ADMINISTRATOR: frozenset({Permission.ADMINISTER, Permission.VIEW_AUDIT}),
}


def user_has_permission(user, permission: Permission) -> bool:
    """Return True if the user's role grants the permission."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return permission in ROLE_PERMISSIONS.get(user.role, frozenset())
