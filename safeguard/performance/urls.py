from django.urls import path

from safeguard.performance import views

app_name = "performance"

urlpatterns = [
    path("performance/", views.dashboard, name="dashboard"),
    path("performance/measures/<str:code>/", views.drilldown, name="drilldown"),
    path("performance/measures/<str:code>/trend/", views.trend, name="trend"),
    path("performance/self-evaluation/", views.self_evaluation, name="self_evaluation"),
    path(
        "performance/self-evaluation/<int:statement_id>/withdraw/",
        views.statement_archive,
        name="statement_archive",
    ),
    path("performance/data-quality/", views.data_quality, name="data_quality"),
    path(
        "performance/data-quality/<str:code>/", views.data_quality_check, name="data_quality_check"
    ),
]
