"""Every page needs a signed-in user unless the view says otherwise."""

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's login-required middleware; static files and health checks are public."""

    public_prefixes = ("/static/", "/healthz")

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(self.public_prefixes):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
