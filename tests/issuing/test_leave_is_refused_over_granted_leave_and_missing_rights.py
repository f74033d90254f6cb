"""A leave permit is refused before it is numbered when it overlaps leave already granted, falls in a
spell the employee is not at work (tugas belajar), is maternity leave for a man, annual leave before a
year of service or in a year of Cuti Besar, or a second Cuti Besar within five years (PP 11/2017). Each
refusal names what would pass."""
import datetime as dt

import pytest
from django.utils import timezone

from archive.services.demo import DEMO_PEGAWAI_NIP
from people.models import Employee
from people.services.employees import employee_create
from tests.support.refusals import refused_taking_nothing

pytestmark = pytest.mark.django_db


@pytest.fixture
def dewi(demo):
    return Employee.objects.get(nip=DEMO_PEGAWAI_NIP)  # female PNS, CPNS since January 2010


def _leave(issue, kind, start, end, nip=DEMO_PEGAWAI_NIP):
    return issue(template="izin_cuti", nip=nip, fields={"jenis_cuti": kind, "tanggal_mulai": start.isoformat(),
                                                        "tanggal_selesai": end.isoformat()})


def _refused(issue, kind, start, end, field, nip=DEMO_PEGAWAI_NIP):
    body = refused_taking_nothing(lambda: _leave(issue, kind, start, end, nip))
    assert field in body["errors"], body
    return body["errors"][field]


def _nip(appointed: dt.date, sex: int) -> str:
    return f"19980210{appointed:%Y%m}{sex}001"


def test_leave_overlapping_leave_already_granted_is_refused(issue, dewi):
    year = timezone.localdate().year
    monday = dt.date(year, 3, 2) + dt.timedelta(days=-dt.date(year, 3, 2).weekday() % 7)  # two weeks, no holiday
    assert _leave(issue, "Cuti Tahunan", monday, monday + dt.timedelta(days=11)).status_code == 201
    why = _refused(issue, "Cuti Sakit", monday + dt.timedelta(days=8), monday + dt.timedelta(days=18), "tanggal_mulai")
    assert f"Cuti Tahunan, 10 hari, {monday} s.d. {monday + dt.timedelta(days=11)}" in why
    after = _leave(issue, "Cuti Sakit", monday + dt.timedelta(days=12), monday + dt.timedelta(days=18))
    assert after.status_code == 201


def test_leave_while_on_a_study_assignment_is_refused(issue, dewi):
    start = timezone.localdate() + dt.timedelta(days=30)
    assert issue(template="sk_tugas_belajar", fields={
        "jenjang": "S2", "program_studi": "Keperawatan", "institusi": "Universitas Airlangga",
        "tanggal_mulai": start.isoformat(), "tanggal_selesai": (start + dt.timedelta(days=700)).isoformat(),
    }).status_code == 201
    why = _refused(issue, "Cuti Sakit", start + dt.timedelta(days=40), start + dt.timedelta(days=45), "tanggal_mulai")
    assert "status pegawai Tugas belajar" in why


def test_maternity_leave_is_for_women_and_annual_leave_waits_a_year(issue, dewi):
    appointed = (timezone.localdate().replace(day=1) - dt.timedelta(days=150)).replace(day=1)
    rizky = employee_create(nip=_nip(appointed, 1), nama="Rizky Pratama", unit=dewi.unit, golongan="III/a",
                            jabatan="Perawat Ahli Pertama", status_kepegawaian="CPNS")
    soon = timezone.localdate() + dt.timedelta(days=14)
    why = _refused(issue, "Cuti Melahirkan", soon, soon + dt.timedelta(days=89), "jenis_cuti", nip=rizky.nip)
    assert "Cuti Karena Alasan Penting" in why
    why = _refused(issue, "Cuti Tahunan", soon, soon, "tanggal_mulai", nip=rizky.nip)
    assert f"mulai {appointed.replace(year=appointed.year + 1).isoformat()}" in why
    assert _leave(issue, "Cuti Melahirkan", soon, soon + dt.timedelta(days=89)).status_code == 201  # Dewi


def test_cuti_besar_takes_the_years_annual_leave_and_comes_again_after_five_years(issue, dewi):
    year = timezone.localdate().year + 1
    assert _leave(issue, "Cuti Besar", dt.date(year, 2, 2), dt.date(year, 4, 30)).status_code == 201
    why = _refused(issue, "Cuti Tahunan", dt.date(year, 8, 3), dt.date(year, 8, 4), "jenis_cuti")
    assert f"{year}-02-02" in why
    why = _refused(issue, "Cuti Besar", dt.date(year + 3, 2, 1), dt.date(year + 3, 3, 1), "tanggal_mulai")
    assert f"paling cepat {year + 5}-02-02" in why
    monday = dt.date(year + 1, 8, 3) + dt.timedelta(days=-dt.date(year + 1, 8, 3).weekday() % 7)  # working days
    assert _leave(issue, "Cuti Tahunan", monday, monday + dt.timedelta(days=1)).status_code == 201

