"""Search benchmark: index N synthetic documents and time a fixed mix of queries.

    python bench/search_bench.py [--documents 100000] [--rounds 30] [--database-url URL] [--fresh]

Uses its own PostgreSQL database (default postgres://postgres@127.0.0.1:5432/berkas_bench, created
here). A database that already holds documents is reused (queries only); --fresh drops it and
loads and indexes everything again (about 12 minutes for 100k on 2 cores). Documents are 1–3 KB of Indonesian text made from the sentences of
shared/corpus/pergub-jatim-73-2020.txt plus a decree-like header (name, NIP, number) and a few rare
words. Prints JSON lines: the indexing rate, the index size on disk, p50/p95 per query kind and over
the whole mix. Each query is what GET /api/v1/search/ runs: count, page of 20 with snippets, and the
four facets, scoped to the caller.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "support" / "pergub-jatim-73-2020.txt"  # the regulation text the scans come from
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/berkas_bench"

FIRST = ["Agus", "Budi", "Siti", "Dewi", "Rina", "Joko", "Sri", "Ahmad", "Nur", "Eko", "Wahyu", "Dian", "Hendra",
         "Yuli", "Bambang", "Fitri", "Rudi", "Indah", "Teguh", "Ratna", "Heru", "Lilik", "Mochamad", "Endang",
         "Slamet", "Puji", "Wulan", "Arif", "Yudi", "Retno"]
LAST = ["Santoso", "Wijaya", "Rahayu", "Hidayat", "Kurniawan", "Susanti", "Prasetyo", "Handayani", "Setiawan",
        "Purnomo", "Maharani", "Saputra", "Nugroho", "Lestari", "Firmansyah", "Sutrisno", "Mulyaningsih",
        "Wibowo", "Kusumawati", "Hartono", "Suryani", "Pratama", "Wulandari", "Gunawan", "Syahputra"]


def emit(**row) -> None:
    print(json.dumps(row, default=str), flush=True)


def prepare_database(url: str, fresh: bool) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def sentences() -> list[str]:
    text = CORPUS.read_text()
    parts = re.split(r"(?<=[.;:])\s+|\n+", text)
    return [re.sub(r"\s+", " ", p).strip(" -") for p in parts if len(p.split()) >= 4]


def rare_words(rng: random.Random, n: int) -> list[str]:
    syllables = ["ba", "ka", "ra", "ti", "mu", "lo", "se", "da", "wi", "ngu", "pa", "jo", "re", "su", "ha", "ni"]
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(3, 4))))
    return sorted(words)


def rare_in_database(sample: int = 300) -> list[str]:
    """The made-up rare words of an earlier load: words of indexed texts the corpus never uses."""
    from archive.models import DocumentType
    from search.models import SearchEntry

    known = set(re.findall(r"[a-z]+", CORPUS.read_text().lower()))
    known |= set(re.findall(r"[a-z]+", " ".join(DocumentType.objects.values_list("name", flat=True)).lower()))
    known |= {w.lower() for w in FIRST + LAST}
    found = set()
    for text in SearchEntry.objects.order_by("?").values_list("text", flat=True)[:sample]:
        found |= {w for w in re.findall(r"[a-z]+", text.lower()) if w not in known and len(w) > 5}
    return sorted(found)


def make_nip(rng: random.Random, seq: int) -> str:
    birth = dt.date(rng.randint(1965, 1998), rng.randint(1, 12), rng.randint(1, 28))
    year = birth.year + rng.randint(22, 30)
    return f"{birth:%Y%m%d}{year}{rng.randint(1, 12):02d}{rng.choice([1, 2])}{seq % 1000:03d}"


def generate(n_documents: int, rng: random.Random) -> dict:
    """Agencies, units, employees, documents and one version each, written in bulk."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from archive.models import (Agency, Document, DocumentType, DocumentVersion, Employee, Role, Unit,
                                UserProfile)

    # Bench only: let bulk_create keep our synthetic upload dates (the field is auto_now_add).
    DocumentVersion._meta.get_field("uploaded_at").auto_now_add = False
    types = list(DocumentType.objects.order_by("code"))
    docs_per_employee = 10
    n_employees = max(1, n_documents // docs_per_employee)
    agencies = [Agency(code=f"OPD{i:02d}", name=f"Perangkat Daerah {i:02d}") for i in range(20)]
    Agency.objects.bulk_create(agencies)
    agencies = list(Agency.objects.order_by("code"))
    units = [Unit(code=f"OPD{a:02d}-U{u}", name=f"Unit Kerja {u} {agencies[a].name}", agency=agencies[a])
             for a in range(20) for u in range(5)]
    Unit.objects.bulk_create(units)
    units = list(Unit.objects.order_by("code"))
    nips, employees = set(), []
    for i in range(n_employees):
        nip = make_nip(rng, i)
        while nip in nips:
            nip = make_nip(rng, rng.randint(0, 999))
        nips.add(nip)
        employees.append(Employee(nip=nip, nama=f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)}",
                                  tanggal_lahir=dt.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8])),
                                  jenis_kelamin=int(nip[14]), unit=rng.choice(units)))
    Employee.objects.bulk_create(employees, batch_size=2000)
    employees = list(Employee.objects.order_by("pk"))
    corpus, rare = sentences(), rare_words(rng, 20000)
    statuses = ["verified"] * 6 + ["awaiting_verification"] * 3 + ["rejected", "needs_rescan"]
    made = 0
    for start in range(0, len(employees), 200):
        documents, texts = [], []
        for employee in employees[start:start + 200]:
            for doc_type in rng.sample(types, docs_per_employee):
                if made >= n_documents:
                    break
                made += 1
                documents.append(Document(employee=employee, document_type=doc_type, status=rng.choice(statuses)))
                year = rng.randint(1995, 2025)
                header = (f"{doc_type.name.upper()} Nomor: 800/{rng.randint(1, 9999)}/204/{year} "
                          f"Nama: {employee.nama} NIP: {employee.nip} ")
                body, size = [header], rng.randint(1000, 3000)
                while sum(len(s) for s in body) < size:
                    body.append(rng.choice(corpus))
                body.insert(rng.randint(1, len(body)), " ".join(rng.sample(rare, 3)))
                texts.append((" ".join(body), timezone.make_aware(dt.datetime(year, rng.randint(1, 12), 1))))
        with transaction.atomic():
            Document.objects.bulk_create(documents)
            DocumentVersion.objects.bulk_create([
                DocumentVersion(document=d, number=1, object_key=f"bench/{d.pk}", object_version="1",
                                sha256="0" * 64, size=len(t), content_type="application/pdf", text=t,
                                status=d.status, uploaded_at=uploaded) for d, (t, uploaded) in zip(documents, texts)])
    User = get_user_model()
    admin = User.objects.create(username="bench-admin")
    UserProfile.objects.create(user=admin, role=Role.ADMINISTRATOR)
    fasilitator = User.objects.create(username="bench-fasilitator")
    profile = UserProfile.objects.create(user=fasilitator, role=Role.FASILITATOR)
    profile.units.set(units[:3])
    return {"employees": len(employees), "documents": made, "rare": rare}


def query_mix(rng: random.Random, rare: list[str]) -> list[tuple[str, dict]]:
    """One round of the fixed mix: (kind, SearchQuery kwargs)."""
    from archive.models import Employee, Unit

    employee = Employee.objects.order_by("?").first()
    first, *rest = employee.nama.split()
    last = rest[-1]
    typo = last[:-2] + ("a" if last[-2] != "a" else "e") + last[-1]
    unit = Unit.objects.order_by("?").first().code
    return [
        ("word_common", {"q": rng.choice(["pegawai", "daerah", "informasi", "aparatur", "sistem"])}),
        ("word_common_stemmed", {"q": rng.choice(["kepegawaian", "kepangkatan", "penetapan"])}),
        ("word_rare", {"q": rng.choice(rare)}),
        ("words_two", {"q": rng.choice(["pengelolaan arsip", "jabatan fungsional", "verifikasi dokumen"])}),
        ("phrase", {"q": rng.choice(['"aparatur sipil negara"', '"sesuai dengan naskah asli"',
                                     '"sistem informasi manajemen"'])}),
        ("nip_exact", {"q": employee.nip}),
        ("nip_prefix", {"q": employee.nip[:8]}),
        ("name_typo", {"q": f"{first} {typo}"}),
        ("filtered", {"q": "pegawai", "unit": unit, "status": "verified"}),
        ("filtered_dates", {"q": "jabatan", "date_from": dt.date(2015, 1, 1), "date_to": dt.date(2018, 12, 31)}),
        ("browse_type", {"document_type": rng.choice(["sk_cpns", "ijazah", "ktp"]), "sort": "newest"}),
        ("word_common_page5", {"q": "pegawai", "page": 5}),
    ]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the bench database")
    args = parser.parse_args()

    prepare_database(args.database_url, args.fresh)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["SEARCH_BACKEND"] = "database"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from search.query import SearchQuery
    from search.selectors import search_documents
    from search.services import reindex_all

    call_command("migrate", verbosity=0)
    rng = random.Random(2026)
    from archive.models import Document

    if not Document.objects.exists():
        started = time.monotonic()
        info = generate(args.documents, rng)
        emit(event="generated", documents=info["documents"], employees=info["employees"],
             seconds=round(time.monotonic() - started, 1))
        started = time.monotonic()
        count = reindex_all()
        seconds = time.monotonic() - started
        emit(event="indexed", documents=count, seconds=round(seconds, 1), docs_per_second=round(count / seconds))
        rare = info["rare"]
    else:
        emit(event="reused", documents=Document.objects.count(), note="bench database kept from an earlier run; --fresh rebuilds it")
        rare = rare_in_database()
    connection.ensure_connection()
    connection.connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_searchentry")
        cursor.execute("SELECT count(*), pg_relation_size('search_searchentry'), "
                       "pg_total_relation_size('search_searchentry'), pg_indexes_size('search_searchentry') "
                       "FROM search_searchentry")
        rows, heap, total, indexes = cursor.fetchone()
        cursor.execute("SELECT pg_relation_size('search_entry_vector'), pg_relation_size('search_entry_name_trgm')")
        gin, trgm = cursor.fetchone()
    mb = 1024 * 1024
    emit(event="index_size", entries=rows, total_mb=round(total / mb, 1), heap_mb=round(heap / mb, 1),
         indexes_mb=round(indexes / mb, 1), toast_mb=round((total - heap - indexes) / mb, 1),
         gin_tsvector_mb=round(gin / mb, 1), gin_trgm_names_mb=round(trgm / mb, 1))

    User = get_user_model()
    users = {"administrator": User.objects.get(username="bench-admin"),
             "fasilitator": User.objects.get(username="bench-fasilitator")}
    for round_no in range(2):  # warm-up: caches, plans
        for _, kwargs in query_mix(rng, rare):
            search_documents(users["administrator"], SearchQuery(**kwargs))
    timings: dict[str, list[float]] = {}
    counts: dict[str, list[int]] = {}
    for round_no in range(args.rounds):
        for role, user in users.items():
            for kind, kwargs in query_mix(rng, rare):
                started = time.perf_counter()
                result = search_documents(user, SearchQuery(**kwargs))
                elapsed = (time.perf_counter() - started) * 1000
                timings.setdefault(f"{role}:{kind}", []).append(elapsed)
                counts.setdefault(f"{role}:{kind}", []).append(result.count)
    everything = []
    for key, values in sorted(timings.items()):
        everything += values
        role, kind = key.split(":")
        emit(event="query", role=role, kind=kind, n=len(values), p50_ms=round(percentile(values, .5), 1),
             p95_ms=round(percentile(values, .95), 1), max_ms=round(max(values), 1),
             median_count=int(statistics.median(counts[key])))
    emit(event="mix", documents=rows, n=len(everything), p50_ms=round(percentile(everything, .5), 1),
         p95_ms=round(percentile(everything, .95), 1), max_ms=round(max(everything), 1), goal_p95_ms=50)
    return 0


if __name__ == "__main__":
    sys.exit(main())
