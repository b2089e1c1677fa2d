from django.conf import settings


def service(request):
    """Add the service and authority names to every page."""
    return {"service_name": settings.SERVICE_NAME, "authority_name": settings.AUTHORITY_NAME}


def permissions(request):
    """Add the signed-in user's permissions, for showing only the links they may follow."""
    from safeguard.access.permissions import ROLE_PERMISSIONS

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"perms_nav": {}}
    return {"perms_nav": {p.value: True for p in ROLE_PERMISSIONS.get(user.role, ())}}
