"""The signature certifies the document (DocMDP: no changes): an incremental
update appended after signing — new text on the page — leaves every
signature intact but is reported as a modification, and the document is no
longer authentic."""

from io import BytesIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.stamp import TextStampStyle, TextStamp

from signing.validate import validate_pdf


def _append_text_on_page(pdf: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    stamp = TextStamp(writer, TextStampStyle(stamp_text="Pangkat baru: Pembina, IV/a"))
    stamp.apply(dest_page=0, x=120, y=420)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_appended_revision_is_flagged_as_modification(signed_decree, test_pki):
    forged = _append_text_on_page(signed_decree)
    assert forged.startswith(signed_decree)  # the signed bytes are untouched

    report = validate_pdf(forged, trust_roots=[test_pki.root_cert])

    assert not report.authentic
    assert report.modified
    signature = report.signatures[0]
    assert signature.intact and signature.trusted  # the signature itself holds
    assert signature.certified
    assert signature.modification_level == "OTHER"
    assert signature.docmdp_ok is False
    assert not signature.covers_whole_file
