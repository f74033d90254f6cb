"""Page orientation (0/90/180/270) and skew, so rotated and skewed pages read as straight.

Cheap image analysis first: the projection profile of the ink tells horizontal text
lines from vertical ones and measures the skew; the balance of ascenders (above the
x-height band) against descenders tells upright from upside-down Latin text.  When that
balance is not clear, Tesseract's OSD decides.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .config import OcrConfig
from .limits import Deadline
from . import tesseract

WORK_LONG_SIDE = 1400


@dataclass
class Orientation:
    rotate: int  # degrees clockwise that make the page upright: 0, 90, 180, 270
    skew: float  # degrees counter-clockwise to rotate (after `rotate`) to make lines level
    method: str  # "profile" or "osd"
    updown_ratio: float


def _binary(grey: np.ndarray) -> np.ndarray:
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    # drop big blobs (photos, stamps, rules) that are not text
    return ink


class _Points:
    """Ink pixel coordinates, so a projection at any angle is one bincount (no image rotation)."""

    def __init__(self, ink: np.ndarray, max_points: int = 150_000):
        ys, xs = np.nonzero(ink)
        if ys.size > max_points:
            keep = np.random.default_rng(0).choice(ys.size, max_points, replace=False)
            ys, xs = ys[keep], xs[keep]
        self.ys = ys.astype(np.float32) - ink.shape[0] / 2
        self.xs = xs.astype(np.float32) - ink.shape[1] / 2

    def score(self, angle: float) -> float:
        """Sharpness of the row profile after rotating the page by `angle` degrees (ccw)."""
        if self.ys.size == 0:
            return 0.0
        t = np.deg2rad(angle)
        rows = self.ys * np.float32(np.cos(t)) - self.xs * np.float32(np.sin(t))
        hist = np.bincount((rows - rows.min()).astype(np.int32))
        return float(np.square(np.diff(hist.astype(np.float64))).sum())


def _coarse_angle(points: "_Points", max_deg: float) -> tuple[float, float]:
    coarse = np.arange(-max_deg, max_deg + 1e-6, 1.0)
    scores = [points.score(a) for a in coarse]
    i = int(np.argmax(scores))
    return float(coarse[i]), float(scores[i])


def _best_angle(points: "_Points", max_deg: float, coarse: float | None = None) -> tuple[float, float]:
    best = _coarse_angle(points, max_deg)[0] if coarse is None else coarse
    fine = np.arange(best - 0.9, best + 0.91, 0.15)
    fscores = [points.score(a) for a in fine]
    i = int(np.argmax(fscores))
    return float(fine[i]), float(fscores[i])


def _updown_ratio(ink: np.ndarray, strips: int = 4) -> tuple[float, int]:
    """Ink above the x-height band / ink below it, summed over text lines (>1: upright).

    Measured in vertical strips so a little residual skew does not merge lines."""
    up = down = 0.0
    lines = 0
    w = ink.shape[1]
    for k in range(strips):
        part = ink[:, k * w // strips:(k + 1) * w // strips]
        rows = (part > 0).sum(axis=1).astype(np.float64)
        nonzero = rows[rows > 0]
        if nonzero.size == 0:
            continue
        on = rows > max(1.0, 0.08 * float(np.median(nonzero)))
        r, n = 0, len(rows)
        while r < n:
            if not on[r]:
                r += 1
                continue
            s = r
            while r < n and on[r]:
                r += 1
            band = rows[s:r]
            if len(band) < 6:
                continue
            peak = band.max()
            core = np.nonzero(band >= 0.45 * peak)[0]
            top, bottom = core[0], core[-1]
            if bottom - top < 2:
                continue
            up += band[:top].sum()
            down += band[bottom + 1:].sum()
            lines += 1
    if lines == 0:
        return 1.0, 0
    return (up + 1.0) / (down + 1.0), lines


def detect(grey: np.ndarray, config: OcrConfig, deadline: Deadline, *, allow_osd: bool = True) -> Orientation:
    h, w = grey.shape
    scale = min(1.0, WORK_LONG_SIDE / max(h, w))
    small = cv2.resize(grey, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA) \
        if scale < 1.0 else grey
    ink = _binary(small)
    # keep only text-sized connected components so rules and pictures do not steer the angle
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n > 1:
        hh = stats[1:, cv2.CC_STAT_HEIGHT]
        ww = stats[1:, cv2.CC_STAT_WIDTH]
        limit = max(small.shape) * 0.06
        keep = np.zeros(n, dtype=bool)
        keep[1:] = (hh < limit) & (ww < limit) & (stats[1:, cv2.CC_STAT_AREA] >= 3)
        ink = np.where(keep[labels], 255, 0).astype(np.uint8)
    max_deg = config.max_skew_degrees
    points = _Points(ink)
    a0, s0 = _coarse_angle(points, max_deg)
    quarter = 0
    if config.detect_orientation:
        ink90 = cv2.rotate(ink, cv2.ROTATE_90_CLOCKWISE)
        points90 = _Points(ink90)
        a90, s90 = _coarse_angle(points90, max_deg)
        if s90 > 1.3 * s0:
            quarter, a0, ink, points = 90, a90, ink90, points90
    a0, _ = _best_angle(points, max_deg, a0)
    deadline.check()
    # level the lines, then weigh ascenders against descenders
    hh, ww = ink.shape
    m = cv2.getRotationMatrix2D((ww / 2, hh / 2), a0, 1.0)
    level = cv2.warpAffine(ink, m, (ww, hh), flags=cv2.INTER_NEAREST, borderValue=0)
    ratio, lines = _updown_ratio(level)
    rotate = quarter
    method = "profile"
    if config.detect_orientation:
        confident = lines >= 8 and abs(np.log(ratio)) >= 0.5
        if lines >= 8 and np.log(ratio) >= 0.3:
            pass  # clearly upright: the common case needs no OSD
        elif confident:
            rotate = (quarter + 180) % 360  # clearly upside down
        else:  # unclear: ask Tesseract's OSD
            osd = tesseract.detect_orientation(small, config, deadline) if allow_osd else None
            if (osd is None or osd[1] < 1.0) and allow_osd:
                # OSD cannot tell either (little text, a skew, few ascenders): read a band of the
                # page both ways up and keep the way Tesseract reads with more confidence
                flipped = _read_both_ways(small, quarter, a0, config, deadline)
                if flipped is not None:
                    method = "read"
                    rotate = flipped
                    osd = None
            if osd is not None and osd[1] >= 1.0:
                method = "osd"
                rotate = osd[0]
                if rotate % 180 != quarter % 180:
                    # OSD disagrees with the line direction: trust OSD, re-measure the skew
                    turned = rotate_quarter(ink if quarter == 0 else cv2.rotate(ink, cv2.ROTATE_90_COUNTERCLOCKWISE), rotate)
                    a0, _ = _best_angle(_Points(turned), max_deg)
    return Orientation(rotate, a0, method, round(float(ratio), 3))


def _read_both_ways(small: np.ndarray, quarter: int, skew: float, config: OcrConfig,
                    deadline: Deadline) -> int | None:
    """`quarter` or `quarter + 180`, whichever way up a band through the page's middle reads
    with more confident words (None when neither reads at all)."""
    scores = {}
    for rotate in (quarter, (quarter + 180) % 360):
        page = straighten(small, Orientation(rotate, skew, "read", 1.0))
        h = page.shape[0]
        band = page[int(h * 0.3):int(h * 0.7)]
        try:
            words = tesseract.ocr_image(band, config, deadline, dpi=150, psm=6).words
        except Exception:  # a timeout here only means: keep the page as it is
            return None
        scores[rotate] = sum(max(0.0, w.conf - 50.0) * sum(c.isalnum() for c in w.text) for w in words)
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else None


def rotate_quarter(image: np.ndarray, degrees_clockwise: int) -> np.ndarray:
    degrees_clockwise %= 360
    if degrees_clockwise == 90:
        return cv2.rotate(image, cv2.ROTATE_90_CLOCKWISE)
    if degrees_clockwise == 180:
        return cv2.rotate(image, cv2.ROTATE_180)
    if degrees_clockwise == 270:
        return cv2.rotate(image, cv2.ROTATE_90_COUNTERCLOCKWISE)
    return image


def _skew_matrix(h: int, w: int, skew: float) -> tuple[np.ndarray, int, int]:
    m = cv2.getRotationMatrix2D((w / 2, h / 2), skew, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return m, nw, nh


def straighten(grey: np.ndarray, orientation: Orientation) -> np.ndarray:
    """Apply the quarter turn, then the skew, filling new corners with paper white."""
    out = rotate_quarter(grey, orientation.rotate)
    if abs(orientation.skew) >= 0.1:
        h, w = out.shape[:2]
        m, nw, nh = _skew_matrix(h, w, orientation.skew)
        border = int(np.percentile(out[:: max(1, h // 200), :: max(1, w // 200)], 90))
        out = cv2.warpAffine(out, m, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=border)
    return out


def back_to_source(shape: tuple[int, int], orientation: Orientation):
    """For a page of `shape` (h, w) straightened with `orientation`: a function taking a point of
    the straightened page (x, y normalised to [0, 1], at any scale) to the same point of the page
    as it was given (normalised)."""
    from .light import flat_point

    h, w = shape[:2]
    if orientation.rotate % 180:
        h, w = w, h
    if abs(orientation.skew) >= 0.1:
        m, nw, nh = _skew_matrix(h, w, orientation.skew)
        inv = cv2.invertAffineTransform(m)
    else:
        inv, nw, nh = None, w, h

    def to_source(x: float, y: float) -> tuple[float, float]:
        px, py = x * nw, y * nh
        if inv is not None:
            px, py = inv[0, 0] * px + inv[0, 1] * py + inv[0, 2], inv[1, 0] * px + inv[1, 1] * py + inv[1, 2]
        return flat_point(px / max(w, 1), py / max(h, 1), orientation.rotate)

    return to_source
