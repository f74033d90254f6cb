"""Preview before signing: the draft marked KONSEP, unsigned, with the employee's rank now and
after; nothing stored and no number taken; a wrong decree is refused exactly as issuing would be."""
import io

import pdfplumber
import pytest

from issuing.models import DocumentNumberSequence, IssuedDocument
from archive.services.demo import DEMO_PEGAWAI_NIP
from signing.validate import first_signature_contents

pytestmark = pytest.mark.django_db


def _preview(client, fields, **extra):
    return client.post("/api/v1/issued-documents/preview/",
                       {"template": "sk_kenaikan_pangkat", "employee": DEMO_PEGAWAI_NIP, "fields": fields},
                       format="json", **extra)


def test_preview_shows_konsep_with_the_rank_now_and_after(demo, users, api_client_for):
    admin = api_client_for(users["admin"])
    answer = _preview(admin, {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"})
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(answer.content)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert all("KONSEP" in text for text in pages)
    assert "Penata, III/c" in pages[-1] and "Penata Tingkat I, III/d" in pages[-1]
    assert first_signature_contents(answer.content) is None
    assert not IssuedDocument.objects.exists() and not DocumentNumberSequence.objects.exists()

    as_json = admin.post("/api/v1/issued-documents/preview/?as=json",
                         {"template": "sk_kenaikan_pangkat", "employee": DEMO_PEGAWAI_NIP,
                          "fields": {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"}},
                         format="json").json()
    assert {"label": "Pangkat/golongan", "now": "Penata, III/c", "after": "Penata Tingkat I, III/d"} in \
        as_json["changes"]


def test_preview_refuses_what_issuing_would_refuse(demo, users, api_client_for):
    admin = api_client_for(users["admin"])
    refused = _preview(admin, {"pangkat_baru": "Pengatur Tingkat I, II/d", "tmt": "2026-04-01"})
    assert refused.status_code == 400 and "pangkat_baru" in refused.json()["errors"]
    assert _preview(api_client_for(users["fasilitator"]),
                    {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"}).status_code == 403
