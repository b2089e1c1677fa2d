from django.urls import path

from safeguard.workforce import views

app_name = "workforce"
urlpatterns = [
    path("workforce/", views.overview, name="overview"),
    path("workforce/teams/<int:team_id>/", views.team_capacity, name="team_capacity"),
    path("workforce/workers/<int:user_id>/", views.worker, name="worker"),
    path(
        "workforce/workers/<int:user_id>/supervision/new/",
        views.supervision_create,
        name="supervision_create",
    ),
    path(
        "workforce/workers/<int:user_id>/appraisals/new/",
        views.appraisal_create,
        name="appraisal_create",
    ),
    path("workforce/oversight/", views.oversight, name="oversight"),
    path("workforce/audits/", views.audits, name="audits"),
    path(
        "workforce/audits/new/<str:person_id>/<int:tool_id>/",
        views.audit_create,
        name="audit_create",
    ),
    path("workforce/audits/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("workforce/audits/<int:pk>/moderate/", views.audit_moderate, name="audit_moderate"),
    path(
        "workforce/audit-actions/<int:pk>/done/",
        views.audit_action_complete,
        name="audit_action_complete",
    ),
    path("workforce/appraisals/", views.appraisals, name="appraisals"),
    path("workforce/settings/", views.policy_edit, name="policy"),
]
