"""A phone photo of a white page on a white desk, shot at an angle: the case where the page's
edges cannot be found by the machine and the employee drags the four corners.

Deterministic for a seed. Returns the JPEG bytes, the true page corners in the photo (tl, tr, br,
bl, in pixels) and the text printed on the page.
"""
from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import cv2
import numpy as np

_MAKER = Path(__file__).resolve().parents[1] / "ocr" / "photo_maker.py"
PHOTO_W, PHOTO_H = 2448, 3264


def _photo_maker():
    spec = importlib.util.spec_from_file_location("photo_maker", _MAKER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def white_desk_photo(seed: int = 5, *, angle: float = 22.0, tilt: float = 0.18,
                     fields: dict | None = None) -> tuple[bytes, list[list[float]], str]:
    """The page rotated by `angle` degrees with its top edge `tilt` narrower than its bottom
    (perspective), on a desk barely darker than the paper; light noise, JPEG."""
    maker = _photo_maker()
    rng = random.Random(seed)
    page, text, _fields, _box = maker.render_page(rng)
    page = np.asarray(page)
    ph, pw = page.shape
    th = PHOTO_H * 0.66
    tw = th * pw / ph
    cx, cy = PHOTO_W / 2, PHOTO_H / 2
    top = tw * (1 - tilt) / 2
    corners = np.array([[cx - top, cy - th / 2], [cx + top, cy - th / 2], [cx + tw / 2, cy + th / 2],
                        [cx - tw / 2, cy + th / 2]], np.float32)
    rot = cv2.getRotationMatrix2D((cx, cy), angle, 1.0)
    corners = cv2.transform(corners[None], rot)[0]
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    m = cv2.getPerspectiveTransform(src, corners)
    warped = cv2.warpPerspective(page, m, (PHOTO_W, PHOTO_H), flags=cv2.INTER_AREA, borderValue=0)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), m, (PHOTO_W, PHOTO_H), flags=cv2.INTER_LINEAR)
    noise_rng = np.random.default_rng(seed)
    desk = 236 + cv2.resize(noise_rng.normal(0, 2.0, (PHOTO_H // 40, PHOTO_W // 40)).astype(np.float32),
                            (PHOTO_W, PHOTO_H))
    a = mask.astype(np.float32) / 255.0
    paper = warped.astype(np.float32) * (243.0 / 255.0)
    img = desk * (1 - a) + paper * a
    yy, xx = np.mgrid[0:PHOTO_H, 0:PHOTO_W].astype(np.float32)
    img *= 1.0 - 0.06 * (yy / PHOTO_H)  # a soft light gradient over desk and page alike
    img = cv2.GaussianBlur(img, (0, 0), 0.6) + noise_rng.normal(0, 1.5, img.shape)
    bgr = cv2.cvtColor(np.clip(img, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2BGR)
    ok, jpeg = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    return jpeg.tobytes(), corners.round(1).tolist(), text
