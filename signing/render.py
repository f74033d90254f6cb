"""Rendering issued documents (decrees, letters, cards) to PDF/A-2b.

The renderer is reportlab, drawing on a canvas: 15-20 ms of CPU for a
one-page decree here (``bench/signing_bench.py``: ``render``), in process,
pure Python wheels only, and exact control over where the QR code and the
signature box go, which the signing step needs.  HTML engines (the
``*.html`` templates DESIGN.md first imagined) were not measured: WeasyPrint
is not installed and needs Pango; headless browsers cannot be fetched here.

PDF/A-2b here means: every font embedded (DejaVu, subset by reportlab), an
sRGB OutputIntent (ICC profile built by Pillow's littleCMS, nothing
downloaded), XMP metadata that matches the Info dictionary with
``pdfaid:part=2, conformance=B``, no encryption, no transparency groups, no
standard-14 fonts.  pyHanko's signature revision keeps the XMP in step.

The words come from ``templates/documents/<code>.toml`` (see
:mod:`signing.templates`); the layout (letterhead, data table, signature
block, QR code) is here.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any, Mapping
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCatalog,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
)
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from .config import RenderConfig, SignatureMeta
from .qr import draw_qr, verify_url as make_verify_url
from .templates import DocumentTemplate, format_date_id, get_template

# ASCII85 on top of Flate only makes streams 25% bigger.
rl_config.useA85 = 0

A4 = (595.2756, 841.8898)
ID1_CARD = (242.6457, 153.0709)  # 85.6 mm x 54 mm

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
PRODUCER = "Berkas ASN (ReportLab)"

_font_lock = threading.Lock()
_fonts_registered: set[Path] = set()


def _register_fonts(font_dir: Path) -> None:
    with _font_lock:
        if font_dir in _fonts_registered:
            return
        pdfmetrics.registerFont(TTFont(FONT, str(font_dir / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(font_dir / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)
        _fonts_registered.add(font_dir)


@functools.lru_cache(maxsize=1)
def srgb_icc_profile() -> bytes:
    """An sRGB ICC profile, built by littleCMS through Pillow (no file needed)."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


class _RawStream(PDFStream):
    """A stream written without filters and without a /Filter key (PDF/A
    wants the XMP metadata stream readable as plain text)."""

    def format(self, document):
        dictionary = PDFDictionary(self.dictionary.dict.copy())
        content = self.content if isinstance(self.content, bytes) else self.content.encode()
        dictionary["Length"] = len(content)
        return dictionary.format(document) + b"\nstream\n" + content + b"\nendstream\n"


def _xmp(*, title: str, author: str, subject: str, keywords: str, creator: str,
         producer: str, date_iso: str, doc_id: str) -> bytes:
    e = escape
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:xmp="http://ns.adobe.com/xap/1.0/"
  xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
  xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
  xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{e(author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(subject)}</rdf:li></rdf:Alt></dc:description>
<xmp:CreateDate>{date_iso}</xmp:CreateDate>
<xmp:ModifyDate>{date_iso}</xmp:ModifyDate>
<xmp:MetadataDate>{date_iso}</xmp:MetadataDate>
<xmp:CreatorTool>{e(creator)}</xmp:CreatorTool>
<pdf:Producer>{e(producer)}</pdf:Producer>
<pdf:Keywords>{e(keywords)}</pdf:Keywords>
<pdf:Trapped>False</pdf:Trapped>
<xmpMM:DocumentID>uuid:{doc_id}</xmpMM:DocumentID>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode("utf-8")


class PdfACanvas(Canvas):
    """A reportlab canvas that writes PDF/A-2b: OutputIntent + XMP on save."""

    def __init__(self, buf, *, pagesize, title: str, author: str, subject: str,
                 keywords: str, doc_id: str):
        super().__init__(
            buf,
            pagesize=pagesize,
            pageCompression=1,
            initialFontName=FONT,
            initialFontSize=10,
            pdfVersion=(1, 7),
        )
        self._pdfa = dict(title=title, author=author, subject=subject, keywords=keywords,
                          doc_id=doc_id)
        self.setTitle(title)
        self.setAuthor(author)
        self.setSubject(subject)
        self.setKeywords(keywords)
        self.setCreator("Berkas ASN")
        self.setProducer(PRODUCER)

    def save(self):
        doc = self._doc
        ts = doc._timeStamp
        y, mo, d, h, mi, s = ts.YMDhms
        sign = "+" if ts.dhh >= 0 else "-"
        date_iso = (f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}"
                    f"{sign}{abs(ts.dhh):02d}:{ts.dmm:02d}")
        meta = self._pdfa
        xmp = _xmp(title=meta["title"], author=meta["author"], subject=meta["subject"],
                   keywords=meta["keywords"], creator="Berkas ASN", producer=PRODUCER,
                   date_iso=date_iso, doc_id=meta["doc_id"])
        metadata = _RawStream(
            PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), xmp
        )
        icc = PDFStream(PDFDictionary({"N": 3}), srgb_icc_profile())
        intent = PDFDictionary({
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString("sRGB IEC61966-2.1"),
            "Info": PDFString("sRGB IEC61966-2.1"),
            "DestOutputProfile": doc.Reference(icc),
        })
        catalog = doc.Catalog
        catalog.__NoDefault__ = list(PDFCatalog.__NoDefault__) + ["OutputIntents"]
        catalog.OutputIntents = PDFArray([doc.Reference(intent)])
        catalog.Metadata = metadata
        catalog.Lang = PDFString("id-ID")
        super().save()


class DraftCanvas(PdfACanvas):
    """A draft (KONSEP): every page carries a diagonal KONSEP mark, so a printed preview can never
    pass for the signed decree."""

    def showPage(self):
        width, height = self._pagesize
        self.saveState()
        self.setFillColorRGB(0.85, 0.1, 0.1)
        self.setFillAlpha(0.18)
        self.setFont(FONT_BOLD, min(width, height) / 4.2)
        self.translate(width / 2, height / 2)
        self.rotate(35)
        self.drawCentredString(0, -min(width, height) / 12, "KONSEP")
        self.restoreState()
        super().showPage()


@dataclass(frozen=True)
class RenderedDocument:
    """A rendered, unsigned PDF/A document and where its signature goes."""

    pdf: bytes
    template: str
    number: str
    verify_url: str
    signature_page: int
    signature_box: tuple[float, float, float, float]

    def signature_meta(self, *, signer_name: str, signer_position: str, **kwargs) -> SignatureMeta:
        """The :class:`SignatureMeta` placing the visible signature in the
        box this layout left for it."""
        return SignatureMeta(
            signer_name=signer_name,
            signer_position=signer_position,
            page=self.signature_page,
            box=self.signature_box,
            **kwargs,
        )


class _Ctx(dict):
    def __missing__(self, key):  # placeholders are checked when templates load
        return ""


def _fill(text: str, values: Mapping[str, Any]) -> str:
    return text.format_map(_Ctx(values))


def render_document(
    template: str | DocumentTemplate,
    *,
    number: str,
    employee: Mapping[str, Any],
    fields: Mapping[str, Any],
    verify_token: str,
    issued_on: date | None = None,
    config: RenderConfig = RenderConfig(),
    draft_changes: list[tuple[str, str, str]] | None = None,
) -> RenderedDocument:
    """Render one document to PDF/A-2b.

    ``employee`` is a plain dict (nama, nip, pangkat_golongan, jabatan,
    unit, instansi, tempat_lahir, tanggal_lahir); ``fields`` are the
    template's own fields; ``number`` is the document number the caller
    allotted; the QR code encodes ``{config.verify_base_url}/verify/{verify_token}``.
    Raises :class:`signing.templates.ValidationError` naming every missing
    or malformed field.

    ``draft_changes`` makes a draft (KONSEP) for review before signing: every
    page marked KONSEP and a last page listing, for each record field the
    decree changes, (label, value now, value after issuing).
    """
    if isinstance(template, str):
        template = get_template(template, config.templates_dir)
    values = template.clean(fields, employee)
    if not isinstance(number, str) or not number.strip():
        from .templates import ValidationError

        raise ValidationError({"number": "wajib diisi"})
    try:
        url = make_verify_url(config.verify_base_url, verify_token)
    except ValueError as e:
        from .templates import ValidationError

        raise ValidationError({"verify_token": str(e)}) from None
    issued_on = issued_on or date.today()
    lh = config.letterhead
    values.update(
        number=number.strip(),
        tanggal_terbit=format_date_id(issued_on),
        kota=lh.city,
        pejabat=lh.official_name,
        pemerintah=lh.government,
        instansi_penerbit=lh.agency,
    )
    _register_fonts(config.font_dir)
    buf = BytesIO()
    canvas = (DraftCanvas if draft_changes is not None else PdfACanvas)(
        buf,
        pagesize=A4 if template.layout == "letter" else ID1_CARD,
        title=f"{template.name} {values['number']}",
        author=f"{lh.agency} {lh.government}",
        subject=f"{template.name} — {values['nama']} ({values['nip']})",
        keywords=template.code,
        doc_id=verify_token,
    )
    if template.layout == "letter":
        page, box = _draw_letter(canvas, template, values, url, config)
    else:
        page, box = _draw_card(canvas, template, values, url, config)
    if draft_changes is not None:
        _draw_changes_page(canvas, template, values, draft_changes)
    canvas.save()
    return RenderedDocument(
        pdf=buf.getvalue(),
        template=template.code,
        number=values["number"],
        verify_url=url,
        signature_page=page,
        signature_box=box,
    )


# --- letter (A4) -----------------------------------------------------------

_MARGIN_X = 70.0
_BOTTOM = 60.0


@functools.lru_cache(maxsize=1)
def _styles():
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14.5,
                          alignment=TA_JUSTIFY, spaceAfter=6)
    cell = ParagraphStyle("cell", parent=body, alignment=TA_LEFT, spaceAfter=0)
    small = ParagraphStyle("small", fontName=FONT, fontSize=7, leading=8.5, alignment=TA_LEFT)
    return body, cell, small


def _draw_letterhead(c: Canvas, config: RenderConfig) -> float:
    w, h = A4
    lh = config.letterhead
    y = h - 50
    c.setFont(FONT_BOLD, 13)
    c.drawCentredString(w / 2, y, lh.government)
    y -= 18
    c.setFont(FONT_BOLD, 15)
    c.drawCentredString(w / 2, y, lh.agency)
    y -= 14
    c.setFont(FONT, 9)
    c.drawCentredString(w / 2, y, lh.address)
    y -= 11
    c.drawCentredString(w / 2, y, lh.contact)
    y -= 8
    c.setLineWidth(2)
    c.line(_MARGIN_X - 10, y, w - _MARGIN_X + 10, y)
    c.setLineWidth(0.6)
    c.line(_MARGIN_X - 10, y - 3, w - _MARGIN_X + 10, y - 3)
    return y - 24


class _Page:
    """A y cursor over the A4 pages; starts a new page when full."""

    def __init__(self, c: Canvas, config: RenderConfig):
        self.c = c
        self.config = config
        self.number = 0
        self.y = _draw_letterhead(c, config)

    def need(self, height: float) -> None:
        if self.y - height < _BOTTOM:
            self.c.showPage()
            self.number += 1
            self.y = A4[1] - 60

    def centred(self, text: str, font: str, size: float, gap: float = 4) -> None:
        self.need(size + gap)
        self.c.setFont(font, size)
        self.c.drawCentredString(A4[0] / 2, self.y - size, text)
        self.y -= size + gap

    def paragraph(self, para: Paragraph, x: float, width: float) -> float:
        _, height = para.wrap(width, 10_000)
        self.need(height)
        para.drawOn(self.c, x, self.y - height)
        return height


def _draw_letter(c, template: DocumentTemplate, values, url, config) -> tuple[int, tuple]:
    body, cell, small = _styles()
    content = template.content
    w = A4[0]
    text_width = w - 2 * _MARGIN_X
    page = _Page(c, config)
    for line in content.get("title", []):
        page.centred(_fill(line, values), FONT_BOLD, 12)
    if content.get("number_line"):
        page.centred(_fill(content["number_line"], values), FONT, 11)
    for line in content.get("subject", []):
        page.centred(_fill(line, values), FONT_BOLD, 11)
    page.y -= 12
    for text in content.get("opening", []):
        page.y -= page.paragraph(Paragraph(escape(_fill(text, values)), body), _MARGIN_X, text_width) + 6
    label_w, colon_w = 150.0, 12.0
    for label, value in content.get("rows", []):
        para = Paragraph(escape(_fill(value, values)), cell)
        _, height = para.wrap(text_width - 20 - label_w - colon_w, 10_000)
        page.need(height + 2)
        c.setFont(FONT, 10.5)
        baseline = page.y - 10.5
        c.drawString(_MARGIN_X + 20, baseline, label)
        c.drawString(_MARGIN_X + 20 + label_w, baseline, ":")
        para.drawOn(c, _MARGIN_X + 20 + label_w + colon_w, page.y - height + 1)
        page.y -= height + 2
    page.y -= 8
    for text in content.get("closing", []):
        page.y -= page.paragraph(Paragraph(escape(_fill(text, values)), body), _MARGIN_X, text_width) + 6

    # signature block (right) and QR code (left), kept together
    block = 175.0
    page.need(block)
    box = draw_signature_block(c, values=values, url=url, letterhead=config.letterhead, small=small,
                               x_left=_MARGIN_X, x_sig=w / 2 + 20, top=page.y - 10, right=w - _MARGIN_X + 10)
    draw_signed_note(c, small, x=_MARGIN_X, y=28, width=text_width)
    c.showPage()
    return page.number, box


def draw_signature_block(c, *, values, url: str, letterhead, small, x_left: float, x_sig: float, top: float,
                         right: float) -> tuple[float, float, float, float]:
    """Where and by whom it was decided ("Ditetapkan di … pada tanggal …", the position), an empty
    box for the visible signature stamp, the official's name and NIP under it; the QR code to the
    verify page with its caption on the left. Returns the stamp box (x1, y1, x2, y2)."""
    c.setFont(FONT, 10.5)
    c.drawString(x_sig, top - 10, f"Ditetapkan di {values['kota']}")
    c.drawString(x_sig, top - 24, f"pada tanggal {values['tanggal_terbit']}")
    c.setFont(FONT_BOLD, 10.5)
    c.drawString(x_sig, top - 42, values["pejabat"] + ",")
    box_top = top - 50
    y_name = box_top - 84
    if letterhead.official_person:
        c.setFont(FONT_BOLD, 10.5)
        c.drawString(x_sig, y_name, letterhead.official_person)
        y_name -= 13
    if letterhead.official_nip:
        c.setFont(FONT, 10)
        c.drawString(x_sig, y_name, f"NIP {letterhead.official_nip}")
    qr_size = 78.0
    draw_qr(c, url, x_left, box_top - qr_size + 8, qr_size)
    caption = Paragraph("Pindai kode QR ini untuk memeriksa keaslian dokumen:<br/>" + escape(url), small)
    _, caption_height = caption.wrap(x_sig - x_left - 15, 200)
    caption.drawOn(c, x_left, box_top - qr_size + 2 - caption_height)
    return (x_sig, box_top - 70, right, box_top)


def draw_signed_note(c, small, *, x: float, y: float, width: float) -> None:
    note = Paragraph("Dokumen ini ditandatangani secara elektronik menggunakan sertifikat elektronik "
                     "dan dibubuhi cap waktu. Perubahan apa pun pada berkas ini membatalkan tanda tangan.", small)
    note.wrap(width, 100)
    note.drawOn(c, x, y)


def _draw_changes_page(c, template: DocumentTemplate, values, changes: list[tuple[str, str, str]]) -> None:
    """The draft's last page (A4): what issuing will change on the employee's record."""
    body, cell, small = _styles()
    c.setPageSize(A4)
    w, h = A4
    y = h - 70
    c.setFont(FONT_BOLD, 12)
    c.drawString(_MARGIN_X, y, f"KONSEP — {template.name}")
    y -= 18
    c.setFont(FONT, 10)
    c.drawString(_MARGIN_X, y, f"{values['nama']} — NIP {values['nip']}")
    y -= 26
    c.setFont(FONT_BOLD, 10.5)
    c.drawString(_MARGIN_X, y, "Perubahan data pegawai bila dokumen ini ditandatangani")
    y -= 20
    columns = (_MARGIN_X, _MARGIN_X + 150, _MARGIN_X + 305)
    c.setFont(FONT_BOLD, 10)
    for x, heading in zip(columns, ("Data", "Sekarang", "Sesudah terbit")):
        c.drawString(x, y, heading)
    y -= 6
    c.line(_MARGIN_X, y, w - _MARGIN_X, y)
    y -= 14
    if not changes:
        c.setFont(FONT, 10)
        c.drawString(_MARGIN_X, y, "Dokumen ini tidak mengubah data pegawai.")
    for row in changes:
        heights = []
        for x, text, width in zip(columns, row, (145, 150, w - _MARGIN_X - columns[2])):
            para = Paragraph(escape(str(text) or "-"), cell)
            _, height = para.wrap(width, 1000)
            para.drawOn(c, x, y - height + 10)
            heights.append(height)
        y -= max(heights) + 6
    draw_signed_note_draft = Paragraph("Konsep ini belum ditandatangani dan tidak berlaku sebagai dokumen resmi.", small)
    draw_signed_note_draft.wrap(w - 2 * _MARGIN_X, 100)
    draw_signed_note_draft.drawOn(c, _MARGIN_X, 40)
    c.showPage()


# --- card (ID-1) -------------------------------------------------------------

def _photo_reader(data: bytes) -> ImageReader:
    from PIL import Image

    with Image.open(BytesIO(data)) as img:
        img.draft("RGB", (300, 400))  # a JPEG decodes at a fraction of its size
        img.thumbnail((300, 400))
        img = img.convert("RGB")
        out = BytesIO()
        img.save(out, "JPEG", quality=85)
    out.seek(0)
    return ImageReader(out)


def _draw_card(c, template: DocumentTemplate, values, url, config) -> tuple[int, tuple]:
    w, h = ID1_CARD
    lh = config.letterhead
    content = template.content
    c.setFillColorRGB(0.93, 0.95, 0.98)
    c.rect(0, 0, w, h, stroke=0, fill=1)
    c.setFillColorRGB(0.05, 0.2, 0.45)
    c.rect(0, h - 30, w, 30, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.setFont(FONT_BOLD, 6.2)
    c.drawCentredString(w / 2, h - 10, lh.government)
    c.drawCentredString(w / 2, h - 18, lh.agency)
    c.setFont(FONT_BOLD, 6.8)
    c.drawCentredString(w / 2, h - 27, _fill(content.get("card_title", template.name), values))
    c.setFillColorRGB(0, 0, 0)

    # photo 2x3 at the left
    px, py, pw, ph = 8.0, h - 38 - 60, 44.0, 60.0
    photo = values.get(content.get("photo", ""), b"")
    if photo:
        c.drawImage(_photo_reader(photo), px, py, pw, ph, preserveAspectRatio=True, anchor="c")
    c.setLineWidth(0.4)
    c.rect(px, py, pw, ph, stroke=1, fill=0)

    # data rows
    x_label, x_value = 58.0, 114.0
    y = h - 42
    for label, value in content.get("rows", []):
        c.setFont(FONT, 5.6)
        c.drawString(x_label, y, label)
        c.drawString(x_value - 4, y, ":")
        text = _fill(value, values)
        size = 5.6
        while pdfmetrics.stringWidth(text, FONT_BOLD, size) > w - x_value - 6 and size > 3.6:
            size -= 0.2
        c.setFont(FONT_BOLD, size)
        c.drawString(x_value, y, text)
        y -= 8.2

    qr_size = 36.0
    draw_qr(c, url, w - qr_size - 6, 5, qr_size)
    c.setFont(FONT, 3.6)
    c.drawString(8, 4, f"Periksa keaslian: {url}")
    box = (58.0, 9.0, w - qr_size - 12, 40.0)
    c.showPage()
    return 0, box
