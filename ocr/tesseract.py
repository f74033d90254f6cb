"""Tesseract through pytesseract: one call per page gives the words, their boxes and
confidences, and the text rebuilt line by line from them.
"""
from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass, field

import cv2
import numpy as np
import pytesseract

from .config import OcrConfig
from .errors import OcrError
from .limits import Deadline


@dataclass
class Word:
    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]  # block, paragraph, line


@dataclass
class OcrPage:
    text: str
    words: list[Word] = field(default_factory=list)

    @property
    def mean_confidence(self) -> float:
        """Character-weighted mean word confidence (0-100); 0 when nothing was read."""
        total = sum(len(w.text) for w in self.words)
        if not total:
            return 0.0
        return sum(w.conf * len(w.text) for w in self.words) / total


def _write_temp(image: np.ndarray, directory: str) -> str:
    # PNM is uncompressed: much cheaper to write than pytesseract's default PNG.
    path = os.path.join(directory, "page.pgm" if image.ndim == 2 else "page.ppm")
    if not cv2.imwrite(path, image):
        raise OcrError("unreadable", "Gambar halaman tidak dapat disiapkan untuk OCR. / Cannot prepare the page for OCR.")
    return path


def ocr_image(image: np.ndarray, config: OcrConfig, deadline: Deadline, *, dpi: int = 300,
              psm: int = 3) -> OcrPage:
    """OCR a grey or BGR page image with Tesseract; raises page_timeout past the deadline."""
    deadline.check()
    pytesseract.pytesseract.tesseract_cmd = config.tesseract_cmd
    with tempfile.TemporaryDirectory(prefix="ocr-") as tmp:
        path = _write_temp(image, tmp)
        try:
            data = pytesseract.image_to_data(
                path, lang=config.languages, config=f"--psm {psm} --dpi {int(dpi)}",
                timeout=max(1.0, deadline.remaining()), output_type=pytesseract.Output.DICT,
            )
        except RuntimeError as exc:  # pytesseract raises RuntimeError on its timeout
            if "timeout" in str(exc).lower():
                raise deadline.error() from None
            raise
        except subprocess.TimeoutExpired:
            raise deadline.error() from None
    words: list[Word] = []
    for i, raw in enumerate(data["text"]):
        text = (raw or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        words.append(Word(text, conf, int(data["left"][i]), int(data["top"][i]), int(data["width"][i]),
                          int(data["height"][i]),
                          (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))))
    return OcrPage(_join_lines(words), words)


def _join_lines(words: list[Word]) -> str:
    lines: list[str] = []
    current = None
    for w in words:
        if w.line != current:
            if current is not None and w.line[:2] != current[:2]:
                lines.append("")  # paragraph break
            lines.append(w.text)
            current = w.line
        else:
            lines[-1] += " " + w.text
    return "\n".join(lines).strip()


def detect_orientation(image: np.ndarray, config: OcrConfig, deadline: Deadline) -> tuple[int, float] | None:
    """Tesseract OSD: (degrees to rotate clockwise to make the page upright, confidence), or None."""
    deadline.check()
    pytesseract.pytesseract.tesseract_cmd = config.tesseract_cmd
    with tempfile.TemporaryDirectory(prefix="osd-") as tmp:
        path = _write_temp(image, tmp)
        try:
            out = pytesseract.image_to_osd(path, config="--psm 0 --dpi 150",
                                           timeout=max(1.0, min(deadline.remaining(), 30.0)),
                                           output_type=pytesseract.Output.DICT)
        except (pytesseract.TesseractError, RuntimeError, subprocess.TimeoutExpired):
            return None  # too few characters to decide, or too slow: keep the page as it is
    return int(out.get("rotate", 0)) % 360, float(out.get("orientation_conf", 0.0))
