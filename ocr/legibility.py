"""Legibility: what a person sees on the page, measured, scored and explained.

`image_metrics` measures the page as the person sees it (after the page is found and
flattened, before the light is evened out); `judge` turns metrics plus OCR word
confidence into reasons and a 0-100 score.  Every threshold is in
`config.Thresholds`.  A metric at its threshold scores 50; a page is legible exactly
when no reason fires, i.e. when its score is at least 50.
"""
from __future__ import annotations

import cv2
import numpy as np

from .config import Thresholds
from .extract import A4_LONG_INCHES
from .result import Reason

NOMINAL_DPI = 150.0  # sharpness is measured with the page at this resolution


def image_metrics(grey: np.ndarray, bg: np.ndarray, dpi: float) -> dict:
    """Resolution, exposure, contrast, noise and directional sharpness of a grey page."""
    h, w = grey.shape
    step = max(1, int(max(h, w) / 1000))
    g = grey[::step, ::step]
    b = bg[::step, ::step]
    paper = _percentile_u8(g, 90)
    noise = _noise_sigma(grey)
    # ink darkness below the local paper level, where there is anything on the paper at all:
    # robust to uneven light and to pages with very little text
    depth = cv2.subtract(b, g)
    marks = cv2.compare(depth, max(2.0, 3.0 * noise), cv2.CMP_GT)
    content = cv2.dilate(marks, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15)))
    if cv2.countNonZero(content) < 0.0005 * content.size:
        contrast = 0.0
    else:
        contrast = _percentile_u8(depth[content > 0], 99)
    ink = max(0.0, paper - contrast)
    sharp = _sharpness(grey, content, dpi, max(contrast, 1.0))
    return {
        "dpi": round(float(dpi), 1),
        "paper_level": round(paper, 1),
        "ink_level": round(ink, 1),
        "contrast": round(contrast, 1),
        "noise_sigma": round(noise, 2),
        "noise_ratio": round(noise / max(contrast, 1.0), 4),
        **sharp,
    }


def _percentile_u8(a: np.ndarray, q: float) -> float:
    """Percentile of a uint8 array through its histogram (fast, exact to one grey level)."""
    hist = cv2.calcHist([np.ascontiguousarray(a)], [0], None, [256], [0, 256]).ravel()
    cdf = np.cumsum(hist)
    if cdf[-1] <= 0:
        return 0.0
    return float(np.searchsorted(cdf, cdf[-1] * q / 100.0))


def _noise_sigma(grey: np.ndarray) -> float:
    """Immerkaer's fast noise estimate, taken as the median over flat regions."""
    h, w = grey.shape
    step = max(1, int(max(h, w) / 2000))
    g = np.ascontiguousarray(grey[::step, ::step]) if step > 1 else grey
    # sqrt(pi/2)/6 * mean|response| for Gaussian noise; the median keeps text edges out
    return _percentile_u8(noise_response(g), 50) * 1.2533 / 6.0 * 1.48


_NOISE_KERNEL = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], dtype=np.float32)


def noise_response(grey: np.ndarray) -> np.ndarray:
    """|Immerkaer's kernel| on a uint8 image, capped at 255, as uint8.  The response of integer
    pixels to an integer kernel is an integer within +-4080: int16 holds it exactly, in a third
    of the time float32 takes."""
    return cv2.convertScaleAbs(cv2.filter2D(grey, cv2.CV_16S, _NOISE_KERNEL))


def _sharpness(grey: np.ndarray, content: np.ndarray, dpi: float, contrast: float) -> dict:
    """Directional edge steepness at NOMINAL_DPI, per unit of contrast (1 = a perfect step),
    measured where there is ink (`content`, a mask at any scale) so sparse pages count too."""
    h, w = grey.shape
    scale = min(1.0, NOMINAL_DPI / max(dpi, 1.0))
    g = grey
    mask = cv2.resize(content, (w, h), interpolation=cv2.INTER_NEAREST) if content.shape != grey.shape else content
    if cv2.countNonZero(mask) == 0:
        return {"sharpness": 0.0, "sharpness_max": 0.0, "sharpness_ratio": 1.0}
    # measure inside the bounding box of the ink, at most ~3 Mpx of it at nominal resolution
    x, y, bw, bh = cv2.boundingRect(mask)
    limit = int(1800 / scale)
    if bw > limit:
        x, bw = x + (bw - limit) // 2, limit
    if bh > limit:
        y, bh = y + (bh - limit) // 2, limit
    g, mask = g[y:y + bh, x:x + bw], mask[y:y + bh, x:x + bw]
    if scale < 0.999:
        size = (max(1, int(bw * scale)), max(1, int(bh * scale)))
        g = cv2.resize(g, size, interpolation=cv2.INTER_AREA)
        mask = cv2.resize(mask, size, interpolation=cv2.INTER_NEAREST)
    gx = cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3) / 4.0  # integer sums: exact from uint8 too
    gy = cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3) / 4.0
    inside = mask > 0
    gx, gy = gx[inside], gy[inside]
    if gx.size < 100:
        return {"sharpness": 0.0, "sharpness_max": 0.0, "sharpness_ratio": 1.0}
    values = []
    for theta in (0.0, 45.0, 90.0, 135.0):
        t = np.deg2rad(theta)
        d = np.abs(gx * float(np.cos(t)) + gy * float(np.sin(t)))
        values.append(_kth_smallest(d, int(d.size * 0.995)) / contrast)
    lo, hi = min(values), max(values)
    return {"sharpness": round(lo, 4), "sharpness_max": round(hi, 4),
            "sharpness_ratio": round(lo / hi, 4) if hi > 0 else 1.0}


def _kth_smallest(a: np.ndarray, k: int) -> float:
    """np.partition(a, k)[k] for a k near the top: partition only the values at or above a bound
    taken from a sample (the same value, several times faster on a page's million gradients)."""
    sample = a[::64]
    if sample.size >= 100:
        bound = np.partition(sample, int(sample.size * 0.98))[int(sample.size * 0.98)]
        top = a[a >= bound]
        below = a.size - top.size
        if k >= below:  # the bound lies under the k-th value: it is among `top`
            return float(np.partition(top, k - below)[k - below])
    return float(np.partition(a, k)[k])


def estimate_dpi(long_side_px: float, stated: float | None, from_pdf: bool, is_photo: bool = False) -> float:
    """Effective resolution of the paper.  A PDF knows its page size; a scanner writes its real
    resolution into the image (cards and receipts are smaller than A4); otherwise (phone photos,
    which say 72 dpi whatever they show) assume the page is A4."""
    geometric = long_side_px / A4_LONG_INCHES
    if stated and (from_pdf or (not is_photo and 100 <= stated <= 1200 and round(stated) not in (72, 96))):
        return float(stated)
    return float(geometric)


def _ramp(value: float, threshold: float, good: float) -> float:
    """0.5 at the threshold, 1.0 at `good`, 0 at the far side (works either direction)."""
    span = good - threshold
    if span == 0:
        return 1.0 if value >= threshold else 0.0
    x = 0.5 + 0.5 * (value - threshold) / span
    return float(min(1.0, max(0.0, x)))


def judge(metrics: dict, t: Thresholds, *, is_photo: bool, page: int, ocr_chars: int | None,
          mean_confidence: float | None) -> tuple[list[Reason], float, dict]:
    """Reasons (most actionable first), the page score and the sub-scores."""
    m = metrics
    sub: dict[str, float] = {}
    flags: list[str] = []
    if m["contrast"] <= t.blank_max_contrast and (ocr_chars or 0) < t.min_text_chars and not is_photo:
        # an empty page: nothing on it to be illegible (the document-level check finds no text)
        return [], 50.0, {"blank": 1.0}

    def check(code: str, value: float, threshold: float, good: float, key: str | None = None):
        s = _ramp(value, threshold, good)
        sub[key or code] = round(s, 3)
        if s < 0.5:
            flags.append(code)

    if is_photo:
        check("page_cut_off", m.get("edge_contact", 0.0), t.max_edge_contact, 0.0)
        if m["dpi"] < t.too_far_dpi:
            check("too_far", m.get("page_fraction", 1.0), t.min_page_fraction, min(1.0, t.min_page_fraction * 2.5))
        check("shadow", m.get("shadow_fraction", 0.0), t.max_shadow_fraction, 0.0)
        check("glare", m.get("glare_fraction", 0.0), t.max_glare_fraction, 0.0)
    shadow_by_shape = m.get("shadow_by_shape") and m.get("shadow_fraction", 0.0) > t.max_shadow_fraction
    if "edge_text" in m and not shadow_by_shape and (is_photo or m.get("noise_ratio", 0.0) < 0.5 * t.max_noise_ratio):
        # speckle on a scan looks like letters everywhere, margins included
        check("page_cut_off", m["edge_text"], t.max_edge_text, 0.0, key="edge_text")
    check("low_resolution", m["dpi"], t.min_dpi, t.min_dpi * 1.8)
    check("too_dark", m["paper_level"], t.min_paper_level, t.min_paper_level * 2.5)
    check("washed_out", m["ink_level"], t.max_ink_level, t.max_ink_level * 0.4)
    check("low_contrast", m["contrast"], t.min_contrast, t.min_contrast * 2.5)
    check("noisy", m["noise_ratio"], t.max_noise_ratio, t.max_noise_ratio * 0.25)
    sharp_s = _ramp(m["sharpness"], t.min_sharpness, t.min_sharpness * 2.5)
    sub["sharpness"] = round(sharp_s, 3)
    if sharp_s < 0.5:
        if m.get("sharpness_ratio", 1.0) < t.max_motion_anisotropy and is_photo:
            flags.append("motion_blur")
        else:
            flags.append("out_of_focus" if is_photo else "blurry")
    if mean_confidence is not None and ocr_chars is not None and ocr_chars >= t.min_text_chars:
        check("low_confidence", mean_confidence, t.min_mean_confidence, 90.0)

    # Keep the messages a person can act on: the root cause, not its consequences.
    roots = {"page_cut_off", "too_far", "shadow", "glare", "too_dark", "washed_out", "low_contrast",
             "noisy", "low_resolution", "motion_blur", "out_of_focus", "blurry"}
    if "too_far" in flags and "low_resolution" in flags:
        flags.remove("low_resolution")
    if {"too_dark", "washed_out"} & set(flags) and "low_contrast" in flags:
        flags.remove("low_contrast")
    blur = {"blurry", "out_of_focus", "motion_blur"} & set(flags)
    if {"too_dark", "noisy", "low_resolution", "too_far", "shadow", "glare", "page_cut_off"} & set(flags):
        flags = [f for f in flags if f not in blur]  # blur measured on those is not trustworthy
    elif blur:
        # blur spreads the ink and makes it pale: the blur is the cause to fix
        flags = [f for f in flags if f not in ("washed_out", "low_contrast")]
    if roots & set(flags) and "low_confidence" in flags:
        flags.remove("low_confidence")
    if ("shadow" in flags or "glare" in flags) and "low_contrast" in flags:
        flags.remove("low_contrast")
    score = 100.0 * min(sub.values()) if sub else 100.0
    if flags:
        score = min(score, 49.0)
    else:
        score = max(score, 50.0)
    flags = list(dict.fromkeys(flags))
    reasons = [Reason.make(code, page, m.get(f"{code}_where")) for code in flags]
    return reasons, round(score, 1), sub
