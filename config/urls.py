from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("safeguard.accounts.urls")),
    path("", include("safeguard.people.urls")),
    path("", include("safeguard.core.urls")),
    path("", include("safeguard.compliance.urls")),
    path("", include("safeguard.casework.urls")),
    path("", include("safeguard.assessments.urls")),
    path("", include("safeguard.front_door.urls")),
    path("", include("safeguard.partners.urls")),
    path("", include("safeguard.missing.urls")),
    path("", include("safeguard.exploitation.urls")),
    path("", include("safeguard.education.urls")),
    path("", include("safeguard.workforce.urls")),
    path("", include("safeguard.child_protection.urls")),
    path("", include("safeguard.looked_after.urls")),
    path("", include("safeguard.performance.urls")),
    path("", include("safeguard.returns.urls")),
]

handler403 = "safeguard.core.views.permission_denied"
handler404 = "safeguard.core.views.page_not_found"
handler500 = "safeguard.core.views.server_error"
