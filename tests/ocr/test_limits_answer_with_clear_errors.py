"""Hostile or enormous input is refused with a stable error code, never a crash or a hang."""
import dataclasses
import io
import struct
import zlib

import pytest
from PIL import Image

from ocr import OcrConfig, OcrError, analyze


def _code(source, **config):
    with pytest.raises(OcrError) as info:
        analyze(source, config=dataclasses.replace(OcrConfig(), **config))
    assert info.value.message
    return info.value.code


def test_too_many_pages(real_dir):
    assert _code(real_dir / "cardinal.pdf", max_pages=2) == "too_many_pages"


def test_too_many_pixels_in_a_pdf_image(real_dir):
    assert _code(real_dir / "enormous.pdf", max_pixels_per_page=50_000_000) == "too_many_pixels"


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge image: a decompression bomb's first bytes."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_decompression_bomb_image_is_refused_before_decoding():
    assert _code(_png_header_only(60_000, 60_000)) == "too_many_pixels"


def test_multi_frame_tiff_bomb_counts_pages():
    frames = [Image.new("L", (64, 64), 255) for _ in range(5)]
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:])
    assert _code(buf.getvalue(), max_pages=3) == "too_many_pages"


def test_page_time_limit(scans_dev_dir):
    assert _code(scans_dev_dir / "scan_024.png", page_timeout_seconds=0.3) == "page_timeout"


def test_encrypted_pdf_asks_for_an_unprotected_file():
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("rahasia", canPrint=0))
    c.drawString(100, 700, "Surat Keputusan")
    c.save()
    with pytest.raises(OcrError) as info:
        analyze(buf.getvalue())
    assert info.value.code == "encrypted"
    assert "tanpa kata sandi" in info.value.message


@pytest.mark.parametrize("data,code", [
    (b"", "empty"),
    (b"hello, this is not a scan", "unsupported_type"),
    (b"%PDF-1.7\n%%EOF", "unreadable"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "unreadable"),
    (b"\xff\xd8\xff\xe0" + b"garbage" * 10, "unreadable"),
])
def test_broken_or_foreign_bytes(data, code):
    assert _code(data) == code


def test_missing_file_is_unreadable(tmp_path):
    assert _code(tmp_path / "nope.pdf") == "unreadable"


def test_pil_limit_is_restored_after_analysis(scans_dev_dir):
    before = Image.MAX_IMAGE_PIXELS
    analyze(scans_dev_dir / "scan_005.jpg")  # a tiny page: quick
    assert Image.MAX_IMAGE_PIXELS == before


def test_errors_survive_pickling_for_worker_processes():
    import pickle

    err = pickle.loads(pickle.dumps(OcrError("encrypted", "x")))
    assert (err.code, err.message) == ("encrypted", "x")
