"""A white page photographed on a white desk: the machine cannot find its edges. With the four
corners the employee placed, the page is flattened along them and reads as legible (the text
matches); without them the same photo is flagged. The corners are kept on the version and the
original photo is stored byte for byte."""
import json

import pytest

from tests.support.white_desk import white_desk_photo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def photo():
    return white_desk_photo(seed=5)


def _words(text: str) -> set[str]:
    return {w for w in "".join(ch if ch.isalnum() else " " for ch in text.lower()).split() if len(w) > 3}


def test_with_placed_corners_the_page_is_flattened_and_legible(users, upload, photo):
    from documents.models import Document
    from archive.services.demo import DEMO_PEGAWAI_NIP
    from documents.services.upload import version_content

    data, corners, printed = photo
    response = upload(users["pegawai"], data, nip=DEMO_PEGAWAI_NIP, document_type="ktp", filename="meja.jpg",
                      corners=json.dumps(corners))
    assert response.status_code == 201, response.content
    document = Document.objects.get(pk=response.json()["id"])
    version = document.versions.get()
    assert version.page_corners == [[round(x, 1), round(y, 1)] for x, y in corners]
    assert version_content(version) == data  # the original photo, not the flattened page
    assert document.status == "awaiting_verification", version.legibility
    assert version.legibility["legible"] is True
    found = _words(version.text)
    expected = _words(printed)
    assert len(found & expected) >= 0.9 * len(expected), sorted(expected - found)
    assert "page corners placed by the uploader" in version.events.get(step="ocr").message


def test_without_corners_the_same_photo_is_flagged(users, upload, photo):
    from documents.models import Document
    from archive.services.demo import DEMO_PEGAWAI_NIP

    data, _, _ = photo
    response = upload(users["pegawai"], data, nip=DEMO_PEGAWAI_NIP, document_type="ktp", filename="meja.jpg")
    assert response.status_code == 201
    document = Document.objects.get(pk=response.json()["id"])
    assert document.status == "needs_rescan"
    assert document.versions.get().page_corners is None


@pytest.mark.parametrize("corners, code", [
    ("[[0, 0], [10, 0]]", "invalid_corners"),  # not four
    ("bukan json", "invalid_corners"),
    ("[[0, 0], [99999, 0], [99999, 99999], [0, 99999]]", "invalid_corners"),  # outside the photo
    ("[[0, 0], [2000, 3000], [2000, 0], [0, 3000]]", "invalid_corners"),  # crossed: not a page outline
])
def test_bad_corners_are_refused_before_anything_is_stored(users, upload, photo, corners, code):
    from documents.models import DocumentVersion
    from archive.services.demo import DEMO_PEGAWAI_NIP

    response = upload(users["pegawai"], photo[0], nip=DEMO_PEGAWAI_NIP, document_type="ktp", filename="meja.jpg",
                      corners=corners)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert "sudut" in response.json()["detail"].lower()
    assert not DocumentVersion.objects.exists()


def test_corners_on_a_pdf_are_refused(users, upload, letter):
    from people.models import Employee
    from archive.services.demo import DEMO_PEGAWAI_NIP

    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    response = upload(users["pegawai"], letter(employee), nip=DEMO_PEGAWAI_NIP, document_type="ktp",
                      corners="[[0, 0], [100, 0], [100, 100], [0, 100]]")
    assert response.status_code == 400
    assert response.json()["code"] == "corners_not_for_pdf"
