"""Issued documents per second through the product: number, render, sign, store, record, index.

    python bench/issuing_bench.py [--docs 500] [--processes 1 2] [--database-url URL]

Where bench/signing_bench.py times the signing library alone, this goes through
`archive.services.issuing.issued_document_issue` exactly as the API and the Celery batch task do:
an atomic number from PostgreSQL, rendering and PAdES B-LTA signing (test PKI, its TSA and CRL
services on loopback), the PDF stored in a SeaweedFS S3 bucket with versioning (started here),
the IssuedDocument row and audit entry written, and the search index updated (in process, so
its cost is counted too). P processes each issue --docs/P decrees for different employees, as
P Celery worker processes would. Prints JSON lines.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/berkas_bench_issuing"
BUCKET = "berkas-bench-issuing"
FIELDS = {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"}


def emit(**row) -> None:
    print(json.dumps(row, default=str), flush=True)


def prepare_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def worker(env: dict, nips: list[str], start, results) -> None:
    try:
        issue_all(env, nips, start, results)
    except BaseException as error:  # the parent waits on the queue: tell it, don't just die
        results.put(("error", repr(error), 0))
        raise


def issue_all(env: dict, nips: list[str], start, results) -> None:
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from archive.models import Employee
    from archive.services.issuing import issued_document_issue

    admin = get_user_model().objects.get(username="admin")
    employees = list(Employee.objects.filter(nip__in=nips))
    # warm-up: load the key, open the HTTP session, build the validation context
    issued_document_issue(actor=admin, template="sk_kenaikan_pangkat", employee=employees[0], fields=FIELDS)
    start.wait()
    began, cpu = time.perf_counter(), time.process_time()
    profile = None
    if os.environ.get("BENCH_PROFILE"):  # where a document's time goes, for the curious
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    for employee in employees:
        issued_document_issue(actor=admin, template="sk_kenaikan_pangkat", employee=employee, fields=FIELDS)
    if profile is not None:
        profile.disable()
        profile.dump_stats(os.environ["BENCH_PROFILE"])
    results.put((len(employees), time.perf_counter() - began, time.process_time() - cpu))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args()

    from tests.support.seaweed import SeaweedServer

    prepare_database(args.database_url)
    workdir = Path(tempfile.mkdtemp(prefix="berkas-issuing-"))
    seaweed = SeaweedServer(workdir / "seaweed")
    seaweed.start()
    env = {"DATABASE_URL": args.database_url, "DATA_DIR": str(workdir / "data"), "DEMO_PASSWORD": "Bench-2026",
           "DJANGO_SETTINGS_MODULE": "config.settings", "S3_ENDPOINT": seaweed.endpoint,
           "S3_ACCESS_KEY": seaweed.access_key, "S3_SECRET_KEY": seaweed.secret_key, "S3_BUCKET": BUCKET,
           "DOCUMENT_SIGNER_BACKEND": "test-pki", "PUBLIC_BASE_URL": "https://berkas.example.go.id"}
    env.update({key: "" for key in ("CELERY_BROKER_URL",) if key in os.environ})  # index in process
    (workdir / "data").mkdir()
    os.environ.update(env)
    try:
        import django

        django.setup()
        from django.core.management import call_command

        from archive.models import Employee, Unit
        from archive.services.demo import demo_load
        from archive.services.people import employee_create
        from signing import pki

        call_command("migrate", verbosity=0)
        demo_load()
        unit = Unit.objects.get(code="DINKES-YANKES")
        needed = args.docs + max(args.processes)
        for i in range(Employee.objects.count(), needed):  # valid NIPs: birth date, TMT, sex digit
            employee_create(nip=f"1980{(i % 12) + 1:02d}{(i % 28) + 1:02d}2005{(i % 12) + 1:02d}1{i % 1000:03d}",
                            nama=f"Pegawai Uji {i}", unit=unit,
                            golongan="III/c", jabatan="Analis Kepegawaian Ahli Pertama", pendidikan="S1")
        nips = list(Employee.objects.values_list("nip", flat=True)[:needed])
        services = pki.serve_pki(pki.ensure_pki(Path(env["DATA_DIR"]) / "pki").directory)
        emit(event="setup", employees=len(nips), cores=os.cpu_count(), s3=seaweed.endpoint)
        context = mp.get_context("spawn")
        for processes in args.processes:
            start, results = context.Event(), context.Queue()
            share = args.docs // processes
            procs = [context.Process(target=worker, args=(env, nips[i * share:(i + 1) * share], start, results))
                     for i in range(processes)]
            for proc in procs:
                proc.start()
            time.sleep(5)  # let every process finish its warm-up document
            began = time.perf_counter()
            start.set()
            rows = [results.get(timeout=1800) for _ in procs]
            wall = time.perf_counter() - began
            for proc in procs:
                proc.join()
            if failed := [detail for n, detail, _ in rows if n == "error"]:
                emit(event="error", processes=processes, details=failed)
                return 1
            docs = sum(n for n, _, _ in rows)
            emit(event="issue_through_product", processes=processes, docs=docs, wall_s=round(wall, 2),
                 docs_per_s=round(docs / wall, 2), cpu_ms_per_doc=round(1000 * sum(c for _, _, c in rows) / docs, 1),
                 loadavg_1m=os.getloadavg()[0], goal_docs_per_s=20)
        services.stop()
    finally:
        seaweed.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
