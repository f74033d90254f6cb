"""Stand-ins for `shared/corpus/real` (real-world scans and awkward PDFs from OCRmyPDF's test suite),
made here so that a clone without `../shared` runs the same checks on files of the same kinds:

- `typewriter.png`   a 1-bit typewritten page (monospace), 4000x2864
- `linn.png`/`.txt`  a 1-bit two-column page and its transcript
- `c02-22.pdf`       a small book page with an illustration, an RGB JPEG inside a PDF (DCTDecode)
- `cardinal.pdf`     four 1-bit pages, CCITT Group 4 (CCITTFaxDecode)
- `jbig2.pdf`        a 1-bit page in JBIG2 (an MMR generic region, JBIG2Decode)
- `skew.pdf`         a 1-bit page scanned 3 degrees askew, CCITT Group 4
- `enormous.pdf`     a 9000x9000 px page (81 megapixels), Flate
- `blank.pdf`        a page with nothing on it
- `invalid.pdf`      a PDF header and an EOF marker only
- `SOURCES-generated.txt` (text, not a scan) and `empty.pdf` (zero bytes)

Deterministic: the same bytes on every run. The English text is written for these files.
usage: python tests/support/awkward_files.py OUT_DIR
"""
from __future__ import annotations

import io
import struct
import sys
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"

LINN_TITLE = "The Linn Valley Water Board"
LINN_COLUMNS = [
    "The Linn Valley Water Board was formed by the towns along the river to share one supply of clean "
    "water. Its first task was a survey of every spring, well and stream in the valley, and the survey "
    "books are still kept in the archive of the board. Each entry names the owner of the land, the depth "
    "of the well and the season in which it ran dry. The board met once a month in the town hall of Linn "
    "and published its minutes in the local paper, so that every farmer could read what had been decided.",
    "Within ten years the board had laid a main pipe from the upper reservoir to the market square, with "
    "branches to the school, the mill and the hospital. The engineers kept careful notes of every joint and "
    "valve, and those notes made later repairs quick and cheap. When the great flood of the spring came, the "
    "reservoir held, and the towns of the Linn valley were the only ones in the county that never lost their "
    "water. The annual report of that year is a short one: it thanks the workers and lists their names.",
]
TYPEWRITER = [
    "Lentil soup for four people",
    "",
    "Wash two cups of lentils in cold water and let",
    "them soak for one hour. Chop an onion, two carrots",
    "and a stick of celery. Fry the onion in butter",
    "until it is soft, add the carrots and the celery,",
    "then the lentils and six cups of water. Bring it",
    "to the boil and let it simmer for forty minutes.",
    "Season with salt, pepper and a little vinegar.",
]
BOOK_PAGE = [
    "CHAPTER IV.",
    "We went up the hill at the back of the village",
    "and sat down under the old trees by the river,",
    "where nobody could see us from the road. The",
    "wind was in the leaves and the water ran quick",
    "and brown below us, and we talked about the raft",
    "and the island and the things we would do when",
    "the summer came. The trees were full of birds.",
]
CARDINAL_PAGES = [
    ("I. The survey", LINN_COLUMNS[0] + " " + LINN_COLUMNS[1][:260]),
    ("II. The main pipe", LINN_COLUMNS[1] + " " + LINN_COLUMNS[0][:260]),
    ("III. Repairs", "Every joint and valve was numbered, and the numbers were painted on the pavement above "
     "them. " + LINN_COLUMNS[0][120:] + " " + LINN_COLUMNS[1][:200]),
    ("IV. The flood", "The spring flood tested every work of the board at once. " + LINN_COLUMNS[1][180:]
     + " The board of Linn met the next morning and wrote down what had held and what had not. "
     + LINN_COLUMNS[0][:240]),
]


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT_DIR + name, size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    return lines + ([current] if current else [])


def _letter_page(title: str, columns: list[str]) -> tuple[Image.Image, str]:
    """A US-letter page at 300 dpi (2550x3300, 1-bit) with a title and one text per column, and the
    text printed on it, column after column."""
    page = Image.new("L", (2550, 3300), 255)
    draw = ImageDraw.Draw(page)
    head, font = _font("DejaVuSerif-Bold.ttf", 64), _font("DejaVuSerif.ttf", 42)
    draw.text((250, 250), title, font=head, fill=0)
    printed = [title]
    gap = 120
    width = (2550 - 500 - gap * (len(columns) - 1)) // len(columns)
    for column, text in enumerate(columns):
        x, y = 250 + column * (width + gap), 420
        for line in _wrap(draw, text, font, width):
            draw.text((x, y), line, font=font, fill=0)
            printed.append(line)
            y += 62
    return page.point(lambda v: 255 if v > 128 else 0).convert("1"), "\n".join(printed)


# --- a small PDF writer: one image per page, the image stream encoded as given ---------------------

def _pdf(pages: list[dict]) -> bytes:
    """pages: dicts with width, height, colorspace, bpc, filter, params (PDF dict text or ''), data
    (no data: an empty page) and the page size in points (w_pt, h_pt)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    kids = []
    objects.extend([b"", b""])  # 1 the catalog, 2 the page tree: written last
    for page in pages:
        image = page["data"] and add(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent %d "
            % (page["width"], page["height"], page["colorspace"].encode(), page["bpc"])
            + (b"/Filter /%s " % page["filter"].encode() if page["filter"] else b"")
            + (page["params"].encode() + b" " if page["params"] else b"")
            + b"/Length %d >>\nstream\n" % len(page["data"]) + page["data"] + b"\nendstream")
        w_pt, h_pt = page["w_pt"], page["h_pt"]
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (w_pt, h_pt) if page["data"] else b""
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        resources = b"/Resources << /XObject << /Im0 %d 0 R >> >>" % image if page["data"] else b"/Resources << >>"
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] %s /Contents %d 0 R >>"
                        % (2, w_pt, h_pt, resources, stream)))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(kids), b" ".join(b"%d 0 R" % k for k in kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _group4(image: Image.Image) -> bytes:
    """The CCITT Group 4 (T.6) code of a 1-bit page, in one strip as libtiff writes it. libtiff codes 0 bits
    as the "white" runs, and in a Pillow "1" image the paper is 1: the page is inverted first, so the
    paper is white in the code, as CCITTFaxDecode (BlackIs1 false) and JBIG2 MMR read it."""
    inverted = ImageOps.invert(image.convert("L")).convert("1")
    buf = io.BytesIO()
    inverted.save(buf, format="TIFF", compression="group4", tiffinfo={278: image.height})  # RowsPerStrip
    tiff = Image.open(io.BytesIO(buf.getvalue()))
    offset, count = tiff.tag_v2[273][0], tiff.tag_v2[279][0]  # StripOffsets, StripByteCounts
    return buf.getvalue()[offset:offset + count]


def _ccitt_page(image: Image.Image, dpi: int = 300) -> dict:
    return {"width": image.width, "height": image.height, "colorspace": "DeviceGray", "bpc": 1,
            "filter": "CCITTFaxDecode",
            "params": f"/DecodeParms << /K -1 /Columns {image.width} /Rows {image.height} /BlackIs1 false >>",
            "data": _group4(image), "w_pt": image.width * 72 / dpi, "h_pt": image.height * 72 / dpi}


def _jbig2_page(image: Image.Image, dpi: int = 300) -> dict:
    """An embedded JBIG2 stream (ISO 14492, no file header): page information, one immediate lossless
    generic region coded with MMR (which is T.6, the same code as CCITT Group 4), end of page."""
    w, h = image.width, image.height

    def segment(number: int, kind: int, data: bytes) -> bytes:
        # number, flags (type; 1-byte page association), no referred-to segments, page 1, length
        return struct.pack(">IBBBI", number, kind, 0, 1, len(data)) + data

    page_info = struct.pack(">IIIIBH", w, h, int(dpi / 0.0254), int(dpi / 0.0254), 0, 0)
    region_info = struct.pack(">IIIIB", w, h, 0, 0, 0)
    generic = region_info + bytes([0x01]) + _group4(image)  # generic region flags: MMR=1, template 0
    stream = segment(0, 48, page_info) + segment(1, 39, generic) + segment(2, 49, b"")
    return {"width": w, "height": h, "colorspace": "DeviceGray", "bpc": 1, "filter": "JBIG2Decode",
            "params": "", "data": stream, "w_pt": w * 72 / dpi, "h_pt": h * 72 / dpi}


def _flate_page(image: Image.Image, dpi: int = 300) -> dict:
    return {"width": image.width, "height": image.height, "colorspace": "DeviceGray", "bpc": 8,
            "filter": "FlateDecode", "params": "", "data": zlib.compress(image.tobytes(), 9),
            "w_pt": image.width * 72 / dpi, "h_pt": image.height * 72 / dpi}


def _jpeg_page(image: Image.Image, dpi: int) -> dict:
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=80)
    return {"width": image.width, "height": image.height, "colorspace": "DeviceRGB", "bpc": 8,
            "filter": "DCTDecode", "params": "", "data": buf.getvalue(),
            "w_pt": image.width * 72 / dpi, "h_pt": image.height * 72 / dpi}


# --- the files ----------------------------------------------------------------------------------

def typewriter_png() -> bytes:
    page = Image.new("L", (4000, 2864), 255)
    draw = ImageDraw.Draw(page)
    font = _font("DejaVuSansMono.ttf", 84)
    for i, line in enumerate(TYPEWRITER):
        draw.text((300, 300 + i * 230), line, font=font, fill=0)
    buf = io.BytesIO()
    page.point(lambda v: 255 if v > 140 else 0).convert("1").save(buf, format="PNG", dpi=(400, 400))
    return buf.getvalue()


def linn() -> tuple[bytes, str]:
    page, text = _letter_page(LINN_TITLE, LINN_COLUMNS)
    buf = io.BytesIO()
    page.save(buf, format="PNG", dpi=(300, 300))
    return buf.getvalue(), text + "\n"


def book_page_pdf() -> bytes:
    page = Image.new("RGB", (800, 981), (236, 228, 210))  # yellowed paper, 150 dpi
    draw = ImageDraw.Draw(page)
    font = _font("DejaVuSerif-Italic.ttf", 27)
    y = 60
    for line in BOOK_PAGE:
        draw.text((70, y), line, font=font, fill=(40, 35, 30))
        y += 44
    # an engraving: two trees and a river under them
    for x in (230, 520):
        draw.rectangle((x - 12, 760, x + 12, 900), fill=(60, 50, 40))
        for r in range(120, 20, -14):
            draw.ellipse((x - r, 700 - r, x + r, 700 + r // 2), outline=(50, 45, 35), width=3)
    for k in range(6):
        draw.line((60, 915 + k * 9, 740, 905 + k * 11), fill=(70, 60, 50), width=2)
    return _pdf([_jpeg_page(page, 150)])


def cardinal_pdf() -> bytes:
    return _pdf([_ccitt_page(_letter_page(title, [body])[0]) for title, body in CARDINAL_PAGES])


def jbig2_pdf() -> bytes:
    return _pdf([_jbig2_page(_letter_page(LINN_TITLE, LINN_COLUMNS[:1])[0])])


def skew_pdf() -> bytes:
    page = _letter_page(LINN_TITLE, LINN_COLUMNS[1:])[0].convert("L")
    turned = page.rotate(3.0, resample=Image.BICUBIC, fillcolor=255)  # same size: the scanner's frame
    return _pdf([_ccitt_page(turned.point(lambda v: 255 if v > 128 else 0).convert("1"))])


def enormous_pdf() -> bytes:
    page = Image.new("L", (9000, 9000), 255)
    draw = ImageDraw.Draw(page)
    font = _font("DejaVuSans.ttf", 260)
    for i, line in enumerate(["This page is enormous:", "nine thousand by nine", "thousand pixels, or",
                              "eighty-one megapixels."]):
        draw.text((700, 1500 + i * 420), line, font=font, fill=0)
    return _pdf([_flate_page(page)])


def blank_pdf() -> bytes:
    return _pdf([{"data": b"", "w_pt": 612, "h_pt": 792}])


def make_real_set(out: Path) -> Path:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    linn_png, linn_txt = linn()
    files = {
        "typewriter.png": typewriter_png(),
        "linn.png": linn_png,
        "linn.txt": linn_txt.encode(),
        "c02-22.pdf": book_page_pdf(),
        "cardinal.pdf": cardinal_pdf(),
        "jbig2.pdf": jbig2_pdf(),
        "skew.pdf": skew_pdf(),
        "enormous.pdf": enormous_pdf(),
        "blank.pdf": blank_pdf(),
        "invalid.pdf": b"%PDF-1.3\nA header and an end marker, nothing between\n%%EOF\n",
        "empty.pdf": b"",
        "SOURCES-generated.txt": (__doc__ or "").encode(),
    }
    for name, data in files.items():
        (out / name).write_bytes(data)
    return out


if __name__ == "__main__":
    print(make_real_set(Path(sys.argv[1])))
