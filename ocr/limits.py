"""Guards that keep a hostile or enormous file from taking the service down.

Each check raises OcrError with a stable code.  The per-page time limit is a
Deadline passed down the steps of one page: cheap steps check it, Tesseract gets
what remains as its own timeout (pytesseract kills the process).
"""
from __future__ import annotations

import contextlib
import time
import warnings

from PIL import Image

from .config import OcrConfig
from .errors import OcrError

_MAGIC = [
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"II+\x00", "image"),  # BigTIFF
    (b"BM", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
]


HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif")


def is_heif(head: bytes) -> bool:
    """HEIF/HEIC (an iPhone's default photo format): an ISO box 'ftyp' with a HEIF brand."""
    return len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS


def sniff_type(data: bytes) -> str:
    """'pdf' or 'image' from the first bytes, never from a file name."""
    if not data:
        raise OcrError("empty", "Berkas kosong. / The file is empty.")
    head = data[:1024]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    if is_heif(head):
        return "image"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"%PDF-" in head:  # PDFs may carry junk before the header
        return "pdf"
    raise OcrError(
        "unsupported_type",
        "Jenis berkas tidak didukung; unggah PDF, JPEG, PNG, TIFF atau HEIC. "
        "/ Unsupported file type; upload a PDF, JPEG, PNG, TIFF or HEIC.",
    )


def check_file_size(data: bytes, config: OcrConfig) -> None:
    if len(data) > config.max_file_bytes:
        raise OcrError(
            "too_large",
            f"Berkas lebih besar dari {config.max_file_bytes // (1024 * 1024)} MB. "
            f"/ The file is larger than {config.max_file_bytes // (1024 * 1024)} MB.",
        )


def check_page_count(n: int, config: OcrConfig) -> None:
    if n <= 0:
        raise OcrError("empty", "Dokumen tidak memiliki halaman. / The document has no pages.")
    if n > config.max_pages:
        raise OcrError(
            "too_many_pages",
            f"Dokumen memiliki {n} halaman; batasnya {config.max_pages}. Pisahkan menjadi beberapa berkas. "
            f"/ The document has {n} pages; the limit is {config.max_pages}. Split it into several files.",
        )


MIN_SIDE_PIXELS = 32  # below this no page is legible, and OpenCV's filters fail on it


def check_pixels(width: int, height: int, config: OcrConfig) -> None:
    if width <= 0 or height <= 0:
        raise OcrError("unreadable", "Gambar tidak memiliki ukuran yang sah. / The image has no valid size.")
    if width < MIN_SIDE_PIXELS or height < MIN_SIDE_PIXELS:
        raise OcrError(
            "too_small",
            f"Gambar terlalu kecil ({width}x{height} piksel) untuk dibaca; pindai atau foto ulang dokumen. "
            f"/ The image is too small ({width}x{height} pixels) to read; scan or photograph the document again.",
        )
    if width * height > config.max_pixels_per_page:
        raise OcrError(
            "too_many_pixels",
            f"Halaman terlalu besar ({width}x{height} piksel); batasnya {config.max_pixels_per_page // 1_000_000} "
            f"megapiksel. / The page is too large ({width}x{height} pixels); the limit is "
            f"{config.max_pixels_per_page // 1_000_000} megapixels.",
        )


# bits per pixel of Pillow's modes, for the decoded size of a page
_MODE_BITS = {"1": 1, "L": 8, "P": 8, "LA": 16, "PA": 16, "I;16": 16, "I;16B": 16, "I;16L": 16, "RGB": 24,
              "YCbCr": 24, "LAB": 24, "HSV": 24, "RGBA": 32, "RGBX": 32, "CMYK": 32, "I": 32, "F": 32}


def decoded_bytes(width: int, height: int, mode: str) -> int:
    return width * height * _MODE_BITS.get(mode, 32) // 8


def check_decoded_bytes(width: int, height: int, mode: str, config: OcrConfig) -> None:
    """Pixels alone do not bound memory: a 16-bit or CMYK page decodes to more bytes than an 8-bit one."""
    size = decoded_bytes(width, height, mode)
    if size > config.max_decoded_bytes_per_page:
        raise OcrError(
            "too_many_pixels",
            f"Halaman terlalu besar untuk diproses ({width}x{height} piksel, {size // (1024 * 1024)} MB "
            f"setelah dibuka); batasnya {config.max_decoded_bytes_per_page // (1024 * 1024)} MB. "
            f"/ The page is too large to process ({width}x{height} pixels, {size // (1024 * 1024)} MB decoded); "
            f"the limit is {config.max_decoded_bytes_per_page // (1024 * 1024)} MB.",
        )


@contextlib.contextmanager
def pil_pixel_limit(config: OcrConfig):
    """Make PIL refuse decompression bombs above our own limit while we decode."""
    old = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = config.max_pixels_per_page
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise OcrError(
            "too_many_pixels",
            "Gambar terlalu besar untuk diproses. / The image is too large to process.",
        ) from exc
    finally:
        Image.MAX_IMAGE_PIXELS = old


class Deadline:
    """The time left for one page."""

    def __init__(self, seconds: float, page: int | None = None):
        self.seconds = seconds
        self.page = page
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def check(self) -> None:
        if self.remaining() <= 0:
            raise self.error()

    def error(self) -> OcrError:
        where = f" (halaman {self.page})" if self.page else ""
        return OcrError(
            "page_timeout",
            f"Halaman{where} membutuhkan waktu lebih dari {self.seconds:g} detik untuk dibaca. "
            f"/ A page took longer than {self.seconds:g} seconds to read.",
        )
