"""Berkas Saya, the staff employee page and the staff document page show the employee's status in
force today, since when, and the dated history (a later-dated period marked as not yet in force, a
revoked one struck through); in Indonesian, or in English when chosen. Out of scope: 404."""
import datetime as dt
import io

import pytest
from django.utils import timezone

from people.models import Employee, StatusPeriod
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.status import status_period_record, status_period_revoke
from tests.security.conftest import tiny_png

pytestmark = pytest.mark.django_db


@pytest.fixture
def dewi(users):
    today = timezone.localdate()
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    status_period_record(employee=employee, status="tugas_belajar", effective_from=dt.date(2025, 9, 1),
                         actor=users["admin"], reason="SK tugas belajar S2")
    wrong = status_period_record(employee=employee, status="diberhentikan_sementara", effective_from=today,
                                 actor=users["admin"], reason="Salah catat")
    status_period_revoke(period=StatusPeriod.objects.get(pk=wrong.pk))
    status_period_record(employee=employee, status="pensiun", effective_from=today + dt.timedelta(days=60),
                         actor=users["admin"], reason="Batas usia pensiun")
    return employee


def _status_section(html: str) -> str:
    start = html.index('class="card status-history"')
    return html[start:html.index("</section>", start)]


def test_employee_sees_their_status_and_history_on_berkas_saya(client, users, dewi):
    client.force_login(users["pegawai"])
    section = _status_section(client.get("/").content.decode())
    assert "Status kepegawaian" in section and "Tugas belajar" in section and "sejak 1 September 2025" in section
    assert 'data-state="current"' in section and "Berlaku" in section
    assert 'data-period-status="pensiun" data-state="upcoming"' in section and "Batas usia pensiun" in section
    assert 'data-state="revoked"' in section and "<del>Diberhentikan sementara</del>" in section
    assert 'data-period-status="pns" data-state="past"' in section  # the first period, from the NIP's TMT

    client.post("/bahasa/", {"language": "en", "next": "/"})
    english = _status_section(client.get("/").content.decode())
    assert "Employment status" in english and "Study assignment" in english and "since 1 September 2025" in english


def test_staff_see_it_on_the_employee_and_document_pages(client, users, dewi):
    from documents.services.upload import document_upload

    client.force_login(users["fasilitator"])
    page = client.get(f"/pegawai/{DEMO_PEGAWAI_NIP}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert dewi.nama in html and "Penata, III/c" in html and 'data-status="tugas_belajar"' in html
    assert "Riwayat status" in _status_section(html) and "SK tugas belajar S2" in html

    scan = document_upload(uploader=users["fasilitator"], employee_nip=DEMO_PEGAWAI_NIP, document_type_code="ktp",
                           stream=io.BytesIO(tiny_png(7)), filename="ktp.png")
    html = client.get(f"/dokumen/{scan.document.pk}/").content.decode()
    assert 'data-employee-status="tugas_belajar"' in html and "Riwayat status" in html
    assert f'href="/pegawai/{DEMO_PEGAWAI_NIP}/"' in html

    other = Employee.objects.exclude(unit__code__in=["DINKES-YANKES", "DINKES-SEK"]).first()
    assert client.get(f"/pegawai/{other.nip}/").status_code == 404  # outside the fasilitator's units
    client.force_login(users["pegawai"])
    assert client.get(f"/pegawai/{DEMO_PEGAWAI_NIP}/").status_code == 403  # a staff page
