"""Scanned stacks made in the test: page images of Indonesian personnel documents (text drawn with
DejaVu, as a 200-dpi scan would carry it), separator sheets printed by the product and scanned back."""
import io

import pytest
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BODY = {
    "ijazah": ["IJAZAH", "Universitas Airlangga Surabaya", "menyatakan bahwa", "telah menyelesaikan program",
               "Sarjana Keperawatan dengan predikat sangat memuaskan", "diberikan gelar Sarjana Keperawatan"],
    "sk_kenaikan_pangkat": ["KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAERAH", "TENTANG KENAIKAN PANGKAT",
                            "menaikkan pangkat Pegawai Negeri Sipil", "pangkat golongan ruang baru Penata III/c",
                            "terhitung mulai tanggal 1 April 2024", "gaji pokok sesuai peraturan"],
    "ktp": ["KARTU TANDA PENDUDUK", "PROVINSI JAWA TIMUR", "Tempat/Tgl Lahir Surabaya", "Agama Islam",
            "Status Perkawinan Kawin", "Kewarganegaraan WNI"],
}


def scanned_page(lines: list[str]) -> Image.Image:
    """An A4 page at 150 dpi with the lines printed large and clean."""
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 34)
    y = 140
    for line in lines:
        draw.text((110, y), line, fill=0, font=font)
        y += 64
    return page


def document_pages(kind: str, employee, pages: int) -> list[Image.Image]:
    first = [*BODY[kind][:2], f"Nama: {employee.nama}", f"NIP: {employee.nip}", *BODY[kind][2:]]
    rest = [[f"Halaman {n}", *BODY[kind][2:]] for n in range(2, pages + 1)]
    return [scanned_page(first), *(scanned_page(lines) for lines in rest)]


def sheet_image(pdf: bytes) -> Image.Image:
    """A printed separator sheet, scanned back at 150 dpi."""
    import pypdfium2

    return pypdfium2.PdfDocument(pdf)[0].render(scale=150 / 72).to_pil().convert("L")


def stack_pdf(pages: list[Image.Image]) -> bytes:
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=150)
    return out.getvalue()


@pytest.fixture
def stack_tools():
    return {"document_pages": document_pages, "sheet_image": sheet_image, "stack_pdf": stack_pdf, "body": BODY}
