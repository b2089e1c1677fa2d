from django.urls import path

from safeguard.people import views

app_name = "people"
urlpatterns = [
    path("people/", views.search, name="search"),
    path("people/new/", views.create, name="create"),
    path("people/<str:person_id>/", views.record, name="record"),
    path("people/<str:person_id>/edit/", views.edit, name="edit"),
]
