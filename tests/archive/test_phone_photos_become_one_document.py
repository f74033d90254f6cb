"""Photos as phones produce them: a HEIC photo (an iPhone's default) is read like a JPEG, and several
photos of one document's pages sent together (API: the `file` field repeated; web: the file input
with several files) become one document, a page per photo, in the order sent."""
import importlib.util
import io
import random
from pathlib import Path

import cv2
import pytest
from PIL import Image

from documents.models import Document, DocumentStatus, DocumentVersion
from people.models import Unit
from people.services.employees import employee_create

ROOT = Path(__file__).resolve().parents[2]


def load_photo_maker():
    spec = importlib.util.spec_from_file_location("photo_maker", ROOT / "tests" / "ocr" / "photo_maker.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

pytestmark = pytest.mark.django_db


def _photos(count: int):
    """`count` legible phone photos of different decree pages (seeded): (JPEG bytes, printed fields)."""
    maker = load_photo_maker()
    out = []
    for seed in range(41, 41 + count):
        image, _, fields, _ = maker.make_photo(random.Random(seed), None)
        image = cv2.resize(image, (image.shape[1] * 2 // 3, image.shape[0] * 2 // 3), interpolation=cv2.INTER_AREA)
        ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 88])
        assert ok
        out.append((jpeg.tobytes(), fields))
    return out


@pytest.fixture
def employee(demo):
    return employee_create(nip="198001012005011001", nama="Agus Santoso", unit=Unit.objects.get(code="DINKES-YANKES"))


def _named(content: bytes, name: str):
    f = io.BytesIO(content)
    f.name = name
    return f


def test_a_heic_photo_is_read_as_a_legible_document(users, upload, employee):
    from pillow_heif import register_heif_opener

    register_heif_opener()
    (jpeg, fields), = _photos(1)
    heic = io.BytesIO()
    Image.open(io.BytesIO(jpeg)).save(heic, "HEIF", quality=90)
    assert heic.getvalue()[4:12] == b"ftypheic"
    response = upload(users["admin"], heic.getvalue(), nip=employee.nip, filename="IMG_0001.HEIC")
    assert response.status_code == 201, response.content
    version = DocumentVersion.objects.get(document_id=response.json()["id"])
    assert version.content_type == "image/heic"
    assert version.legibility["legible"], version.legibility
    assert version.fields["nip"][:1] == [fields["nip"].replace(" ", "")]
    assert version.thumbnail_key  # the preview decodes HEIC too


def test_three_photos_sent_together_become_one_legible_document_in_order(users, api_client_for, employee,
                                                                         django_capture_on_commit_callbacks):
    photos = _photos(3)
    client = api_client_for(users["admin"])
    body = {"file": [_named(p, f"halaman-{n}.jpg") for n, (p, _) in enumerate(photos, 1)],
            "employee": employee.nip, "document_type": "sk_kenaikan_pangkat"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/documents/", body, format="multipart")
    assert response.status_code == 201, response.content
    assert Document.objects.filter(employee=employee).count() == 1
    version = DocumentVersion.objects.get(document_id=response.json()["id"])
    assert version.content_type == "application/pdf" and version.pages == 3
    assert version.original_filename == "halaman-1-3-halaman.pdf"
    assert version.legibility["legible"], version.legibility
    assert version.document.status == DocumentStatus.AWAITING_VERIFICATION
    pages = version.text.split("\f")
    assert len(pages) == 3
    for page, (_, fields) in zip(pages, photos):  # each photo's page, in the order sent
        assert fields["nomor"] in page


def test_the_web_form_takes_several_photos_as_one_document(client, users, employee):
    photos = _photos(2)
    client.force_login(users["admin"])
    response = client.post("/dokumen/unggah/", {
        "file": [_named(p, f"foto-{n}.jpg") for n, (p, _) in enumerate(photos, 1)],
        "employee": employee.nip, "document_type": "sk_kenaikan_pangkat"})
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get(employee=employee)
    assert document.versions.get().content_type == "application/pdf"


def test_a_pdf_among_page_photos_is_refused_and_nothing_is_stored(users, api_client_for, employee, letter):
    (jpeg, _), = _photos(1)
    body = {"file": [_named(jpeg, "a.jpg"), _named(letter(employee), "b.pdf")], "employee": employee.nip,
            "document_type": "sk_kenaikan_pangkat"}
    response = api_client_for(users["admin"]).post("/api/v1/documents/", body, format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "photo_pages_invalid"
    assert not Document.objects.filter(employee=employee).exists()
