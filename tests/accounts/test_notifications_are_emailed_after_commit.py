"""Notifications by email (issue 8): an employee with an address on record gets an email, over real
SMTP, for a scan to redo, a document verified or rejected, a request approved or returned. The mail
leaves after commit through a Celery task; a mail server that answers "try later" is retried, and
one that is down never blocks or undoes the decision."""
from __future__ import annotations

import io

import pytest

from desk.models import Service, ServiceRequest
from notifications.models import Notification
from tests.security.conftest import tiny_png
from tests.support.smtp import free_port

pytestmark = pytest.mark.django_db

DEWI = "dewi.rahayu@example.go.id"


def _scan(users, letter, capture):
    """A KTP scan of Dewi's, processed (in process, after commit) and awaiting verification."""
    from documents.services.upload import document_upload

    employee = users["pegawai"].profile.employee
    with capture(execute=True):
        return document_upload(uploader=users["pegawai"], employee_nip=employee.nip, document_type_code="ktp",
                           stream=io.BytesIO(letter(employee, "KARTU TANDA PENDUDUK")), filename="ktp.pdf").document


def _decide(client, document, decision, note, capture):
    with capture(execute=True):
        return client.post(f"/api/v1/documents/{document.pk}/verification/", {"decision": decision, "note": note},
                           format="json")


def test_decisions_are_emailed_after_commit(users, letter, smtp_server, api_client_for,
                                            django_capture_on_commit_callbacks):
    document = _scan(users, letter, django_capture_on_commit_callbacks)
    fasilitator = api_client_for(users["fasilitator"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        answer = fasilitator.post(f"/api/v1/documents/{document.pk}/verification/",
                                  {"decision": "rejected", "note": "Halaman belakang tidak ada"}, format="json")
    assert answer.status_code == 201, answer.json()
    assert smtp_server.messages == []  # nothing leaves before the decision is committed
    for callback in callbacks:
        callback()
    [rejected] = smtp_server.to(DEWI)
    assert rejected.subject == "[Berkas ASN] Dokumen Anda ditolak"
    assert "Halaman belakang tidak ada" in rejected.body and f"http://testserver/dokumen/{document.pk}/" in rejected.body
    assert Notification.objects.get(kind="document.rejected").emailed_at is not None

    assert _decide(fasilitator, document, "verified", "", django_capture_on_commit_callbacks).status_code == 201
    assert [m.subject for m in smtp_server.to(DEWI)][-1] == "[Berkas ASN] Dokumen Anda terverifikasi"


def test_request_returned_and_approved_are_emailed(users, smtp_server, api_client_for, signing_settings,
                                                   django_capture_on_commit_callbacks):
    employee = users["pegawai"].profile.employee
    service = Service.objects.create(code="uji_surel", name="Layanan uji", output_template="teguran_tertulis",
                                     agency_review=False)  # no documents required, BKD decides at once
    request = ServiceRequest.objects.create(service=service, employee=employee, status="submitted",
                                            created_by=users["pegawai"])
    admin = api_client_for(users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        returned = admin.post(f"/api/v1/service-requests/{request.pk}/return/",
                              {"reason": "Lampirkan surat pengantar"}, format="json")
    assert returned.status_code == 200
    [mail] = smtp_server.to(DEWI)  # the employee is also the creator: one email, not two
    assert mail.subject == "[Berkas ASN] Permohonan layanan Anda dikembalikan"
    assert "Lampirkan surat pengantar" in mail.body and f"/layanan/permohonan/{request.pk}/" in mail.body

    ServiceRequest.objects.filter(pk=request.pk).update(status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(f"/api/v1/service-requests/{request.pk}/approve/", {"fields": {"alasan": "uji"}},
                          format="json").status_code == 200
    assert smtp_server.to(DEWI)[-1].subject == "[Berkas ASN] Permohonan layanan Anda disetujui"


def test_a_scan_to_redo_is_emailed(users, upload, smtp_server):
    employee = users["pegawai"].profile.employee
    answer = upload(users["pegawai"], tiny_png(7), nip=employee.nip, document_type="ktp", filename="ktp.png")
    assert answer.status_code == 201
    assert Notification.objects.filter(kind="document.needs_rescan", recipient=users["pegawai"]).exists()
    [mail] = smtp_server.to(DEWI)
    assert mail.subject == "[Berkas ASN] Mohon pindai ulang dokumen Anda" and "pindai ulang" in mail.body


def test_a_mail_server_saying_try_later_is_retried(users, letter, smtp_server, api_client_for,
                                                   django_capture_on_commit_callbacks):
    document = _scan(users, letter, django_capture_on_commit_callbacks)
    smtp_server.fail_next = 2  # "451 try again later", twice
    answer = _decide(api_client_for(users["fasilitator"]), document, "rejected", "Buram",
                     django_capture_on_commit_callbacks)
    assert answer.status_code == 201
    assert smtp_server.refusals == [DEWI, DEWI]
    assert len(smtp_server.to(DEWI)) == 1  # the third attempt got through, and only one copy


def test_a_mail_server_that_is_down_never_breaks_the_decision(users, letter, settings, api_client_for,
                                                               django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2  # nobody listens
    document = _scan(users, letter, django_capture_on_commit_callbacks)
    answer = _decide(api_client_for(users["fasilitator"]), document, "rejected", "Buram",
                     django_capture_on_commit_callbacks)
    assert answer.status_code == 201 and answer.json()["decision"] == "rejected"
    notification = Notification.objects.get(kind="document.rejected")
    assert notification.emailed_at is None  # kept in the product; the task gave up after its retries


def test_no_email_without_an_address_or_for_other_kinds(users, letter, smtp_server, api_client_for,
                                                         django_capture_on_commit_callbacks):
    employee = users["pegawai"].profile.employee
    employee.email = ""
    employee.save(update_fields=["email"])
    users["pegawai"].email = ""
    users["pegawai"].save(update_fields=["email"])
    document = _scan(users, letter, django_capture_on_commit_callbacks)
    assert _decide(api_client_for(users["fasilitator"]), document, "rejected", "Buram",
                   django_capture_on_commit_callbacks).status_code == 201
    assert Notification.objects.filter(kind="document.rejected").exists()
    assert smtp_server.messages == []
