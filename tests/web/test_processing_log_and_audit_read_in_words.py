"""The staff document page says the processing log and the audit trail in words a fasilitator
understands ("Teks dibaca (OCR)", "keterbacaan 88 dari 100", "Pindaian diunggah"), never the codes
("legible=True", "nip: mismatch", "document.upload", sha256) that the API keeps."""
import re

import pytest

from documents.models import ProcessingEvent
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def _visible(page: str) -> str:
    """The page's text without tags and attributes (codes may stay in data-* attributes)."""
    return re.sub(r"<[^>]+>", " ", page)


def test_log_and_audit_in_words(client, users, upload, letter):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    document = upload(users["pegawai"], letter(dewi, "KARTU TANDA PENDUDUK", nip="199001012015031001",
                                               nama="Budi Santoso"), nip=dewi.nip, document_type="ktp").json()["id"]
    assert ProcessingEvent.objects.filter(version__document=document, step="cross_check",
                                          message__contains="nip: mismatch").exists()  # the code is kept
    client.force_login(users["admin"])
    text = _visible(client.get(f"/dokumen/{document}/").content.decode())
    for words in ("Teks dibaca (OCR)", "keterbacaan", "dari 100", "NIP: TIDAK cocok dengan data",
                  "Diterima dan disimpan", "Pindaian diunggah", "jenis dokumen: KTP"):
        assert words in text, words
    for code in ("legible=", "nip: mismatch", "skipped:", "document.upload", "sha256", "bytes", "page(s)", "jenis dokumen: ktp"):
        assert code not in text, code
