"""What a PDF carries besides its pages: encryption, JavaScript, launch actions, embedded files.

Reads every object (object streams included) with pdfminer, never runs anything. Each finding is
a flag `{code, message}` the fasilitator sees beside the scan; the file itself stays stored.
"""
from __future__ import annotations

import io

from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral

MESSAGES = {
    "pdf_encrypted": "PDF ini terenkripsi/berkata sandi. Minta pegawai mengunggah ulang PDF tanpa kata sandi.",
    "pdf_javascript": "PDF ini berisi JavaScript. Jangan buka di peramban; minta pindaian ulang yang bersih.",
    "pdf_launch_action": "PDF ini mencoba menjalankan program lain (Launch). Minta pindaian ulang yang bersih.",
    "pdf_embedded_files": "PDF ini menyimpan berkas lain di dalamnya. Periksa atau minta pindaian ulang.",
}
MAX_OBJECTS = 200_000


def _name(value) -> str:
    value = resolve1(value)
    return value.name if isinstance(value, PSLiteral) else str(value or "")


def _flag(code: str) -> dict:
    return {"code": code, "message": MESSAGES[code]}


def risky_pdf_features(content: bytes) -> list[dict]:
    found: set[str] = set()
    parser = PDFParser(io.BytesIO(content))
    try:
        document = PDFDocument(parser)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        return [_flag("pdf_encrypted")]
    if getattr(document, "encryption", None):
        found.add("pdf_encrypted")
    seen = 0
    for xref in document.xrefs:
        for objid in xref.get_objids():
            seen += 1
            if seen > MAX_OBJECTS:
                break
            try:
                obj = document.getobj(objid)
            except Exception:  # a damaged object says nothing either way
                continue
            attrs = obj.attrs if isinstance(obj, PDFStream) else obj
            if not isinstance(attrs, dict):
                continue
            if "JS" in attrs or _name(attrs.get("S")) == "JavaScript":
                found.add("pdf_javascript")
            if _name(attrs.get("S")) == "Launch":
                found.add("pdf_launch_action")
            if _name(attrs.get("Type")) == "EmbeddedFile" or "EmbeddedFiles" in attrs or (
                    _name(attrs.get("Subtype")) == "FileAttachment"):
                found.add("pdf_embedded_files")
            if "JavaScript" in attrs and isinstance(attrs["JavaScript"], (dict, PDFObjRef)):
                found.add("pdf_javascript")  # the /Names tree of document-level scripts
    return [_flag(code) for code in sorted(found)]
