"""Cards carry photos, and the JSON API carries them as base64 (a data: URL too): a Karpeg or Karis is
issued through POST /api/v1/issued-documents/ like any decree. An employee photo left out is the Pas
Foto in their file — also on a re-issue, whose earlier version kept only the photo's size; without one,
with text that is not base64, or with a photo that would decode to gigabytes, the answer is 400 naming
the field, and nothing is numbered."""
import base64

import pytest

from archive.services.demo import DEMO_PEGAWAI_NIP
from issuing.models import IssuedDocument
from people.models import Employee
from tests.services.conftest import photo_jpeg
from tests.support.refusals import refused_taking_nothing

pytestmark = pytest.mark.django_db


@pytest.fixture
def dewi(demo):
    return Employee.objects.get(nip=DEMO_PEGAWAI_NIP)


def _refused(issue, fields, field):
    body = refused_taking_nothing(lambda: issue(template="kartu_pegawai", fields=fields))
    return body["errors"][field]


def test_a_photo_comes_as_base64_or_as_a_data_url(issue, dewi):
    data_url = "data:image/jpeg;base64," + base64.b64encode(photo_jpeg()).decode()
    answer = issue(template="kartu_pegawai", fields={"foto": data_url})
    assert answer.status_code == 201, answer.json()
    assert IssuedDocument.objects.get(pk=answer.json()["id"]).fields["foto"].endswith(" bytes>")


def test_text_that_is_not_base64_or_no_photo_at_all_is_refused(issue, dewi):
    assert _refused(issue, {"foto": "bukan-foto!"}, "foto") == "bukan base64"
    assert _refused(issue, {}, "foto") == "wajib diisi"  # no photo sent, no Pas Foto in her file


def test_a_missing_photo_is_the_pas_foto_also_on_a_reissue(issue, dewi, users, upload, api_client_for):
    stored = upload(users["pegawai"], photo_jpeg(), nip=dewi.nip, document_type="pas_foto", filename="foto.jpg")
    assert stored.status_code == 201, stored.json()
    first = issue(template="kartu_pegawai", fields={})
    assert first.status_code == 201, first.json()
    again = api_client_for(users["admin"]).post(f"/api/v1/issued-documents/{first.json()['id']}/reissue/",
                                                {"fields": {}}, format="json")
    assert again.status_code == 201, again.json()
    assert again.json()["number"] == first.json()["number"]


def test_a_photo_that_would_decode_to_gigabytes_is_refused(issue, dewi):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (7000, 6000), 1).save(out, "PNG")  # 42 megapixels in a few KB
    assert _refused(issue, {"foto": base64.b64encode(out.getvalue()).decode()}, "foto") == \
        "gambar paling besar 40 megapiksel"


def test_a_large_phone_photo_as_pas_foto_is_shrunk_for_the_card(issue, dewi, users, upload):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (8000, 6000), 200).save(out, "JPEG", quality=70)  # 48 megapixels, over the 40 a card takes
    stored = upload(users["pegawai"], out.getvalue(), nip=dewi.nip, document_type="pas_foto", filename="foto.jpg")
    assert stored.status_code == 201, stored.json()
    answer = issue(template="kartu_pegawai", fields={})
    assert answer.status_code == 201, answer.json()
