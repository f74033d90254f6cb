"""First-page previews and perceptual hashes of stored scans."""
from __future__ import annotations

import io
import threading

import imagehash
from PIL import Image, ImageOps

from ocr.config import OcrConfig
from ocr.extract import pil_to_array, shrink_to
from ocr.limits import decoded_bytes
from ocr.pdf_streams import check_decoded_streams

THUMBNAIL_LONG_SIDE = 480
MAX_DECODED_PIXELS = 100_000_000  # refuse decompression bombs before decoding
MAX_DECODED_BYTES = OcrConfig().max_decoded_bytes_per_page
_pdfium_lock = threading.Lock()  # PDFium is not thread-safe; the web server and eager tasks are threaded


def page_image(content: bytes, mime: str, number: int, long_side: int) -> Image.Image:
    """Page `number` (1-based) as an RGB image about `long_side` pixels long (PDF rendered by
    PDFium, at most 4x; images decoded by Pillow, JPEG decoded small). Raises PageMissing."""
    if number < 1:
        raise PageMissing(number)
    if mime == "application/pdf":
        import pypdfium2 as pdfium

        check_decoded_streams(content, OcrConfig())  # a compression bomb is refused, not rendered
        with _pdfium_lock:
            pdf = pdfium.PdfDocument(content)
            try:
                if number > len(pdf):
                    raise PageMissing(number)
                page = pdf[number - 1]
                width, height = page.get_size()  # points
                image = page.render(scale=min(long_side / max(width, height, 1), 4)).to_pil()
                page.close()
            finally:
                pdf.close()
    else:
        image = Image.open(io.BytesIO(content))
        if image.width * image.height > MAX_DECODED_PIXELS:
            raise ValueError(f"image of {image.width}x{image.height} pixels is over the limit")
        if number > getattr(image, "n_frames", 1):  # pages of a multi-page TIFF
            raise PageMissing(number)
        image.seek(number - 1)
        if decoded_bytes(image.width, image.height, image.mode) > MAX_DECODED_BYTES:
            raise ValueError(f"image of {image.width}x{image.height} {image.mode} is over the limit")
        # shrunk right after decoding (a JPEG decoded small), before any conversion copies it (issue 22)
        image = shrink_to(image, long_side * long_side * 2)
        if number == 1:  # a phone photo stored sideways with an orientation tag is shown upright
            image = ImageOps.exif_transpose(image)
        if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):  # scaled to 8 bits, not clipped
            image = Image.fromarray(pil_to_array(image))
    return image.convert("RGB")


def first_page_image(content: bytes, mime: str) -> Image.Image:
    """The first page as a small RGB image, for the thumbnail and the perceptual hash."""
    return page_image(content, mime, 1, THUMBNAIL_LONG_SIDE * 2)


def thumbnail_jpeg(image: Image.Image) -> bytes:
    thumb = image.copy()
    thumb.thumbnail((THUMBNAIL_LONG_SIDE, THUMBNAIL_LONG_SIDE))
    out = io.BytesIO()
    thumb.save(out, "JPEG", quality=80)
    return out.getvalue()


def perceptual_hash(image: Image.Image) -> str:
    """pHash of the page: the same photo re-saved or re-scaled hashes the same."""
    return str(imagehash.phash(image.convert("L"), hash_size=8))


# --- Page images for the side-by-side verification page (rendered on demand) -------------

PAGE_LONG_SIDE = 1600  # sharp enough to zoom to 200 % on a desk screen


class PageMissing(IndexError):
    """The file has no page with that number."""


def page_count(content: bytes, mime: str) -> int:
    if mime == "application/pdf":
        import pypdfium2 as pdfium

        with _pdfium_lock:
            pdf = pdfium.PdfDocument(content)
            try:
                return len(pdf)
            finally:
                pdf.close()
    image = Image.open(io.BytesIO(content))
    return getattr(image, "n_frames", 1)


def page_jpeg(content: bytes, mime: str, number: int, *, long_side: int = PAGE_LONG_SIDE) -> bytes:
    """Page `number` (1-based) of a stored scan as a JPEG whose long side is at most `long_side`."""
    image = page_image(content, mime, number, long_side)
    image.thumbnail((long_side, long_side))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
