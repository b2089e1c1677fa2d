from django.urls import path

from safeguard.front_door import views

app_name = "front_door"
urlpatterns = [
    path("front-door/", views.home, name="home"),
    path("front-door/contacts/new/", views.contact_create, name="contact_create"),
    path("front-door/match/", views.match_candidates, name="match_candidates"),
    path("front-door/contacts/<str:contact_id>/", views.contact_detail, name="contact_detail"),
    path(
        "front-door/contacts/<str:contact_id>/people/",
        views.contact_add_person,
        name="contact_add_person",
    ),
    path(
        "front-door/contacts/<str:contact_id>/decision/",
        views.decision_create,
        name="decision_create",
    ),
    path(
        "front-door/contacts/<str:contact_id>/authorise/",
        views.decision_authorise,
        name="decision_authorise",
    ),
    path(
        "front-door/contacts/<str:contact_id>/referral/",
        views.referral_create,
        name="referral_create",
    ),
    path("front-door/unallocated/", views.unallocated, name="unallocated"),
    path("front-door/allocate/<int:episode_id>/", views.allocate_episode, name="allocate"),
    path("front-door/consistency/", views.consistency_report, name="consistency"),
]
