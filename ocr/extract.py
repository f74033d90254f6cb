"""Getting pages out of a file: the PDF text layer (pdfplumber), rendered PDF pages
(pypdfium2) and image frames (Pillow, multi-page TIFF included), all under the limits.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from . import limits, pdf_streams
from .config import OcrConfig
from .errors import OcrError

try:  # HEIF/HEIC photos (an iPhone's default) open in Pillow like any other image
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - pinned in pyproject.toml
    pass

A4_LONG_INCHES = 11.69


@dataclass
class RawPage:
    number: int  # 1-based
    image: np.ndarray | None  # uint8, grey (H, W) or BGR (H, W, 3)
    dpi: float | None  # resolution the file states (PDF render dpi, image metadata), if any
    text_layer: str | None  # the PDF's own text when it has real text
    from_pdf: bool
    full_size: tuple[int, int] | None = None  # (width, height) of the upright page as stored, when `image` is smaller


def read_source(source) -> tuple[bytes, str | None]:
    """bytes | str path | Path -> (bytes, name)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), None
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            return path.read_bytes(), str(source)
        except IsADirectoryError:
            raise OcrError("unreadable", f"{source} adalah folder. / {source} is a folder.") from None
        except OSError as exc:
            raise OcrError("unreadable", f"Berkas tidak dapat dibuka. / Cannot open the file: {exc.strerror}") from None
    raise TypeError(f"source must be bytes, str or Path, not {type(source).__name__}")


def open_document(data: bytes, config: OcrConfig) -> "PdfDocument | ImageDocument":
    limits.check_file_size(data, config)
    kind = limits.sniff_type(data)
    if kind == "pdf":
        pdf_streams.check_decoded_streams(data, config)  # before PDFium or pdfminer inflate a bomb
    doc = PdfDocument(data, config) if kind == "pdf" else ImageDocument(data, config)
    limits.check_page_count(doc.page_count, config)
    return doc


_WORD_CHARS = re.compile(r"[0-9A-Za-zÀ-ɏ]")


def real_text(text: str | None, min_chars: int) -> bool:
    """A text layer is real when it has enough letters/digits and is not (cid:N) garbage."""
    if not text:
        return False
    if text.count("(cid:") * 6 > len(text) / 2:
        return False
    return len(_WORD_CHARS.findall(text)) >= min_chars


class PdfDocument:
    def __init__(self, data: bytes, config: OcrConfig):
        import pypdfium2 as pdfium

        self._pdfium = pdfium
        self.config = config
        self.data = data
        try:
            self.pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise OcrError(
                    "encrypted",
                    "PDF dilindungi kata sandi; unggah berkas tanpa kata sandi/proteksi. "
                    "/ The PDF is password-protected; upload an unprotected file.",
                ) from None
            raise OcrError(
                "unreadable",
                "PDF rusak atau tidak dapat dibaca; simpan ulang atau pindai ulang dokumen. "
                "/ The PDF is damaged or unreadable; save or scan it again.",
            ) from None
        self.page_count = len(self.pdf)
        self._plumber = None
        self._plumber_failed = False

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()
        self.pdf.close()

    def _text_layer(self, index: int) -> str | None:
        text = None
        if not self._plumber_failed:
            try:
                if self._plumber is None:
                    import pdfplumber

                    self._plumber = pdfplumber.open(io.BytesIO(self.data))
                text = self._plumber.pages[index].extract_text() or ""
            except Exception:  # pdfminer raises many types on odd files; fall back to pdfium
                self._plumber_failed = True
        if text is None:
            try:
                textpage = self.pdf[index].get_textpage()
                text = textpage.get_text_bounded() or ""
            except Exception:
                text = ""
        return text if real_text(text, self.config.min_text_layer_chars) else None

    def page(self, number: int, *, render: bool = True) -> RawPage:
        pdfium = self._pdfium
        page = self.pdf[number - 1]
        for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
            try:
                w, h = obj.get_px_size()
            except Exception:
                continue
            limits.check_pixels(w, h, self.config)
        text = self._text_layer(number - 1)
        width_pt, height_pt = page.get_size()
        if width_pt <= 0 or height_pt <= 0:
            raise OcrError("unreadable", "Halaman PDF tidak memiliki ukuran. / A PDF page has no size.")
        # render no finer than the scan inside the page: upsampling adds pixels, not detail
        dpi = min(float(self.config.dpi), max(72.0, _effective_pdf_dpi(page, float(self.config.dpi))))
        pixels = (width_pt / 72 * dpi) * (height_pt / 72 * dpi)
        if pixels > self.config.max_render_pixels:
            dpi *= (self.config.max_render_pixels / pixels) ** 0.5
        image = None
        if render:
            try:
                bitmap = page.render(scale=dpi / 72, grayscale=False, fill_color=(255, 255, 255, 255),
                                     may_draw_forms=True)
                image = bitmap.to_numpy()
            except pdfium.PdfiumError as exc:
                raise OcrError("unreadable", f"Halaman {number} tidak dapat digambar. "
                                             f"/ Page {number} cannot be rendered.") from exc
            image = _to_bgr_or_grey(image, bitmap.mode if hasattr(bitmap, "mode") else None)
        return RawPage(number, image, min(dpi, _effective_pdf_dpi(page, dpi)), text, True)


def _effective_pdf_dpi(page, render_dpi: float) -> float:
    """A scan embedded at 72 dpi rendered at 300 dpi still has 72 dpi of detail."""
    import pypdfium2 as pdfium

    best = None
    width_pt, height_pt = page.get_size()
    for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        try:
            w, h = obj.get_px_size()
            left, bottom, right, top = obj.get_bounds()
        except Exception:
            continue
        area = (right - left) * (top - bottom)
        if area < 0.3 * width_pt * height_pt or right <= left:
            continue
        dpi = min(w / ((right - left) / 72), h / ((top - bottom) / 72))
        best = dpi if best is None else max(best, dpi)
    return min(render_dpi, best) if best else render_dpi


def _to_bgr_or_grey(array: np.ndarray, mode) -> np.ndarray:
    if array.ndim == 3 and array.shape[2] == 4:
        array = array[:, :, :3]
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    return np.ascontiguousarray(array)


class ImageDocument:
    def __init__(self, data: bytes, config: OcrConfig):
        self.config = config
        self.data = data
        try:
            with limits.pil_pixel_limit(config):
                self.image = Image.open(io.BytesIO(data))
                limits.check_pixels(self.image.width, self.image.height, config)
                self.page_count = getattr(self.image, "n_frames", 1)
        except OcrError:
            raise
        except Exception:
            raise OcrError(
                "unreadable",
                "Gambar rusak atau tidak dapat dibaca; simpan ulang atau foto ulang dokumen. "
                "/ The image is damaged or unreadable; save it or take the photo again.",
            ) from None

    def close(self) -> None:
        self.image.close()

    def page(self, number: int, *, render: bool = True, max_pixels: int | None = None) -> RawPage:
        """Page `number`, decoded at most `max_pixels` large (default config.max_render_pixels): a JPEG
        is decoded small by libjpeg itself, anything else is shrunk right after decoding, before EXIF
        rotation and before any wider copy — a 16-bit 100-megapixel PNG never becomes a float array."""
        max_pixels = max_pixels or self.config.max_render_pixels
        try:
            with limits.pil_pixel_limit(self.config):
                self.image.seek(number - 1)
                frame = self.image
                limits.check_pixels(frame.width, frame.height, self.config)
                limits.check_decoded_bytes(frame.width, frame.height, frame.mode, self.config)
                full_size = (frame.width, frame.height)
                if number == 1 and frame.getexif().get(0x0112) in (5, 6, 7, 8):  # EXIF turns it a quarter
                    full_size = (frame.height, frame.width)
                dpi = frame.info.get("dpi")
                frame = shrink_to(frame, max_pixels)
                if number == 1:
                    frame = ImageOps.exif_transpose(frame)
                array = pil_to_array(frame)
        except OcrError:
            raise
        except Exception:
            raise OcrError(
                "unreadable",
                f"Halaman {number} gambar rusak. / Page {number} of the image is damaged.",
            ) from None
        try:
            dpi_value = float(dpi[0]) if dpi else None
        except (TypeError, ValueError, IndexError):
            dpi_value = None
        if dpi_value is not None and not 30 <= dpi_value <= 2400:
            dpi_value = None
        shrunk = array.shape[1] * array.shape[0] < full_size[0] * full_size[1]
        return RawPage(number, array, dpi_value, None, False, full_size if shrunk else None)


def shrink_to(frame: Image.Image, max_pixels: int) -> Image.Image:
    """The frame with at most `max_pixels`, shrunk with a box filter (area average, as cv2.INTER_AREA)."""
    pixels = frame.width * frame.height
    if pixels <= max_pixels:
        return frame
    factor = (max_pixels / pixels) ** 0.5
    size = (max(1, int(frame.width * factor)), max(1, int(frame.height * factor)))
    if frame.format == "JPEG" and frame.tell() == 0:
        frame.draft(frame.mode, size)  # libjpeg decodes at 1/2, 1/4 or 1/8 scale: never the full image
        if frame.width * frame.height <= max_pixels:
            return frame
    if frame.mode in ("P", "1", "LA", "PA", "RGBA", "CMYK", "YCbCr"):
        frame = frame.convert("RGB" if frame.mode not in ("1", "LA") else "L")
    return frame.resize(size, Image.Resampling.BOX)


def pil_to_array(frame: Image.Image) -> np.ndarray:
    mode = frame.mode
    if mode in ("1", "L", "I;16", "I;16B", "I;16L", "I", "F", "LA"):
        if mode in ("I;16", "I;16B", "I;16L", "I", "F"):
            # scaled to 8 bits in place, in 32-bit floats, on the already shrunk page
            a = np.asarray(frame, dtype=np.float32)
            hi = max(float(a.max()), 1.0)
            np.multiply(a, 255.0 / hi, out=a)
            np.clip(a, 0, 255, out=a)
            return a.astype(np.uint8)
        return np.asarray(frame.convert("L"), dtype=np.uint8).copy()
    rgb = np.asarray(frame.convert("RGB"), dtype=np.uint8)
    return np.ascontiguousarray(rgb[:, :, ::-1])  # BGR, as OpenCV expects
