from django.urls import path

from safeguard.compliance import views

app_name = "compliance"

urlpatterns = [
    path("work/", views.my_work, name="my_work"),
    path("work/team/", views.team_work, name="team_work"),
    path("work/teams/", views.all_teams_work, name="all_teams_work"),
    path("clocks/<int:clock_id>/", views.explain, name="explain"),
]
