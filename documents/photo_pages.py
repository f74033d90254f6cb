"""Several photos of one document's pages, in page order, made into one PDF (one page each).

A phone takes a document page by page; the archive keeps a document as one file.  Each photo
becomes one page, upright (EXIF orientation applied), sized so the photo's long side is an A4
page's long side (the OCR then sees the same resolution it would in the photo itself).  A JPEG that
needs no turning goes in byte for byte (DCTDecode: no second compression); anything else (HEIC,
PNG, TIFF, a JPEG stored sideways) is encoded once as a JPEG of quality 92.  No Django here.
"""
from __future__ import annotations

import io

import pikepdf
from PIL import Image, ImageOps

import ocr.extract  # noqa: F401  (registers the HEIF/HEIC opener)

A4_LONG_POINTS = 841.89
MAX_PIXELS = 100_000_000  # per photo, checked before decoding (a decompression bomb is refused)


class PhotoUnreadable(ValueError):
    def __init__(self, index: int):
        super().__init__(f"photo {index} cannot be read as an image")
        self.index = index  # 1-based


def _jpeg_of(image: Image.Image) -> tuple[bytes, str, int, int]:
    image = ImageOps.exif_transpose(image)
    image = image.convert("L" if image.mode in ("1", "L", "LA", "I;16", "I", "F") else "RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue(), image.mode, image.width, image.height


def _page_image(data: bytes, index: int) -> tuple[bytes, str, int, int]:
    """(JPEG bytes, "RGB" | "L", width, height) of one photo, upright."""
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise PhotoUnreadable(index)
        orientation = image.getexif().get(0x0112, 1)
        if image.format == "JPEG" and image.mode in ("RGB", "L") and orientation in (None, 1) \
                and getattr(image, "n_frames", 1) == 1:
            image.verify()  # the bytes go in as they are: make sure they decode
            return data, image.mode, image.width, image.height
        image.load()
        return _jpeg_of(image)
    except PhotoUnreadable:
        raise
    except Exception:  # Pillow raises many types on damaged or disguised files
        raise PhotoUnreadable(index) from None


def photos_to_pdf(photos: list[bytes]) -> bytes:
    """One PDF, one page per photo, in the order given. Raises PhotoUnreadable."""
    pdf = pikepdf.new()
    for index, data in enumerate(photos, 1):
        jpeg, mode, width, height = _page_image(data, index)
        scale = A4_LONG_POINTS / max(width, height)
        w_pt, h_pt = round(width * scale, 2), round(height * scale, 2)
        image = pikepdf.Stream(pdf, jpeg)
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = width, height, 8
        image.ColorSpace = pikepdf.Name.DeviceRGB if mode == "RGB" else pikepdf.Name.DeviceGray
        image.Filter = pikepdf.Name.DCTDecode
        content = pikepdf.Stream(pdf, f"q {w_pt} 0 0 {h_pt} 0 0 cm /Im0 Do Q".encode())
        page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, w_pt, h_pt], Contents=content,
                                  Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)))
        pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
