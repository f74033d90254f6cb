"""What a file really is, decided from its first bytes, never from its name or the
content type the browser claims."""
from __future__ import annotations

from dataclasses import dataclass

ACCEPTED_LABEL = "PDF, JPEG, PNG, TIFF, HEIC"


@dataclass(frozen=True)
class FileKind:
    mime: str
    label: str
    extension: str


PDF = FileKind("application/pdf", "PDF", "pdf")
JPEG = FileKind("image/jpeg", "JPEG", "jpg")
PNG = FileKind("image/png", "PNG", "png")
TIFF = FileKind("image/tiff", "TIFF", "tif")
HEIC = FileKind("image/heic", "HEIC", "heic")

# Signatures of what people actually send by mistake (or on purpose), so the
# refusal can say what was found (in English for `found` and message_en, in Indonesian for message_id).
_ACCEPTED = [
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
]
_REFUSED = [
    (b"MZ", "a Windows program (EXE)", "program Windows (EXE)"),
    (b"\x7fELF", "a Linux program (ELF)", "program Linux (ELF)"),
    (b"PK\x03\x04", "a ZIP archive or Office document", "arsip ZIP atau dokumen Office"),
    (b"\xd0\xcf\x11\xe0", "an old Office document", "dokumen Office versi lama"),
    (b"GIF8", "a GIF image", "gambar GIF"),
    (b"RIFF", "a RIFF file (WEBP image, WAV or AVI)", "berkas RIFF (gambar WEBP, WAV atau AVI)"),
    (b"Rar!", "a RAR archive", "arsip RAR"),
    (b"7z\xbc\xaf", "a 7-Zip archive", "arsip 7-Zip"),
    (b"\x1f\x8b", "a gzip archive", "arsip gzip"),
    (b"{\\rtf", "an RTF document", "dokumen RTF"),
    (b"#!", "a script", "skrip"),
]


class UnsupportedFileType(Exception):
    def __init__(self, found: str, found_id: str = ""):
        self.found = found
        self.message_id = (f"Berkas ini adalah {found_id or found}, bukan dokumen pindaian. "
                           f"Unggah berkas {ACCEPTED_LABEL}.")
        self.message_en = f"This file is {found}, not a scanned document. Upload a {ACCEPTED_LABEL} file."
        super().__init__(self.message_en)


def _describe_unknown(head: bytes) -> tuple[str, str]:
    """(in English, in Indonesian)"""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")):
        return "an HTML page", "halaman HTML"
    if stripped.startswith(b"<?xml") or stripped.startswith(b"<svg"):
        return "an XML/SVG document", "dokumen XML/SVG"
    if not head:
        return "an empty file", "berkas kosong"
    try:
        head.decode("utf-8")
        return "a plain text file", "berkas teks biasa"
    except UnicodeDecodeError:
        return "an unrecognised binary file", "berkas biner yang tidak dikenali"


def detect_file_kind(head: bytes) -> FileKind:
    """Classify by signature. `head` is the first few KB. Raises UnsupportedFileType."""
    for signature, kind in _ACCEPTED:
        if head.startswith(signature):
            return kind
    from ocr.limits import is_heif

    if is_heif(head):
        return HEIC
    # Some scanners put a blank line before the PDF header; readers accept it, so do we.
    if head.lstrip(b"\r\n\t \x00").startswith(b"%PDF-"):
        return PDF
    for signature, found, found_id in _REFUSED:
        if head.startswith(signature):
            raise UnsupportedFileType(found, found_id)
    raise UnsupportedFileType(*_describe_unknown(head[:512]))


def image_upright_size(stream) -> tuple[int, int]:
    """(width, height) of an image as it is shown: EXIF orientation applied (a phone photo taken
    upright is often stored sideways with an orientation tag). Reads the header only; rewinds."""
    from PIL import Image

    import ocr.extract  # noqa: F401  (registers the HEIF/HEIC opener)

    position = stream.tell()
    try:
        with Image.open(stream) as image:
            width, height = image.size
            if image.getexif().get(0x0112) in (5, 6, 7, 8):  # turned a quarter: the sides swap
                width, height = height, width
    finally:
        stream.seek(position)
    return width, height
