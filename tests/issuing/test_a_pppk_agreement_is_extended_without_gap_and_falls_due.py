"""A PPPK's perjanjian kerja ends on a day the record holds; the due list names them from the day after,
and the extension decree continues it without a gap or overlap, for one to five years, ending before the
retirement age (PP 49/2018 Pasal 37). Issuing moves the end on the record; revoking moves it back. A PPPK
is not on the pension due list: the employment ends with the agreement. The first agreement's end comes
onto the record by a data update with the scanned Perjanjian Kerja."""
import datetime as dt

import pytest
from django.utils import timezone

from archive.services.demo import DEMO_PEGAWAI_NIP
from people.models import Employee
from people.services.employees import employee_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def sari(demo):
    unit = Employee.objects.get(nip=DEMO_PEGAWAI_NIP).unit  # the demo fasilitator's unit
    sari = employee_create(nip="198002102019032001", nama="Sari Wulandari", unit=unit, golongan="IX",
                           jabatan="Guru Ahli Pertama", status_kepegawaian="PPPK")
    ends = timezone.localdate() + dt.timedelta(days=40)
    Employee.objects.filter(pk=sari.pk).update(akhir_perjanjian_kerja=ends)
    sari.refresh_from_db()
    return sari


def _errors(issue, sari, tmt, until):
    answer = issue(template="perpanjangan_pppk", nip=sari.nip, fields={"tmt": tmt.isoformat(),
                                                                       "sampai": until.isoformat()})
    assert answer.status_code == 400, answer.json()
    return answer.json()["errors"]


def test_the_extension_continues_the_agreement_for_one_to_five_years(issue, sari, users, api_client_for):
    start = sari.akhir_perjanjian_kerja + dt.timedelta(days=1)
    assert f"mulai hari berikutnya, {start.isoformat()}" in _errors(
        issue, sari, start + dt.timedelta(days=3), start.replace(year=start.year + 2))["tmt"]
    assert "paling singkat satu tahun" in _errors(issue, sari, start, start + dt.timedelta(days=200))["sampai"]
    assert "paling lama lima tahun" in _errors(issue, sari, start, start.replace(year=start.year + 6))["sampai"]
    until = start.replace(year=start.year + 5) - dt.timedelta(days=1)
    answer = issue(template="perpanjangan_pppk", nip=sari.nip, fields={"tmt": start.isoformat(),
                                                                       "sampai": until.isoformat()})
    assert answer.status_code == 201, answer.json()
    sari.refresh_from_db()
    assert sari.akhir_perjanjian_kerja == until
    record = api_client_for(users["admin"]).get(f"/api/v1/employees/{sari.nip}/").json()
    assert record["akhir_perjanjian_kerja"] == until.isoformat()
    revoked = api_client_for(users["admin"]).post(f"/api/v1/issued-documents/{answer.json()['id']}/revoke/",
                                                  {"reason": "Salah tanggal"}, format="json")
    assert revoked.status_code == 200
    sari.refresh_from_db()
    assert sari.akhir_perjanjian_kerja == start - dt.timedelta(days=1)


def test_the_extension_ends_before_the_retirement_age(issue, sari):
    older = employee_create(nip="197202102019032001", nama="Rina Lestari", unit=sari.unit, golongan="IX",
                            jabatan="Guru Ahli Pertama", status_kepegawaian="PPPK")  # BUP 58: 1 March 2030
    start = timezone.localdate() + dt.timedelta(days=10)
    assert "paling lambat sampai 2030-02-28" in _errors(issue, older, start, dt.date(2030, 6, 30))["sampai"]


def test_the_due_list_names_the_pppk_from_the_day_after_and_not_for_pension(sari, users, api_client_for):
    admin = api_client_for(users["admin"])
    items = admin.get("/api/v1/due/", {"kind": "perpanjangan_pppk", "within_days": 60}).json()["results"]
    [item] = [i for i in items if i["employee"]["nip"] == sari.nip]
    assert item["due_on"] == (sari.akhir_perjanjian_kerja + dt.timedelta(days=1)).isoformat()
    assert item["service"] == "perpanjangan_pppk"
    assert f"perjanjian kerja berakhir {sari.akhir_perjanjian_kerja.isoformat()}" in item["detail"]
    rina = employee_create(nip="197202102019032001", nama="Rina Lestari", unit=sari.unit, golongan="IX",
                           jabatan="Guru Ahli Pertama", status_kepegawaian="PPPK")  # BUP 58: 1 March 2030
    pension = admin.get("/api/v1/due/", {"kind": "pensiun", "within_days": 3650}).json()["results"]
    assert rina.nip not in {i["employee"]["nip"] for i in pension}


def test_the_employee_page_shows_until_when_the_agreement_runs(sari, users):
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(users["admin"])
    page = client.get(reverse("staff-employee", args=[sari.nip])).content.decode()
    assert "Perjanjian kerja berlaku sampai" in page


def test_the_first_agreement_end_comes_by_a_data_update_with_its_scan(sari, users, letter, api_client_for,
                                                                      django_capture_on_commit_callbacks):
    import io

    Employee.objects.filter(pk=sari.pk).update(akhir_perjanjian_kerja=None)
    scan = io.BytesIO(letter(sari, "PERJANJIAN KERJA PEGAWAI PEMERINTAH DENGAN PERJANJIAN KERJA"))
    scan.name = "perjanjian.pdf"
    admin = api_client_for(users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        proposed = admin.post("/api/v1/data-updates/", {"employee": sari.nip, "field": "akhir_perjanjian_kerja",
                                                        "value": "2029-02-28", "file": scan}, format="multipart")
    assert proposed.status_code == 201, proposed.json()
    assert admin.get(f"/api/v1/documents/{proposed.json()['document']}/").json()["document_type"]["code"] == \
        "perjanjian_kerja"
    approved = api_client_for(users["fasilitator"]).post(f"/api/v1/data-updates/{proposed.json()['id']}/approve/")
    assert approved.status_code == 200, approved.json()
    sari.refresh_from_db()
    assert sari.akhir_perjanjian_kerja.isoformat() == "2029-02-28"
