"""Separator sheets: one printed page per slot (employee x document type) with a QR code naming it,
put in front of that document in a paper stack. No Django: the caller gives the slots."""
from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

PREFIX = "BERKAS-ASN/SLOT/1"


@dataclass(frozen=True)
class Slot:
    nip: str
    document_type: str
    employee_name: str = ""
    document_type_name: str = ""
    unit_name: str = ""


def slot_payload(slot: Slot) -> str:
    return f"{PREFIX}/{slot.nip}/{slot.document_type}"


def parse_payload(text: str) -> tuple[str, str] | None:
    """(nip, document type code) from a QR code's text, or None if it is not one of our sheets."""
    if not text or not text.startswith(PREFIX + "/"):
        return None
    parts = text[len(PREFIX) + 1:].split("/")
    if len(parts) != 2 or not parts[0].isdigit() or not parts[1]:
        return None
    return parts[0], parts[1]


def separator_sheets_pdf(slots: list[Slot]) -> bytes:
    """A4 pages, one per slot: a large QR code and the slot in words, so a person can check it too."""
    import qrcode
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    width, height = A4
    for slot in slots:
        image = qrcode.make(slot_payload(slot), box_size=10, border=2).get_image()
        png = BytesIO()
        image.save(png, "PNG")
        png.seek(0)
        size = 260
        canvas.setFont("Helvetica-Bold", 20)
        canvas.drawCentredString(width / 2, height - 90, "LEMBAR PEMISAH DOKUMEN")
        canvas.setFont("Helvetica", 11)
        canvas.drawCentredString(width / 2, height - 110, "Letakkan di depan dokumen ini; jangan dipindai terbalik.")
        canvas.drawImage(ImageReader(png), (width - size) / 2, height - 140 - size, size, size)
        y = height - 180 - size
        for label, value in (("Pegawai", slot.employee_name), ("NIP", slot.nip),
                             ("Jenis dokumen", slot.document_type_name or slot.document_type),
                             ("Unit kerja", slot.unit_name)):
            canvas.setFont("Helvetica", 13)
            canvas.drawString(90, y, f"{label}")
            canvas.setFont("Helvetica-Bold", 13)
            canvas.drawString(220, y, f": {value or '-'}")
            y -= 24
        canvas.setFont("Helvetica", 8)
        canvas.drawCentredString(width / 2, 40, slot_payload(slot))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
