"""The governance pages, in Indonesian on the site's base template: the administrator approves a statistics
release on the desk; the employee gives and withdraws a consent on their own page; the help page shows the
guide of the caller's role and takes a question."""
import datetime as dt

import pytest
from django.utils import timezone

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from governance.models import Consent, Question, StatisticsRelease

pytestmark = pytest.mark.django_db


def test_administrator_prepares_and_approves_a_release_on_the_desk(users, client):
    client.force_login(users["admin"])
    page = client.get("/tata-kelola/")
    assert page.status_code == 200 and "Rilis statistik" in page.content.decode()
    assert client.post("/tata-kelola/", {"action": "release_prepare"}).status_code == 302
    release = StatisticsRelease.objects.get()
    assert release.status == "pending"
    client.post("/tata-kelola/", {"action": "release_approve", "pk": release.pk, "note": "layak"})
    release.refresh_from_db()
    assert release.status == "approved" and release.approved_by == users["admin"]
    assert client.get("/tata-kelola/referensi/").status_code == 200


def test_employee_gives_and_withdraws_consent_on_their_page(users, client, api_client_for):
    api_client_for(users["admin"]).post("/api/v1/agency-tokens/", {
        "name": "Aplikasi BPJS Kesehatan", "scopes": ["employees:read:DINKES"], "recipient": "BPJS-KES",
        "purpose": "kepesertaan", "agreement_reference": "PKS 027/BPJS/2026",
        "expires_at": (timezone.now() + dt.timedelta(days=30)).isoformat()}, format="json")
    client.force_login(users["pegawai"])
    page = client.get("/persetujuan-data/").content.decode()
    assert "Persetujuan data saya" in page and "PKS 027/BPJS/2026" in page
    assert client.post("/persetujuan-data/", {"choice": "BPJS-KES|kepesertaan"}).status_code == 302
    consent = Consent.objects.get(employee__nip=DEMO_PEGAWAI_NIP)
    client.post("/persetujuan-data/", {"action": "withdraw", "pk": consent.pk})
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    client.force_login(users["fasilitator"])
    assert client.get("/persetujuan-data/").status_code == 403


def test_help_shows_the_guide_of_the_role_and_takes_a_question(users, client):
    client.force_login(users["pegawai"])
    page = client.get("/bantuan/").content.decode()
    assert "Panduan untuk pegawai" in page and "Panduan untuk administrator" not in page
    assert client.post("/bantuan/", {"text": "Bagaimana mengunggah ijazah?"}).status_code == 302
    question = Question.objects.get()
    assert question.employee == Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    client.force_login(users["fasilitator"])
    assert "Panduan untuk fasilitator" in client.get("/bantuan/").content.decode()
    client.post("/bantuan/", {"pk": question.pk, "answer": "Pilih jenis dokumen Ijazah."})
    question.refresh_from_db()
    assert question.answer == "Pilih jenis dokumen Ijazah."
