from django.urls import path

from safeguard.missing import views

app_name = "missing"
urlpatterns = [
    path("people/<str:person_id>/missing/new/", views.episode_create, name="episode_create"),
    path("missing/<int:pk>/", views.episode, name="episode"),
    path("missing/<int:pk>/return/", views.episode_return, name="episode_return"),
    path("missing/<int:pk>/interview/", views.interview, name="interview"),
    path("missing/flags/<int:pk>/", views.flag_consider, name="flag_consider"),
    path("off-the-radar/", views.off_the_radar, name="off_the_radar"),
]
