"""A PDF whose page content inflates a thousandfold (a 100 KB upload that PDFium would inflate to
100 MB and more: 1.5 GB took a worker 19 s and 3.2 GB) is refused before anything inflates it — by
the OCR, by the page view — with a message the employee can act on; the earlier version of the slot
stays. Every PDF filter that can expand text is measured within the limit (Flate, LZW, RunLength);
ordinary PDFs pass untouched."""
import dataclasses
import io

import pikepdf
import pytest

import ocr
from ocr.pdf_streams import check_decoded_streams, decoded_size
from tests.support.hostile_files import deflated_spaces, pdf_with_content
from tests.support.letters import letter_pdf

SMALL = dataclasses.replace(ocr.OcrConfig(), max_stream_bytes=1 << 20)  # 1 MB, so the bombs stay small


@pytest.mark.parametrize("form", [False, True], ids=["page content", "form xobject"])
def test_a_deflate_bomb_is_refused_naming_the_limit(form):
    bomb = pdf_with_content(deflated_spaces(8), ["/FlateDecode"], form=form)
    assert len(bomb) < 20_000
    with pytest.raises(ocr.OcrError) as refused:
        ocr.analyze(bomb, config=SMALL)
    assert refused.value.code == "content_too_large"
    assert "terlalu besar setelah dibuka" in refused.value.message and "1 MB" in refused.value.message


def test_run_length_and_lzw_are_measured_too():
    run_length = bytes([129, 32]) * 20_000  # each pair: 128 spaces
    with pytest.raises(ocr.OcrError):
        check_decoded_streams(pdf_with_content(run_length, ["/RunLengthDecode"]), SMALL)
    # ISO 32000-1 7.4.4.2's example: these nine bytes are "-----A---B" in LZW
    example = pdf_with_content(bytes([0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01]), ["/LZWDecode"])
    with pikepdf.open(io.BytesIO(example)) as pdf:
        assert decoded_size(pdf.pages[0].Contents, 1000) == len(b"-----A---B")
    # filters in a chain: hex text of deflated spaces, each stage within the limit
    chained = pdf_with_content(deflated_spaces(2).hex().encode() + b">", ["/ASCIIHexDecode", "/FlateDecode"])
    with pytest.raises(ocr.OcrError):
        check_decoded_streams(chained, SMALL)


def test_ordinary_pdfs_pass():
    letter = letter_pdf(title="SURAT KEPUTUSAN", nip="198001012005011001", nama="Pegawai Uji")
    check_decoded_streams(letter, SMALL)
    encrypted = io.BytesIO()  # protected against editing only (no password to open): read as usual
    with pikepdf.open(io.BytesIO(letter)) as pdf:
        pdf.save(encrypted, encryption=pikepdf.Encryption(owner="rahasia", user=""))
    check_decoded_streams(encrypted.getvalue(), SMALL)
    assert ocr.analyze(encrypted.getvalue()).text


@pytest.mark.django_db
def test_an_uploaded_bomb_fails_plainly_and_the_earlier_version_stays(users, upload, letter, api_client_for, client):
    employee = users["pegawai"].profile.employee
    first = upload(users["pegawai"], letter(employee), nip=employee.nip, filename="sk.pdf")
    assert first.status_code == 201
    document_id = first.json()["id"]
    bomb = pdf_with_content(deflated_spaces(80), ["/FlateDecode"])  # 80 MB of content, over the 64 MB limit
    second = upload(users["pegawai"], bomb, nip=employee.nip, filename="sk-lagi.pdf")
    assert second.status_code == 201 and second.json()["id"] == document_id

    body = api_client_for(users["pegawai"]).get(f"/api/v1/documents/{document_id}/").json()
    assert body["status"] == "failed" and body["error"]["code"] == "content_too_large"
    assert "64 MB" in body["error"]["message"]
    original = api_client_for(users["pegawai"]).get(f"/api/v1/documents/{document_id}/content/?version=1")
    assert original.status_code == 200 and original.getvalue()[:5] == b"%PDF-"

    client.force_login(users["admin"])  # the page view refuses it too, instead of rendering it
    assert client.get(f"/dokumen/{document_id}/halaman/1/?versi=2").status_code == 422
    assert client.get(f"/dokumen/{document_id}/halaman/1/?versi=1").status_code == 200
