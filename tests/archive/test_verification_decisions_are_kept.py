"""A fasilitator's decision records who, when and why; a change is a new decision, never an edit."""
import pytest

from documents.models import VerificationDecision
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_decisions_accumulate(users, upload, corpus, api_client_for, make_user):
    content = (corpus / "scans-dev" / "scan_000.jpg").read_bytes()
    document_id = upload(users["pegawai"], content, nip=DEMO_PEGAWAI_NIP, document_type="ktp").json()["id"]
    url = f"/api/v1/documents/{document_id}/verification/"
    fasilitator = api_client_for(users["fasilitator"])

    assert api_client_for(users["pegawai"]).post(url, {"decision": "verified"}, format="json").status_code == 403
    outsider = make_user("fas-bkd", "fasilitator", units=["BKD-MUT"])
    assert api_client_for(outsider).post(url, {"decision": "verified"}, format="json").status_code == 404
    missing_reason = fasilitator.post(url, {"decision": "rejected"}, format="json")
    assert missing_reason.status_code == 400 and "alasan" in missing_reason.json()["detail"]

    assert fasilitator.post(url, {"decision": "rejected", "note": "Halaman 2 tidak ada"}, format="json").status_code == 201
    assert fasilitator.post(url, {"decision": "verified", "note": "Sudah dicek dengan asli"}, format="json").status_code == 201
    detail = fasilitator.get(f"/api/v1/documents/{document_id}/").json()
    assert detail["status"] == "verified"
    assert detail["verification"]["decision"] == "verified" and detail["verification"]["decided_by"] == "fasilitator"
    assert list(VerificationDecision.objects.order_by("id").values_list("decision", "note")) == [
        ("rejected", "Halaman 2 tidak ada"), ("verified", "Sudah dicek dengan asli")]
