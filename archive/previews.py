"""First-page previews and perceptual hashes of stored scans."""
from __future__ import annotations

import io

import imagehash
from PIL import Image

THUMBNAIL_LONG_SIDE = 480
MAX_DECODED_PIXELS = 100_000_000  # refuse decompression bombs before decoding


def first_page_image(content: bytes, mime: str) -> Image.Image:
    """The first page as a small RGB image (PDF rendered by PDFium, images decoded by Pillow)."""
    if mime == "application/pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(content)
        try:
            page = pdf[0]
            width, height = page.get_size()  # points
            scale = THUMBNAIL_LONG_SIDE * 2 / max(width, height, 1)
            image = page.render(scale=scale).to_pil()
            page.close()
        finally:
            pdf.close()
    else:
        image = Image.open(io.BytesIO(content))
        if image.width * image.height > MAX_DECODED_PIXELS:
            raise ValueError(f"image of {image.width}x{image.height} pixels is over the limit")
        image.seek(0)  # first frame of a multi-page TIFF
        image.draft("RGB", (THUMBNAIL_LONG_SIDE * 2, THUMBNAIL_LONG_SIDE * 2))  # JPEG: decode small
    return image.convert("RGB")


def thumbnail_jpeg(image: Image.Image) -> bytes:
    thumb = image.copy()
    thumb.thumbnail((THUMBNAIL_LONG_SIDE, THUMBNAIL_LONG_SIDE))
    out = io.BytesIO()
    thumb.save(out, "JPEG", quality=80)
    return out.getvalue()


def perceptual_hash(image: Image.Image) -> str:
    """pHash of the page: the same photo re-saved or re-scaled hashes the same."""
    return str(imagehash.phash(image.convert("L"), hash_size=8))
