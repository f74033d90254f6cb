"""Accuracy measures shared by the tests and bench/ocr_bench.py."""
from __future__ import annotations

import re

import numpy as np


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate: Levenshtein distance / reference length, whitespace normalised."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    h = np.frombuffer(hyp.encode("utf-32-le"), dtype=np.uint32)
    steps = np.arange(len(h) + 1)
    prev = steps.copy()
    for i, c in enumerate(np.frombuffer(ref.encode("utf-32-le"), dtype=np.uint32), 1):
        cur = np.empty_like(prev)
        cur[0] = i
        cur[1:] = np.minimum(prev[1:] + 1, prev[:-1] + (h != c))
        cur = np.minimum.accumulate(cur - steps) + steps  # insertions, left to right
        prev = cur
    return float(prev[-1]) / len(ref)
