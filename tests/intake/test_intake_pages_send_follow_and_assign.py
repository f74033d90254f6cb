"""The paper intake pages: a fasilitator sends a stack, sees each part with its first page, files a
waiting one by choosing the employee and type; an employee is refused; all in Indonesian."""
import io

import pytest

from documents.models import Document
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from intake.models import IntakeBatch

pytestmark = pytest.mark.django_db


def test_send_a_stack_then_file_the_waiting_part(client, users, stack_tools, django_capture_on_commit_callbacks):
    from PIL import Image

    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    client.force_login(users["fasilitator"])
    page = client.get("/alih-media/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Kirim tumpukan" in page and "Cetak lembar pemisah" in page
    sheet = client.get("/api/v1/separator-sheets/", {"employee": dewi.nip, "document_type": "ktp"}).content
    blank = Image.new("L", (1240, 1754), 255)  # a page nobody can place: no sheet before it, no NIP on it
    stack = stack_tools["stack_pdf"]([blank, stack_tools["sheet_image"](sheet),
                                      *stack_tools["document_pages"]("ktp", dewi, 1)])
    upload = io.BytesIO(stack)
    upload.name = "tumpukan.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/alih-media/", {"file": upload})
    batch = IntakeBatch.objects.get()
    assert sent.status_code == 302 and sent["Location"] == f"/alih-media/{batch.pk}/"
    html = client.get(sent["Location"], HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'id="part-1" data-status="review"' in html and 'id="part-2" data-status="filed"' in html
    image = client.get(f"/alih-media/{batch.pk}/bagian/1/halaman.png")
    assert image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")
    with django_capture_on_commit_callbacks(execute=True):
        filed = client.post(f"/alih-media/{batch.pk}/", {"part": 1, "employee": dewi.nip,
                                                         "document_type": "kartu_keluarga"})
    assert filed.status_code == 302
    assert Document.objects.filter(employee=dewi, document_type__code="kartu_keluarga").exists()
    client.force_login(users["pegawai"])
    assert client.get("/alih-media/").status_code == 403
