"""The life of one scan inside the OCR package, in order:

open under the limits -> per page: text layer, or (find and flatten the page in a photo
-> even out the light -> orientation and skew -> Tesseract) -> legibility of each page
-> the document's verdict -> fields from the whole text.
"""
from __future__ import annotations

import dataclasses
import re
import time

import cv2
import numpy as np

from . import legibility, light, nip_line, orientation, parts, photo, tesseract
from .config import OcrConfig
from .errors import OcrError
from .extract import PdfDocument, RawPage, open_document, read_source
from .fields import extract_fields
from .limits import Deadline
from .result import AnalysisResult, PageResult, Reason

OCR_MAX_DPI = 300  # pages sharper than this are downscaled before Tesseract; it gains nothing


def analyze(source, config: OcrConfig | None = None, *, corners=None) -> AnalysisResult:
    """Read a scan (bytes, path str or Path): text, legibility with reasons, fields.

    `corners`: the page's four corners in a photo, placed by a person ([[x, y]] x4, tl tr br bl,
    in the pixels of the upright image, EXIF orientation applied): the first page is flattened
    along them instead of the page found by `detect_page`. Images only."""
    config = config or OcrConfig()
    start = time.monotonic()
    data, name = read_source(source)
    doc = open_document(data, config)
    try:
        if corners is not None and isinstance(doc, PdfDocument):
            raise ValueError("corners apply to photos (image files), not to PDF pages")
        pages = [_analyze_raw(doc, n, config, corners if n == 1 else None) for n in range(1, doc.page_count + 1)]
    finally:
        doc.close()
    result = combine(pages, config)
    result.file = name
    result.seconds = time.monotonic() - start
    return result


def analyze_page(source, number: int, config: OcrConfig | None = None) -> PageResult:
    """One page (1-based) of a file, e.g. one Celery task per page of a long document."""
    config = config or OcrConfig()
    data, _ = read_source(source)
    doc = open_document(data, config)
    try:
        if not 1 <= number <= doc.page_count:
            raise ValueError(f"page {number} out of range 1..{doc.page_count}")
        return _analyze_raw(doc, number, config)
    finally:
        doc.close()


def page_count(source, config: OcrConfig | None = None) -> int:
    config = config or OcrConfig()
    data, _ = read_source(source)
    doc = open_document(data, config)
    try:
        return doc.page_count
    finally:
        doc.close()


DETECTION_MAX_PIXELS = 4_000_000


def detect_page(source, config: OcrConfig | None = None) -> photo.PageDetection:
    """Where the page lies in a photo (first page of an image file, upright) and how sure that is."""
    config = config or OcrConfig()
    data, _ = read_source(source)
    doc = open_document(data, config)
    try:
        if isinstance(doc, PdfDocument):
            raise ValueError("page detection is for photos (image files), not PDFs")
        # the page is found on a 1000-pixel copy: decode no more than a few times that
        raw = doc.page(1, max_pixels=DETECTION_MAX_PIXELS)
        found = photo.detect_page(raw.image, config)
        if raw.full_size:  # back to the stored photo's pixels, the frame's last pixel onto the last pixel
            (width, height), (small_h, small_w) = raw.full_size, raw.image.shape[:2]
            scale = np.array([(width - 1) / max(small_w - 1, 1), (height - 1) / max(small_h - 1, 1)], np.float32)
            found.corners = found.corners * scale
        return found
    finally:
        doc.close()


def _analyze_raw(doc, number: int, config: OcrConfig, corners=None) -> PageResult:
    start = time.monotonic()
    deadline = Deadline(config.page_timeout_seconds, number)
    raw = doc.page(number)
    deadline.check()
    result = analyze_image(raw, config, deadline, corners=corners)
    result.seconds = time.monotonic() - start
    return result


def analyze_image(raw: RawPage, config: OcrConfig, deadline: Deadline | None = None, *,
                  corners=None) -> PageResult:
    """Judge and read one page image (grey or BGR); `corners` as in `analyze`."""
    deadline = deadline or Deadline(config.page_timeout_seconds, raw.number)
    t = config.thresholds
    image = raw.image
    timings: dict[str, float] = {}
    clock = time.monotonic()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.monotonic()
        timings[name] = round(now - clock, 3)
        clock = now
        deadline.check()

    full_long_side = max(raw.full_size) if raw.full_size else max(image.shape[:2])  # corners: stored page's pixels
    image = _cap_pixels(image, config.max_render_pixels)
    if raw.text_layer is not None:
        flat = photo.Flattened(photo.to_grey(image), False, page_long_side_px=float(max(image.shape[:2])))
    elif corners is not None:  # placed by a person: their page, not ours
        ratio = max(image.shape[:2]) / full_long_side
        flat = photo.flatten_with_corners(image, np.asarray(corners, dtype=np.float32) * ratio)
    else:
        flat = photo.flatten(image, config)
    lap("flatten")
    grey = flat.grey
    bg = photo.background(grey)
    if raw.from_pdf:
        dpi = float(raw.dpi or config.dpi)
        if flat.is_photo:  # a photo inside a PDF: the page's share of the rendered pixels
            dpi = dpi * flat.page_long_side_px / max(image.shape[:2])
    else:
        dpi = legibility.estimate_dpi(flat.page_long_side_px, raw.dpi, False, flat.is_photo)
    metrics = legibility.image_metrics(grey, bg, dpi)
    metrics.update(flat.metrics)
    metrics["is_photo"] = flat.is_photo
    light_map = None
    if raw.text_layer is None:
        ink = flat.ink if flat.ink is not None else grey
        metrics.update(photo.text_at_edges(ink, photo.background(ink) if flat.ink is not None else bg,
                                           metrics["contrast"]))
    if flat.is_photo:
        light_map = light.measure(grey, bg, t)
        metrics.update(light_map.metrics)
        metrics.update(photo.hidden_part(metrics, config))
    lap("measure")

    if raw.text_layer is not None:
        text, conf, chars, source = raw.text_layer, 100.0, len(raw.text_layer), "text_layer"
        metrics["orientation"] = 0
    else:
        pre_reasons, _, _ = legibility.judge(metrics, t, is_photo=flat.is_photo, page=raw.number,
                                             ocr_chars=None, mean_confidence=None)
        even = photo.even_light(grey, bg)
        if metrics["noise_ratio"] > t.max_noise_ratio * 0.5:
            even = cv2.medianBlur(even, 5)  # speckle makes Tesseract slow and wrong
        # a page already judged illegible gets no OSD and a short OCR budget
        orient_config = dataclasses.replace(config, detect_orientation=False) if pre_reasons and \
            metrics["noise_ratio"] > t.max_noise_ratio else config
        orient = orientation.detect(even, orient_config, deadline, allow_osd=not pre_reasons)
        metrics.update({"orientation": orient.rotate, "skew": round(orient.skew, 2),
                        "orientation_method": orient.method})
        straight = orientation.straighten(even, orient)
        lap("orient")
        ocr_dpi = dpi
        if dpi > OCR_MAX_DPI * 1.15:
            f = OCR_MAX_DPI / dpi
            straight = cv2.resize(straight, (max(1, int(straight.shape[1] * f)), max(1, int(straight.shape[0] * f))),
                                  interpolation=cv2.INTER_AREA)
            ocr_dpi = OCR_MAX_DPI
        budget = deadline
        if pre_reasons:  # already illegible: read what can be read, within a short budget
            budget = Deadline(min(deadline.remaining(), config.illegible_ocr_seconds), raw.number)
        hopeless = pre_reasons and _hopeless(metrics, t)
        try:
            page = tesseract.OcrPage("") if hopeless else \
                tesseract.ocr_image(straight, config, budget, dpi=int(max(70, ocr_dpi)))
        except OcrError as exc:
            if exc.code != "page_timeout" or budget is deadline:
                raise
            page = tesseract.OcrPage("")
            metrics["ocr_timed_out"] = True
        lap("tesseract")
        if page.words and not hopeless:  # the NIP's digits read again, closer (ocr/nip_line.py)
            metrics["nip_reads"] = nip_line.reread_nips(straight, page.words, config, budget)
            lap("nip_reread")
        if light_map is not None:  # what Tesseract read under the shadow or glare settles doubtful tiles
            metrics.update(light.confirm_with_words(light_map, page.words, (straight.shape[1], straight.shape[0]),
                                                    orientation.back_to_source(grey.shape, orient), t))
            metrics.update(photo.hidden_part(metrics, config))
        text, conf, source = page.text, page.mean_confidence, "ocr"
        metrics["parts"] = parts.page_parts(page.words, (straight.shape[1], straight.shape[0]), text)
        chars = len(re.findall(r"\w", text))
    metrics["text_chars"] = chars
    metrics["timings"] = timings
    if metrics.get("edge_text_side"):
        metrics["page_cut_off_where"] = light.upright_side(metrics["edge_text_side"], metrics.get("orientation", 0))
    if light_map is not None:
        rotate = metrics.get("orientation", 0)
        for code, kind in (("shadow", 1), ("glare", 2)):
            metrics[f"{code}_where"] = light.where(light_map.hidden & (light_map.kind == kind) & light_map.inner, rotate)
        if metrics.get("shadow_by_shape") and metrics.get("shadow_side"):
            # the page goes on, hidden, beyond the side where its text runs into the shadow
            metrics["shadow_where"] = light.upright_side(metrics["shadow_side"], rotate)
    reasons, score, sub = legibility.judge(metrics, t, is_photo=flat.is_photo, page=raw.number,
                                           ocr_chars=chars if source == "ocr" else None,
                                           mean_confidence=conf if source == "ocr" else None)
    metrics["subscores"] = sub
    return PageResult(raw.number, not reasons, score, reasons, text, round(conf, 2), source, metrics)


def _hopeless(metrics: dict, t) -> bool:
    """Pages no OCR can read (speckle far past the limit, a few dozen dpi, a smear): skip Tesseract."""
    return (metrics["noise_ratio"] > 1.5 * t.max_noise_ratio or metrics["dpi"] < 0.5 * t.min_dpi
            or metrics["sharpness"] < 0.4 * t.min_sharpness)


def _cap_pixels(image: np.ndarray, max_pixels: int) -> np.ndarray:
    h, w = image.shape[:2]
    if h * w <= max_pixels:
        return image
    f = (max_pixels / (h * w)) ** 0.5
    return cv2.resize(image, (max(1, int(w * f)), max(1, int(h * f))), interpolation=cv2.INTER_AREA)


def combine(pages: list[PageResult], config: OcrConfig) -> AnalysisResult:
    """The document: legible only if every page is and there is text at all."""
    reasons: list[Reason] = [r for p in pages for r in p.reasons]
    reasons += parts.missing_parts(pages)  # a decree's heading or signature block cut away
    text = "\n\f\n".join(p.text for p in pages).strip()
    chars = sum(len(re.findall(r"\w", p.text)) for p in pages)
    if chars < config.thresholds.min_text_chars:
        reasons.append(Reason.make("no_text", None))
    weights = [max(1, len(p.text)) for p in pages]
    conf = sum(p.mean_confidence * w for p, w in zip(pages, weights)) / max(1, sum(weights))
    legible = not reasons
    score = min((p.score for p in pages), default=0.0)
    if not legible:
        score = min(score, 49.0)
    fields = extract_fields(text)
    # the NIPs read again after their labels (ocr/nip_line.py) come first, in the labels' order
    reread = [r["nip"] for p in pages for r in p.metrics.get("nip_reads", []) if r.get("nip")]
    fields["nip"] = list(dict.fromkeys(reread + fields["nip"]))
    return AnalysisResult(pages=len(pages), legible=legible, score=score, reasons=reasons, text=text,
                          mean_confidence=round(conf, 2), fields=fields, seconds=0.0,
                          page_results=pages)
