from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from safeguard.access.permissions import Permission, user_has_permission
from safeguard.core.forms import add_service_errors
from safeguard.partners import selectors, services
from safeguard.partners.forms import PartnerContactForm


def _require_partner(request):
    if not user_has_permission(request.user, Permission.USE_PARTNER_PORTAL):
        raise PermissionDenied


def home(request):
    """List the partner's own submissions with where each has got to."""
    _require_partner(request)
    submissions = [
        (s, selectors.submission_feedback(s))
        for s in selectors.submissions_for_partner(partner=request.user)[:200]
    ]
    return render(request, "partners/home.html", {"submissions": submissions})


@require_http_methods(["GET", "POST"])
def submit(request):
    """Tell the front door about a concern for a child."""
    _require_partner(request)
    form = PartnerContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.partner_contact_submit(
                partner=request.user, child=form.child_fields(), **form.contact_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your concern has been sent to the front door")
            return redirect("partners:detail", submission_id=submission.pk)
    return render(request, "partners/submit.html", {"form": form})


def detail(request, submission_id):
    """Show what the partner sent and the decision on it."""
    _require_partner(request)
    submission = selectors.submission_get_for_partner(
        partner=request.user, submission_id=submission_id
    )
    return render(
        request,
        "partners/detail.html",
        {"submission": submission, "feedback": selectors.submission_feedback(submission)},
    )
