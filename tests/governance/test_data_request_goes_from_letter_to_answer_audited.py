"""Pasal 20-21: an outside party's signed letter (service type, data, purpose) is registered with its scan,
decided with a reason and answered through a scoped token or an export, each step linked and audited under
the request; a request past its due date unanswered is listed as overdue."""
import datetime as dt
import hashlib

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from archive.models import AuditEvent
from governance.models import DataRequest
from reports.models import AgencyToken

pytestmark = [pytest.mark.services, pytest.mark.django_db]


def _letter(admin, letter_pdf, **changes):
    body = {"letter": letter_pdf(), "number": "800/1234/BPJS/2026", "letter_date": "2026-11-20",
            "requester": "Kepala Cabang BPJS Kesehatan Surabaya", "requester_agency": "BPJS Kesehatan",
            "service_type": "api", "data_asked": "Nama, NIP, unit kerja pegawai Dinas Kesehatan",
            "purpose": "Pemutakhiran kepesertaan JKN", "legal_basis": "Perpres 82/2018", **changes}
    return admin.post("/api/v1/governance/data-requests/", body, format="multipart")


@pytest.fixture
def letter_pdf(letter, users):
    import io

    from people.models import Employee

    content = letter(Employee.objects.first(), title="SURAT PERMOHONAN DATA")

    def make():
        stream = io.BytesIO(content)
        stream.name = "surat.pdf"
        return stream

    make.sha256 = hashlib.sha256(content).hexdigest()
    return make


def test_a_request_goes_from_letter_to_answer_with_every_step_audited(s3_settings, users, api_client_for,
                                                                     letter_pdf):
    admin = api_client_for(users["admin"])
    assert _letter(api_client_for(users["fasilitator"]), letter_pdf).status_code == 403
    assert _letter(admin, letter_pdf, purpose="").status_code == 400  # Pasal 20(3): the purpose is named

    registered = _letter(admin, letter_pdf)
    assert registered.status_code == 201, registered.content
    request_id = registered.json()["id"]
    assert registered.json()["status"] == "received" and registered.json()["letter_sha256"] == letter_pdf.sha256
    scan = admin.get(f"/api/v1/governance/data-requests/{request_id}/letter/")
    assert hashlib.sha256(scan.content).hexdigest() == letter_pdf.sha256

    # an answer before a decision is refused; a decision needs its reason
    early = admin.post(f"/api/v1/governance/data-requests/{request_id}/answer-token/", {
        "name": "x", "scopes": ["employees:read:DINKES"], "recipient": "BPJS-KES", "purpose": "kepesertaan",
        "agreement_reference": "PKS 1", "expires_at": "2999-01-01T00:00:00Z"}, format="json")
    assert early.status_code == 409
    assert admin.post(f"/api/v1/governance/data-requests/{request_id}/decide/", {"approve": True, "reason": ""},
                      format="json").status_code == 400
    decided = admin.post(f"/api/v1/governance/data-requests/{request_id}/decide/", {
        "approve": True, "reason": "Sesuai SOP permintaan data; ada PKS"}, format="json")
    assert decided.status_code == 200 and decided.json()["status"] == "approved"

    answered = admin.post(f"/api/v1/governance/data-requests/{request_id}/answer-token/", {
        "name": "Aplikasi BPJS Kesehatan", "scopes": ["employees:read:DINKES"], "recipient": "BPJS-KES",
        "purpose": "kepesertaan", "agreement_reference": "PKS 027/BPJS/2026",
        "expires_at": (timezone.now() + dt.timedelta(days=90)).isoformat()}, format="json")
    assert answered.status_code == 201, answered.content
    body = answered.json()
    assert body["status"] == "answered" and body["answer_token"]["scopes"] == ["employees:read:DINKES"]
    token = AgencyToken.objects.get(pk=body["answer_token"]["id"])
    assert token.agreement.data_request_id == request_id
    assert token.agreement.legal_basis == "Perpres 82/2018"  # the letter's legal basis, named on the token
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {body['token']}")
    assert client.get("/api/v1/agency/employees/").status_code == 200

    steps = list(AuditEvent.objects.filter(target=f"data_request:{request_id}").order_by("id")
                 .values_list("action", "actor_id"))
    assert steps == [("data_request.register", users["admin"].pk), ("data_request.decide", users["admin"].pk),
                     ("data_request.answer", users["admin"].pk)]
    assert AuditEvent.objects.filter(action="agency_token.agreement", target=f"agency_token:{token.pk}",
                                     details__data_request=request_id).exists()


def test_a_refused_request_and_an_export_answer(s3_settings, users, api_client_for, letter_pdf):
    import io

    admin = api_client_for(users["admin"])
    refused_id = _letter(admin, letter_pdf).json()["id"]
    refused = admin.post(f"/api/v1/governance/data-requests/{refused_id}/decide/", {
        "approve": False, "reason": "Tidak ada dasar hukum untuk data perseorangan"}, format="json")
    assert refused.json()["status"] == "refused"

    export_id = _letter(admin, letter_pdf, service_type="export").json()["id"]
    admin.post(f"/api/v1/governance/data-requests/{export_id}/decide/", {"approve": True, "reason": "Data agregat"},
               format="json")
    export = io.BytesIO(b"unit,jumlah\nDINKES-YANKES,12\n")
    export.name = "jawaban.csv"
    answered = admin.post(f"/api/v1/governance/data-requests/{export_id}/answer-export/", {"export": export},
                          format="multipart")
    assert answered.status_code == 200 and answered.json()["answered_by_export"]
    assert [a for a, in AuditEvent.objects.filter(target=f"data_request:{export_id}").order_by("id")
            .values_list("action")] == ["data_request.register", "data_request.decide", "data_request.answer"]


def test_overdue_requests_are_listed(s3_settings, users, api_client_for, letter_pdf):
    admin = api_client_for(users["admin"])
    late_id = _letter(admin, letter_pdf).json()["id"]
    _letter(admin, letter_pdf)  # received today: not yet due
    DataRequest.objects.filter(pk=late_id).update(due_date=timezone.localdate() - dt.timedelta(days=1))
    overdue = admin.get("/api/v1/governance/data-requests/", {"overdue": "1"}).json()
    assert [row["id"] for row in overdue] == [late_id] and overdue[0]["overdue"] is True
