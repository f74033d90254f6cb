"""Encrypted PDFs and PDFs carrying JavaScript, launch actions or embedded files are stored
(upload answers 201, the original is kept byte for byte) and flagged for the fasilitator."""
import io

import pytest

from documents.models import DocumentVersion
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db

PAGE = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>"


def build_pdf(catalog_extra: str = "", extra_objects: tuple[str, ...] = ()) -> bytes:
    """A one-page PDF with a correct cross-reference table; objects 4.. are `extra_objects`."""
    objects = [f"<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               PAGE, *extra_objects]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def with_javascript() -> bytes:
    return build_pdf("/OpenAction 4 0 R", ("<< /S /JavaScript /JS (app.alert\\('hai'\\)) >>",))


def with_embedded_file() -> bytes:
    data = "MZ not really a program"
    return build_pdf("/Names << /EmbeddedFiles 4 0 R >>", (
        "<< /Names [(lampiran.exe) 5 0 R] >>",
        "<< /Type /Filespec /F (lampiran.exe) /EF << /F 6 0 R >> >>",
        f"<< /Type /EmbeddedFile /Length {len(data)} >>\nstream\n{data}\nendstream",
    ))


def with_launch_action() -> bytes:
    return build_pdf("/OpenAction 4 0 R", ("<< /S /Launch /F (cmd.exe) >>",))


def encrypted() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(100, 100),
                      encrypt=pdfencrypt.StandardEncryption("sandi-pengguna", ownerPassword="sandi-pemilik"))
    c.drawString(10, 50, "rahasia")
    c.save()
    return out.getvalue()


@pytest.mark.parametrize("make, code", [
    (with_javascript, "pdf_javascript"),
    (with_embedded_file, "pdf_embedded_files"),
    (with_launch_action, "pdf_launch_action"),
    (encrypted, "pdf_encrypted"),
])
def test_risky_pdf_is_kept_and_flagged(users, upload, make, code):
    content = make()
    response = upload(users["pegawai"], content, nip=DEMO_PEGAWAI_NIP, document_type="ktp", filename="ktp.pdf")
    assert response.status_code == 201, response.content
    version = DocumentVersion.objects.get(document_id=response.json()["id"], number=1)
    assert version.sha256 and version.size == len(content)
    codes = [flag["code"] for flag in version.flags]
    assert code in codes, (version.status, version.flags, list(version.events.values_list("step", "message")))
    flag = next(f for f in version.flags if f["code"] == code)
    assert flag["message"]  # says what to do, in Indonesian
    detail = __import__("rest_framework.test", fromlist=["APIClient"]).APIClient()
    detail.force_authenticate(users["fasilitator"])
    assert code in str(detail.get(f"/api/v1/documents/{version.document_id}/").json())


def test_plain_pdf_gets_no_flag(users, upload):
    response = upload(users["pegawai"], build_pdf(), nip=DEMO_PEGAWAI_NIP, document_type="ktp", filename="ktp.pdf")
    assert response.status_code == 201
    version = DocumentVersion.objects.get(document_id=response.json()["id"], number=1)
    assert version.flags == []
    assert version.events.filter(step="inspect_pdf", outcome="ok", message="no active content").exists()
