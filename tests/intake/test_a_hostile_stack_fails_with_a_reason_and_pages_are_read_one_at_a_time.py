"""A scanned stack that would take a worker down fails with a reason in Indonesian instead: a PDF whose
page content inflates a thousandfold, a ZIP or TIFF holding a page of more pixels than the OCR reads.
An image stack's pages are decoded one at a time as they are read (a 300-page stack of 8-bit A4
scans is 2.6 GB decoded), and what the split files is the same pages as before."""
import io
import struct
import zipfile
import zlib

import pytest
from PIL import Image

from intake.models import IntakeBatch
from intake.pages import ImagePage, StackUnreadable, open_stack, page_image, part_content
from tests.support.hostile_files import pdf_content_bomb

pytestmark = pytest.mark.django_db


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels."""
    out = io.BytesIO()
    Image.new("L", (10, 10), 255).save(out, "PNG")
    raw = bytearray(out.getvalue())
    raw[16:24] = struct.pack(">II", width, height)
    raw[29:33] = struct.pack(">I", zlib.crc32(bytes(raw[12:29])))  # the header's checksum, so it opens
    return bytes(raw)


def test_a_pdf_bomb_stack_fails_with_the_reason(users, api_client_for, django_capture_on_commit_callbacks):
    upload = io.BytesIO(pdf_content_bomb(80))
    upload.name = "tumpukan.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        sent = api_client_for(users["fasilitator"]).post("/api/v1/intake-batches/", {"file": upload},
                                                         format="multipart")
    assert sent.status_code == 201, sent.content
    batch = IntakeBatch.objects.get(pk=sent.json()["id"])
    assert batch.status == "failed" and "terlalu besar setelah dibuka" in batch.error
    assert not batch.parts.exists()


def test_a_page_larger_than_the_ocr_reads_is_named():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("001.png", _png(1240, 1754))
        zipped.writestr("002.png", _png_claiming(100_000, 100_000))
    with pytest.raises(StackUnreadable, match="002.png"):
        open_stack(archive.getvalue(), "tumpukan.zip")
    small = io.BytesIO()  # a page too small to read is read like a blank one, not a reason to refuse the stack
    with zipfile.ZipFile(small, "w") as zipped:
        zipped.writestr("001.png", _png(1240, 1754))
        zipped.writestr("002.png", _png(10, 10))
    assert open_stack(small.getvalue(), "tumpukan.zip").page_count == 2
    damaged = io.BytesIO()  # a page that cannot be decoded fails the stack before anything is filed
    with zipfile.ZipFile(damaged, "w") as zipped:
        zipped.writestr("001.png", _png(1240, 1754))
        zipped.writestr("002.png", _png(1240, 1754)[:-200])
    with pytest.raises(StackUnreadable, match="002.png di dalam ZIP rusak"):
        open_stack(damaged.getvalue(), "tumpukan.zip")


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height), 255).save(out, "PNG")
    return out.getvalue()


def test_image_pages_are_decoded_when_read_and_cut_the_same():
    pages = [Image.new("L", (1240, 1754), shade) for shade in (255, 200, 150)]
    tiff = io.BytesIO()
    pages[0].save(tiff, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_deflate")
    stack = open_stack(tiff.getvalue(), "tumpukan.tif")
    assert stack.page_count == 3 and all(isinstance(page, ImagePage) for page in stack.images)
    assert page_image(stack, 2).getpixel((10, 10)) == (200, 200, 200)
    content, content_type = part_content(stack, 2, 3)
    cut = Image.open(io.BytesIO(content))
    assert content_type == "image/tiff" and cut.n_frames == 2
    cut.seek(1)
    assert cut.getpixel((10, 10)) == 150
