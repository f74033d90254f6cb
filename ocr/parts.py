"""The parts a document type must show: a decree's or a diploma's heading at the top of its first
page, a decree's signature block at the bottom of its last.

A photo can cut a page cleanly through a blank band -- above the body, below the letterhead, or
between the body and the signature -- so no letter runs off the edge (`photo.text_at_edges` sees
nothing) and yet the part that makes the document valid is gone.  What a person checks is
whether the parts are there, so that is what is measured, from the words of the page's read,
on the upright page:

- the kind: a diploma names itself (IJAZAH, Nomor Ijazah, gelar sarjana); a decree shows its
  structure (KEPUTUSAN, PETIKAN, Menimbang, Mengingat, MEMUTUSKAN, Menetapkan, Ditetapkan di);
- the heading: among the first lines of the page, a line in capitals with a word of a letterhead
  or a title (PEMERINTAH, KEMENTERIAN, BADAN, KEPUTUSAN, IJAZAH, UNIVERSITAS …), or all in capitals;
- the signature block: a decree is signed below the line that opens it ("Ditetapkan di …",
  "pada tanggal …"); the title, the signature and the signatory's name and NIP need some lines
  of paper below that line.

`page_parts` measures one page; `missing_parts` judges the document (heading on its first page,
signature block on its last) into reasons with the side of the page where the part is missing.
"""
from __future__ import annotations

import re
import statistics

from .result import Reason

# what a decree's own structure says (capitals as printed: "Keputusan" inside a sentence is no cue)
DECREE_CUES = re.compile(r"\b(?:KEPUTUSAN|PETIKAN|MEMUTUSKAN|Menimbang|Mengingat|Menetapkan|D[i1l]tetapkan\s+d[i1l])\b")
DIPLOMA_CUES = re.compile(r"\b(?:ijazah|gelar\s+(?:sarjana|magister|doktor|ahli\s+madya))\b", re.IGNORECASE)
HEADING_WORDS = {
    "PEMERINTAH", "KEMENTERIAN", "KEMENTRIAN", "BADAN", "DINAS", "KANTOR", "SEKRETARIAT", "SEKRETARIS",
    "GUBERNUR", "BUPATI", "WALIKOTA", "WALI", "MENTERI", "PRESIDEN", "REPUBLIK", "PROVINSI", "KABUPATEN", "KOTA",
    "KEPUTUSAN", "PETIKAN", "SALINAN", "SURAT", "PERATURAN", "IJAZAH", "UNIVERSITAS", "INSTITUT", "SEKOLAH",
    "POLITEKNIK", "AKADEMI", "YAYASAN", "RUMAH", "LEMBAGA", "KEPALA", "DIREKTUR", "REKTOR",
}
SIGNATURE_OPENING = re.compile(r"^d[i1l]tetapkan$", re.IGNORECASE)
HEADING_LINES = 4  # the heading is among the page's first lines of text
# Lines of paper (at the body's line height) a signature block needs below its opening line: the
# signatory's title, room for the signature and stamp, the name and NIP.  A whole page keeps
# those and a bottom margin below them; a page cut at the signature keeps less.
MIN_SIGNATURE_LINES = 10.0
MIN_WORD_CONFIDENCE = 50.0


def page_parts(words: list, size: tuple[int, int], text: str) -> dict:
    """Kind, heading and signature-block measures of one upright page read into `words`
    (tesseract.Word in an image of `size` (w, h))."""
    w, h = size
    good = [x for x in words if x.conf >= MIN_WORD_CONFIDENCE and sum(c.isalnum() for c in x.text) >= 2]
    kind = "diploma" if DIPLOMA_CUES.search(text) else "decree" if DECREE_CUES.search(text) else None
    out: dict = {"kind": kind, "lines": 0}
    if not good or not h:
        return out
    lines: dict[tuple, list] = {}
    for x in good:
        lines.setdefault(x.line, []).append(x)
    rows = sorted(lines.values(), key=lambda ws: min(x.top for x in ws))
    line_height = statistics.median(max(x.height for x in ws) for ws in rows)
    heading = any(_heading_line(ws) for ws in rows[:HEADING_LINES])
    out.update({"lines": len(rows), "heading": heading,
                "first_line_top": round(min(x.top for x in rows[0]) / h, 4),
                "line_height": round(line_height / h, 5)})
    openings = [x for ws in rows for x in ws if _opens_signature(x, ws)]
    if openings:
        last = max(openings, key=lambda x: x.top)
        # "pada tanggal …" on the line under "Ditetapkan di …" belongs to the same opening
        for ws in rows:
            top = min(x.top for x in ws)
            words = [x.text.lower() for x in sorted(ws, key=lambda x: x.left)]
            if last.top < top <= last.top + 3 * line_height and words[:2] == ["pada", "tanggal"]:
                last = max(ws, key=lambda x: x.top + x.height)
        below = h - (last.top + last.height)
        out["signature_lines_below"] = round(below / max(line_height, 1.0), 2)
        out["signature_opening_top"] = round(last.top / h, 4)
    return out


def _heading_line(words: list) -> bool:
    """A letterhead's or a title's line: printed in capitals, with a word of one, or all capitals
    over two words or more (a title such as "SURAT PERNYATAAN")."""
    capitals = [x.text for x in words if re.sub(r"[^A-Za-z]", "", x.text).isupper()
                and len(re.sub(r"[^A-Za-z]", "", x.text)) >= 3]
    if any(re.sub(r"[^A-Z]", "", c) in HEADING_WORDS for c in capitals):
        return True
    lettered = [x for x in words if len(re.sub(r"[^A-Za-z]", "", x.text)) >= 3]
    return len(capitals) >= 2 and len(capitals) == len(lettered)


def _opens_signature(word, line: list) -> bool:
    """'Ditetapkan di …': the decree's signature block opens (not "… ditetapkan dengan …" in a sentence)."""
    if not SIGNATURE_OPENING.match(word.text.strip(".:,;")):
        return False
    after = [x.text.lower().strip(".:,;") for x in sorted(line, key=lambda x: x.left) if x.left > word.left]
    return word.text[:1] == "D" or (bool(after) and after[0] in ("di", "dl", "d1"))


def missing_parts(pages: list) -> list[Reason]:
    """The heading of a decree or diploma missing from the top of its first page, a decree's signature
    block missing from the bottom of its last (`pages`: PageResult with `metrics["parts"]`).  Judged only
    where the page is otherwise legible and not already refused as cut off."""
    if not pages:
        return []
    parts = [p.metrics.get("parts") or {} for p in pages]
    kinds = {q.get("kind") for q in parts} - {None}
    kind = "diploma" if "diploma" in kinds else "decree" if "decree" in kinds else None
    if kind is None:
        return []
    reasons = []
    first, last = pages[0], pages[-1]
    if not first.reasons and parts[0].get("lines", 0) >= 5 and parts[0].get("heading") is False:
        reasons.append(Reason.make("heading_missing", first.number, "top"))
    if kind == "decree" and not last.reasons and parts[-1].get("lines", 0) >= 5:
        # the block opens on the last page that has an opening (an attachment may follow it); with too
        # little paper under it on the document's last page, or with no opening at all, it is cut away
        opened = [i for i, q in enumerate(parts) if q.get("signature_lines_below") is not None]
        if not opened or (opened[-1] == len(pages) - 1 and parts[-1]["signature_lines_below"] < MIN_SIGNATURE_LINES):
            reasons.append(Reason.make("signature_missing", last.number, "bottom"))
    return reasons
