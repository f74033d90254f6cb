"""A second, closer read of the number after each 'NIP' label on a page.

Tesseract reads a page's small print at the page's resolution with its whole alphabet, and one
digit misread (0 for 9, 1 for 7) makes an 18-digit NIP wrong or invalid.  The words of the first
read say where each 'NIP' label is; the strip to its right, enlarged until the digits are a
comfortable height, is read again as one line with digits only.  Which read is kept:

- the first read is a valid NIP whose words Tesseract was sure of: no second read;
- both agree, or only the second is a valid NIP: the second;
- only the first is valid: the first;
- both valid but different: a third read at another size decides (the value two reads share),
  else the first read stands.

The NIPs kept are returned in the order the labels stand on the page, so the document's fields
can put them first (`ocr.analyze.combine`).
"""
from __future__ import annotations

import re
import subprocess

import cv2
import numpy as np
import pytesseract

from .config import OcrConfig
from .fields import nip_from_value
from .limits import Deadline

_LABEL = re.compile(r"^N[I1l|]P(?![A-Za-z])", re.IGNORECASE)
DIGIT_HEIGHT_PX = 48  # the label's height the strip is enlarged to (Tesseract reads best at 30-50 px)
# a first read whose every word Tesseract was this sure of is not read again (a misread digit comes out
# less sure: phone-dev's 0-for-9 slip at 83)
SURE_CONFIDENCE = 90.0
MAX_LABELS = 4  # a decree has the employee's NIP and its signatory's; a list page is left to the first read


def reread_nips(image: np.ndarray, words: list, config: OcrConfig, deadline: Deadline) -> list[dict]:
    """For each 'NIP' label among `words` (tesseract.Word, in `image`'s pixels): the first read of its
    value, the second, and the one kept (or None)."""
    labels = [w for w in words if _LABEL.match(w.text)]
    out = []
    for label in sorted(labels, key=lambda w: (w.top, w.left))[:MAX_LABELS]:
        if deadline.remaining() < 2.0:
            break
        first = nip_from_value(_first_read(label, words))
        digit_words = [w for w in _right_of(label, words) if any(c.isdigit() for c in w.text)]
        if first and min((w.conf for w in digit_words), default=0.0) >= SURE_CONFIDENCE:
            out.append({"first": first, "second": None, "nip": first})  # read surely the first time
            continue
        strip = _value_strip(image, label, words)
        if strip is None:
            continue
        h = max(8, label.height)
        second = _read_digits(strip, DIGIT_HEIGHT_PX / h, config, deadline)
        chosen = second if second and (first is None or first == second) else first
        if first and second and first != second:
            third = _read_digits(strip, 0.75 * DIGIT_HEIGHT_PX / h, config, deadline)
            chosen = third if third in (first, second) else first
        out.append({"first": first, "second": second, "nip": chosen})
    return out


def _same_line(label, word) -> bool:
    centre = word.top + word.height / 2
    return label.top - 0.5 * label.height <= centre <= label.top + 1.5 * label.height


def _right_of(label, words: list) -> list:
    """The words right of the label on its line, as far as the NIP's 18 digits go."""
    right = sorted((w for w in words if w.left >= label.left + label.width - 2 and _same_line(label, w)),
                   key=lambda w: w.left)
    out, digits = [], 0
    for w in right:
        if digits >= 18:
            break
        out.append(w)
        digits += sum(c.isdigit() for c in w.text)
    return out


def _first_read(label, words: list) -> str:
    """What the page's read gave right of the label, on its line, in reading order."""
    right = [w for w in words if w.left >= label.left + label.width - 2 and _same_line(label, w)]
    text = label.text[3:] + " " + " ".join(w.text for w in sorted(right, key=lambda w: w.left))
    return text.strip()


def _value_strip(image: np.ndarray, label, words: list) -> np.ndarray | None:
    """The band right of the label as high as its line, up to the line's last word (or the page's edge)."""
    ih, iw = image.shape[:2]
    h = label.height
    right = [w for w in words if w.left >= label.left + label.width - 2 and _same_line(label, w)]
    x0 = label.left + label.width + max(1, h // 6)
    x1 = max((w.left + w.width for w in right), default=iw) + h
    y0 = label.top - int(0.45 * h)
    y1 = label.top + h + int(0.45 * h)
    x0, x1, y0, y1 = max(0, x0), min(iw, x1), max(0, y0), min(ih, y1)
    if x1 - x0 < 3 * h or y1 - y0 < 4:
        return None
    strip = image[y0:y1, x0:x1]
    return cv2.cvtColor(strip, cv2.COLOR_BGR2GRAY) if strip.ndim == 3 else strip


def _read_digits(strip: np.ndarray, scale: float, config: OcrConfig, deadline: Deadline) -> str | None:
    scale = float(min(4.0, max(1.0, scale)))
    big = cv2.resize(strip, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC) if scale > 1.0 else strip
    big = cv2.copyMakeBorder(big, 16, 16, 16, 16, cv2.BORDER_REPLICATE)
    pytesseract.pytesseract.tesseract_cmd = config.tesseract_cmd
    try:
        text = pytesseract.image_to_string(
            big, lang=config.languages,
            config="--psm 7 -c tessedit_char_whitelist=0123456789:.- ",
            timeout=max(1.0, min(10.0, deadline.remaining() - 1.0)))
    except (RuntimeError, pytesseract.TesseractError, subprocess.TimeoutExpired):
        return None
    return nip_from_value(text.split("\n")[0])
