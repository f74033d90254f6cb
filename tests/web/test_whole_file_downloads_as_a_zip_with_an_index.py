"""One employee's whole file downloads as a ZIP: every document's newest version byte for byte, with
an index in Indonesian (`;`-separated) naming each file, its state and SHA-256; the employee gets
their own, a fasilitator of another unit gets 404; the download is audited."""
import csv
import hashlib
import io
import zipfile

import pytest

from archive.models import AuditEvent
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_zip_with_index(client, users, upload, letter, make_user):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    scan = letter(dewi, "KARTU TANDA PENDUDUK")
    upload(users["pegawai"], scan, nip=dewi.nip, document_type="ktp")
    client.force_login(users["pegawai"])
    answer = client.get(f"/pegawai/{dewi.nip}/berkas.zip")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    index = list(csv.reader(io.StringIO(archive.read("00-daftar-isi.csv").decode("utf-8-sig")), delimiter=";"))
    assert index[0][:4] == ["No.", "Jenis dokumen", "Wajib", "Keadaan"]
    ktp = next(row for row in index[1:] if row[7].startswith("dokumen/") and "ktp" in row[7])
    assert archive.read(ktp[7]) == scan and ktp[8] == hashlib.sha256(scan).hexdigest()
    assert "WIB" in ktp[5]
    assert any(row[3] == "tidak ada" for row in index[1:])  # a missing core document is listed as missing
    assert AuditEvent.objects.filter(action="employee.file_download", target=f"employee:{dewi.nip}").exists()

    client.force_login(make_user("fas-kominfo", "fasilitator", units=["KOMINFO-APT"]))
    assert client.get(f"/pegawai/{dewi.nip}/berkas.zip").status_code == 404
