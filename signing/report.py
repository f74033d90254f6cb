"""Rendering a report (tables and bar charts) to PDF/A-2b, to be signed like any issued document.

The content comes in as plain data (:class:`Report`); the layout is the letter's: the same
letterhead, fonts (DejaVu, embedded), PDF/A canvas, QR code to the verify page and a signature
box on the last page. Charts are reportlab graphics, drawn in the PDF (no image files, no network).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table, TableStyle

from .config import RenderConfig
from .qr import verify_url as make_verify_url
from .render import (A4, FONT, FONT_BOLD, PdfACanvas, RenderedDocument, _draw_letterhead, _register_fonts,
                     draw_signature_block, draw_signed_note)
from .templates import format_date_id, format_number_id

_MARGIN_X = 60.0


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: one bar per category."""

    title: str
    categories: tuple[str, ...]
    values: tuple[float, ...]


@dataclass(frozen=True)
class Section:
    heading: str
    rows: tuple[tuple[str, ...], ...]
    """The table: the first row is its header."""

    note: str = ""
    chart: Chart | None = None


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    code: str = "laporan"
    intro: str = ""
    closing: tuple[str, ...] = field(default_factory=tuple)


def _styles():
    heading = ParagraphStyle("heading", fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=5)
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=10.5)
    head_cell = ParagraphStyle("head_cell", parent=cell, fontName=FONT_BOLD)
    title = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=13, leading=17, alignment=1)
    centred = ParagraphStyle("centred", parent=body, alignment=1)
    small = ParagraphStyle("small", fontName=FONT, fontSize=7, leading=8.5)
    return {"heading": heading, "body": body, "cell": cell, "head_cell": head_cell, "title": title,
            "centred": centred, "small": small}


def _table(rows, styles, width: float) -> Table:
    shown = lambda v: format_number_id(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)  # noqa: E731
    data = [[Paragraph(escape(shown(v)), styles["head_cell" if r == 0 else "cell"]) for v in row]
            for r, row in enumerate(rows)]
    columns = len(rows[0])
    first = width * (0.6 if columns <= 3 else 0.34 if columns <= 5 else 0.28)
    # every header word whole: a figure column is at least as wide as its longest header word
    # (a word wider than its cell is broken mid-word by the paragraph, "Terverifika/si")
    head = styles["head_cell"]
    padding = 2 * 6 + 2  # the table's cell padding, both sides, and a little air
    needed = [max((stringWidth(word, head.fontName, head.fontSize) for word in str(v).split()), default=0) + padding
              for v in rows[0][1:]]
    rest = [max(n, (width - first) / (columns - 1)) for n in needed]
    if sum(rest) > width - first:  # the figures' columns take what they need; the name column the rest
        first = max(width - sum(rest), width * 0.2)
        rest = [w * (width - first) / sum(rest) for w in rest] if sum(rest) > width - first else rest
    table = Table(data, colWidths=[first] + rest, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # set even for paragraphs: no standard-14 font in PDF/A
        ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.55, 0.55, 0.55)),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.91, 0.96)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def bar_chart(chart: Chart, width: float) -> Drawing:
    """A horizontal bar chart in the document's own fonts (PDF/A: nothing outside the file)."""
    bar_height = 14.0
    height = 34 + bar_height * max(1, len(chart.categories)) * 1.35
    drawing = Drawing(width, height, initialFontName=FONT, initialFontSize=8)
    drawing.add(String(0, height - 12, chart.title, fontName=FONT_BOLD, fontSize=9))
    bars = HorizontalBarChart()
    bars.x, bars.y = 150, 16
    bars.width, bars.height = width - 190, height - 38
    values = [float(v) for v in chart.values] or [0.0]
    bars.data = [values[::-1]]  # the first category at the top
    bars.categoryAxis.categoryNames = [c[:32] for c in chart.categories[::-1]] or [""]
    bars.categoryAxis.labels.fontName = FONT
    bars.categoryAxis.labels.fontSize = 7.5
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.categoryAxis.labels.dx = -4
    bars.valueAxis.labels.fontName = FONT
    bars.valueAxis.labels.fontSize = 7
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueMax = max(max(values), 1) * 1.15
    bars.valueAxis.labelTextFormat = format_number_id
    bars.bars[0].fillColor = colors.Color(0.16, 0.36, 0.66)
    bars.bars.strokeColor = None
    bars.barLabelFormat = format_number_id  # "2,1", as the site prints it
    bars.barLabels.fontName = FONT
    bars.barLabels.fontSize = 7
    bars.barLabels.boxAnchor = "w"
    bars.barLabels.dx = 3
    drawing.add(bars)
    return drawing


class _SignatureBlock(Flowable):
    """Place and date, the official, the box the signature goes in, the QR code: kept on one page,
    and where it landed is remembered for the signing step."""

    height = 190.0

    def __init__(self, values: dict, url: str, config: RenderConfig, styles: dict):
        super().__init__()
        self.values, self.url, self.config, self.styles = values, url, config, styles
        self.page, self.box = 0, (0.0, 0.0, 0.0, 0.0)

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.height

    def draw(self):
        c, w = self.canv, self.width
        x0, y0 = c.absolutePosition(0, 0)
        x1, y1, x2, y2 = draw_signature_block(c, values=self.values, url=self.url, letterhead=self.config.letterhead,
                                              small=self.styles["small"], x_left=0, x_sig=w / 2 + 10,
                                              top=self.height - 4, right=w + 10)
        draw_signed_note(c, self.styles["small"], x=0, y=0, width=w)
        self.page = c.getPageNumber() - 1
        self.box = (x0 + x1, y0 + y1, x0 + x2, y0 + y2)


def render_report(report: Report, *, number: str, verify_token: str, issued_on: date | None = None,
                  config: RenderConfig = RenderConfig()) -> RenderedDocument:
    """Render a report to PDF/A-2b with its tables and charts, ready for :class:`SigningSession`."""
    url = make_verify_url(config.verify_base_url, verify_token)
    issued_on = issued_on or date.today()
    lh = config.letterhead
    values = {"kota": lh.city, "tanggal_terbit": format_date_id(issued_on), "pejabat": lh.official_name}
    _register_fonts(config.font_dir)
    styles = _styles()
    width = A4[0] - 2 * _MARGIN_X

    def first_page(canvas, doc):
        _draw_letterhead(canvas, config)
        _footer(canvas, doc)

    def _footer(canvas, doc):
        canvas.setFont(FONT, 7.5)
        canvas.drawRightString(A4[0] - _MARGIN_X, 24, f"{report.title} · {number} · halaman {doc.page}")

    buf = BytesIO()

    def canvas_maker(filename, **kwargs):
        return PdfACanvas(filename, pagesize=A4, title=f"{report.title} {number}",
                          author=f"{lh.agency} {lh.government}", subject=report.subtitle, keywords=report.code,
                          doc_id=verify_token)

    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=_MARGIN_X, rightMargin=_MARGIN_X, topMargin=50,
                          bottomMargin=45, title=report.title, initialFontName=FONT, initialFontSize=10)
    first = Frame(_MARGIN_X, 45, width, A4[1] - 50 - 45 - 95, id="first")
    later = Frame(_MARGIN_X, 45, width, A4[1] - 50 - 45, id="later")
    doc.addPageTemplates([PageTemplate(id="first", frames=[first], onPage=first_page, autoNextPageTemplate="later"),
                          PageTemplate(id="later", frames=[later], onPage=_footer)])
    story = [Paragraph(escape(report.title), styles["title"]), Paragraph(f"NOMOR: {escape(number)}", styles["centred"]),
             Paragraph(escape(report.subtitle), styles["centred"]), Spacer(1, 8)]
    if report.intro:
        story.append(Paragraph(escape(report.intro), styles["body"]))
    for number_, section in enumerate(report.sections, 1):
        block = [Paragraph(f"{number_}. {escape(section.heading)}", styles["heading"])]
        if section.note:
            block.append(Paragraph(escape(section.note), styles["body"]))
        block.append(_table(section.rows, styles, width))
        story.append(KeepTogether(block))
        if section.chart is not None:
            story += [Spacer(1, 6), bar_chart(section.chart, width)]
    for text in report.closing:
        story.append(Paragraph(escape(text), styles["body"]))
    signature = _SignatureBlock(values, url, config, styles)
    story += [Spacer(1, 10), signature]
    doc.build(story, canvasmaker=canvas_maker)
    return RenderedDocument(pdf=buf.getvalue(), template=report.code, number=number, verify_url=url,
                            signature_page=signature.page, signature_box=signature.box)
