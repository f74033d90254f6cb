"""Paper intake speed on real services: a scanned stack (separator sheet + pages, per document) sent as one
batch, split, filed and read by a separate Celery worker on Redis, PostgreSQL and SeaweedFS, until every
filed document has its verdict. Prints one JSON line per figure.

    python bench/intake_bench.py                    # 300-page stack, 1 and 2 worker processes
    python bench/intake_bench.py --pages 60 --workers 2

Figures:
  stack       pages/min from sending the stack to the last filed document's verdict, with N worker
              processes (and when the split alone ended), beside plain Tesseract on the same page
              images with N processes in the same run
  long        a 12-page document (pages of the stack) upload -> verdict on 2 idle worker processes,
              one task per page joined by a chord (bench/pipeline_bench.py measures it against one task)
Needs PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379 (like `make test`).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import pipeline_bench  # noqa: E402  (the same environment, worker and long-document measure)

pipeline_bench.BENCH_DB = "berkas_bench_intake"
pipeline_bench.REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
TYPES = ["sk_cpns", "sk_pns", "spmt", "sk_kenaikan_pangkat", "sk_jabatan", "ijazah"]


def emit(**fields) -> None:
    print(json.dumps({"bench": "intake", "cores": os.cpu_count(), **fields}), flush=True)


def make_stack(pages: int, per_document: int, employees: list) -> tuple[list, list]:
    """(page images, [(first, last) of each document]): a separator sheet, then `per_document` pages."""
    import pypdfium2

    from intake.sheets import Slot, separator_sheets_pdf
    from tests.support.long_documents import letter_pages

    images, documents, n = [], [], 0
    while len(images) + per_document + 1 <= pages:
        employee, kind = employees[n % len(employees)], TYPES[(n // len(employees)) % len(TYPES)]
        sheet = separator_sheets_pdf([Slot(nip=employee.nip, document_type=kind, employee_name=employee.nama)])
        images.append(pypdfium2.PdfDocument(sheet)[0].render(scale=150 / 72).to_pil().convert("L"))
        first = len(images) + 1
        images += letter_pages(employee, per_document, title=f"BERKAS {kind.upper()} NOMOR {n + 1}")
        documents.append((first, len(images)))
        n += 1
    return images, documents


def run_stack(env: dict, workdir: Path, stack: bytes, pages: int, user, processes: int) -> dict:
    from documents.models import FINAL_STATUSES, DocumentVersion
    from intake.models import IntakeBatch
    from intake.services import intake_batch_create
    from tests.support.worker import CeleryWorker

    DocumentVersion.objects.update(sha256="x" * 64)  # the same parts may be filed again
    worker = CeleryWorker(env, workdir / f"worker-stack-{processes}.log", concurrency=processes,
                          queues="default,ocr,intake,index")
    worker.start()
    try:
        from django.utils import timezone

        since, started = timezone.now(), time.perf_counter()
        batch = intake_batch_create(uploader=user, stream=io.BytesIO(stack), filename="tumpukan.pdf")
        split = None
        while True:
            batch.refresh_from_db()
            if split is None and batch.status in (IntakeBatch.Status.DONE, IntakeBatch.Status.FAILED):
                split = time.perf_counter() - started
            documents = list(batch.parts.filter(status="filed").values_list("document_id", flat=True))
            if split is not None and not DocumentVersion.objects.filter(
                    document_id__in=documents, uploaded_at__gte=since).exclude(status__in=FINAL_STATUSES).exists():
                break
            if time.perf_counter() - started > 4 * 3600:
                raise RuntimeError("the stack did not finish in 4 hours")
            time.sleep(0.5)
        elapsed = time.perf_counter() - started
    finally:
        worker.stop()
    statuses = list(DocumentVersion.objects.filter(document_id__in=documents, uploaded_at__gte=since)
                    .values_list("status", flat=True))
    counts = {s: statuses.count(s) for s in set(statuses)}
    return {"worker_processes": processes, "pages": pages, "batch_status": batch.status,
            "parts": batch.parts.count(), "filed": len(documents), "split_seconds": round(split, 1),
            "seconds": round(elapsed, 1), "pages_per_minute": round(pages / elapsed * 60, 1), "statuses": counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=300, help="pages in the stack, separator sheets included")
    parser.add_argument("--pages-per-document", type=int, default=5)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--long-runs", type=int, default=3, help="uploads of the 12-page document (0: none)")
    args = parser.parse_args()

    from tests.support.seaweed import SeaweedServer

    with tempfile.TemporaryDirectory(prefix="intake-bench-") as tmp:
        workdir = Path(tmp)
        seaweed = SeaweedServer(workdir / "seaweed")
        seaweed.start()
        try:
            env = pipeline_bench.setup_environment(workdir, seaweed)
            from django.contrib.auth import get_user_model

            from people.models import Employee, Unit
            from people.services.employees import employee_create

            admin = get_user_model().objects.get(username="admin")
            unit = Unit.objects.get(code="DINKES-YANKES")
            employees = [Employee.objects.filter(nip=f"19850101201001{1 + i % 2}{i:03d}").first()
                         or employee_create(nip=f"19850101201001{1 + i % 2}{i:03d}", nama=f"Pegawai Alih Media {i}",
                                            unit=unit) for i in range(10)]
            images, documents = make_stack(args.pages, args.pages_per_document, employees)
            buffer = io.BytesIO()
            images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=150)
            stack = buffer.getvalue()
            paths = []
            for number, image in enumerate(images, start=1):
                paths.append(workdir / f"page-{number:04d}.png")
                image.save(paths[-1])
            emit(figure="setup", pages=len(images), documents=len(documents), stack_bytes=len(stack),
                 loadavg=os.getloadavg()[0])
            for processes in args.workers:
                emit(figure="stack_pages_per_minute", loadavg=os.getloadavg()[0],
                     **run_stack(env, workdir, stack, len(images), admin, processes))
                seconds = pipeline_bench.plain_tesseract_seconds(paths, processes)[0]
                emit(figure="plain_tesseract_pages_per_minute", processes=processes, pages=len(paths),
                     seconds=round(seconds, 1), pages_per_minute=round(len(paths) / seconds * 60, 1),
                     loadavg=os.getloadavg()[0])
            if args.long_runs:
                content = [paths[n - 1] for first, last in documents for n in range(first, last + 1)]
                twelve = (content * 12)[:12]  # pages of the stack's documents, no separator sheet
                pdf = pipeline_bench.long_pdf([(path, 150) for path in twelve])
                emit(figure="long_document_upload_to_verdict_s", mode="one task per page (chord)",
                     loadavg=os.getloadavg()[0],
                     **pipeline_bench.long_document_latency(env, workdir, pdf, admin, runs=args.long_runs,
                                                            page_tasks=True))
        finally:
            seaweed.stop()


if __name__ == "__main__":
    main()
