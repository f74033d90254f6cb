"""A multi-page TIFF is read page by page; the document is legible only if every page is."""
import io

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ocr import analyze

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _page(words: str) -> Image.Image:
    img = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 30)
    for k in range(12):
        draw.text((160, 200 + 60 * k), f"{words} baris {k + 1} dokumen kepegawaian", font=font, fill=0)
    return img


def test_every_page_is_read_and_a_blurred_page_makes_the_document_illegible():
    pages = [_page("Halaman pertama"), _page("Halaman kedua").filter(ImageFilter.GaussianBlur(12))]
    buf = io.BytesIO()
    pages[0].save(buf, format="TIFF", save_all=True, append_images=pages[1:], compression="tiff_deflate")
    result = analyze(buf.getvalue())
    assert result.pages == 2
    first, second = result.page_results
    assert "pertama" in first.text and first.legible
    assert not second.legible and [r.code for r in second.reasons] == ["blurry"]
    assert not result.legible
    assert [(r.code, r.page) for r in result.reasons] == [("blurry", 2)]
