"""Shared, session-scoped OCR results: each corpus file is analysed once per test run.

The corpus lives outside the repository, in ../shared/corpus beside the clone (SHARED_DIR or
BERKAS_CORPUS override it); a missing corpus fails the run, it is not skipped.  Synthetic phone photos are generated with a fixed seed by
tests/ocr/photo_maker.py and cached under bench/data/ (gitignored).
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
CORPUS = Path(os.environ.get("BERKAS_CORPUS")
              or Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared")) / "corpus")
SCANS_DEV = CORPUS / "scans-dev"
REAL = CORPUS / "real"
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
def scans_dev_labels() -> list[dict]:
    if not (SCANS_DEV / "labels.json").exists():
        pytest.fail(f"corpus not found at {SCANS_DEV} (set BERKAS_CORPUS)")
    return json.loads((SCANS_DEV / "labels.json").read_text())


@pytest.fixture(scope="session")
def scans_dev_results(scans_dev_labels) -> dict[str, object]:
    return analyze_many([SCANS_DEV / item["file"] for item in scans_dev_labels])


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
def real_results() -> dict[str, object]:
    if not REAL.exists():
        pytest.fail(f"corpus not found at {REAL} (set BERKAS_CORPUS)")
    return analyze_many(sorted(p for p in REAL.iterdir() if p.is_file()))


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def cer():
    return _load("metrics").cer


@pytest.fixture(scope="session")
def scans_dev_dir(scans_dev_labels) -> Path:
    return SCANS_DEV


@pytest.fixture(scope="session")
def real_dir() -> Path:
    if not REAL.exists():
        pytest.fail(f"corpus not found at {REAL} (set BERKAS_CORPUS)")
    return REAL
