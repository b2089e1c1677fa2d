from django.urls import path

from safeguard.returns import views

app_name = "returns"

urlpatterns = [
    path("returns/", views.returns_home, name="home"),
    path("returns/download/", views.returns_download, name="download"),
]
