from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render


def home(request):
    """Send a signed-in user to the page their work starts from."""
    from safeguard.access.permissions import Permission, user_has_permission

    if user_has_permission(request.user, Permission.USE_PARTNER_PORTAL):
        # A partner agency has no caseload: their work is the concerns they send.
        return redirect("partners:home")
    return redirect("compliance:my_work")


@login_not_required
def healthz(request):
    """Answer a load balancer's health check."""
    return HttpResponse("ok", content_type="text/plain")


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
