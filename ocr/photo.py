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
    ink: np.ndarray | None = None  # the page's darkest channel: coloured stamps and signatures stay dark


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


def _page_mask_edges(small_grey: np.ndarray) -> np.ndarray:
    """The page as the region its outline encloses, found on the log of the brightness: light is
    a factor, so a shadow or a bright patch shifts the log evenly over page and desk alike (and
    softly), while the page's outline stays one sharp step.  Robust where a shadow band crosses
    page and desk, which splits a brightness threshold in two."""
    g = cv2.GaussianBlur(small_grey, (0, 0), 1.5).astype(np.float32)
    log = np.log(g + 4.0) * (255.0 / np.log(259.0))
    edges = cv2.Canny(np.clip(log, 0, 255).astype(np.uint8), 30, 70, L2gradient=True)
    k = max(3, small_grey.shape[1] // 250) | 1
    edges = cv2.dilate(edges, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(small_grey)
    if contours:
        cv2.drawContours(filled, [max(contours, key=cv2.contourArea)], -1, 255, thickness=cv2.FILLED)
        filled = cv2.erode(filled, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    return filled


def _quad_fit(mask: np.ndarray):
    """(quad, fitted, fit, contour) of the largest region of a mask: four sides if they fit."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None, False, 0.0, None
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
    fit = float(cv2.contourArea(contour)) / max(1.0, float(cv2.contourArea(quad.astype(np.float32))))
    fit = min(fit, 1.0 / max(fit, 1e-6))
    return quad, fitted, fit, contour


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
    # a shadow or glare across page and desk splits the brightness threshold: when the page's
    # outline encloses a larger, four-sided region that holds the bright one, that is the page
    outlined = _page_mask_edges(small)
    o_area = float((outlined > 0).mean())
    if 0.03 <= o_area < 0.97 and (mask > 0).any():
        o_quad, o_fitted, o_fit, _ = _quad_fit(outlined)
        kept = float(cv2.countNonZero(cv2.bitwise_and(mask, outlined))) / max(1, cv2.countNonZero(mask))
        if o_fitted and o_fit >= 0.9 and kept >= 0.9 and o_area > float((mask > 0).mean()) * 1.05:
            mask = outlined
    area = float((mask > 0).mean())
    contact = _edge_contact(mask)
    inside = float(small[mask > 0].mean()) if area > 0 else 0.0
    outside = float(small[mask == 0].mean()) if area < 1 else 0.0
    if area >= 0.93 or area < 0.03 or inside - outside < 25 or inside < 60:
        return PageDetection(_frame(h, w), 0.2 if area >= 0.93 else 0.0, False)
    quad, fitted, fit, contour = _quad_fit(mask)
    corners = _order(quad) / scale
    corners[:, 0] = corners[:, 0].clip(0, w - 1)
    corners[:, 1] = corners[:, 1].clip(0, h - 1)
    # how sure: the page's contrast with the desk, and how well four straight sides fit its outline
    contrast = min(1.0, (inside - outside - 25) / 50)
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
    ink = cv2.min(cv2.min(page[:, :, 0], page[:, :, 1]), page[:, :, 2]) if page.ndim == 3 else page
    page = to_grey(page)  # white balance and stamp removal on the page alone, not the desk
    # A page is about 1:1.41 (A4) to 1:1.56 (F4).  A piece far from that shape is a page
    # partly hidden: by the frame's edge (cut off) or by a shadow too deep to tell from the desk.
    aspect = max(width, height) / max(1.0, min(width, height))
    if aspect >= 1.414:
        missing = 1.0 - 1.414 / aspect if aspect > 1.62 else 0.0
    else:
        missing = min(1.0 - aspect / 1.414, 1.0 - 1.0 / (1.414 * aspect))
    outside = _outside_light(image, corners)
    return Flattened(page, True, corners, area, contact, float(max(width, height)),
                     {"page_fraction": round(area, 4), "edge_contact": round(contact, 4),
                      "page_aspect": round(aspect, 3), "hidden_fraction": round(max(0.0, missing), 4),
                      "outside_light": outside}, ink)


def _outside_light(image: np.ndarray, corners: np.ndarray) -> dict:
    """Brightness just beyond each side of the page (names as on the flattened page), or None
    where that lies outside the photo: the desk beyond a cut edge is lit like the desk elsewhere;
    beyond the edge of a deep shadow, everything is dark."""
    h, w = image.shape[:2]
    tl, tr, br, bl = corners.astype(np.float32)
    centre = corners.mean(axis=0)
    reach = 0.04 * max(np.linalg.norm(bl - tl), np.linalg.norm(tr - tl))
    out = {}
    for side, (a, b) in {"top": (tl, tr), "right": (tr, br), "bottom": (br, bl), "left": (bl, tl)}.items():
        mid = (a + b) / 2
        normal = mid - centre
        normal = normal / max(float(np.linalg.norm(normal)), 1e-6)
        values = []
        for u in np.linspace(0.15, 0.85, 15):
            p = a + (b - a) * u + normal * reach
            x, y = int(round(p[0])), int(round(p[1]))
            if 0 <= x < w and 0 <= y < h:
                px = image[y, x]
                values.append(float(np.max(px)) if np.ndim(px) else float(px))
        out[side] = round(float(np.median(values)), 1) if len(values) >= 8 else None
    return out


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


# 255 / paper level for each of the 256 levels: one table lookup instead of a division per pixel
_GAIN = (255.0 / np.maximum(np.arange(256, dtype=np.float32), 8.0)).astype(np.float32)


def even_light(grey: np.ndarray, bg: np.ndarray) -> np.ndarray:
    """Divide by the paper's brightness so shadows and gradients vanish; text stays dark."""
    norm = cv2.multiply(grey, cv2.LUT(bg, _GAIN), dtype=cv2.CV_32F)
    np.minimum(norm, 255.0, out=norm)  # never below 0: both factors are
    return norm.astype(np.uint8)  # truncated, as before


def text_at_edges(grey: np.ndarray, bg: np.ndarray, contrast: float) -> dict:
    """Text running off the page's edge: a page has margins, so letters, a stamp or a signature
    that a side cuts (ink reaching into the side's outermost band), along much of that side, mean
    the page goes on beyond the picture.  Returns the largest share of one side's length so cut,
    and that side (as on the flattened page)."""
    h, w = grey.shape
    f = min(1.0, 1200 / max(h, w))
    if f < 1.0:
        size = (max(1, int(w * f)), max(1, int(h * f)))
        grey, bg = cv2.resize(grey, size, interpolation=cv2.INTER_AREA), cv2.resize(bg, size, interpolation=cv2.INTER_AREA)
        h, w = grey.shape
    depth = cv2.subtract(bg, grey)
    ink = cv2.compare(depth, max(12.0, 0.35 * contrast), cv2.CMP_GT)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return {"edge_text": 0.0}
    limit = 0.05 * max(h, w)
    x, y = stats[1:, cv2.CC_STAT_LEFT], stats[1:, cv2.CC_STAT_TOP]
    hh, ww, area = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_AREA]
    letter = (hh < limit) & (ww < limit) & (area >= 4)
    # letters, a stamp or a signature the edge cuts reach into this band (a page's margin, however
    # narrow, keeps them out of it)
    band = touch = max(2, int(0.008 * max(h, w)))
    # a thin strip along a whole side is the page's own edge or the desk, not writing
    long_x, long_y = ww > 0.5 * w, hh > 0.5 * h
    sides = {
        "top": (y < band, y < touch, x, ww, w, ~long_x),
        "bottom": (y + hh > h - band, y + hh > h - touch, x, ww, w, ~long_x),
        "left": (x < band, x < touch, y, hh, h, ~long_y),
        "right": (x + ww > w - band, x + ww > w - touch, y, hh, h, ~long_y),
    }
    smear = max(3, int(0.012 * max(h, w)))  # letters of a line join into one run along the side
    best, where, best_cut = 0.0, None, 0.0
    for side, (in_band, at_edge, start, extent, length, not_strip) in sides.items():
        run = np.zeros(length + smear, np.uint8)
        cut = np.zeros(length, np.uint8)
        for i in np.nonzero(letter & in_band)[0]:
            run[start[i]:start[i] + extent[i] + smear] = 1
        for i in np.nonzero(at_edge & not_strip & (hh >= 0.006 * max(h, w)) & (area >= 12))[0]:
            cut[start[i]:start[i] + extent[i]] = 1
        share = max(float(run[:length].mean()), float(cut.mean()))
        if share > best:
            best, where = share, side
        best_cut = max(best_cut, float(cut.mean()))
    return {"edge_text": round(best, 4), "edge_cut_ink": round(best_cut, 4), "edge_text_side": where}


def hidden_part(metrics: dict, config: OcrConfig) -> dict:
    """Charge a missing part of the page (its shape is not a page's) to the frame's edge, to a
    deep shadow (everything beyond that side of the page is dark), or else to the page being cut
    (text running off a side beyond which the desk is lit: `edge_text` says so)."""
    hidden = metrics.get("hidden_fraction", 0.0)
    if hidden <= 0:
        return {}
    if metrics.get("edge_contact", 0.0) > config.thresholds.max_edge_contact * 0.5:
        return {}
    side = metrics.get("edge_text_side") if metrics.get("edge_text", 0.0) > 0 else None
    around = metrics.get("outside_light") or {}
    if side and around.get(side) is not None:
        others = [v for k, v in around.items() if k != side and v is not None]
        if others and around[side] >= 0.5 * float(np.median(others)):
            return {}  # lit desk beyond the side the text runs off: the page is cut (`edge_text`)
    out = {"shadow_fraction": round(max(metrics.get("shadow_fraction", 0.0), hidden), 4), "shadow_by_shape": True}
    if not side:  # the side beyond which the photo is darkest, if clearly darker than the rest
        known = {k: v for k, v in around.items() if v is not None}
        if len(known) >= 3:
            darkest = min(known, key=known.get)
            rest = [v for k, v in known.items() if k != darkest]
            if known[darkest] < 0.5 * float(np.median(rest)):
                side = darkest
    if side:
        out["shadow_side"] = side
    return out
