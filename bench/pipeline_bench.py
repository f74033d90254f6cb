"""Archive pipeline speed on real services: upload -> final state, through a separate
Celery worker on Redis, PostgreSQL and SeaweedFS. Prints one JSON line per figure.

    python bench/pipeline_bench.py                 # 200 scans, 1 and 2 worker processes
    python bench/pipeline_bench.py --count 0 --latency-samples 20 --long-runs 3   # latencies only

Figures:
  latency     upload -> final state, one scan at a time with an idle, warm worker (p50, p95), beside plain
              Tesseract on the same pages (one `tesseract` run per page image)
  long        a 12-page scan (pages of the same scans) upload -> verdict on 2 idle, warm worker processes:
              one task per page joined by a chord (and the first page's verdict), beside the same
              document read in one task (OCR_PAGE_TASKS_FROM=0) and plain Tesseract on the 12 page
              images with 1 and 2 processes
  throughput  documents per minute through the whole pipeline with N worker processes
  steps       where the time goes: mean seconds per pipeline step (store at upload, load,
              ocr = text + legibility + fields, cross_check, preview, duplicates, index)
Needs PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379 (like `make test`).
Scans are made with tests/support/make_scans.py (cached under bench/out/).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SUPPORT = ROOT / "tests" / "support"
BENCH_DB = "berkas_bench_pipeline"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def emit(**fields) -> None:
    print(json.dumps({"bench": "pipeline", "cores": os.cpu_count(), **fields}), flush=True)


def make_scans(count: int, seed: int) -> list[Path]:
    out = ROOT / "bench" / "out" / f"scans-{seed}-{count}"
    if not (out / "labels.json").exists():
        subprocess.run([sys.executable, str(SUPPORT / "make_scans.py"),
                        str(SUPPORT / "pergub-jatim-73-2020.txt"), str(out),
                        "--seed", str(seed), "--count", str(count)], check=True)
    labels = json.loads((out / "labels.json").read_text())
    return [(out / entry["file"], entry) for entry in labels]


def page_images(scans, out: Path) -> list[Path]:
    """Each scan's first page as the OCR sees it (rendered at its own resolution), as PNG: what plain
    Tesseract reads, and what the long document is made of."""
    import cv2

    from ocr import OcrConfig
    from ocr.extract import open_document

    out.mkdir(parents=True, exist_ok=True)
    images = []
    for path, _entry in scans:
        doc = open_document(path.read_bytes(), OcrConfig())
        try:
            page = doc.page(1)
        finally:
            doc.close()
        target = out / f"{path.stem}.png"
        cv2.imwrite(str(target), page.image)
        images.append((target, page.dpi or 300))
    return images


def long_pdf(images) -> bytes:
    """The page images as one scanned PDF, each page at its own resolution."""
    import io

    from PIL import Image

    pages = [(Image.open(path).convert("L"), dpi) for path, dpi in images]
    import pikepdf

    out = pikepdf.new()
    for image, dpi in pages:
        one = io.BytesIO()
        image.save(one, "PDF", resolution=float(dpi))
        with pikepdf.open(io.BytesIO(one.getvalue())) as single:
            out.pages.extend(single.pages)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def warm_up(pdf: bytes, user) -> None:
    """Upload `pdf` for a new employee and wait for its verdict, untimed: a worker's first task pays
    its imports and connections, and the figures are those of an idle, warm worker."""
    import io

    from documents.models import FINAL_STATUSES, DocumentVersion
    from documents.services.upload import document_upload
    from people.models import Unit
    from people.services.employees import employee_create

    employee = employee_create(nip=f"199001012020011{next(_SERIAL):03d}", nama="Bench Pemanasan",
                               unit=Unit.objects.get(code="DINKES-YANKES"))
    result = document_upload(uploader=user, employee_nip=employee.nip, document_type_code="sk_kenaikan_pangkat",
                             stream=io.BytesIO(pdf), filename="pemanasan.pdf")
    while DocumentVersion.objects.get(pk=result.version.pk).status not in FINAL_STATUSES:
        time.sleep(0.05)


def first_pages_of(pdf: bytes, count: int) -> bytes:
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as source:
        out = pikepdf.new()
        out.pages.extend(source.pages[:count])
        buffer = io.BytesIO()
        out.save(buffer)
    return buffer.getvalue()


def plain_tesseract_seconds(paths: list[Path], processes: int) -> list[float]:
    """Wall seconds for the whole list with `processes` at a time (one number), or per page (processes=0)."""
    from concurrent.futures import ThreadPoolExecutor

    def one(path):
        subprocess.run(["tesseract", str(path), "stdout", "-l", "ind+eng"], check=True, capture_output=True,
                       env={**os.environ, "OMP_THREAD_LIMIT": "1"})

    if processes == 0:
        times = []
        for path in paths:
            started = time.perf_counter()
            one(path)
            times.append(time.perf_counter() - started)
        return times
    started = time.perf_counter()
    with ThreadPoolExecutor(processes) as pool:
        list(pool.map(one, paths))
    return [time.perf_counter() - started]


_SERIAL = itertools.count(1)


def long_document_latency(env: dict, workdir: Path, pdf: bytes, user, *, runs: int, page_tasks: bool,
                          processes: int = 2) -> dict:
    """Upload -> verdict of one long PDF, `runs` times, on a fresh idle worker with `processes`."""
    import io

    from documents.models import FINAL_STATUSES, DocumentVersion
    from people.models import Unit
    from documents.services.upload import document_upload
    from people.services.employees import employee_create
    from tests.support.worker import CeleryWorker

    mode_env = {**env, "OCR_PAGE_TASKS_FROM": "2" if page_tasks else "0"}
    worker = CeleryWorker(mode_env, workdir / f"worker-long-{page_tasks}.log", concurrency=processes,
                          queues="default,ocr,intake,index")
    worker.start()
    unit = Unit.objects.get(code="DINKES-YANKES")
    totals, first_pages, statuses = [], [], []
    try:
        # warm both worker processes first (imports, connections): a 2-page document read the same
        # way, untimed
        warm_up(first_pages_of(pdf, 2), user)
        for _ in range(runs):
            nip = f"199001012020011{next(_SERIAL):03d}"  # a new employee each run: the same bytes again
            employee = employee_create(nip=nip, nama="Bench Panjang", unit=unit)
            started = time.perf_counter()
            result = document_upload(uploader=user, employee_nip=employee.nip, document_type_code="sk_kenaikan_pangkat",
                                     stream=io.BytesIO(pdf), filename="dua-belas-halaman.pdf")
            first = None
            while True:
                version = DocumentVersion.objects.get(pk=result.version.pk)
                if first is None and "1" in version.page_verdicts:
                    first = time.perf_counter() - started
                if version.status in FINAL_STATUSES:
                    break
                if time.perf_counter() - started > 600:
                    raise RuntimeError("the long document did not finish in 600 s")
                time.sleep(0.05)
            totals.append(time.perf_counter() - started)
            statuses.append(version.status)
            if first is not None:
                first_pages.append(first)
            time.sleep(1)  # the index task behind it
    finally:
        worker.stop()
    record = {"pages": version.pages, "worker_processes": processes, "runs": runs,
              "seconds": [round(t, 2) for t in totals], "median_s": round(statistics.median(totals), 2),
              "statuses": statuses}
    if first_pages:
        record["first_page_verdict_median_s"] = round(statistics.median(first_pages), 2)
    return record


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def setup_environment(workdir: Path, seaweed) -> dict:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    env = {"DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{BENCH_DB}", "CELERY_BROKER_URL": REDIS_URL,
           "DATA_DIR": str(workdir / "data"), "S3_ENDPOINT": seaweed.endpoint, "S3_ACCESS_KEY": seaweed.access_key,
           "S3_SECRET_KEY": seaweed.secret_key, "S3_BUCKET": "berkas-bench", "DEMO_PASSWORD": "Bench-Sandi-2026",
           "DJANGO_SETTINGS_MODULE": "config.settings", "LOG_LEVEL": "WARNING"}
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    return env


def upload_all(scans, user) -> list[int]:
    from people.models import Employee, Unit
    from documents.services.upload import document_upload
    from people.services.employees import employee_create
    from ocr.nip import normalize_nip

    unit = Unit.objects.get(code="DINKES-YANKES")
    version_ids = []
    for path, entry in scans:
        nip = normalize_nip(entry["fields"]["nip"])
        if not Employee.objects.filter(nip=nip).exists():
            employee_create(nip=nip, nama=entry["fields"]["nama"], unit=unit)
        with open(path, "rb") as stream:
            result = document_upload(uploader=user, employee_nip=nip, document_type_code="sk_kenaikan_pangkat",
                                     stream=stream, filename=path.name)
        version_ids.append(result.version.pk)
    return version_ids


def wait_final(version_ids: list[int], timeout: float, poll: float = 0.2) -> None:
    """`poll`: seconds between looks; a latency sample is late by up to that much, so it is short there."""
    from documents.models import FINAL_STATUSES, DocumentVersion

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pending = DocumentVersion.objects.filter(pk__in=version_ids).exclude(status__in=FINAL_STATUSES).count()
        if not pending:
            return
        time.sleep(poll)
    raise RuntimeError(f"{pending} documents not final after {timeout}s")


def step_seconds(version_ids: list[int]) -> dict:
    from django.db.models import Avg

    from documents.models import ProcessingEvent

    rows = (ProcessingEvent.objects.filter(version_id__in=version_ids, seconds__isnull=False)
            .values("step").annotate(mean=Avg("seconds")))
    return {row["step"]: round(row["mean"], 4) for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--latency-samples", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--long-pages", type=int, default=12)
    parser.add_argument("--long-runs", type=int, default=3, help="uploads of the long document per mode (0: none)")
    args = parser.parse_args()

    from tests.support.seaweed import SeaweedServer
    from tests.support.worker import CeleryWorker

    scans = make_scans(args.count + args.latency_samples, args.seed)
    with tempfile.TemporaryDirectory(prefix="pipeline-bench-") as tmp:
        workdir = Path(tmp)
        seaweed = SeaweedServer(workdir / "seaweed")
        seaweed.start()
        try:
            env = setup_environment(workdir, seaweed)
            from django.contrib.auth import get_user_model
            from django.db.models import Count

            admin = get_user_model().objects.get(username="admin")
            from documents.models import DocumentVersion

            # 1. Latency: one scan at a time, idle single worker process; plain Tesseract on the same pages.
            latency_scans = scans[args.count:]
            images = page_images(latency_scans, workdir / "pages")
            worker = CeleryWorker(env, workdir / "worker-latency.log", concurrency=1)
            worker.start()
            latencies = []
            try:
                warm_up(long_pdf(images[:1]), admin)
                for item in latency_scans:
                    started = time.perf_counter()
                    [version_id] = upload_all([item], admin)
                    wait_final([version_id], timeout=120, poll=0.02)
                    latencies.append(time.perf_counter() - started)
            finally:
                worker.stop()
            plain = plain_tesseract_seconds([path for path, _ in images], 0)
            emit(figure="latency_upload_to_final_s", samples=len(latencies), seconds=[round(t, 2) for t in latencies],
                 p50=round(statistics.median(latencies), 3), p95=round(percentile(latencies, 95), 3),
                 max=round(max(latencies), 3), plain_tesseract_p50=round(statistics.median(plain), 3),
                 plain_tesseract_p95=round(percentile(plain, 95), 3), loadavg=os.getloadavg()[0])

            # 1b. A long document: the pages above as one PDF, on 2 idle worker processes.
            if args.long_runs:
                legible = [image for image, (_, entry) in zip(images, latency_scans) if entry["label"] == "legible"]
                long_images = ((legible or images) * args.long_pages)[: args.long_pages]
                pdf = long_pdf(long_images)
                paths = [path for path, _ in long_images]
                for page_tasks in (True, False):
                    emit(figure="long_document_upload_to_verdict_s",
                         mode="one task per page (chord)" if page_tasks else "one task (OCR_PAGE_TASKS_FROM=0)",
                         loadavg=os.getloadavg()[0],
                         **long_document_latency(env, workdir, pdf, admin, runs=args.long_runs, page_tasks=page_tasks))
                for processes in (1, 2):
                    emit(figure="long_document_plain_tesseract_s", pages=len(paths), processes=processes,
                         seconds=round(plain_tesseract_seconds(paths, processes)[0], 2))

            # 2. Throughput with 1 and 2 worker processes on the same scans (fresh documents each run).
            for processes in (args.workers if args.count else []):
                DocumentVersion.objects.update(sha256="x" * 64)  # let the same files be uploaded again
                worker = CeleryWorker(env, workdir / f"worker-{processes}.log", concurrency=processes)
                worker.start()
                try:
                    started = time.perf_counter()
                    version_ids = upload_all(scans[: args.count], admin)
                    uploaded = time.perf_counter() - started
                    wait_final(version_ids, timeout=60 * 60)
                    elapsed = time.perf_counter() - started
                    time.sleep(2)  # let the index tasks behind the last documents finish
                finally:
                    worker.stop()
                statuses = dict(DocumentVersion.objects.filter(pk__in=version_ids).values_list("status")
                                .annotate(n=Count("id")))
                emit(figure="throughput", worker_processes=processes, documents=len(version_ids),
                     seconds=round(elapsed, 2), documents_per_minute=round(len(version_ids) / elapsed * 60, 1),
                     upload_seconds=round(uploaded, 2), statuses=statuses, mean_step_seconds=step_seconds(version_ids))
        finally:
            seaweed.stop()


if __name__ == "__main__":
    main()
