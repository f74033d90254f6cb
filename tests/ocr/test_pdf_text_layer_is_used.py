"""A PDF with real text is read from its own text layer (no OCR); one without is OCR'd."""
import io

from reportlab.pdfgen import canvas

from ocr import analyze, analyze_page, page_count

LINES = [
    "KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAERAH",
    "NOMOR 800/4321/204/2024",
    "Nama : Siti Rahayu",
    "NIP : 19850412 201001 2 015",
    "Ditetapkan di Surabaya pada tanggal 9 Agustus 2024",
]


def _born_digital_pdf(pages: int = 2) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for p in range(pages):
        y = 760
        for line in LINES:
            c.drawString(72, y, line)
            y -= 24
        c.drawString(72, 100, f"Halaman {p + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_text_layer_is_used_and_fields_found():
    result = analyze(_born_digital_pdf())
    assert result.pages == 2
    assert all(p.source == "text_layer" for p in result.page_results)
    assert "Siti Rahayu" in result.text
    assert result.legible
    assert result.fields["nip"] == ["198504122010012015"]
    assert result.fields["nomor"] == ["800/4321/204/2024"]
    assert result.fields["tanggal"][0] == "2024-08-09"
    assert result.fields["nama"][0] == "Siti Rahayu"


def test_one_page_at_a_time_for_per_page_tasks():
    data = _born_digital_pdf(3)
    assert page_count(data) == 3
    page = analyze_page(data, 3)
    assert page.number == 3 and "Halaman 3" in page.text


def test_image_only_pdf_is_ocred(scans_dev_results):
    result = scans_dev_results["scan_008.pdf"]
    assert result.page_results[0].source == "ocr"
    assert "KEPUTUSAN" in result.text
