"""Benchmark of the ocr package: speed (pages/min with 1 and 2 worker processes, against
plain Tesseract on the same pages in the same run), where the time goes, and accuracy
(flag rates, median CER, NIP exact rate) on scans-dev, phone-dev (phone photos, when the
corpus has it) and synthetic phone photos -- each set side by side with plain Tesseract's
CER and NIP rate on the same page images, from the same run.

Prints JSON lines.  Not a test.

    OMP_THREAD_LIMIT=1 python bench/ocr_bench.py [--corpus DIR] [--photos N] [--workers 1,2] [--limit N]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ocr import OcrConfig, OcrError, analyze  # noqa: E402
from ocr.extract import open_document  # noqa: E402
from tests.support.corpus import SCANS_COUNT, SCANS_SEED, generate_scans, shared_corpus  # noqa: E402


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "ocr" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _analyze(path: str):
    try:
        return path, analyze(path, config=OcrConfig())
    except OcrError as exc:
        return path, exc


def _plain_tesseract(path: str):
    out = subprocess.run(["tesseract", path, "stdout", "-l", "ind+eng"], check=True, capture_output=True)
    return path, out.stdout.decode("utf-8", "replace")


def emit(**record):
    record.setdefault("load_average", [round(x, 2) for x in os.getloadavg()])
    print(json.dumps(record, ensure_ascii=False), flush=True)


def render_pages(paths: list[Path], out: Path) -> dict[str, list[str]]:
    """The page images plain Tesseract reads: every page of every file, as PNG at 300 dpi
    (EXIF orientation applied, nothing else): {file path: [page image paths]}."""
    import cv2

    images: dict[str, list[str]] = {}
    config = OcrConfig()
    for path in paths:
        try:
            doc = open_document(path.read_bytes(), config)
        except OcrError:
            continue
        for n in range(1, doc.page_count + 1):
            page = doc.page(n)
            target = out / f"{path.parent.name}-{path.stem}-{n}.png"
            cv2.imwrite(str(target), page.image)
            images.setdefault(str(path), []).append(str(target))
        doc.close()
    return images


def timed_pool(func, items, workers):
    start = time.monotonic()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(func, items))
    return time.monotonic() - start, results


def accuracy(name: str, labels: list[dict], results: dict, cer) -> dict:
    legible = [i for i in labels if i["label"] == "legible"]
    illegible = [i for i in labels if i["label"] == "illegible"]

    def ok(item):
        return not isinstance(results[item["file"]], OcrError)

    flagged_legible = [i["file"] for i in legible if not ok(i) or not results[i["file"]].legible]
    missed_illegible = [i["file"] for i in illegible if ok(i) and results[i["file"]].legible]
    rates = [cer(i["text"], results[i["file"]].text) for i in legible if ok(i)]
    decrees = [i for i in legible if i.get("kind", "sk") == "sk" and ok(i)]
    nip_exact = sum(results[i["file"]].fields["nip"][:1] == [i["fields"]["nip"].replace(" ", "")] for i in decrees)
    by_cause: dict[str, list[int]] = {}
    for i in illegible:
        cause = (i.get("degradations") or {}).get("severe") or i.get("expected_reason") or "other"
        caught = by_cause.setdefault(cause, [0, 0])
        caught[0] += i["file"] not in missed_illegible
        caught[1] += 1
    wrong_reason = {}
    for i in illegible:
        want = i.get("expected_reason")
        if want and ok(i) and want not in [r.code for r in results[i["file"]].reasons]:
            wrong_reason[i["file"]] = [r.code for r in results[i["file"]].reasons]
    return {"set": name, "files": len(labels),
            "illegible_flagged": round(1 - len(missed_illegible) / max(1, len(illegible)), 4),
            "legible_flagged": round(len(flagged_legible) / max(1, len(legible)), 4),
            "median_cer": round(statistics.median(rates), 5) if rates else None,
            "max_cer": round(max(rates), 5) if rates else None,
            "nip_exact": round(nip_exact / max(1, len(decrees)), 4),
            "illegible_caught_by_cause": {k: f"{c}/{n}" for k, (c, n) in sorted(by_cause.items())},
            "nip_missed": [i["file"] for i in decrees
                           if results[i["file"]].fields["nip"][:1] != [i["fields"]["nip"].replace(" ", "")]],
            "missed_illegible": missed_illegible, "flagged_legible": flagged_legible,
            "wrong_reason": wrong_reason}


def plain_accuracy(labels: list[dict], texts: dict, cer, fields) -> dict:
    """Plain Tesseract on the same page images: CER and NIP exact rate over the legible files."""
    legible = [i for i in labels if i["label"] == "legible" and i["file"] in texts]
    rates = [cer(i["text"], texts[i["file"]]) for i in legible]
    decrees = [i for i in legible if i.get("kind", "sk") == "sk"]
    nip_exact = sum(fields(texts[i["file"]])["nip"][:1] == [i["fields"]["nip"].replace(" ", "")] for i in decrees)
    return {"plain_tesseract_median_cer": round(statistics.median(rates), 5) if rates else None,
            "plain_tesseract_nip_exact": round(nip_exact / max(1, len(decrees)), 4)}


def where_time_goes(results) -> dict:
    totals: dict[str, float] = {}
    pages = 0
    for r in results:
        if isinstance(r, OcrError):
            continue
        for p in r.page_results:
            pages += 1
            steps = p.metrics.get("timings", {})
            for k, v in steps.items():
                totals[k] = totals.get(k, 0.0) + v
            totals["open_render_other"] = totals.get("open_render_other", 0.0) + p.seconds - sum(steps.values())
    return {k: round(v / max(1, pages), 3) for k, v in sorted(totals.items())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.environ.get("BERKAS_CORPUS") or shared_corpus(),
                    help="default: ../shared/corpus, or the same scans-dev made once under bench/data/")
    ap.add_argument("--photos", type=int, default=24, help="synthetic phone photos (0: none)")
    ap.add_argument("--photo-seed", type=int, default=101)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N scans-dev files")
    args = ap.parse_args()
    cer = _load("metrics").cer
    if args.corpus:
        scans = Path(args.corpus) / "scans-dev"
    else:  # a clone without ../shared: the same scans, made once (tests/support/corpus.py)
        scans = ROOT / "bench" / "data" / f"scans-dev-{SCANS_SEED}-{SCANS_COUNT}"
        if not (scans / "labels.json").exists():
            generate_scans(scans)
    scan_labels = json.loads((scans / "labels.json").read_text())
    if args.limit:
        scan_labels = scan_labels[: args.limit]
    sets = [("scans-dev", scans, scan_labels)]
    phone = Path(args.corpus) / "phone-dev" if args.corpus else None
    if phone and (phone / "labels.json").is_file():
        phone_labels = json.loads((phone / "labels.json").read_text())
        sets.append(("phone-dev", phone, phone_labels[: args.limit] if args.limit else phone_labels))
    if args.photos:
        out = ROOT / "bench" / "data" / f"photos-bench-{args.photo_seed}-{args.photos}"
        if not (out / "labels.json").exists():
            _load("photo_maker").make_set(out, args.photo_seed, args.photos)
        sets.append(("photos", out, json.loads((out / "labels.json").read_text())))
    paths = [d / i["file"] for _, d, labels in sets for i in labels]
    with tempfile.TemporaryDirectory() as tmp:
        by_file = render_pages(paths, Path(tmp))
        images = [i for pages in by_file.values() for i in pages]
        emit(kind="setup", files=len(paths), pages=len(images), cpus=os.cpu_count(),
             omp_thread_limit=os.environ.get("OMP_THREAD_LIMIT"))
        last = None
        for workers in [int(w) for w in args.workers.split(",")]:
            secs, results = timed_pool(_analyze, [str(p) for p in paths], workers)
            pages = sum(r.pages for _, r in results if not isinstance(r, OcrError))
            emit(kind="speed", engine="ocr.analyze", workers=workers, pages=pages, seconds=round(secs, 1),
                 pages_per_minute=round(60 * pages / secs, 1))
            tsecs, plain = timed_pool(_plain_tesseract, images, workers)
            plain_text = dict(plain)
            emit(kind="speed", engine="plain tesseract (ind+eng, page images)", workers=workers,
                 pages=len(images), seconds=round(tsecs, 1), pages_per_minute=round(60 * len(images) / tsecs, 1))
            last = dict(results)
            emit(kind="time_per_page_seconds", workers=workers, **where_time_goes(last.values()))
    from ocr.fields import extract_fields

    for name, directory, labels in sets:
        results = {i["file"]: last[str(directory / i["file"])] for i in labels}
        texts = {i["file"]: "\n".join(plain_text[p] for p in by_file.get(str(directory / i["file"]), []))
                 for i in labels if str(directory / i["file"]) in by_file}
        emit(kind="accuracy", **accuracy(name, labels, results, cer), **plain_accuracy(labels, texts, cer, extract_fields))


if __name__ == "__main__":
    main()
