"""Processing leaves a first-page thumbnail the web can show."""
import io

import pytest
from PIL import Image

from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["scan_000.jpg", "scan_008.pdf", "scan_022.png"])
def test_thumbnail_is_a_small_jpeg(users, upload, corpus, api_client_for, name):
    content = (corpus / "scans-dev" / name).read_bytes()
    document_id = upload(users["pegawai"], content, nip=DEMO_PEGAWAI_NIP, document_type="ktp").json()["id"]
    response = api_client_for(users["pegawai"]).get(f"/api/v1/documents/{document_id}/thumbnail/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(response.content))
    assert max(image.size) <= 480 and min(image.size) > 50
