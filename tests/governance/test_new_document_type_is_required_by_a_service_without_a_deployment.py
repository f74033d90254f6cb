"""Document types are reference data: an administrator adds one over the API (with its confidential flag), a
service requires it at once (PATCH /api/v1/services/<code>/), and an employee's request lists it in its
checklist — no code change, no deployment."""
import pytest

from archive.models import AuditEvent
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_a_new_document_type_is_required_by_a_service(users, api_client_for):
    admin = api_client_for(users["admin"])
    assert api_client_for(users["fasilitator"]).post("/api/v1/governance/document-types/", {
        "code": "surat_bebas_narkoba", "name": "Surat Keterangan Bebas Narkoba"}, format="json").status_code == 403
    made = admin.post("/api/v1/governance/document-types/", {
        "code": "surat_bebas_narkoba", "name": "Surat Keterangan Bebas Narkoba", "supports": "identitas"},
        format="json")
    assert made.status_code == 201, made.content
    assert admin.post("/api/v1/governance/document-types/", {"code": "surat_bebas_narkoba", "name": "x"},
                      format="json").status_code == 409
    # in the catalogue every login reads, at once
    assert "surat_bebas_narkoba" in {t["code"] for t in api_client_for(users["pegawai"]).get(
        "/api/v1/document-types/").json()}

    service = admin.get("/api/v1/services/kenaikan_pangkat/").json()
    requirements = [{"document_type": r["document_type"], "must_be_verified": r["must_be_verified"]}
                    for r in service["required_document_types"]]
    changed = admin.patch("/api/v1/services/kenaikan_pangkat/", {
        "requirements": requirements + [{"document_type": "surat_bebas_narkoba", "must_be_verified": True}]},
        format="json")
    assert changed.status_code == 200, changed.content

    request = api_client_for(users["pegawai"]).post("/api/v1/service-requests/", {
        "service": "kenaikan_pangkat", "employee": DEMO_PEGAWAI_NIP}, format="json")
    assert request.status_code == 201, request.content
    line = next(item for item in request.json()["checklist"] if item["document_type"] == "surat_bebas_narkoba")
    assert line["state"] == "missing" and not line["ready"]

    flagged = admin.patch("/api/v1/governance/document-types/surat_bebas_narkoba/", {"confidential": True},
                          format="json")
    assert flagged.status_code == 200 and flagged.json()["confidential"] is True
    event = AuditEvent.objects.filter(action="document_type.update").get()
    assert event.details["before"]["confidential"] is False and event.details["after"]["confidential"] is True


def test_formation_counts_filled_and_vacant_from_current_jabatan(users, api_client_for):
    from people.models import Employee

    admin = api_client_for(users["admin"])
    assert admin.post("/api/v1/governance/positions/", {"code": "perawat-ahli", "name": "Perawat Ahli Pertama",
                                                        "kind": "fungsional"}, format="json").status_code == 201
    nips = list(Employee.objects.filter(unit__code="DINKES-YANKES").values_list("nip", flat=True)[:2])
    Employee.objects.filter(nip__in=nips).update(jabatan="perawat  ahli pertama")
    rows = admin.post("/api/v1/governance/formations/", {"unit": "DINKES-YANKES", "position": "perawat-ahli",
                                                         "needed": 5}, format="json").json()
    assert [(r["position"], r["needed"], r["filled"], r["vacant"]) for r in rows] == [("perawat-ahli", 5, 2, 3)]
