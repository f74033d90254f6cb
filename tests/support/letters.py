"""Small generated letters (PDF with a text layer) for tests where the scan's look does not matter:
each call gives different bytes, so repeated uploads are never refused as duplicates."""
from __future__ import annotations

import io
import itertools

_serial = itertools.count(1)


def letter_pdf(*, title: str, nip: str, nama: str, extra: str = "") -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    lines = ["PEMERINTAH PROVINSI JAWA TIMUR", "BADAN KEPEGAWAIAN DAERAH", "", title,
             f"Nomor: 800/{next(_serial):04d}/BKD/2026", "", f"Nama : {nama}", f"NIP : {nip}", "", extra,
             "Ditetapkan di Surabaya pada tanggal 2 Januari 2026"]
    y = height - 90
    for line in lines:
        page.setFont("Helvetica-Bold" if line == title else "Helvetica", 13)
        page.drawString(72, y, line)
        y -= 24
    page.showPage()
    page.save()
    return buffer.getvalue()
