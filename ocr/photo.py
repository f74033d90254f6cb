"""Phone photos of a page: find the page, flatten its perspective, even out the light.

Also measures what only a photo can get wrong: the page cut off at the frame's edge,
the page small in the frame (shot from too far), deep shadow and glare over the text.
A flat scan (the page fills the frame) passes through unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from .config import OcrConfig


@dataclass
class Flattened:
    grey: np.ndarray  # the page, perspective-corrected, channel-max grey (coloured ink dropped)
    is_photo: bool
    quad: np.ndarray | None = None  # page corners in the original image (tl, tr, br, bl)
    page_fraction: float = 1.0  # page area / photo area
    edge_contact: float = 0.0  # largest fraction of one frame side the page runs along
    page_long_side_px: float = 0.0  # page long side in original pixels
    metrics: dict = field(default_factory=dict)


def to_grey(image: np.ndarray) -> np.ndarray:
    """Grey in which coloured stamps and signatures fade: where a pixel is clearly coloured,
    take the max of the white-balanced channels (blue or red ink turns light, black stays)."""
    if image.ndim == 2:
        return image
    step = max(1, max(image.shape[:2]) // 300)
    sample = image[::step, ::step].reshape(-1, 3).astype(np.int16)
    if int((sample.max(axis=1) - sample.min(axis=1)).max()) < 12:  # a grey image saved as colour
        return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    paper = np.maximum(np.percentile(sample, 90, axis=0).astype(np.float32), 1.0)
    if float(paper.max()) < 40:  # a nearly black image: nothing to balance
        return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    gain = paper.max() / paper
    if float(np.abs(gain - 1).max()) > 0.02:
        balanced = cv2.multiply(image, (float(gain[0]), float(gain[1]), float(gain[2]), 0.0))
    else:
        balanced = image
    b, g, r = cv2.split(balanced)
    hi = cv2.max(cv2.max(b, g), r)
    lo = cv2.min(cv2.min(b, g), r)
    grey = cv2.cvtColor(balanced, cv2.COLOR_BGR2GRAY)
    # coloured: saturation (hi - lo) / hi above ~0.28 on a pixel that is not near black
    chroma = cv2.subtract(hi, lo)
    sat_ok = chroma.astype(np.uint16) * 100 > hi.astype(np.uint16) * 28
    coloured = (sat_ok & (hi > 50)).astype(np.uint8) * 255
    if cv2.countNonZero(coloured):
        # coloured ink goes to the paper level around it: lift it by the paper/hi gap
        gap = cv2.subtract(np.full_like(hi, int(paper.max())), hi)
        lifted = cv2.add(hi, cv2.subtract(gap, gap // 4))
        grey = cv2.copyTo(lifted, coloured, grey)
    return grey


def _order(quad: np.ndarray) -> np.ndarray:
    pts = quad.reshape(4, 2).astype(np.float32)
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]],
                    dtype=np.float32)


def _page_mask(small_grey: np.ndarray) -> np.ndarray:
    blur = cv2.GaussianBlur(small_grey, (0, 0), 2)
    _, mask = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    k = max(3, small_grey.shape[1] // 60) | 1
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=4)
    if n <= 1:
        return np.zeros_like(mask)
    best = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    page = np.where(labels == best, 255, 0).astype(np.uint8)
    # fill holes (dark text blocks, photos on the page)
    contours, _ = cv2.findContours(page, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(page)
    cv2.drawContours(filled, contours, -1, 255, thickness=cv2.FILLED)
    return filled


def _edge_contact(mask: np.ndarray) -> float:
    m = mask > 0
    sides = [m[0, :], m[-1, :], m[:, 0], m[:, -1]]
    return float(max(s.mean() for s in sides))


@dataclass
class PageDetection:
    """Where the page lies in a photo, and how sure the finding is."""

    corners: np.ndarray  # (4, 2) float32, tl tr br bl, in the image's pixels; the whole frame if not found
    confidence: float  # 0..1: below ~0.6 a person should check (or place) the corners
    found: bool  # a page stands out from its background
    page_fraction: float = 1.0
    edge_contact: float = 0.0

    def to_dict(self) -> dict:
        return {"corners": [[round(float(x), 1), round(float(y), 1)] for x, y in self.corners],
                "confidence": round(self.confidence, 3), "found": self.found}


def _frame(h: int, w: int) -> np.ndarray:
    return np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)


def detect_page(image: np.ndarray, config: OcrConfig) -> PageDetection:
    """Find the page in a photo. A page that does not stand out (a flat scan that fills the frame,
    or a white page on a white desk, which look alike to this test) gives the whole frame with a low
    confidence; a clearly bright, four-sided page on a darker desk gives its corners with a high one."""
    h, w = image.shape[:2]
    scale = min(1.0, config.photo_work_long_side / max(h, w))
    small = cv2.resize(image, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    if small.ndim == 3:  # paper is bright in every channel; a wooden or coloured desk is not
        small = cv2.min(cv2.min(small[:, :, 0], small[:, :, 1]), small[:, :, 2])
    mask = _page_mask(small)
    area = float((mask > 0).mean())
    contact = _edge_contact(mask)
    inside = float(small[mask > 0].mean()) if area > 0 else 0.0
    outside = float(small[mask == 0].mean()) if area < 1 else 0.0
    if area >= 0.93 or area < 0.03 or inside - outside < 25 or inside < 60:
        return PageDetection(_frame(h, w), 0.2 if area >= 0.93 else 0.0, False)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    contour = max(contours, key=cv2.contourArea)
    peri = cv2.arcLength(contour, True)
    quad, fitted = None, True
    for eps in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(contour, eps * peri, True)
        if len(approx) == 4 and cv2.isContourConvex(approx):
            quad = approx
            break
    if quad is None:
        quad, fitted = cv2.boxPoints(cv2.minAreaRect(contour)).reshape(4, 1, 2), False
    corners = _order(quad) / scale
    corners[:, 0] = corners[:, 0].clip(0, w - 1)
    corners[:, 1] = corners[:, 1].clip(0, h - 1)
    # how sure: the page's contrast with the desk, and how well four straight sides fit its outline
    contrast = min(1.0, (inside - outside - 25) / 50)
    fit = float(cv2.contourArea(contour)) / max(1.0, float(cv2.contourArea(quad.astype(np.float32))))
    fit = min(fit, 1.0 / max(fit, 1e-6))
    shape = max(0.0, min(1.0, (fit - 0.85) / 0.12)) * (1.0 if fitted else 0.6)
    confidence = 0.3 + 0.7 * min(contrast, shape)
    return PageDetection(corners, round(float(confidence), 3), True, area, contact)


def flatten(image: np.ndarray, config: OcrConfig) -> Flattened:
    """Find the page, then flatten it; a flat scan passes through unchanged."""
    h, w = image.shape[:2]
    found = detect_page(image, config)
    if not found.found:
        return Flattened(to_grey(image), False, None, 1.0, 0.0, float(max(h, w)), {"page_fraction": 1.0})
    return _warp(image, found.corners, found.page_fraction, found.edge_contact)


def flatten_with_corners(image: np.ndarray, corners) -> Flattened:
    """Flatten the page whose corners a person placed (tl, tr, br, bl, image pixels). Corners on
    the frame's own corners mean "this is a flat scan": nothing to flatten."""
    h, w = image.shape[:2]
    quad = _order(np.asarray(corners, dtype=np.float32))
    quad[:, 0] = quad[:, 0].clip(0, w - 1)
    quad[:, 1] = quad[:, 1].clip(0, h - 1)
    if float(np.abs(quad - _frame(h, w)).max()) <= 0.01 * max(h, w):
        return Flattened(to_grey(image), False, None, 1.0, 0.0, float(max(h, w)),
                         {"page_fraction": 1.0, "corners": "given"})
    scale = min(1.0, 400 / max(h, w))
    mask = np.zeros((max(1, int(h * scale)), max(1, int(w * scale))), np.uint8)
    cv2.fillConvexPoly(mask, (quad * scale).round().astype(np.int32), 255)
    area = float(cv2.contourArea(quad)) / float(h * w)
    flat = _warp(image, quad, area, _edge_contact(mask))
    flat.metrics["corners"] = "given"
    return flat


def _warp(image: np.ndarray, corners: np.ndarray, area: float, contact: float) -> Flattened:
    h, w = image.shape[:2]
    tl, tr, br, bl = corners
    width = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    height = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    width, height = int(round(width)), int(round(height))
    if width < 20 or height < 20:
        return Flattened(to_grey(image), False, None, 1.0, 0.0, float(max(h, w)), {"page_fraction": 1.0})
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    page = cv2.warpPerspective(image, m, (width, height), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)
    # trim a thin margin so the desk edge does not enter the page
    t = max(2, int(0.006 * max(width, height)))
    page = page[t:-t, t:-t] if page.shape[0] > 4 * t and page.shape[1] > 4 * t else page
    page = to_grey(page)  # white balance and stamp removal on the page alone, not the desk
    # A page is about 1:1.41 (A4) to 1:1.56 (F4).  A piece far from that shape is a page
    # partly hidden: by the frame's edge (cut off) or by a shadow too deep to tell from the desk.
    aspect = max(width, height) / max(1.0, min(width, height))
    if aspect >= 1.414:
        missing = 1.0 - 1.414 / aspect if aspect > 1.62 else 0.0
    else:
        missing = min(1.0 - aspect / 1.414, 1.0 - 1.0 / (1.414 * aspect))
    return Flattened(page, True, corners, area, contact, float(max(width, height)),
                     {"page_fraction": round(area, 4), "edge_contact": round(contact, 4),
                      "page_aspect": round(aspect, 3), "hidden_fraction": round(max(0.0, missing), 4)})


def background(grey: np.ndarray) -> np.ndarray:
    """The paper's brightness under the text: a grey closing at a scale wider than letters."""
    h, w = grey.shape
    scale = min(1.0, 500 / max(h, w))
    small = cv2.resize(grey, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    k = max(3, int(max(small.shape) / 40)) | 1
    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    bg = cv2.medianBlur(bg, 5)
    bg = cv2.GaussianBlur(bg, (0, 0), 2)
    return cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR)


def even_light(grey: np.ndarray, bg: np.ndarray) -> np.ndarray:
    """Divide by the paper's brightness so shadows and gradients vanish; text stays dark."""
    norm = grey.astype(np.float32) * (255.0 / np.maximum(bg.astype(np.float32), 8.0))
    return np.clip(norm, 0, 255).astype(np.uint8)


def light_defects(grey: np.ndarray, bg: np.ndarray, config: OcrConfig) -> dict:
    """Shadow and glare over the page, as fractions of its area."""
    t = config.thresholds
    step = max(1, max(grey.shape) // 400)
    b = bg[::step, ::step].astype(np.float32)
    g = grey[::step, ::step].astype(np.float32)
    bright = float(np.percentile(b, 95))
    shadow = float((b < t.shadow_depth * bright).mean()) if bright > 20 else 0.0
    # glare: burnt-out paper where the text has lost its contrast
    k = 15
    local_min = cv2.erode(g, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    local_max = cv2.dilate(g, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    burnt = (b >= 248) & (b > float(np.median(b)) + 15) & ((local_max - local_min) < 40)
    glare = float(burnt.mean())
    return {"shadow_fraction": round(shadow, 4), "glare_fraction": round(glare, 4),
            "paper_bright": round(bright, 1)}


def hidden_part(metrics: dict, config: OcrConfig) -> dict:
    """Charge a missing part of the page to the frame's edge or, if none, to a deep shadow."""
    hidden = metrics.get("hidden_fraction", 0.0)
    if hidden <= 0:
        return {}
    if metrics.get("edge_contact", 0.0) > config.thresholds.max_edge_contact * 0.5:
        return {}
    return {"shadow_fraction": round(max(metrics.get("shadow_fraction", 0.0), hidden), 4)}
