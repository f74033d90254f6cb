"""Issued documents per second through the product: number, render, sign, store, record, index.

    python bench/issuing_bench.py [--docs 500] [--processes 1 2] [--modes anchor single batch]
                                  [--batch 16] [--in-flight 8] [--tsa-latency-ms 0] [--database-url URL]

Where bench/signing_bench.py times the signing library alone, this goes through the product's
issuing service exactly as the API and the Celery batch task do: a number reserved in PostgreSQL
(short transaction), rendering and PAdES B-LTA signing (test PKI, its TSA and CRL services on
loopback) outside any transaction, the PDF stored in a SeaweedFS S3 bucket with versioning (started
here), then the IssuedDocument row, record change and audit entry in a short transaction, and the
search index updated (in process, so its cost is counted too). P processes each issue --docs/P
decrees for different employees, as P Celery worker processes would. Modes, all in the same run:

* ``anchor``: the naive pyHanko way, for comparison: per document render, then
  ``pyhanko.sign.signers.sign_pdf`` with a new ValidationContext and TSA client (revocation data
  and TSA certificates fetched again for every document), same B-LTA profile; no database, no S3;
* ``single``: ``issued_document_issue``, one document at a time (the API, a draft, a request);
* ``batch``: ``issued_documents_issue_many`` in batches of --batch with --in-flight signatures in
  flight per process (the Celery bulk-issue task), one validation context shared by the batch.

--tsa-latency-ms makes every TSA/OCSP/CRL answer wait that long, as BSrE's TSA across the network
would: each document waits on two timestamps, so a process issues at most in-flight / (2 x latency)
documents a second, whatever its CPU.

Prints JSON lines; the load average and core count are printed with each figure, and the CPU
every process spent per document (workers, their PostgreSQL backends, the TSA/CRL services,
SeaweedFS) with the rate that CPU allows on 2 otherwise idle cores (`cpu_bound_docs_per_s_on_2_idle_cores`),
since the machine is often shared; and the product's own share (workers and their PostgreSQL backends,
`product_cpu_ms_per_doc`), since here the stand-ins for the TSA and the object store share the 2 cores.
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


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (or, for a PostgreSQL backend, of the server process serving us)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def database_cpu_seconds() -> float:
    """CPU spent so far by this connection's PostgreSQL backend (same machine), 0 when unreadable."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        return cpu_seconds(pid)
    except OSError:
        return 0.0


def emit(**row) -> None:
    print(json.dumps(row, default=str), flush=True)


def prepare_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def worker(env: dict, mode: str, options: dict, nips: list[str], start, results) -> None:
    try:
        {"anchor": anchor_all, "single": issue_all, "batch": issue_all}[mode](env, mode, options, nips, start, results)
    except BaseException as error:  # the parent waits on the queue: tell it, don't just die
        results.put(("error", repr(error), 0, 0))
        raise


def anchor_all(env: dict, mode: str, options: dict, nips: list[str], start, results) -> None:
    """Naive pyHanko: what its documentation's example does, once per document."""
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.timestamps.requests_client import HTTPTimeStamper
    from pyhanko_certvalidator import ValidationContext

    from signing import pki
    from signing.render import render_document
    from signing.signers import load_certificates

    test_pki = pki.load_pki(Path(env["DATA_DIR"]) / "pki")
    signer = signers.SimpleSigner.load_pkcs12(str(test_pki.signer_p12), passphrase=test_pki.signer_passphrase)
    roots, others = load_certificates((test_pki.root_cert,)), load_certificates((test_pki.intermediate_cert,))
    employee = {"nama": "Pegawai Uji", "nip": "198001012005011001", "pangkat_golongan": "Penata, III/c",
                "jabatan": "Analis", "unit": "Bidang Pelayanan Kesehatan", "instansi": "Dinas Kesehatan",
                "jenis_pegawai": "Pegawai Negeri Sipil",
                "tempat_lahir": "Surabaya", "tanggal_lahir": "1980-01-01"}

    def one(i: int) -> bytes:
        rendered = render_document("sk_kenaikan_pangkat", number=f"823.3/{i:04d}/BKD/2026", employee=employee,
                                   fields=FIELDS, verify_token=f"anchor-{os.getpid()}-{i}")
        meta = rendered.signature_meta(signer_name="Kepala BKD", signer_position="Kepala Badan")
        vc = ValidationContext(trust_roots=roots, other_certs=others, allow_fetching=True,
                               revocation_mode="hard-fail")
        signature_meta = signers.PdfSignatureMetadata(
            field_name=meta.field_name, certify=True, docmdp_permissions=fields.MDPPerm.NO_CHANGES,
            subfilter=fields.SigSeedSubFilter.PADES, embed_validation_info=True, use_pades_lta=True,
            validation_context=vc, md_algorithm="sha256")
        out = signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(rendered.pdf), strict=False), signature_meta,
                               signer=signer, timestamper=HTTPTimeStamper(test_pki.tsa_url),
                               new_field_spec=fields.SigFieldSpec(meta.field_name, on_page=meta.page, box=meta.box))
        return out.getvalue()

    one(0)  # warm-up: imports, fonts
    start.wait()
    began, cpu = time.perf_counter(), time.process_time()
    for i in range(len(nips)):
        one(i + 1)
    results.put((len(nips), time.perf_counter() - began, time.process_time() - cpu, 0.0))


def issue_all(env: dict, mode: str, options: dict, nips: list[str], start, results) -> None:
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from issuing.models import IssuedDocument
    from people.models import Employee
    from issuing.services.issuing import issued_document_issue, issued_documents_issue_many

    admin = get_user_model().objects.get(username="admin")
    employees = list(Employee.objects.filter(nip__in=nips).select_related("unit__agency"))
    warm, employees = employees[0], employees[1:]
    # warm-up: load the key, open the HTTP session, build the validation context
    issued_document_issue(actor=admin, template="sk_kenaikan_pangkat", employee=warm, fields=FIELDS)
    database_cpu = database_cpu_seconds()
    start.wait()
    began, cpu = time.perf_counter(), time.process_time()
    profile = None
    if os.environ.get("BENCH_PROFILE"):  # where a document's time goes, for the curious
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    issued = 0
    if mode == "single":
        for employee in employees:
            issued_document_issue(actor=admin, template="sk_kenaikan_pangkat", employee=employee, fields=FIELDS)
            issued += 1
    else:
        size = options["batch"]
        for first in range(0, len(employees), size):
            chunk = employees[first:first + size]
            outcome = issued_documents_issue_many(actor=admin, template="sk_kenaikan_pangkat",
                                                  items=[(employee, FIELDS) for employee in chunk],
                                                  concurrency=options["in_flight"])
            failed = [r for r in outcome if not isinstance(r, IssuedDocument)]
            if failed:
                raise RuntimeError(f"batch items failed: {failed[:3]}")
            issued += len(outcome)
    if profile is not None:
        profile.disable()
        profile.dump_stats(f"{os.environ['BENCH_PROFILE']}.{mode}.{os.getpid()}")
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    results.put((issued, wall, cpu, database_cpu_seconds() - database_cpu))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--modes", nargs="+", choices=["anchor", "single", "batch"],
                        default=["anchor", "single", "batch"])
    parser.add_argument("--batch", type=int, default=16, help="documents per bulk-issue task (batch mode)")
    parser.add_argument("--in-flight", type=int, default=8, help="signatures in flight per process (batch mode)")
    parser.add_argument("--tsa-latency-ms", type=float, default=0.0,
                        help="every TSA/OCSP/CRL answer waits this long, as a TSA across the network would")
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

        from people.models import Employee, Unit
        from archive.services.demo import demo_load
        from people.services.employees import employee_create
        from signing import pki

        call_command("migrate", verbosity=0)
        demo_load()
        unit = Unit.objects.get(code="DINKES-YANKES")
        runs = sum(1 for mode in args.modes if mode != "anchor")
        needed = runs * len(args.processes) * (args.docs + max(args.processes))  # each decree for a new employee
        base = Employee.objects.count()
        for i in range(base, base + needed):  # valid NIPs: birth date, TMT, sex digit
            employee_create(nip=f"1980{(i % 12) + 1:02d}{(i % 28) + 1:02d}2005{(i % 12) + 1:02d}1{i % 1000:03d}",
                            nama=f"Pegawai Uji {i}", unit=unit,
                            golongan="III/c", jabatan="Analis Kepegawaian Ahli Pertama", pendidikan="S1")
        # only the bench's own employees (III/c, no rank history): each may be promoted once
        nips = list(Employee.objects.filter(nama__startswith="Pegawai Uji", golongan="III/c")
                    .order_by("pk").values_list("nip", flat=True)[:needed])
        services = pki.serve_pki(pki.ensure_pki(Path(env["DATA_DIR"]) / "pki").directory,
                                 latency_seconds=args.tsa_latency_ms / 1000)
        emit(event="setup", employees=len(nips), cores=os.cpu_count(), s3=seaweed.endpoint)
        context = mp.get_context("spawn")
        options = {"batch": args.batch, "in_flight": args.in_flight}
        cursor = 0
        for processes in args.processes:
            for mode in args.modes:
                start, results = context.Event(), context.Queue()
                share = args.docs // processes + (0 if mode == "anchor" else 1)  # + its warm-up document
                shares = [nips[cursor + i * share:cursor + (i + 1) * share] for i in range(processes)]
                if mode != "anchor":
                    cursor += share * processes
                procs = [context.Process(target=worker, args=(env, mode, options, shares[i], start, results))
                         for i in range(processes)]
                for proc in procs:
                    proc.start()
                time.sleep(8)  # let every process finish its warm-up document
                load_before = Path("/proc/loadavg").read_text().split()[:3]
                # the TSA/CRL services run on threads of this process; SeaweedFS in its own
                own_cpu, s3_cpu = time.process_time(), cpu_seconds(seaweed._process.pid)
                began = time.perf_counter()
                start.set()
                rows = [results.get(timeout=1800) for _ in procs]
                wall = time.perf_counter() - began
                own_cpu, s3_cpu = time.process_time() - own_cpu, cpu_seconds(seaweed._process.pid) - s3_cpu
                for proc in procs:
                    proc.join()
                if failed := [detail for n, detail, *_ in rows if n == "error"]:
                    emit(event="error", mode=mode, processes=processes, details=failed)
                    return 1
                docs = sum(n for n, *_ in rows)
                # every process this document's issuing used: workers, their PostgreSQL backends, the
                # TSA/CRL services, SeaweedFS. On 2 otherwise idle cores the rate cannot pass
                # 2000 / all_cpu_ms_per_doc: a ceiling independent of the other agents' load.
                all_cpu = sum(c + d for _, _, c, d in rows) + own_cpu + (0 if mode == "anchor" else s3_cpu)
                emit(event="anchor_naive_pyhanko" if mode == "anchor" else f"issue_through_product_{mode}",
                     processes=processes, docs=docs, wall_s=round(wall, 2), docs_per_s=round(docs / wall, 2),
                     cpu_ms_per_doc=round(1000 * sum(c for _, _, c, _ in rows) / docs, 1),
                     all_cpu_ms_per_doc=round(1000 * all_cpu / docs, 1),
                     # the parts of all_cpu: PostgreSQL backends, TSA/CRL services (this process), SeaweedFS
                     database_cpu_ms_per_doc=round(1000 * sum(d for _, _, _, d in rows) / docs, 1),
                     tsa_crl_cpu_ms_per_doc=round(1000 * own_cpu / docs, 1),
                     s3_cpu_ms_per_doc=0 if mode == "anchor" else round(1000 * s3_cpu / docs, 1),
                     cpu_bound_docs_per_s_on_2_idle_cores=round(2 * docs / all_cpu, 1),
                     # the product's own share (workers and their PostgreSQL backends): the ceiling when the
                     # TSA/CRL services and the S3 server run elsewhere, as BSrE's TSA and the object store do
                     product_cpu_ms_per_doc=round(1000 * sum(c + d for _, _, c, d in rows) / docs, 1),
                     product_cpu_bound_docs_per_s_on_2_cores=round(2 * docs / sum(c + d for _, _, c, d in rows), 1),
                     **({"batch": args.batch, "in_flight": args.in_flight} if mode == "batch" else {}),
                     tsa_latency_ms=args.tsa_latency_ms,
                     loadavg_before=load_before, loadavg_after=Path("/proc/loadavg").read_text().split()[:3],
                     nproc=os.cpu_count(), goal_docs_per_s=None if mode == "anchor" else 50)
        services.stop()
    finally:
        seaweed.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
