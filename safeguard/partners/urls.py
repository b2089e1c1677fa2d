from django.urls import path

from safeguard.partners import views

app_name = "partners"
urlpatterns = [
    path("partners/", views.home, name="home"),
    path("partners/submit/", views.submit, name="submit"),
    path("partners/submissions/<str:submission_id>/", views.detail, name="detail"),
]
