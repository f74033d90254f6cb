"""Shared, session-scoped OCR results: each corpus file is analysed once per test run.

The corpus is the `corpus` fixture (tests/conftest.py): ../shared/corpus when it is beside the clone,
else the same layout generated for the session by tests/support/corpus.py.  Synthetic phone photos are
generated with a fixed seed by tests/ocr/photo_maker.py and cached under bench/data/ (gitignored).
"""
from __future__ import annotations

import importlib.util
import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from ocr import OcrConfig, OcrError, analyze

ROOT = Path(__file__).resolve().parents[2]
PHOTO_SEED, PHOTO_COUNT = 23, 12
WORKERS = int(os.environ.get("OCR_TEST_WORKERS", "2"))

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one Tesseract thread per process is fastest here


def load_photo_maker():
    spec = importlib.util.spec_from_file_location("photo_maker", Path(__file__).with_name("photo_maker.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _analyze_one(path: str):
    try:
        return path, analyze(path, config=OcrConfig())
    except OcrError as exc:
        return path, exc


def analyze_many(paths: list[Path]) -> dict[str, object]:
    """{file name: AnalysisResult | OcrError}, in parallel worker processes."""
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        return {Path(p).name: r for p, r in pool.map(_analyze_one, [str(p) for p in paths])}


@pytest.fixture(scope="session")
def photo_maker():
    """tests/ocr/photo_maker.py, to make one photo with the defects a test names (seeded)."""
    return load_photo_maker()


@pytest.fixture(scope="session")
def scans_dev_dir(corpus) -> Path:
    return corpus / "scans-dev"


@pytest.fixture(scope="session")
def scans_dev_labels(scans_dev_dir) -> list[dict]:
    return json.loads((scans_dev_dir / "labels.json").read_text())


@pytest.fixture(scope="session")
def scans_dev_results(scans_dev_dir, scans_dev_labels) -> dict[str, object]:
    return analyze_many([scans_dev_dir / item["file"] for item in scans_dev_labels])


@pytest.fixture(scope="session")
def photo_labels() -> tuple[Path, list[dict]]:
    out = ROOT / "bench" / "data" / f"photos-test-{PHOTO_SEED}-{PHOTO_COUNT}"
    labels_file = out / "labels.json"
    if not labels_file.exists():
        load_photo_maker().make_set(out, PHOTO_SEED, PHOTO_COUNT)
    return out, json.loads(labels_file.read_text())


@pytest.fixture(scope="session")
def photo_results(photo_labels) -> dict[str, object]:
    out, labels = photo_labels
    return analyze_many([out / item["file"] for item in labels])


@pytest.fixture(scope="session")
def real_dir(corpus) -> Path:
    """Real-world scans and awkward PDFs: OCRmyPDF's test files in the shared corpus, generated
    stand-ins of the same kinds otherwise (tests/support/awkward_files.py)."""
    return corpus / "real"


@pytest.fixture(scope="session")
def real_results(real_dir) -> dict[str, object]:
    return analyze_many(sorted(p for p in real_dir.iterdir() if p.is_file()))


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def cer():
    return _load("metrics").cer
