"""Shadow and glare judged the way a person reads: by whether the text under them can be read.

A shadow makes the paper darker and a bright patch makes it whiter; neither matters while the
strokes of the letters still stand out from the paper around them.  So the page is cut into
tiles a few text lines high and, in each tile the light has changed (paper darker than the lit
paper: shadow; paper burnt towards white: glare), the *stroke contrast* is measured: how far the
darkest ink lies below the local paper, against the tile's own noise.  A tile hides its text when
that contrast is too small to carry letter shapes.  Blank paper has no strokes to measure, so
under a shadow the contrast the light still allows is also predicted (the ink/paper ratio of the
lit text times the paper level there: a shadow dims ink and paper alike).

After Tesseract has read the page, the words it found inside the affected region decide the
doubtful cases (`confirm_with_words`): words read with good confidence where the image measure
saw none mean the text is readable after all; a region whose words come out as low-confidence
guesses hides them.

Everything here works on the flattened page (before orientation), in tile units; `where` names
the part of the upright page a person should look at.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .config import Thresholds
from .legibility import noise_response

TILES_LONG = 28  # tiles along the page's long side: about three text lines each on an A4 page
MARGIN = 0.07  # the outer band of the page, usually blank, is not counted


@dataclass
class LightMap:
    """Per tile: 0 unaffected, 1 shadow, 2 glare; and whether its text is hidden."""

    kind: np.ndarray  # (rows, cols) uint8
    hidden: np.ndarray  # (rows, cols) bool: affected and its text cannot be read
    inner: np.ndarray  # (rows, cols) bool: inside the page's text area (margins left out)
    metrics: dict
    paper_ratio: np.ndarray | None = None  # (rows, cols) paper level / the lit paper's

    text_area: np.ndarray | None = None  # (rows, cols) bool: where the page's text runs (or lies hidden)

    def fraction(self, code: int, mask: np.ndarray | None = None) -> float:
        """Share of the page's text area whose text `code` (1 shadow, 2 glare) hides."""
        m = self.hidden if mask is None else mask
        area_mask = self.inner if self.text_area is None else (self.text_area | (m & self.inner))
        area = max(1, int(area_mask.sum()))
        return float((m & (self.kind == code) & self.inner).sum()) / area


def _tile_stat(a: np.ndarray, rows: int, cols: int, q: float) -> np.ndarray:
    """The q-th percentile of each tile of `a` (cropped to whole tiles)."""
    h, w = a.shape
    th, tw = h // rows, w // cols
    t = a[: th * rows, : tw * cols].reshape(rows, th, cols, tw).transpose(0, 2, 1, 3).reshape(rows, cols, -1)
    k = min(t.shape[2] - 1, int(round(t.shape[2] * q / 100.0)))
    return np.partition(t, k, axis=2)[:, :, k].astype(np.float32)


def measure(grey: np.ndarray, bg: np.ndarray, t: Thresholds) -> LightMap:
    """Where on the flattened page shadow or glare hides the text (see the module's docstring)."""
    h, w = grey.shape
    # work at ~1600 px on the long side: strokes stay a pixel or more, tiles stay cheap
    f = min(1.0, 1600 / max(h, w))
    if f < 1.0:
        size = (max(1, int(w * f)), max(1, int(h * f)))
        grey = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
        bg = cv2.resize(bg, size, interpolation=cv2.INTER_AREA)
        h, w = grey.shape
    if h >= w:
        rows, cols = TILES_LONG, max(4, int(round(TILES_LONG * w / h)))
    else:
        rows, cols = max(4, int(round(TILES_LONG * h / w))), TILES_LONG
    if h < rows * 8 or w < cols * 8:
        z = np.zeros((rows, cols), bool)
        return LightMap(np.zeros((rows, cols), np.uint8), z, ~z, {}, None)
    depth = cv2.subtract(bg, grey)  # ink below the local paper
    response = noise_response(grey)
    stroke = _tile_stat(depth, rows, cols, 99.5)
    noise = _tile_stat(response, rows, cols, 50) * (1.2533 / 6.0 * 1.48)
    paper = _tile_stat(bg, rows, cols, 50)
    # blank gaps between paragraphs borrow the strokes of the tiles around them
    near = cv2.dilate(stroke, np.ones((3, 3), np.uint8))

    lit = float(np.percentile(paper, 90))
    floor = max(t.min_stroke_contrast, t.min_stroke_snr * float(np.median(noise)))
    readable = stroke >= np.maximum(floor, t.min_stroke_snr * noise)
    # ink/paper ratio of the text where it is lit and readable: predicts the contrast under a shadow
    lit_text = readable & (paper >= 0.85 * lit)
    ratio = float(np.median(1.0 - stroke[lit_text] / np.maximum(paper[lit_text], 1.0))) if lit_text.any() else 0.3
    ratio = min(max(ratio, 0.0), 0.9)
    predicted = paper * (1.0 - ratio)

    kind = np.zeros((rows, cols), np.uint8)
    kind[paper < t.shadow_paper_ratio * lit] = 1
    kind[(paper >= t.glare_paper_level) & (stroke < floor)] = 2
    seen = near >= floor
    hidden = np.zeros((rows, cols), bool)
    hidden[kind == 1] = (~seen & (predicted < floor))[kind == 1]
    # blank paper burnt white is no loss: glare counts where the page's text runs (the span of the
    # readable text, a little widened), not in an empty lower half of the page
    span = np.zeros((rows, cols), bool)
    rr, cc = np.nonzero(readable)
    if rr.size:
        span[max(0, rr.min() - 2):rr.max() + 3, max(0, cc.min() - 1):cc.max() + 2] = True
    else:
        span[:] = True
    glare_hides = ~seen & span
    hidden[kind == 2] = glare_hides[kind == 2]
    inner = np.zeros((rows, cols), bool)
    r0, c0 = int(round(rows * MARGIN)), int(round(cols * MARGIN))
    inner[r0:rows - r0, c0:cols - c0] = True
    lm = LightMap(kind, hidden, inner, {}, paper / max(lit, 1.0), (span | hidden) & inner)
    lm.metrics = {"shadow_fraction": round(lm.fraction(1), 4), "glare_fraction": round(lm.fraction(2), 4),
                  "shadow_area": round(float(((kind == 1) & inner).sum()) / max(1, int(inner.sum())), 4),
                  "glare_area": round(float(((kind == 2) & inner).sum()) / max(1, int(inner.sum())), 4),
                  "paper_bright": round(lit, 1), "stroke_floor": round(floor, 1),
                  "ink_paper_ratio": round(ratio, 3)}
    return lm


def upright_point(x: float, y: float, rotate: int) -> tuple[float, float]:
    """A point in [0, 1]^2 of the flattened page, on the page turned `rotate` degrees clockwise."""
    rotate %= 360
    if rotate == 90:
        return 1.0 - y, x
    if rotate == 180:
        return 1.0 - x, 1.0 - y
    if rotate == 270:
        return y, 1.0 - x
    return x, y


def flat_point(x: float, y: float, rotate: int) -> tuple[float, float]:
    """The inverse of `upright_point`."""
    for _ in range(((-rotate) % 360) // 90):
        x, y = upright_point(x, y, 90)
    return x, y


def upright_side(side: str, rotate: int) -> str:
    """A side of the flattened page ("top" …) as it lies on the page turned `rotate` degrees clockwise."""
    order = ["top", "right", "bottom", "left"]
    return order[(order.index(side) + (rotate % 360) // 90) % 4]


def where(mask: np.ndarray, rotate: int) -> str | None:
    """The part of the upright page a tile mask covers: "top", "bottom-left", "centre", "whole" …"""
    rows, cols = mask.shape
    ys, xs = np.nonzero(mask)
    if ys.size == 0:
        return None
    pts = np.array([upright_point((x + 0.5) / cols, (y + 0.5) / rows, rotate) for y, x in zip(ys, xs)])
    (x0, y0), (x1, y1) = pts.min(axis=0), pts.max(axis=0)
    cx, cy = pts.mean(axis=0)
    vertical = None if y1 - y0 > 0.7 else ("top" if cy < 0.4 else "bottom" if cy > 0.6 else "middle")
    horizontal = None if x1 - x0 > 0.7 else ("left" if cx < 0.4 else "right" if cx > 0.6 else "centre")
    if vertical is None and horizontal is None:
        return "whole"
    if vertical is None:
        return horizontal if horizontal != "centre" else "middle"
    if horizontal is None or horizontal == "centre":
        return vertical
    return f"{vertical}-{horizontal}"


def confirm_with_words(lm: LightMap, words: list, size: tuple[int, int], to_flat, t: Thresholds) -> dict:
    """Correct the image's verdict with what Tesseract read in the affected tiles.

    `words`: tesseract.Word in an image of `size` (w, h); `to_flat(x, y)` maps a point of that
    image (normalised) to the flattened page (normalised).  Returns updated metrics and sets
    `lm.hidden`."""
    rows, cols = lm.kind.shape
    affected = (lm.kind > 0) & lm.inner
    if not affected.any() or not words:
        return {}
    w, h = size
    chars = np.zeros((rows, cols), np.float32)
    good = np.zeros((rows, cols), np.float32)
    for word in words:
        n = sum(c.isalnum() for c in word.text)
        if n == 0:
            continue
        fx, fy = to_flat((word.left + word.width / 2) / w, (word.top + word.height / 2) / h)
        if not (0 <= fx < 1 and 0 <= fy < 1):
            continue
        r, c = int(fy * rows), int(fx * cols)
        chars[r, c] += n
        if word.conf >= t.min_region_word_confidence:
            good[r, c] += n
    outside = lm.inner & ~affected
    # characters per tile where the text is plainly readable, over tiles that hold text at all
    text_tiles = outside & (chars > 0)
    density = float(np.median(chars[text_tiles])) if text_tiles.sum() >= 3 else None
    out = {}
    hidden = lm.hidden.copy()
    # a hidden tile where Tesseract read words well: readable after all
    read_well = (good >= 0.7 * np.maximum(chars, 1)) & (chars >= 0.5 * density if density else chars >= 8)
    hidden &= ~read_well
    # an affected tile the image called readable but whose words are mostly low-confidence guesses
    guessed = (chars >= 4) & (good < 0.3 * chars) & affected
    hidden |= guessed
    out["region_chars"] = int(chars[affected].sum())
    out["region_good_chars"] = int(good[affected].sum())
    lm.hidden = hidden
    out["shadow_fraction"] = round(lm.fraction(1), 4)
    out["glare_fraction"] = round(lm.fraction(2), 4)
    return out
