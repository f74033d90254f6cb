"""Archive pipeline speed on real services: upload -> final state, through a separate
Celery worker on Redis, PostgreSQL and SeaweedFS. Prints one JSON line per figure.

    python bench/pipeline_bench.py                 # 200 scans, 1 and 2 worker processes
    python bench/pipeline_bench.py --count 40 --latency-samples 10

Figures:
  latency     upload -> final state, one scan at a time with an idle worker (p50, p95)
  throughput  documents per minute through the whole pipeline with N worker processes
  steps       where the time goes: mean seconds per pipeline step (store at upload, load,
              ocr = text + legibility + fields, cross_check, preview, duplicates, index)
Needs PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379 (like `make test`).
Scans are made with tests/support/make_scans.py (cached under bench/out/).
"""
from __future__ import annotations

import argparse
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
    from archive.models import Employee, Unit
    from archive.services.documents import document_upload
    from archive.services.people import employee_create
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


def wait_final(version_ids: list[int], timeout: float) -> None:
    from archive.models import FINAL_STATUSES, DocumentVersion

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pending = DocumentVersion.objects.filter(pk__in=version_ids).exclude(status__in=FINAL_STATUSES).count()
        if not pending:
            return
        time.sleep(0.2)
    raise RuntimeError(f"{pending} documents not final after {timeout}s")


def step_seconds(version_ids: list[int]) -> dict:
    from django.db.models import Avg

    from archive.models import ProcessingEvent

    rows = (ProcessingEvent.objects.filter(version_id__in=version_ids, seconds__isnull=False)
            .values("step").annotate(mean=Avg("seconds")))
    return {row["step"]: round(row["mean"], 4) for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--latency-samples", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
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
            from archive.models import DocumentVersion

            # 1. Latency: one scan at a time, idle single worker process.
            worker = CeleryWorker(env, workdir / "worker-latency.log", concurrency=1)
            worker.start()
            latencies = []
            try:
                for item in scans[args.count:]:
                    started = time.perf_counter()
                    [version_id] = upload_all([item], admin)
                    wait_final([version_id], timeout=120)
                    latencies.append(time.perf_counter() - started)
            finally:
                worker.stop()
            emit(figure="latency_upload_to_final_s", samples=len(latencies),
                 p50=round(statistics.median(latencies), 3), p95=round(percentile(latencies, 95), 3),
                 max=round(max(latencies), 3))

            # 2. Throughput with 1 and 2 worker processes on the same scans (fresh documents each run).
            for processes in args.workers:
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
