from django.urls import path

from safeguard.education import views

app_name = "education"
urlpatterns = [
    path("education/missing/", views.register, name="cme_register"),
    path("people/<str:person_id>/missing-education/new/", views.cme_create, name="cme_create"),
    path("education/missing/<int:pk>/", views.cme_entry, name="cme_entry"),
    path("education/missing/<int:pk>/enquiry/", views.cme_enquiry, name="cme_enquiry"),
    path("education/missing/<int:pk>/escalate/", views.cme_escalate, name="cme_escalate"),
    path("education/missing/<int:pk>/close/", views.cme_close, name="cme_close"),
    path(
        "people/<str:person_id>/ehc-needs-assessment/new/", views.ehcna_create, name="ehcna_create"
    ),
    path("education/ehc/<int:pk>/", views.ehcna, name="ehcna"),
    path("education/ehc/<int:pk>/decision/", views.ehcna_decide, name="ehcna_decide"),
    path("education/ehc/<int:pk>/outcome/", views.ehcna_conclude, name="ehcna_conclude"),
]
