"""How fast can Berkas ASN issue signed documents?  Prints JSON lines.

    python bench/signing_bench.py                       # 500 documents, 1 and 2 processes
    python bench/signing_bench.py --docs 100 --processes 2

Measures, against a fresh test PKI whose TSA/OCSP/CRL services run in their
own process on 127.0.0.1 (as a real TSA would be elsewhere):

* ``render``: ms per rendered decree (PDF/A, reportlab);
* ``sign``: signatures per second alone (PAdES B-LTA: signature + signature
  timestamp + DSS + document timestamp) on one long-lived SigningSession;
* ``issue``: documents per second end to end (render + sign) with 1..P
  worker processes, each keeping one DocumentIssuer (as a Celery worker
  would) and issuing one document at a time; plus the CPU the TSA/OCSP
  process spent;
* ``issue_batch``: the same through ``DocumentIssuer.issue_many`` (batches
  of ``--batch``, four signatures in flight per process, so TSA round trips
  overlap with other documents' work).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from signing import pki  # noqa: E402
from signing.issue import DocumentIssuer  # noqa: E402
from signing.render import render_document  # noqa: E402
from signing.sign import SigningSession  # noqa: E402

TEMPLATE = "sk_kenaikan_pangkat"
EMPLOYEE = {
    "nama": "Siti Rahmawati, S.Kom.",
    "nip": "198703152010012003",
    "pangkat_golongan": "Penata Muda Tingkat I, III/b",
    "jabatan": "Pranata Komputer Ahli Pertama",
    "unit": "Bidang Informasi Kepegawaian",
    "instansi": "Badan Kepegawaian Daerah Provinsi Jawa Timur",
    "jenis_pegawai": "Pegawai Negeri Sipil",
    "tempat_lahir": "Surabaya",
    "tanggal_lahir": "1987-03-15",
}
FIELDS = {"pangkat_baru": "Penata, III/c", "tmt": "2026-04-01"}


def emit(**record) -> None:
    print(json.dumps(record), flush=True)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _issue_n(i: int) -> dict:
    return dict(
        number=f"800/{i:05d}/204.3/2026",
        employee=EMPLOYEE,
        fields=FIELDS,
        verify_token=f"bench-{os.getpid()}-{i:06d}",
    )


def bench_render(n: int) -> None:
    render_document(TEMPLATE, **_issue_n(0))
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(n):
        render_document(TEMPLATE, **_issue_n(i))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    emit(bench="render", template=TEMPLATE, n=n,
         ms_per_render=round(1000 * wall / n, 2), cpu_ms_per_render=round(1000 * cpu / n, 2))


def bench_sign(n: int, pki_dir: Path) -> None:
    rendered = render_document(TEMPLATE, **_issue_n(0))
    meta = rendered.signature_meta(signer_name="Kepala BKD", signer_position="Kepala")
    with SigningSession(pki.signing_config(pki_dir)) as session:
        session.sign(rendered.pdf, meta)  # warm: key, HTTP session, OCSP/CRL, TSA certs
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(n):
            session.sign(rendered.pdf, meta)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    emit(bench="sign", n=n, signatures_per_s=round(n / wall, 2),
         ms_per_signature=round(1000 * wall / n, 2), cpu_ms_per_signature=round(1000 * cpu / n, 2))


def _worker(pki_dir: str, count: int, offset: int, batch: int, barrier, results) -> None:
    with DocumentIssuer(pki.signing_config(pki_dir)) as issuer:
        issuer.issue(TEMPLATE, **_issue_n(offset))  # warm up
        barrier.wait()
        wall, cpu = time.perf_counter(), time.process_time()
        size = 0
        if batch <= 1:
            for i in range(count):
                size += len(issuer.issue(TEMPLATE, **_issue_n(offset + i + 1)).pdf)
        else:
            for start in range(0, count, batch):
                requests = [dict(template=TEMPLATE, **_issue_n(offset + i + 1))
                            for i in range(start, min(start + batch, count))]
                size += sum(len(d.pdf) for d in issuer.issue_many(requests, concurrency=4))
        results.put((time.perf_counter() - wall, time.process_time() - cpu, size))


def bench_issue(n: int, processes: int, pki_dir: Path, services_pid: int, batch: int) -> None:
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(processes + 1)
    results = ctx.Queue()
    per = [n // processes + (1 if k < n % processes else 0) for k in range(processes)]
    workers = [
        ctx.Process(target=_worker,
                    args=(str(pki_dir), per[k], k * 1_000_000, batch, barrier, results))
        for k in range(processes)
    ]
    for w in workers:
        w.start()
    barrier.wait()
    server_cpu = _cpu_seconds(services_pid)
    start = time.perf_counter()
    got = [results.get() for _ in workers]
    wall = time.perf_counter() - start
    server_cpu = _cpu_seconds(services_pid) - server_cpu
    for w in workers:
        w.join()
    emit(
        bench="issue" if batch <= 1 else "issue_batch", template=TEMPLATE,
        processes=processes, docs=n, batch=batch, concurrency=1 if batch <= 1 else 4,
        docs_per_s=round(n / wall, 2), wall_s=round(wall, 2),
        worker_cpu_ms_per_doc=round(1000 * sum(g[1] for g in got) / n, 2),
        tsa_ocsp_server_cpu_ms_per_doc=round(1000 * server_cpu / n, 2),
        avg_pdf_bytes=int(sum(g[2] for g in got) / n),
        cores=os.cpu_count(), loadavg_1m=os.getloadavg()[0],
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=500, help="documents per end-to-end run")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--signatures", type=int, default=100)
    parser.add_argument("--renders", type=int, default=200)
    parser.add_argument("--batch", type=int, default=16,
                        help="also run issue_many() in batches of this size (0: skip)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="berkas-bench-pki-") as tmp:
        pki_dir = Path(tmp)
        pki.init_pki(pki_dir)
        services = subprocess.Popen(
            [sys.executable, "-m", "signing.pki", "serve", str(pki_dir)],
            cwd=ROOT, stdout=subprocess.PIPE, text=True,
        )
        try:
            emit(bench="setup", **json.loads(services.stdout.readline()))
            bench_render(args.renders)
            bench_sign(args.signatures, pki_dir)
            for p in args.processes:
                bench_issue(args.docs, p, pki_dir, services.pid, batch=1)
            if args.batch > 1:
                for p in args.processes:
                    bench_issue(args.docs, p, pki_dir, services.pid, batch=args.batch)
        finally:
            services.terminate()
            services.wait(timeout=10)


if __name__ == "__main__":
    main()
