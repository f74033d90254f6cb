"""Is this the same document as that one?  Content, not template.

Decrees of two employees come from one template: the same letterhead, the same layout, most of the
same words.  A picture hash of the page, or of its letterhead, calls them alike.  What tells one
decree from another is what is *written for the employee*: the NIP and the decree number printed on
it, and the body text as a whole.  So two scans are the same document when

- the NIPs printed on them agree (when both show one), and the numbers (nomor) agree (when both
  show one), and
- their body texts read alike: word-level similarity at least `SAME_BODY` (at least
  `SAME_BODY_NO_FIELDS` when neither shows a NIP or a number: the text is then the only evidence).

Plain functions over the fields and text the OCR stored on a version: no database here.
"""
from __future__ import annotations

import difflib
import re
import unicodedata

SAME_BODY = 0.80  # two photos of one decree read ~0.9-1.0 alike; OCR noise costs a few words
SAME_BODY_NO_FIELDS = 0.95
MAX_WORDS = 1500  # enough of a page to decide, bounded cost


def _first(fields: dict, key: str) -> str | None:
    values = (fields or {}).get(key) or []
    return values[0] if values else None


def _nomor_key(value: str) -> str:
    return re.sub(r"[^0-9a-z/]", "", value.lower())


def body_words(text: str) -> list[str]:
    """The body's words, lower case, accents and punctuation dropped."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", text)[:MAX_WORDS]


def body_similarity(a: str, b: str) -> float:
    wa, wb = body_words(a), body_words(b)
    if not wa or not wb:
        return 0.0
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def same_document(a_fields: dict, a_text: str, b_fields: dict, b_text: str) -> bool:
    """The same document's content on both (see the module's docstring)."""
    nip_a, nip_b = _first(a_fields, "nip"), _first(b_fields, "nip")
    if nip_a and nip_b and nip_a != nip_b:
        return False
    nomor_a, nomor_b = _first(a_fields, "nomor"), _first(b_fields, "nomor")
    if nomor_a and nomor_b and _nomor_key(nomor_a) != _nomor_key(nomor_b):
        return False
    identified = bool((nip_a and nip_b) or (nomor_a and nomor_b))
    return body_similarity(a_text, b_text) >= (SAME_BODY if identified else SAME_BODY_NO_FIELDS)
