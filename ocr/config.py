"""Every limit and threshold of the OCR package, in one frozen dataclass.

Library code never reads the environment; the caller (the archive's pipeline, the
command line) builds an OcrConfig and passes it in.  The legibility thresholds were
calibrated on `corpus/scans-dev` (60 scans) and on 48 synthetic phone photos made by
`tests/ocr/photo_maker.py --seed 11 --count 48`, then checked on unseen seeds (the test
set, seed 23, and the bench set, seed 101; `bench/ocr_bench.py` prints the flag rates).
Measured ranges (legible | illegible) are noted beside each threshold, which sits in the gap.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Thresholds:
    """A page is flagged with a reason when its metric falls on the wrong side of these."""

    # Effective resolution of the page, in dots per inch of paper (long side / 11.69 in).
    # Illegible scans-dev pages are 28-36 dpi, legible ones 200-300; a phone photo sent through
    # a chat app (1600 px) still gives ~115 dpi, which people read, hence well below that.
    min_dpi: float = 90.0
    # Sharpness: 99th-percentile gradient per pixel at 300 dpi-equivalent, divided by the
    # ink/paper contrast (1.0 = a perfect step edge, 0.03 = a sigma 12 px Gaussian blur).
    # legible scans 0.69-0.90, legible photos 0.62-0.77 | blurred scans ~0.10, defocus and
    # shaken photos 0.18-0.41
    min_sharpness: float = 0.45
    # Motion blur: weakest / strongest directional sharpness below this (1 = same in all directions).
    # shaken photos 0.31-0.59 | defocused and sharp pages 0.77-0.93
    max_motion_anisotropy: float = 0.70
    # Contrast between paper and ink, grey levels (0-255) on the page region.
    # legible 117-255 | faded scans 3-6
    min_contrast: float = 45.0
    # Exposure: the paper level (90th percentile) below this is "too dark" ...
    min_paper_level: float = 55.0
    # ... and the ink level (paper minus contrast) above this is "washed out".
    # paper: legible 181-255 | dark scans 2-7.  ink: legible <= 91 | faded scans 238-247
    max_ink_level: float = 190.0
    # Noise: robust noise sigma divided by the contrast.
    # legible <= 0.01 | speckled scans >= 0.19
    max_noise_ratio: float = 0.12
    # Shadow and glare are judged by the text under them (ocr/light.py): a tile of the page whose
    # paper is darker than `shadow_paper_ratio` x the lit paper (shadow) or at least
    # `glare_paper_level` (glare) hides its text when the strokes stand out from the local paper by
    # less than `min_stroke_contrast` grey levels or `min_stroke_snr` x the tile's noise.
    # phone-dev: readable shadows (paper x 0.52-0.70) keep strokes of 60-120 levels | deep shadows
    # (x 0.02-0.03) and burnt glare leave 0-8.
    shadow_paper_ratio: float = 0.75
    glare_paper_level: float = 245.0
    min_stroke_contrast: float = 18.0
    min_stroke_snr: float = 5.0
    # Words Tesseract reads at this confidence or more count as read in a shadow or glare region.
    min_region_word_confidence: float = 60.0
    # Share of the page's text area whose text a shadow / glare hides.
    # legible 0.0-0.03 | deep shadow, glare 0.3 and more
    max_shadow_fraction: float = 0.08
    max_glare_fraction: float = 0.08
    # Cut off: fraction of a page side that runs along the photo's edge.
    # legible 0.0 | cut off 0.76-1.0
    max_edge_contact: float = 0.25
    # Cut off (any page): letters in the outer band of a side, or a stamp / signature the side cuts,
    # along this share of that side (a page has margins).  legible photos and scans 0.0 | cut-off
    # photos 0.21-0.39
    max_edge_text: float = 0.10
    # Page shot from too far away: page area as a fraction of the photo, when that also leaves
    # the page under `too_far_dpi` (a 48-megapixel photo of a small page is still sharp).
    # legible 0.58-0.80 | too far 0.12-0.15 (at 99-111 dpi)
    min_page_fraction: float = 0.22
    too_far_dpi: float = 160.0
    # OCR: mean word confidence (0-100) of the words Tesseract found.
    # legible 87-96 (a backstop: the image measures above catch every calibration case first)
    min_mean_confidence: float = 55.0
    # Text coverage: recognised characters per page below which the page counts as blank.
    min_text_chars: int = 20
    # A page whose ink is at most this many grey levels from the paper is empty, not faint.
    blank_max_contrast: float = 1.0


@dataclass(frozen=True)
class OcrConfig:
    """Settings of one analysis; every field has a production default."""

    # --- limits (a hostile or enormous file must not take the service down)
    max_file_bytes: int = 200 * 1024 * 1024
    max_pages: int = 200
    max_pixels_per_page: int = 100_000_000  # decoded pixels of one page or embedded image
    max_render_pixels: int = 25_000_000  # pages are rendered/downscaled to at most this
    # decoded bytes of one page before it is shrunk: 100 megapixels of 8-bit RGB is 300 MB; a 16-bit
    # 9999x9999 greyscale PNG is 200 MB (bytes, not only pixels, bound a worker's memory)
    max_decoded_bytes_per_page: int = 320 * 1024 * 1024
    # decoded bytes of a PDF page's content (or of a form, font ...): a scanned page's is under a
    # kilobyte, a dense vector drawing's a few megabytes; past this it is a compression bomb
    max_stream_bytes: int = 64 * 1024 * 1024
    page_timeout_seconds: float = 60.0
    # a page the image measures already call illegible gets at most this long in Tesseract;
    # past it the page keeps no text instead of failing the document
    illegible_ocr_seconds: float = 20.0
    # --- text
    dpi: int = 300
    languages: str = "ind+eng"
    tesseract_cmd: str = "tesseract"
    # a PDF text layer counts as real text from this many word characters on a page
    min_text_layer_chars: int = 20
    # --- orientation and skew
    detect_orientation: bool = True
    max_skew_degrees: float = 10.0
    # --- phone photos
    photo_work_long_side: int = 1000  # page finding runs on a copy this size
    # --- legibility
    thresholds: Thresholds = field(default_factory=Thresholds)
