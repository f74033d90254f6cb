"""Domain rules refuse a wrong decree before a number is taken or anything is signed, with a
reason the administrator can act on (400, in Indonesian by default): a "kenaikan" that lowers the
rank, a TMT before the last one, KGB within two years, PNS before a year as CPNS, leave over the
balance, pensiun before the BUP, and a decree for someone whose status forbids it."""
import datetime as dt

import pytest
from django.utils import timezone

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.status import status_period_record
from people.services.employees import employee_create
from tests.support.refusals import refused_taking_nothing

pytestmark = pytest.mark.django_db


@pytest.fixture
def dewi(demo):
    return Employee.objects.get(nip=DEMO_PEGAWAI_NIP)


def _refused(issue, template, fields, field, nip=DEMO_PEGAWAI_NIP):
    body = refused_taking_nothing(lambda: issue(template=template, fields=fields, nip=nip))
    assert field in body["errors"], body
    return body


def test_a_promotion_that_lowers_the_rank_is_refused(issue, dewi):
    Employee.objects.filter(pk=dewi.pk).update(golongan="IV/b")
    body = _refused(issue, "sk_kenaikan_pangkat", {"pangkat_baru": "Pengatur Tingkat I, II/d", "tmt": "2026-04-01"},
                    "pangkat_baru")
    assert "tidak lebih tinggi dari pangkat sekarang Pembina Tingkat I, IV/b" in body["detail"]
    _refused(issue, "sk_kenaikan_pangkat", {"pangkat_baru": "Pembina Tingkat I, IV/b", "tmt": "2026-04-01"},
             "pangkat_baru")


def test_a_tmt_before_the_last_rank_is_refused(issue, dewi):
    assert issue().status_code == 201  # III/d from 2026-04-01
    body = _refused(issue, "sk_kenaikan_pangkat", {"pangkat_baru": "Pembina, IV/a", "tmt": "2026-03-01"}, "tmt")
    assert "2026-04-01" in body["errors"]["tmt"]


def test_kgb_within_two_years_is_refused(issue, dewi):
    assert issue(template="kgb", fields={"gaji_baru": 4123400, "tmt": "2025-04-01"}).status_code == 201
    body = _refused(issue, "kgb", {"gaji_baru": 4300000, "tmt": "2026-04-01"}, "tmt")
    assert "2027-04-01" in body["errors"]["tmt"]
    _refused(issue, "kgb", {"gaji_baru": 4000000, "tmt": "2027-04-01"}, "gaji_baru")  # and the salary must rise
    assert issue(template="kgb", fields={"gaji_baru": 4300000, "tmt": "2027-04-01"}).status_code == 201


def test_pns_before_a_year_as_cpns_is_refused(issue, dewi):
    body = _refused(issue, "sk_pns", {"tmt": "2026-01-01"}, "employee")  # she is PNS already
    assert "PNS" in body["errors"]["employee"]
    recruit = employee_create(nip="199802102025061001", nama="Rizky Pratama", unit=dewi.unit, golongan="III/a",
                              jabatan="Perawat Ahli Pertama", status_kepegawaian="CPNS")  # CPNS from June 2025
    body = _refused(issue, "sk_pns", {"tmt": "2026-03-01"}, "tmt", nip=recruit.nip)
    assert "2026-06-01" in body["errors"]["tmt"]
    assert issue(template="sk_pns", fields={"tmt": "2026-06-01"}, nip=recruit.nip).status_code == 201
    recruit.refresh_from_db()
    assert recruit.status == "pns" and recruit.status_kepegawaian == "PNS"


def test_leave_over_the_balance_is_refused(issue, dewi):
    year = timezone.localdate().year
    march = dt.date(year, 3, 2) + dt.timedelta(days=-dt.date(year, 3, 2).weekday() % 7)
    assert issue(template="izin_cuti", fields={"jenis_cuti": "Cuti Tahunan", "tanggal_mulai": march.isoformat(),
                                               "tanggal_selesai": (march + dt.timedelta(days=11)).isoformat()}
                 ).status_code == 201  # two weeks: 10 working days
    monday = dt.date(year, 6, 8) + dt.timedelta(days=-dt.date(year, 6, 8).weekday() % 7)  # no holiday that week
    body = _refused(issue, "izin_cuti", {"jenis_cuti": "Cuti Tahunan", "tanggal_mulai": monday.isoformat(),
                                         "tanggal_selesai": (monday + dt.timedelta(days=2)).isoformat()},
                    "tanggal_selesai")
    assert "3 hari kerja diminta, sisa cuti tahunan tahun ini 2" in body["errors"]["tanggal_selesai"]


def test_pension_before_the_retirement_age_is_refused_unless_the_kind_allows_it(issue, dewi):
    # Born March 1985, Perawat Ahli Muda: BUP 58, so from 1 April 2043.
    body = _refused(issue, "sk_pensiun", {"jenis_pensiun": "Batas Usia Pensiun", "tmt": "2030-01-01"}, "tmt")
    assert "2043-04-01" in body["errors"]["tmt"]
    _refused(issue, "sk_pensiun", {"jenis_pensiun": "Atas Permintaan Sendiri", "tmt": "2027-01-01"}, "jenis_pensiun")
    assert issue(template="sk_pensiun", fields={"jenis_pensiun": "Tidak Cakap Jasmani/Rohani",
                                                "tmt": "2026-11-01"}).status_code == 201


def test_a_retired_employee_gets_no_pension_or_promotion_again(issue, dewi):
    status_period_record(employee=dewi, status="pensiun", effective_from=dt.date(2026, 1, 1))
    body = _refused(issue, "sk_pensiun", {"jenis_pensiun": "Tidak Cakap Jasmani/Rohani", "tmt": "2026-11-01"},
                    "employee")
    assert "Pensiun" in body["errors"]["employee"]
    _refused(issue, "sk_kenaikan_pangkat", {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"},
             "employee")


def test_a_request_the_status_forbids_is_refused_when_made(dewi, users, api_client_for):
    status_period_record(employee=dewi, status="pensiun", effective_from=dt.date(2026, 1, 1))
    fasilitator = api_client_for(users["fasilitator"])  # her own login is read-only once retired
    refused = fasilitator.post("/api/v1/service-requests/", {"service": "pensiun", "employee": dewi.nip}, format="json")
    assert refused.status_code == 400
    assert refused.json()["detail"] == "Pensiun tidak dapat diterbitkan untuk pegawai berstatus Pensiun."
    # ... while what a retiree may still ask for (Taspen, through a surat usul) is taken.
    assert fasilitator.post("/api/v1/service-requests/", {"service": "taspen", "employee": dewi.nip},
                        format="json").status_code == 201
