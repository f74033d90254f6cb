"""One way to speak to users (issue 20): an upload refusal carries a code and its parameters; gettext words
it where it is shown — Indonesian by default, English when asked — and the API gives both from the same
refusal. A refused file's description ("an HTML page") is translated too."""
import pytest
from django.utils import translation

from archive.services.demo import DEMO_PEGAWAI_NIP
from documents.services.upload import UploadRefused, document_upload

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body>SK Pangkat</body></html>"


def test_the_refusal_keeps_its_code_and_parameters_and_words_them_in_either_language(users):
    import io

    with pytest.raises(UploadRefused) as refused:
        document_upload(uploader=users["admin"], employee_nip="199001012020121009", document_type_code="ktp",
                        stream=io.BytesIO(b"%PDF-1.4\n"), filename="ktp.pdf")
    refusal = refused.value
    assert refusal.code == "employee_not_found" and refusal.params == {"nip": "199001012020121009"}
    assert refusal.in_language("id") == ("Pegawai dengan NIP 199001012020121009 tidak ditemukan dalam wilayah "
                                         "akses Anda.")
    assert refusal.in_language("en") == "No employee with NIP 199001012020121009 within your access."
    with translation.override("en"):
        assert refusal.message == refusal.message_en
    with translation.override("id"):
        assert refusal.message == refusal.message_id


def test_the_api_answers_both_languages_from_one_refusal(users, upload):
    body = upload(users["pegawai"], HTML, nip=DEMO_PEGAWAI_NIP, filename="sk.pdf").json()
    assert body["code"] == "unsupported_file_type" and body["found"] == "an HTML page"
    assert body["detail"] == "Berkas ini adalah halaman HTML, bukan dokumen pindaian. Unggah berkas PDF, JPEG, PNG, TIFF, HEIC."
    assert body["message_en"] == ("This file is an HTML page, not a scanned document. Upload a PDF, JPEG, PNG, TIFF, "
                                  "HEIC file.")
