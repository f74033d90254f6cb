"""Load benchmark: concurrent API clients of every role against a running server.

    python bench/load_bench.py [--clients 8] [--seconds 30] [--documents 10] [--database-url URL] [--fresh]

Sets up its own PostgreSQL database (default postgres://postgres@127.0.0.1:5432/berkas_bench_load): migrate,
the demo province, a few tiny scans for the demo employee (processed in process). Starts the product with
`manage.py runserver --noreload` (threaded; no gunicorn in the pinned set, so read the figures as relative),
then each client thread logs in through /api/v1/auth/token/ and loops a fixed mix of reads — lists, audited
details and downloads, search, the audit log — for --seconds. Prints JSON lines: per request kind the count,
errors, p50/p95/max in ms; then the whole mix with requests per second and the audit entries written.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/berkas_bench_load"
PASSWORD = "Bench-Sandi-2026"


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


def setup_data(documents: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from PIL import Image

    from archive.models import Document, Employee
    from archive.services.demo import DEMO_PEGAWAI_NIP, demo_load
    from archive.services.documents import UploadRefused, document_upload
    from django.contrib.auth import get_user_model

    call_command("migrate", verbosity=0)
    demo_load()
    pegawai = get_user_model().objects.get(username="pegawai")
    codes = ["ktp", "npwp", "bpjs", "kartu_keluarga", "akta_nikah", "kartu_pegawai", "sk_cpns", "sk_pns", "spmt"]
    for i in range(min(documents, len(codes))):
        image = io.BytesIO()
        Image.new("RGB", (64, 64), (i * 20 % 256, 90, 160)).save(image, format="PNG")
        image.seek(0)
        try:
            document_upload(uploader=pegawai, employee_nip=DEMO_PEGAWAI_NIP, document_type_code=codes[i],
                            stream=image, filename=f"{codes[i]}.png")
        except UploadRefused:
            pass  # already there from an earlier run
    return {"nip": DEMO_PEGAWAI_NIP,
            "documents": list(Document.objects.filter(employee__nip=DEMO_PEGAWAI_NIP).values_list("pk", flat=True)),
            "nips": list(Employee.objects.values_list("nip", flat=True))}


def mix(role: str, data: dict) -> list[tuple[str, str]]:
    doc = random.choice(data["documents"]) if data["documents"] else 0
    requests = [("employees", "/api/v1/employees/"), ("employee_detail", f"/api/v1/employees/{data['nip']}/"),
                ("documents", "/api/v1/documents/"), ("document_detail", f"/api/v1/documents/{doc}/"),
                ("document_content", f"/api/v1/documents/{doc}/content/"),
                ("search", f"/api/v1/search/?q={random.choice(['rahayu', 'ktp', 'dewi', 'kartu'])}")]
    if role == "admin":
        requests += [("audit", "/api/v1/audit/?action=document.view"),
                     ("employee_detail_other", f"/api/v1/employees/{random.choice(data['nips'])}/")]
    return requests


def client_loop(base: str, role: str, data: dict, until: float, results: dict, lock: threading.Lock) -> None:
    import requests

    session = requests.Session()
    token = session.post(f"{base}/api/v1/auth/token/", json={"username": role, "password": PASSWORD}, timeout=30)
    token.raise_for_status()
    session.headers["Authorization"] = f"Token {token.json()['token']}"
    local: dict[str, list] = {}
    while time.monotonic() < until:
        for kind, path in mix(role, data):
            started = time.perf_counter()
            try:
                response = session.get(base + path, timeout=30)
                ok = response.status_code < 500 and (response.status_code < 400 or kind.endswith("_other"))
            except requests.RequestException:
                ok = False
            local.setdefault(kind, []).append(((time.perf_counter() - started) * 1000, ok))
    with lock:
        for kind, rows in local.items():
            results.setdefault(kind, []).extend(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--documents", type=int, default=5)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()

    prepare_database(args.database_url, args.fresh)
    data_dir = ROOT / "var" / "bench-load"
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": args.database_url, "DATA_DIR": str(data_dir), "DEMO_PASSWORD": PASSWORD,
           "DJANGO_SETTINGS_MODULE": "config.settings", "LOGIN_FAILURE_LIMIT": "1000"}
    env.pop("CELERY_BROKER_URL", None)  # scans are processed in process
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    data = setup_data(args.documents)

    from archive.models import AuditEvent

    audit_before = AuditEvent.objects.count()
    port = free_port()
    server = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        import requests

        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(f"{base}/healthz", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.2)
        roles = ["pegawai", "fasilitator", "admin"]
        results: dict[str, list] = {}
        lock = threading.Lock()
        until = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client_loop, args=(base, roles[i % 3], data, until, results, lock))
                   for i in range(args.clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(10)
    every = []
    for kind, rows in sorted(results.items()):
        times = sorted(ms for ms, _ in rows)
        every += times
        emit(kind=kind, count=len(rows), errors=sum(1 for _, ok in rows if not ok),
             p50_ms=round(statistics.median(times), 1), p95_ms=round(times[int(0.95 * (len(times) - 1))], 1),
             max_ms=round(times[-1], 1))
    every.sort()
    emit(kind="all", clients=args.clients, seconds=round(elapsed, 1), requests=len(every),
         requests_per_second=round(len(every) / elapsed, 1), p50_ms=round(statistics.median(every), 1),
         p95_ms=round(every[int(0.95 * (len(every) - 1))], 1),
         audit_entries_written=AuditEvent.objects.count() - audit_before, cpus=os.cpu_count())


if __name__ == "__main__":
    main()
