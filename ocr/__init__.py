"""OCR for Berkas ASN: text, legibility with reasons a person can act on, and fields.

Pure Python, no Django:

    from ocr import analyze, OcrConfig
    result = analyze(path_or_bytes, config=OcrConfig())
    found = detect_page(photo_bytes)  # corners of the page in a photo, and how sure
    result = analyze(photo_bytes, corners=found.corners)  # or corners a person placed
    # a long document read one page per process, then joined:
    pages = [analyze_page(data, n, config) for n in range(1, page_count(data) + 1)]
    result = combine(pages, config)
"""
from .analyze import analyze, analyze_page, combine, detect_page, page_count
from .config import OcrConfig, Thresholds
from .errors import OcrError
from .result import AnalysisResult, PageResult, Reason

__all__ = ["analyze", "analyze_page", "combine", "detect_page", "page_count", "OcrConfig", "Thresholds", "OcrError",
           "AnalysisResult", "PageResult", "Reason"]
