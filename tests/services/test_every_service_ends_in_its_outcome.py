"""Every service in the catalogue, end to end through the API: the employee's documents verified,
the request submitted, forwarded at the agency step, approved by BKD; the output (a decree, or a
surat usul and then the outside body's reply) verifies `current`, and the employee's record shows
the change with its history."""
import base64
import datetime as dt
import io

import pytest
from django.utils import timezone

from people.models import Employee, StatusPeriod
from people.selectors_status import employee_status_on
from desk.catalogue import DECIDED_BY, SERVICES
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.status import status_period_record
from tests.services.conftest import photo_jpeg

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()  # the product's today (WIB), not the machine's UTC date
# a working week of this year: Monday 4 May or the Monday after (no holiday in it)
MAY_WEEK = dt.date(TODAY.year, 5, 4) + dt.timedelta(days=-dt.date(TODAY.year, 5, 4).weekday() % 7)


def _history(record: dict, kind: str) -> list[dict]:
    return [h for h in record["history"] if h["kind"] == kind and h["revoked_at"] is None]


def _status_from(dewi: Employee, status: str) -> list[str]:
    return [p.effective_from.isoformat() for p in StatusPeriod.objects.filter(employee=dewi, status=status,
                                                                               revoked_at__isnull=True)]


def _to_cpns(dewi):
    status_period_record(employee=dewi, status="cpns", effective_from=dt.date(2025, 1, 1), reason="uji")


def _to_pppk(dewi):
    status_period_record(employee=dewi, status="pppk", effective_from=dt.date(2025, 1, 1), reason="uji")
    Employee.objects.filter(pk=dewi.pk).update(akhir_perjanjian_kerja=dt.date(2026, 12, 31))


IN_HOUSE = {
    # service: (fields, prepare the record, what the record must show afterwards)
    "kenaikan_pangkat": ({"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"}, None,
                         lambda record, dewi, number: record["golongan"] == "III/d"
                         and [h["reference_number"] for h in _history(record, "pangkat")] == [number]),
    "gaji_berkala": ({"gaji_baru": 4500000, "tmt": "2026-04-01"}, None,
                     lambda record, dewi, number: _history(record, "gaji_berkala")[0]["details"]["next_due"]
                     == "2028-04-01"),
    "mutasi_pegawai": ({"unit_baru": "BKD-MUT", "jabatan_baru": "Analis Kepegawaian Ahli Muda", "tmt": "2026-07-01"},
                       None, lambda record, dewi, number: record["unit"] == "BKD-MUT"
                       and record["jabatan"] == "Analis Kepegawaian Ahli Muda"
                       and "Bidang Mutasi dan Promosi" in _history(record, "jabatan")[0]["title"]),
    "pindah_jabatan_pelaksana": ({"jabatan_baru": "Pengadministrasi Umum", "tmt": "2026-07-01"}, None,
                                 lambda record, dewi, number: record["jabatan"] == "Pengadministrasi Umum"
                                 and record["unit"] == "DINKES-YANKES"),
    "pengangkatan_pns": ({"tmt": "2026-01-01"}, _to_cpns,
                         lambda record, dewi, number: employee_status_on(dewi, TODAY) == "pns"
                         and "2026-01-01" in _status_from(dewi, "pns")),
    "pensiun": ({"jenis_pensiun": "Tidak Cakap Jasmani/Rohani", "tmt": "2026-11-01"}, None,
                lambda record, dewi, number: employee_status_on(dewi, TODAY) == "pensiun"
                and employee_status_on(dewi, dt.date(2026, 10, 31)) == "pns"),
    "hukuman_disiplin": ({"jenis_hukuman": "Teguran Tertulis", "tmt": "2026-06-01",
                          "pelanggaran": "Tidak masuk kerja lima hari tanpa keterangan"}, None,
                         lambda record, dewi, number: _history(record, "disiplin")[0]["title"] == "Teguran Tertulis"),
    "izin_perceraian": ({"nama_pasangan": "Budi Santoso", "alasan": "Tidak ada harapan hidup rukun"}, None,
                        lambda record, dewi, number: "Budi Santoso" in _history(record, "keluarga")[0]["title"]),
    "cuti": ({"jenis_cuti": "Cuti Tahunan", "tanggal_mulai": MAY_WEEK.isoformat(),
              "tanggal_selesai": (MAY_WEEK + dt.timedelta(days=4)).isoformat()}, None,
             lambda record, dewi, number: record["annual_leave_left"] == 7
             and _history(record, "cuti")[0]["details"]["days"] == 5),
    "izin_belajar": ({"jenjang": "S2", "program_studi": "Keperawatan", "institusi": "Universitas Airlangga"}, None,
                     lambda record, dewi, number: "izin belajar" in _history(record, "pendidikan")[0]["title"]),
    "tugas_belajar": ({"jenjang": "S2", "program_studi": "Keperawatan", "institusi": "Universitas Airlangga",
                       "tanggal_mulai": "2026-09-01", "tanggal_selesai": "2028-08-31"}, None,
                      lambda record, dewi, number: employee_status_on(dewi, TODAY) == "tugas_belajar"
                      and employee_status_on(dewi, dt.date(2028, 9, 1)) == "pns"),
    "karis_karsu": ({"jenis_kartu": "KARTU SUAMI", "nama_pasangan": "Budi Santoso", "tempat_lahir_pasangan": "Malang",
                     "tanggal_lahir_pasangan": "1983-02-01", "tanggal_perkawinan": "2012-06-10",
                     "foto_pasangan": base64.b64encode(photo_jpeg()).decode()}, None,
                    lambda record, dewi, number: record["nomor_karis_karsu"] == number),
    "kartu_pegawai": ({}, None, lambda record, dewi, number: record["nomor_karpeg"] == number),
    "perpanjangan_pppk": ({"tmt": "2027-01-01", "sampai": "2031-12-31"}, _to_pppk,
                          lambda record, dewi, number: record["akhir_perjanjian_kerja"] == "2031-12-31"),
}
REPLY_KIND = {"satya_lencana": "penghargaan", "ujian_dinas": "ujian", "ujian_penyetaraan_ijazah": "ujian",
              "ujian_kenaikan_pangkat_pembina": "ujian", "dupak": "angka_kredit", "taspen": "layanan",
              "kartu_kesehatan": "layanan", "santunan_korpri": "layanan"}


def test_the_cases_cover_the_whole_catalogue():
    assert set(IN_HOUSE) | set(REPLY_KIND) == set(SERVICES) and set(REPLY_KIND) == set(DECIDED_BY)


def _verifies_current(client, anonymous, issued_id: int) -> dict:
    pdf = io.BytesIO(client.get(f"/api/v1/issued-documents/{issued_id}/content/").content)
    pdf.name = "dokumen.pdf"
    return anonymous.post("/api/v1/verify/", {"file": pdf}, format="multipart").json()


@pytest.mark.parametrize("service", sorted(IN_HOUSE))
def test_bkd_decree_is_signed_and_the_record_follows(service, users, forwarded_request, api_client_for,
                                                     signing_settings, django_capture_on_commit_callbacks):
    fields, prepare, shows = IN_HOUSE[service]
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    if prepare:
        prepare(dewi)
    request_id = forwarded_request(service)
    admin, pegawai = api_client_for(users["admin"]), api_client_for(users["pegawai"])
    with django_capture_on_commit_callbacks(execute=True):
        approved = admin.post(f"/api/v1/service-requests/{request_id}/approve/", {"fields": fields}, format="json")
    assert approved.status_code == 200, approved.json()
    body = approved.json()
    assert body["status"] == "approved" and body["record_change"]["summary"]
    check = _verifies_current(admin, api_client_for(None), body["issued_document"]["id"])
    assert check["status"] == "current" and check["authentic"] is True
    record = admin.get(f"/api/v1/employees/{dewi.nip}/").json()
    dewi.refresh_from_db()
    assert shows(record, dewi, body["issued_document"]["number"]), (record, body["record_change"])


@pytest.mark.parametrize("service", sorted(REPLY_KIND))
def test_outside_body_gets_a_signed_proposal_and_its_reply_completes_the_request(
        service, users, forwarded_request, api_client_for, letter, signing_settings,
        django_capture_on_commit_callbacks):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    request_id = forwarded_request(service)
    admin = api_client_for(users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        sent = admin.post(f"/api/v1/service-requests/{request_id}/approve/", {}, format="json")
    assert sent.status_code == 200, sent.json()
    assert sent.json()["status"] == "sent"
    proposal = sent.json()["issued_document"]
    assert proposal["title"] == "Surat Usul"
    assert _verifies_current(admin, api_client_for(None), proposal["id"])["status"] == "current"

    reply = {"file": io.BytesIO(letter(dewi, "SURAT BALASAN")), "number": "B-1234/BKN/2026",
             "date": "2026-11-20", "result": "lulus" if REPLY_KIND[service] == "ujian" else ""}
    reply["file"].name = "balasan.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        completed = admin.post(f"/api/v1/service-requests/{request_id}/reply/", reply, format="multipart")
    assert completed.status_code == 200, completed.json()
    body = completed.json()
    assert body["status"] == "completed" and body["reply"]["number"] == "B-1234/BKN/2026"
    assert admin.get(f"/api/v1/documents/{body['reply']['document']}/").json()["document_type"]["code"] == \
        "surat_balasan"
    record = admin.get(f"/api/v1/employees/{dewi.nip}/").json()
    assert [h["reference_number"] for h in _history(record, REPLY_KIND[service])] == ["B-1234/BKN/2026"]
    # A reply comes once: the request is complete.
    again = admin.post(f"/api/v1/service-requests/{request_id}/reply/",
                       {**reply, "file": io.BytesIO(letter(dewi, "LAGI"))}, format="multipart")
    assert again.status_code == 409
