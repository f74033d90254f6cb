"""The side-by-side verification page: the scan's pages as images beside what was read from it and
the employee's record, marked match / mismatch; scoped like the document (another unit's
fasilitator gets 404, an employee may not verify)."""
import io

import pytest
from PIL import Image

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


@pytest.fixture
def wrong_nip_ktp(users, upload, letter):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    response = upload(users["pegawai"], letter(dewi, "KARTU TANDA PENDUDUK", nip="199001012015031001"),
                      nip=dewi.nip, document_type="ktp")
    assert response.status_code == 201
    return response.json()["id"]


def test_page_shows_pages_fields_record_and_marks(client, users, wrong_nip_ktp):
    client.force_login(users["fasilitator"])
    response = client.get(f"/verifikasi/{wrong_nip_ktp}/", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"/dokumen/{wrong_nip_ktp}/halaman/1/?versi=1" in page
    assert "199001012015031001" in page and DEMO_PEGAWAI_NIP in page  # read from the scan, and the record
    assert 'data-field="nip" data-check="mismatch"' in page and "tidak cocok" in page
    assert 'data-field="nama" data-check="match"' in page
    assert "KARTU TANDA PENDUDUK" in page  # the extracted text
    assert 'data-shortcut="v"' in page and "js/verify.js" in page


def test_page_image_is_a_jpeg_of_that_page_with_security_headers(client, users, wrong_nip_ktp):
    client.force_login(users["fasilitator"])
    response = client.get(f"/dokumen/{wrong_nip_ktp}/halaman/1/?versi=1")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff" and "private" in response["Cache-Control"]
    assert "default-src 'self'" in response["Content-Security-Policy"]
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "JPEG" and max(image.size) >= 1000  # sharp enough to zoom
    assert client.get(f"/dokumen/{wrong_nip_ktp}/halaman/2/").status_code == 404
    assert client.get(f"/dokumen/{wrong_nip_ktp}/halaman/1/?versi=7").status_code == 404


def test_another_units_fasilitator_gets_404_and_an_employee_403(client, users, make_user, wrong_nip_ktp):
    client.force_login(make_user("fas-kominfo", "fasilitator", units=["KOMINFO-APT"]))
    assert client.get(f"/verifikasi/{wrong_nip_ktp}/").status_code == 404
    assert client.get(f"/dokumen/{wrong_nip_ktp}/halaman/1/").status_code == 404
    assert client.post(f"/verifikasi/{wrong_nip_ktp}/", {"decision": "verified"}).status_code == 404
    client.force_login(users["pegawai"])
    assert client.get(f"/verifikasi/{wrong_nip_ktp}/").status_code == 403
    assert client.get(f"/dokumen/{wrong_nip_ktp}/halaman/1/").status_code == 200  # their own scan
