"""Long scanned documents made in the test: A4 pages at 150 dpi with printed lines (no text layer, so
every page goes through Tesseract), and, where asked, a page no reader may open (an embedded image of
120 megapixels, past the OCR's limit), to show that one bad page does not lose the others."""
from __future__ import annotations

import io
import zlib

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def scanned_page(lines: list[str]) -> Image.Image:
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 34)
    y = 140
    for line in lines:
        draw.text((110, y), line, fill=0, font=font)
        y += 64
    return page


def letter_pages(employee, count: int, title: str = "TENTANG KENAIKAN PANGKAT") -> list[Image.Image]:
    """`count` pages of one letter for `employee`; page n says "Halaman n"."""
    head = ["KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAERAH", title,
            f"Nama: {employee.nama}", f"NIP: {employee.nip}"]
    body = ["menaikkan pangkat Pegawai Negeri Sipil", "pangkat golongan ruang baru Penata III/c",
            "terhitung mulai tanggal 1 April 2024"]
    return [scanned_page([*(head if n == 1 else []), f"Halaman {n}", *body]) for n in range(1, count + 1)]


def pages_pdf(pages: list[Image.Image], *, oversized: tuple[int, ...] = ()) -> bytes:
    """The pages as one scanned PDF; the pages numbered in `oversized` (1-based) replaced by a page
    carrying a 12000x10000 image (compressed to a few kilobytes: the bytes are small, the pixels not)."""
    import pikepdf

    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=150)
    if not oversized:
        return out.getvalue()
    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        width, height = 12000, 10000
        data = zlib.compress(b"\xff" * (width // 8 * height), 9)
        image = pdf.make_stream(data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=width,
                                Height=height, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=1,
                                Filter=pikepdf.Name.FlateDecode)
        for number in oversized:
            page = pdf.pages[number - 1]
            page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
            page.Contents = pdf.make_stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
        buffer = io.BytesIO()
        pdf.save(buffer)
    return buffer.getvalue()
