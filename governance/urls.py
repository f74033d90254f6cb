"""Governance pages (issue 25)."""
from django.urls import path

from governance import views

urlpatterns = [
    path("tata-kelola/", views.desk_page, name="governance-desk"),
    path("tata-kelola/referensi/", views.reference_page, name="governance-reference"),
    path("persetujuan-data/", views.consent_page, name="consents"),
    path("bantuan/", views.help_page, name="help"),
]
