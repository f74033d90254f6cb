"""Hostile files built on the spot: a PDF whose page content inflates a thousandfold."""
from __future__ import annotations

import io
import zlib


def deflated_spaces(megabytes: int) -> bytes:
    """`megabytes` of spaces, deflated (about 1000:1)."""
    squeeze = zlib.compressobj(9)
    return b"".join(squeeze.compress(b" " * (1 << 20)) for _ in range(megabytes)) + squeeze.flush()


def pdf_with_content(encoded: bytes, filters: list[str], *, form: bool = False) -> bytes:
    """One A4 page whose content is `encoded` under `filters` (or, with `form`, a form XObject the page
    draws)."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    stream = pikepdf.Stream(pdf, encoded)
    stream.Filter = pikepdf.Array([pikepdf.Name(f) for f in filters])
    if form:
        stream.Type, stream.Subtype, stream.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 595, 842]
        pdf.pages[0].Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=stream))
        pdf.pages[0].Contents = pikepdf.Stream(pdf, b"/Fm0 Do")
    else:
        pdf.pages[0].Contents = stream
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def pdf_content_bomb(megabytes: int) -> bytes:
    """A small PDF whose one page's content is `megabytes` of spaces once inflated."""
    return pdf_with_content(deflated_spaces(megabytes), ["/FlateDecode"])
