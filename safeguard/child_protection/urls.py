from django.urls import path

from safeguard.child_protection import views

app_name = "child_protection"
urlpatterns = [
    path("child-protection/manager/", views.manager_view, name="manager"),
    path("child-protection/alerts/<str:pk>/read/", views.alert_read, name="alert_read"),
    path(
        "people/<str:person_id>/child-protection/concern/",
        views.escalation_create,
        name="escalation_create",
    ),
    path("child-protection/escalations/<str:pk>/", views.escalation_detail, name="escalation"),
    path(
        "child-protection/escalations/<str:pk>/not-started/",
        views.escalation_not_started,
        name="escalation_not_started",
    ),
    path(
        "people/<str:person_id>/strategy-discussions/new/",
        views.strategy_discussion_create,
        name="strategy_discussion_create",
    ),
    path(
        "strategy-discussions/<str:pk>/",
        views.strategy_discussion_detail,
        name="strategy_discussion",
    ),
    path(
        "strategy-discussions/<str:pk>/section-47/new/",
        views.section_47_create,
        name="section_47_create",
    ),
    path("section-47-enquiries/<str:pk>/", views.section_47_detail, name="section_47"),
    path(
        "section-47-enquiries/<str:pk>/outcome/",
        views.section_47_conclude,
        name="section_47_conclude",
    ),
    path(
        "section-47-enquiries/<str:pk>/initial-conference/new/",
        views.initial_conference_create,
        name="initial_conference_create",
    ),
    path("conferences/<str:pk>/", views.conference_detail, name="conference"),
    path("child-protection-plans/<str:pk>/", views.plan_detail, name="plan"),
    path(
        "child-protection-plans/<str:pk>/actions/new/",
        views.plan_action_create,
        name="plan_action_create",
    ),
    path(
        "child-protection-plans/<str:pk>/actions/<str:action_id>/",
        views.plan_action_update,
        name="plan_action_update",
    ),
    path("child-protection-plans/<str:pk>/risks/", views.plan_risks, name="plan_risks"),
    path(
        "child-protection-plans/<str:pk>/core-groups/new/",
        views.core_group_create,
        name="core_group_create",
    ),
    path(
        "child-protection-plans/<str:pk>/reviews/new/",
        views.review_conference_create,
        name="review_conference_create",
    ),
    path("child-protection-plans/<str:pk>/visits/new/", views.visit_create, name="visit_create"),
    path("child-protection-plans/<str:pk>/end/", views.plan_end, name="plan_end"),
]
