from django.urls import path

from safeguard.casework import views

app_name = "casework"
urlpatterns = [
    path("drafts/save/", views.draft_save, name="draft_save"),
    path("visits/", views.visits, name="visits"),
    path("people/<str:person_id>/visits/new/", views.visit_create, name="visit_create"),
    path("visits/<str:pk>/", views.visit_detail, name="visit_detail"),
    path("people/<str:person_id>/notes/new/", views.note_create, name="note_create"),
    path("notes/<str:pk>/", views.note_detail, name="note_detail"),
    path("people/<str:person_id>/oversight/new/", views.oversight_create, name="oversight_create"),
    path("oversight/<str:pk>/", views.oversight_detail, name="oversight_detail"),
    path("people/<str:person_id>/chronology/", views.chronology, name="chronology"),
    path(
        "people/<str:person_id>/chronology/new/",
        views.manual_entry_create,
        name="manual_entry_create",
    ),
    path("people/<str:person_id>/plans/new/", views.plan_create, name="plan_create"),
    path("plans/<str:pk>/", views.plan_view, name="plan_detail"),
    path("plans/<str:pk>/actions/new/", views.plan_action_create, name="plan_action_create"),
    path("plan-actions/<str:pk>/", views.plan_action_update, name="plan_action_update"),
    path("plans/<str:pk>/reviews/new/", views.plan_review_create, name="plan_review_create"),
    path("plans/<str:pk>/end/", views.plan_end, name="plan_end"),
    path("people/<str:person_id>/early-help/new/", views.early_help_open, name="early_help_open"),
    path("episodes/<str:pk>/step-up/", views.step_up, name="step_up"),
    path("episodes/<str:pk>/step-down/", views.step_down, name="step_down"),
    path("episodes/<str:pk>/close/", views.closure_request, name="closure_request"),
    path("closures/overrides/", views.closure_override_report, name="closure_overrides"),
    path("closures/<str:pk>/", views.closure_detail, name="closure_detail"),
]
