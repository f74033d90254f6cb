"""Memory benchmark: peak RSS of what a web worker and the OCR worker do with hostile images (issue 22).

    python bench/memory_bench.py [--cases detect,render,ocr,tiff] [--tiff-pages 12]

Each case runs in a fresh Python process with Django set up (the product's settings, as a gunicorn or
Celery worker has them): the baseline after start-up, then the peak while it handles the file, both the
process's own high-water mark (VmHWM in /proc/self/status: ru_maxrss would carry over the parent's
across exec). Tesseract runs in its own process on the shrunk page (at most 25 MP), not counted here.

- detect: POST /api/v1/page-detection/'s work (ocr.detect_page) on a 194 KB 16-bit greyscale PNG of
  9999x9999 pixels (before issue 22: 15.7 s and 2.9 GB in a web worker);
- render: /dokumen/{id}/halaman/1/'s work (documents.previews.page_jpeg) on the same PNG (3.7 GB for 8 at once);
- ocr: the pipeline's reading of the same PNG (ocr.analyze with the product's OcrConfig; 2.8 GB before);
- detect6: six page detections of that PNG at once in one web process, as six users' requests would
  arrive (before issue 22 six at once took both workers past 5 GB): they queue for the process's
  IMAGE_WORK_CONCURRENCY slots (documents/image_work.py), so the peak stays that of one or two;
- tiff: a multi-page TIFF of 100-megapixel pages (1-bit, a few KB each on disk) through ocr.analyze;
- pdfbomb, pdfbomb-render: a 1.5 MB PDF whose page content inflates to 1.5 GB (spaces, FlateDecode)
  through ocr.analyze and documents.previews.page_jpeg (before: 19 s and 3.2 GB for the OCR alone).

Prints one JSON line per case: case, outcome (ok or the refusal code), seconds, baseline_mb, peak_mb,
and the bound documented in the README (bound_mb) with within_bound.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The documented bound of one worker process handling one such file (README, "Memory bounds").
WORKER_BOUND_MB = 1024


def png_bomb() -> bytes:
    """9999x9999 16-bit greyscale, nearly uniform: ~200 KB compressed, 200 MB decoded."""
    import zlib
    import struct

    width = height = 9999
    row = b"\x00" + b"\x80\x00" * width
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 16, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def tiff_bomb(pages: int) -> bytes:
    """`pages` pages of 10000x10000 1-bit (100 megapixels each), Group 4 compressed."""
    from PIL import Image, ImageDraw

    frames = []
    for number in range(pages):
        frame = Image.new("1", (10000, 10000), 1)
        ImageDraw.Draw(frame).text((500, 500 + number * 10), f"Halaman {number + 1}", fill=0)
        frames.append(frame)
    out = io.BytesIO()
    frames[0].save(out, format="TIFF", compression="group4", save_all=True, append_images=frames[1:])
    return out.getvalue()


def _mb(kilobytes: int) -> float:
    return round(kilobytes / 1024, 1)


def high_water_kb() -> int:
    """This process's peak resident set since it started (exec), in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_case(case: str, path: str) -> dict:
    """In the child process: set up Django, note the baseline, do the work, report the peak."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    import ocr
    from documents import previews
    from documents.pipeline import ocr_config

    data = Path(path).read_bytes()
    baseline = high_water_kb()
    started = time.monotonic()
    outcome = "ok"
    try:
        if case == "detect":
            ocr.detect_page(data, config=ocr_config())
        elif case == "detect6":
            import threading

            from documents.image_work import image_work_slot

            def one_request():
                with image_work_slot():
                    ocr.detect_page(data, config=ocr_config())

            threads = [threading.Thread(target=one_request) for _ in range(6)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        elif case == "render":
            previews.page_jpeg(data, "image/png", 1)
        elif case == "pdfbomb-render":
            previews.page_jpeg(data, "application/pdf", 1)
        else:
            ocr.analyze(data, config=ocr_config())
    except ocr.OcrError as exc:
        outcome = exc.code
    except ValueError as exc:
        outcome = f"refused: {exc}"
    seconds = time.monotonic() - started
    return {"case": case, "file_bytes": len(data), "outcome": outcome, "seconds": round(seconds, 2),
            "baseline_mb": _mb(baseline), "peak_mb": _mb(high_water_kb())}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", default="detect,detect6,render,ocr,tiff,pdfbomb,pdfbomb-render")
    parser.add_argument("--tiff-pages", type=int, default=12)
    parser.add_argument("--child", nargs=2, metavar=("CASE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(*args.child)), flush=True)
        return
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        png, tiff, pdf = Path(tmp) / "bomb.png", Path(tmp) / "bomb.tiff", Path(tmp) / "bomb.pdf"
        png.write_bytes(png_bomb())
        for case in args.cases.split(","):
            if case == "tiff" and not tiff.exists():
                tiff.write_bytes(tiff_bomb(args.tiff_pages))
            if case.startswith("pdfbomb") and not pdf.exists():
                from tests.support.hostile_files import pdf_content_bomb

                pdf.write_bytes(pdf_content_bomb(1536))
            path = tiff if case == "tiff" else pdf if case.startswith("pdfbomb") else png
            child = subprocess.run([sys.executable, __file__, "--child", case,
                                    str(path)], capture_output=True, text=True, cwd=ROOT)
            lines = [line for line in child.stdout.splitlines() if line.startswith("{")]
            if child.returncode != 0 or not lines:
                print(json.dumps({"case": case, "error": (child.stderr or "")[-500:],
                                  "returncode": child.returncode}), flush=True)
                continue
            row = json.loads(lines[-1])
            if case == "tiff":
                row["pages"] = args.tiff_pages
            row["bound_mb"] = WORKER_BOUND_MB
            row["within_bound"] = row["peak_mb"] <= WORKER_BOUND_MB
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
