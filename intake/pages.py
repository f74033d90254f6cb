"""A scanned stack's pages: open a multi-page PDF, a multi-page TIFF or a ZIP of page images;
render a page for reading; find a separator sheet's QR code on it; cut out pages first..last as one
document (PDF pages stay PDF; images become one multi-page TIFF, losslessly)."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from PIL import Image

from intake.sheets import parse_payload

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
MAX_PAGES = 2000
MAX_ZIP_BYTES = 2 * 1024 ** 3  # uncompressed: a ZIP bomb stops here


class StackUnreadable(Exception):
    """The stack is not a PDF, TIFF or ZIP of page images we can read; `message` says so in Indonesian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ImagePage:
    """One page of an image stack, kept as its file's bytes and decoded when read: a 300-page stack of
    8-bit A4 scans is 2.6 GB decoded, a few dozen MB as files."""

    data: bytes
    frame: int = 0

    def load(self) -> Image.Image:
        """The page alone (a copy of its frame: saving it does not carry the file's other frames)."""
        with Image.open(io.BytesIO(self.data)) as image:
            image.seek(self.frame)
            return image.copy()


@dataclass
class Stack:
    kind: str  # "pdf" | "images"
    pdf: bytes = b""
    images: list[ImagePage] = field(default_factory=list)  # one per page (kind "images")
    page_count: int = 0


def open_stack(data: bytes, filename: str = "") -> Stack:
    if data[:5] == b"%PDF-":
        import pypdfium2

        from ocr import OcrConfig, OcrError
        from ocr.pdf_streams import check_decoded_streams

        try:
            check_decoded_streams(data, OcrConfig())  # a compression bomb is refused before PDFium inflates it
            count = len(pypdfium2.PdfDocument(data))
        except OcrError as exc:
            raise StackUnreadable(exc.message_id) from None
        except Exception:
            raise StackUnreadable("Berkas PDF rusak atau terkunci sandi; pindai ulang atau buka kuncinya.") from None
        return _bounded(Stack(kind="pdf", pdf=data, page_count=count))
    if data[:4] == b"PK\x03\x04":
        return _bounded(Stack(kind="images", images=_zip_images(data), page_count=0))
    try:
        image = Image.open(io.BytesIO(data))
        frames = getattr(image, "n_frames", 1)
    except Exception:
        raise StackUnreadable("Berkas bukan PDF, TIFF atau ZIP berisi gambar halaman.") from None
    if frames > MAX_PAGES:
        raise StackUnreadable(f"Tumpukan lebih dari {MAX_PAGES} halaman; bagi menjadi beberapa berkas.")
    pages = []
    for index in range(frames):
        try:
            image.seek(index)  # reads the frame's header, not its pixels
        except Exception:
            raise StackUnreadable(f"Halaman {index + 1} berkas ini rusak; pindai ulang.") from None
        _check_size(image, f"Halaman {index + 1}")
        pages.append(_decodable(ImagePage(data, index), f"Halaman {index + 1} berkas ini rusak; pindai ulang."))
    return _bounded(Stack(kind="images", images=pages))


def _decodable(page: ImagePage, refusal: str) -> ImagePage:
    """The page, once decoded and let go: a damaged page fails the stack before any part of it is filed."""
    try:
        page.load()
    except Exception:
        raise StackUnreadable(refusal) from None
    return page


def _check_size(image: Image.Image, what: str) -> None:
    """A page no larger than the OCR reads (pixels and decoded bytes), known from its header. A page too
    small to read is not refused here: it is read (and proposed for nothing) like a blank one."""
    from ocr import OcrConfig, OcrError
    from ocr.limits import check_decoded_bytes, check_pixels

    config = OcrConfig()
    try:
        check_pixels(image.width, image.height, config)
    except OcrError as exc:
        if exc.code != "too_small":  # a sliver is still held to the decoded-size limit below
            raise StackUnreadable(f"{what}: {exc.message_id}") from None
    try:
        check_decoded_bytes(image.width, image.height, image.mode, config)
    except OcrError as exc:
        raise StackUnreadable(f"{what}: {exc.message_id}") from None


def _bounded(stack: Stack) -> Stack:
    if stack.kind == "images":
        stack.page_count = len(stack.images)
    if stack.page_count == 0:
        raise StackUnreadable("Tumpukan ini tidak berisi halaman.")
    if stack.page_count > MAX_PAGES:
        raise StackUnreadable(f"Tumpukan lebih dari {MAX_PAGES} halaman; bagi menjadi beberapa berkas.")
    return stack


def _zip_images(data: bytes) -> list[ImagePage]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise StackUnreadable("Berkas ZIP rusak.") from None
    entries = sorted((i for i in archive.infolist() if i.filename.lower().endswith(IMAGE_SUFFIXES)
                      and not i.is_dir()), key=lambda i: i.filename)
    if sum(i.file_size for i in entries) > MAX_ZIP_BYTES:
        raise StackUnreadable("Isi ZIP terlalu besar setelah diekstrak.")
    if len(entries) > MAX_PAGES:
        raise StackUnreadable(f"Tumpukan lebih dari {MAX_PAGES} halaman; bagi menjadi beberapa berkas.")
    pages = []
    for info in entries:
        try:
            content = archive.read(info)
            image = Image.open(io.BytesIO(content))
        except Exception:
            raise StackUnreadable(f"Gambar {info.filename} di dalam ZIP rusak.") from None
        _check_size(image, f"Gambar {info.filename}")
        pages.append(_decodable(ImagePage(content), f"Gambar {info.filename} di dalam ZIP rusak."))
    return pages


def page_image(stack: Stack, number: int, dpi: int = 150) -> Image.Image:
    """Page `number` (1-based) as an RGB image."""
    if stack.kind == "pdf":
        import pypdfium2

        page = pypdfium2.PdfDocument(stack.pdf)[number - 1]
        return page.render(scale=dpi / 72).to_pil().convert("RGB")
    return stack.images[number - 1].load().convert("RGB")


def find_separator(image: Image.Image) -> tuple[str, str] | None:
    """(NIP, document type code) if the page is one of our separator sheets."""
    import zxingcpp

    for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        slot = parse_payload(result.text)
        if slot:
            return slot
    return None


def part_content(stack: Stack, first: int, last: int) -> tuple[bytes, str]:
    """Pages first..last as one file: (bytes, content type)."""
    out = io.BytesIO()
    if stack.kind == "pdf":
        import pikepdf

        with pikepdf.open(io.BytesIO(stack.pdf)) as source, pikepdf.new() as part:
            for index in range(first - 1, last):
                part.pages.append(source.pages[index])
            part.save(out)
        return out.getvalue(), "application/pdf"
    pages = [page if page.mode in ("1", "L", "RGB") else page.convert("RGB")
             for page in (stack.images[i].load() for i in range(first - 1, last))]
    pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_deflate")
    return out.getvalue(), "image/tiff"
