"""The service catalogue holds every service the regulations name, each with its required
documents; administrators switch services off and edit requirements, and each change is audited."""
import pytest

from archive.models import AuditEvent
from desk.catalogue import SERVICES

pytestmark = pytest.mark.django_db

REGULATION_SERVICES = {
    "karis_karsu", "taspen", "satya_lencana", "kartu_kesehatan", "ujian_dinas", "ujian_penyetaraan_ijazah",
    "kenaikan_pangkat", "mutasi_pegawai", "kartu_pegawai", "gaji_berkala", "pensiun", "pengangkatan_pns",
    "izin_belajar", "ujian_kenaikan_pangkat_pembina", "izin_perceraian", "hukuman_disiplin", "dupak",
    "pindah_jabatan_pelaksana", "cuti", "tugas_belajar", "santunan_korpri", "perpanjangan_pppk"}


def test_every_regulation_service_is_listed_with_its_documents(users, api_client_for):
    listed = api_client_for(users["pegawai"]).get("/api/v1/services/").json()
    services = {s["code"]: s for s in listed["results"]}
    assert set(services) == REGULATION_SERVICES == set(SERVICES)
    assert all(s["active"] and s["required_document_types"] for s in services.values())
    # Every service ends in a signed document: BKD's own decree, or a surat usul to the body that decides.
    outputs = {code: s["output_template"] for code, s in services.items()}
    assert outputs == {
        "kenaikan_pangkat": "sk_kenaikan_pangkat", "gaji_berkala": "kgb", "izin_belajar": "izin_belajar",
        "cuti": "izin_cuti", "kartu_pegawai": "kartu_pegawai", "karis_karsu": "karis_karsu",
        "mutasi_pegawai": "sk_mutasi", "pindah_jabatan_pelaksana": "sk_mutasi", "pengangkatan_pns": "sk_pns",
        "pensiun": "sk_pensiun", "hukuman_disiplin": "sk_hukuman_disiplin",
        "izin_perceraian": "surat_izin_perceraian", "tugas_belajar": "sk_tugas_belajar",
        "taspen": "surat_usul", "kartu_kesehatan": "surat_usul", "satya_lencana": "surat_usul",
        "santunan_korpri": "surat_usul", "ujian_dinas": "surat_usul", "ujian_penyetaraan_ijazah": "surat_usul",
        "ujian_kenaikan_pangkat_pembina": "surat_usul", "dupak": "surat_usul",
        "perpanjangan_pppk": "perpanjangan_pppk"}
    assert {code for code, s in services.items() if s["decided_by"]} == {
        code for code, template in outputs.items() if template == "surat_usul"}
    pas_foto = next(r for r in services["kartu_pegawai"]["required_document_types"] if r["document_type"] == "pas_foto")
    assert pas_foto["must_be_verified"] is False

    # ... and the document-type catalogue says which services require each type.
    types = {t["code"]: t for t in api_client_for(users["pegawai"]).get("/api/v1/document-types/").json()}
    assert "kenaikan_pangkat" in types["sk_jabatan"]["services"] and "kartu_pegawai" in types["pas_foto"]["services"]


def test_administrator_switches_off_and_edits_requirements_audited(users, api_client_for, demo):
    admin, pegawai = api_client_for(users["admin"]), api_client_for(users["pegawai"])
    from archive.services.demo import DEMO_PEGAWAI_NIP

    assert pegawai.patch("/api/v1/services/taspen/", {"active": False}, format="json").status_code == 403
    changed = admin.patch("/api/v1/services/taspen/", {
        "active": False, "requirements": [{"document_type": "sk_cpns"}, {"document_type": "ktp",
                                                                         "must_be_verified": False}]}, format="json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["active"] is False
    assert [(r["document_type"], r["must_be_verified"]) for r in changed.json()["required_document_types"]] == [
        ("sk_cpns", True), ("ktp", False)]

    event = AuditEvent.objects.filter(action="service.update", target="service:taspen").get()
    assert event.actor == users["admin"]
    assert event.details["before"]["active"] is True and event.details["after"]["active"] is False
    assert event.details["after"]["requirements"] == [["sk_cpns", True], ["ktp", False]]

    # A switched-off service is gone from the employee's catalogue and takes no requests.
    assert "taspen" not in {s["code"] for s in pegawai.get("/api/v1/services/").json()["results"]}
    refused = pegawai.post("/api/v1/service-requests/", {"service": "taspen", "employee": DEMO_PEGAWAI_NIP},
                           format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "service_inactive"

    unknown = admin.patch("/api/v1/services/taspen/", {"requirements": [{"document_type": "surat_sakti"}]},
                          format="json")
    assert unknown.status_code == 400 and "surat_sakti" in unknown.json()["detail"]
