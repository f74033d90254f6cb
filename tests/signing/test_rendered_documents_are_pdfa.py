"""Rendered documents carry what PDF/A-2b asks for — every font embedded,
an sRGB OutputIntent, XMP metadata declaring PDF/A-2B and matching the Info
dictionary — and still do after signing (the stamp font is embedded too)."""

from __future__ import annotations

import re
import subprocess
from io import BytesIO

from pyhanko.pdf_utils.reader import PdfFileReader

from signing.render import render_document

from .conftest import EMPLOYEE, VALID_FIELDS


def _fonts(pdf: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:]]


def _check_pdfa(pdf: bytes, tmp_path):
    reader = PdfFileReader(BytesIO(pdf))
    root = reader.root
    intent = root["/OutputIntents"][0]
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"]
    assert profile["/N"] == 3 and len(profile.data) > 300
    xmp = root["/Metadata"].data.decode("utf-8")
    # element form (ours) or attribute form (pyHanko's rewrite when signing)
    assert re.search(r'pdfaid:part(>|=")2', xmp), xmp
    assert re.search(r'pdfaid:conformance(>|=")B', xmp), xmp
    assert "Filter" not in root["/Metadata"]
    fonts = _fonts(pdf, tmp_path)
    assert fonts, "no fonts?"
    for row in fonts:
        # columns: name type [type] encoding emb sub uni id gen; 'emb' is 5th from the end
        assert row[-5] == "yes", f"font not embedded: {row}"
    return xmp


def test_rendered_decree_is_pdfa(tmp_path):
    rendered = render_document(
        "sk_kenaikan_pangkat", number="800/9/2026", employee=EMPLOYEE,
        fields=VALID_FIELDS["sk_kenaikan_pangkat"], verify_token="pdfa-check-01",
    )
    xmp = _check_pdfa(rendered.pdf, tmp_path)
    info = PdfFileReader(BytesIO(rendered.pdf)).trailer["/Info"]
    assert str(info["/Title"]) in xmp
    assert str(info["/Producer"]) in xmp


def test_signed_decree_keeps_pdfa_metadata_and_embedded_fonts(signed_decree, tmp_path):
    _check_pdfa(signed_decree, tmp_path)
