"""Small generated letters (PDF with a text layer) for tests where the scan's look does not matter:
each call gives different bytes, so repeated uploads are never refused as duplicates."""
from __future__ import annotations

import io
import itertools
import random

_serial = itertools.count(1)


def letter_pdf(*, title: str, nip: str, nama: str, extra: str = "") -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    serial = next(_serial)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    lines = ["PEMERINTAH PROVINSI JAWA TIMUR", "BADAN KEPEGAWAIAN DAERAH", "", title,
             f"Nomor: 800/{serial:04d}/BKD/2026", "", f"Nama : {nama}", f"NIP : {nip}", "", extra,
             "Ditetapkan di Surabaya pada tanggal 2 Januari 2026"]
    # Letters share a layout; a few blocks placed by the serial number keep their pictures (and so
    # their perceptual hashes) apart, so two letters are never taken for copies of one another.
    rng = random.Random(serial)
    for _ in range(4):
        page.rect(rng.uniform(40, width - 200), rng.uniform(40, 300), rng.uniform(60, 160), rng.uniform(30, 120),
                  stroke=0, fill=1)
    y = height - 90
    for line in lines:
        page.setFont("Helvetica-Bold" if line == title else "Helvetica", 13)
        page.drawString(72, y, line)
        y -= 24
    page.showPage()
    page.save()
    return buffer.getvalue()


def faint_scan(pdf: bytes) -> bytes:
    """A low-resolution, washed-out JPEG of a letter's first page: still legible, but only just
    (the OCR scores it in the low 50s)."""
    import pypdfium2 as pdfium
    from PIL import ImageEnhance, ImageFilter

    image = pdfium.PdfDocument(pdf)[0].render(scale=1.6).to_pil().convert("L")
    image = ImageEnhance.Contrast(image).enhance(0.4).filter(ImageFilter.GaussianBlur(0.8))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=60)
    return buffer.getvalue()


def decree_scan(*, nip: str, nama: str, nomor: str, quality: int = 85) -> bytes:
    """A scanned decree (JPEG, 200 dpi, no text layer) from one fixed template: the same letterhead,
    layout and wording for everyone; only the number, name and NIP differ.  Two employees' decrees
    look alike to a picture hash of the page; their content does not."""
    from PIL import Image, ImageDraw, ImageFont

    font_dir = "/usr/share/fonts/truetype/dejavu/"
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    bold, plain = ImageFont.truetype(font_dir + "DejaVuSerif-Bold.ttf", 34), ImageFont.truetype(font_dir + "DejaVuSerif.ttf", 28)
    y = 150
    for line in ("PEMERINTAH PROVINSI JAWA TIMUR", "BADAN KEPEGAWAIAN DAERAH"):
        draw.text(((1654 - draw.textlength(line, font=bold)) / 2, y), line, font=bold, fill=0)
        y += 50
    draw.line((160, y + 10, 1494, y + 10), fill=0, width=5)
    y += 50
    body = ["KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAERAH", f"NOMOR {nomor}", "",
            "Menimbang bahwa yang bersangkutan telah memenuhi syarat untuk",
            "dinaikkan pangkatnya setingkat lebih tinggi.", "", "MEMUTUSKAN", "",
            f"Nama : {nama}", f"NIP : {nip}", "Unit Kerja : Badan Kepegawaian Daerah", "",
            "Kepada pegawai yang bersangkutan diberikan gaji pokok sesuai dengan",
            "ketentuan peraturan perundang-undangan yang berlaku.", "",
            "Ditetapkan di Surabaya pada tanggal 2 Januari 2026"]
    for line in body:
        draw.text((160, y), line, font=plain, fill=0)
        y += 44
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=quality, dpi=(200, 200))
    return buffer.getvalue()
