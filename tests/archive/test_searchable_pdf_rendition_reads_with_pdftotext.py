"""A scan's searchable PDF rendition: `?rendition=pdf` answers a PDF whose text layer pdftotext reads
(the employee's NIP and name), made once and kept; without `rendition` the original comes as uploaded."""
import io
import subprocess

import pytest
from PIL import Image, ImageDraw, ImageFont

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def _scan(dewi) -> bytes:
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 34)
    for n, line in enumerate(["KARTU KELUARGA", f"Nama: {dewi.nama}", f"NIP: {dewi.nip}", "Kota Surabaya"]):
        draw.text((110, 140 + 64 * n), line, fill=0, font=font)
    out = io.BytesIO()
    page.save(out, "PNG", dpi=(150, 150))
    return out.getvalue()


def test_rendition_of_an_image_scan_is_searchable(users, upload, api_client_for, tmp_path):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    original = _scan(dewi)
    made = upload(users["pegawai"], original, nip=dewi.nip, document_type="kartu_keluarga", filename="kk.png")
    assert made.status_code == 201, made.json()
    client = api_client_for(users["pegawai"])
    url = f"/api/v1/documents/{made.json()['id']}/content/"
    assert client.get(url).getvalue() == original  # the record, as uploaded
    rendition = client.get(url, {"rendition": "pdf"})
    assert rendition.status_code == 200 and rendition["Content-Type"] == "application/pdf"
    pdf = rendition.getvalue()
    (tmp_path / "r.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert dewi.nip in text.replace(" ", "") and "Dewi" in text
    assert client.get(url, {"rendition": "pdf"}).getvalue() == pdf  # made once, kept
    assert client.get(url, {"rendition": "docx"}).status_code == 400
