"""Approval: a service with an output template issues it with the fields the administrator
gives (bad fields answer 400 naming them, nothing changes); the Karpeg takes the employee's
Pas Foto when no photo is sent; a service without output simply completes."""
import io

import pytest
from PIL import Image

from archive.models import Employee, IssuedDocument, ServiceRequest
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), (180, 200, 230)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def submitted(users, upload, letter, api_client_for):
    """submitted(service, {document_type: bytes}) -> request id, documents uploaded and verified (a confidential
    one, e.g. the BAP of a discipline case, by an administrator: a fasilitator never sees it, issue 17)."""
    from archive.models import DocumentType

    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    pegawai, fasilitator = api_client_for(users["pegawai"]), api_client_for(users["fasilitator"])
    admin = api_client_for(users["admin"])

    def make(service: str, documents: dict) -> int:
        request_id = pegawai.post("/api/v1/service-requests/", {"service": service, "employee": dewi.nip},
                                  format="json").json()["id"]
        for code, content in documents.items():
            response = upload(users["pegawai"], content or letter(dewi, code.upper()), nip=dewi.nip,
                              document_type=code, filename="foto.jpg" if code == "pas_foto" else "scan.pdf")
            assert response.status_code == 201, response.json()
            verifier = admin if DocumentType.objects.get(code=code).confidential else fasilitator
            assert verifier.post(f"/api/v1/documents/{response.json()['id']}/verification/",
                                 {"decision": "verified"}, format="json").status_code == 201
        answer = pegawai.post(f"/api/v1/service-requests/{request_id}/submit/")
        assert answer.status_code == 200, answer.json()
        return request_id

    return make


def test_bad_fields_refused_then_izin_cuti_issued(users, submitted, api_client_for, signing_settings):
    admin = api_client_for(users["admin"])
    request_id = submitted("cuti", {"surat_permohonan": None})
    url = f"/api/v1/service-requests/{request_id}/approve/"
    bad = admin.post(url, {"fields": {"jenis_cuti": "Cuti Liburan", "tanggal_mulai": "2026-05-04"}}, format="json")
    assert bad.status_code == 400
    assert {"jenis_cuti", "tanggal_selesai"} <= set(bad.json()["errors"])
    assert ServiceRequest.objects.get(pk=request_id).status == "submitted" and not IssuedDocument.objects.exists()
    good = admin.post(url, {"fields": {"jenis_cuti": "Cuti Tahunan", "tanggal_mulai": "2026-05-04",
                                       "tanggal_selesai": "2026-05-08"}}, format="json")
    assert good.status_code == 200, good.json()
    assert IssuedDocument.objects.get(pk=good.json()["issued_document"]["id"]).template == "izin_cuti"


def test_kartu_pegawai_takes_the_pas_foto(users, submitted, api_client_for, signing_settings):
    request_id = submitted("kartu_pegawai", {"sk_cpns": None, "sk_pns": None, "spmt": None, "pas_foto": _photo()})
    approved = api_client_for(users["admin"]).post(f"/api/v1/service-requests/{request_id}/approve/", {},
                                                   format="json")
    assert approved.status_code == 200, approved.json()
    issued = IssuedDocument.objects.get(pk=approved.json()["issued_document"]["id"])
    assert issued.template == "kartu_pegawai" and issued.fields["foto"].endswith("bytes>")


def test_service_without_output_just_completes(users, submitted, api_client_for):
    request_id = submitted("hukuman_disiplin", {"berita_acara_pemeriksaan": None})
    approved = api_client_for(users["admin"]).post(f"/api/v1/service-requests/{request_id}/approve/", {},
                                                   format="json")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved" and approved.json()["issued_document"] is None
    assert approved.json()["checklist"][0]["state"] == "verified"


def test_document_found_not_authentic_after_submission_blocks_approval(users, submitted, api_client_for):
    request_id = submitted("hukuman_disiplin", {"berita_acara_pemeriksaan": None})
    admin, fasilitator = api_client_for(users["admin"]), api_client_for(users["fasilitator"])
    document_id = admin.get(f"/api/v1/service-requests/{request_id}/").json()["checklist"][0]["document"]
    assert fasilitator.post(f"/api/v1/documents/{document_id}/verification/", {"decision": "verified"},
                            format="json").status_code == 404  # a confidential BAP: not the fasilitator's to see
    assert admin.post(f"/api/v1/documents/{document_id}/verification/",
                            {"decision": "not_authentic", "note": "Tanda tangan pemeriksa dipalsukan"},
                            format="json").status_code == 201
    refused = admin.post(f"/api/v1/service-requests/{request_id}/approve/", {}, format="json")
    assert refused.status_code == 400 and refused.json()["missing"] == ["berita_acara_pemeriksaan"]
    assert ServiceRequest.objects.get(pk=request_id).status == "submitted"
    returned = admin.post(f"/api/v1/service-requests/{request_id}/return/",
                          {"reason": "Berita acara pemeriksaan tidak autentik"}, format="json")
    assert returned.json()["status"] == "returned"
