from django.urls import path

from safeguard.assessments import views

app_name = "assessments"
urlpatterns = [
    path("assessments/awaiting/", views.awaiting, name="awaiting"),
    path("episodes/<str:episode_id>/assessments/new/", views.start, name="start"),
    path("assessments/<str:pk>/", views.detail, name="detail"),
    path("assessments/<str:pk>/edit/", views.edit, name="edit"),
    path("assessments/<str:pk>/submit/", views.submit, name="submit"),
    path("assessments/<str:pk>/review/", views.review, name="review"),
]
