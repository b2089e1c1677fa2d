from django.urls import path

from safeguard.looked_after import views

app_name = "looked_after"
urlpatterns = [
    path("looked-after/", views.overview, name="overview"),
    path("looked-after/iro/", views.iro, name="iro"),
    path("people/<str:person_id>/looked-after/", views.child, name="child"),
    path("people/<str:person_id>/looked-after/start/", views.episode_start, name="episode_start"),
    path(
        "people/<str:person_id>/looked-after/change/", views.episode_change, name="episode_change"
    ),
    path("people/<str:person_id>/looked-after/cease/", views.episode_cease, name="episode_cease"),
    path(
        "people/<str:person_id>/looked-after/reviews/new/",
        views.review_create,
        name="review_create",
    ),
    path(
        "people/<str:person_id>/looked-after/health/new/",
        views.health_create,
        name="health_create",
    ),
    path("people/<str:person_id>/looked-after/pep/new/", views.pep_create, name="pep_create"),
    path("people/<str:person_id>/looked-after/iro/", views.iro_assign, name="iro_assign"),
    path("people/<str:person_id>/care-leaver/", views.care_leaver_edit, name="care_leaver"),
    path(
        "people/<str:person_id>/care-leaver/pathway-plans/new/",
        views.pathway_plan_create,
        name="pathway_plan_create",
    ),
    path(
        "people/<str:person_id>/care-leaver/birthdays/new/",
        views.birthday_create,
        name="birthday_create",
    ),
]
