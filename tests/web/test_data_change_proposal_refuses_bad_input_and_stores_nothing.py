"""Bad input on 'Usulkan perubahan data' — no file, a field that cannot be proposed, a file that is no
scan, a file over UPLOAD_MAX_BYTES, a value the record cannot take — answers 400 with an Indonesian
message beside the form, keeps what the employee typed, and stores nothing: no proposal, no document,
no object in the archive storage."""
import pytest

pytestmark = pytest.mark.django_db
PAGE = "/peremajaan/usulan/"


def _garbage():
    return b"MZ\x90\x00\x03\x00\x00\x00 bukan pindaian"


def _corpus(name):
    return lambda corpus: (corpus / "scans-dev" / name).read_bytes()


CASES = {
    "no file": ({"target": "field:pendidikan", "value": "S2 Hukum"}, None,
                "Pilih pindaian yang mendukung perubahan ini"),
    "unknown field": ({"target": "field:phone", "value": "081234567890"}, _corpus("scan_008.pdf"),
                      "Data &#x27;phone&#x27; tidak dapat diusulkan diubah"),
    "contact field": ({"target": "field:email", "value": "dewi@contoh.id"}, _corpus("scan_008.pdf"),
                      "Data &#x27;email&#x27; tidak dapat diusulkan diubah"),
    "not a scan": ({"target": "field:pendidikan", "value": "S2 Hukum"}, lambda corpus: _garbage(),
                   "Berkas ini adalah program Windows (EXE), bukan dokumen pindaian"),
    "broken pdf named .pdf": ({"target": "field:pendidikan", "value": "S2 Hukum"},
                              lambda corpus: b"<html><body>bukan pdf</body></html>",
                              "Berkas ini adalah halaman HTML, bukan dokumen pindaian"),
    "too large": ({"target": "field:pendidikan", "value": "S2 Hukum"}, _corpus("scan_015.pdf"),
                  "Berkas melebihi batas 1 MB"),
    "value not allowed": ({"target": "field:status_perkawinan", "value": "Menikah siri"}, _corpus("scan_008.pdf"),
                          "Nilai untuk status_perkawinan tidak sah"),
    "history date": ({"target": "riwayat:diklat", "value": "Diklat PIM IV", "effective_date": "kemarin"},
                     _corpus("scan_008.pdf"), "Tanggal harus YYYY-MM-DD"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_refused_with_a_message_and_nothing_stored(case, users, client, corpus, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from desk.models import DataUpdate
    from documents.models import Document, DocumentVersion

    settings.UPLOAD_MAX_BYTES = 1024 * 1024  # scan_015.pdf is 1.8 MB; the others are far below
    posted, content, message = CASES[case]
    body = dict(posted)
    if content is not None:
        body["file"] = SimpleUploadedFile("bukti.pdf", content(corpus), content_type="application/pdf")
    client.force_login(users["pegawai"])
    answer = client.post(PAGE, body)

    assert answer.status_code == 400
    html = answer.content.decode()
    assert f'role="alert">{message}' in html  # beside the form field it concerns
    assert f'value="{posted["value"]}"' in html  # what was typed is still there
    if posted["target"] not in ("field:phone", "field:email"):  # those are never offered
        assert f'<option value="{posted["target"]}" selected>' in html
    assert not DataUpdate.objects.exists() and not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    objects = settings.DATA_DIR / "objects-store"
    assert not objects.exists() or not [p for p in objects.rglob("*") if p.is_file() and p.suffix == ".bin"]
