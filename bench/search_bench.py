"""Search benchmark: index N synthetic documents and time a fixed mix of queries.

    python bench/search_bench.py [--documents 100000] [--rounds 30] [--database-url URL] [--fresh]

Uses its own PostgreSQL database (default postgres://postgres@127.0.0.1:5432/berkas_bench, created
here). A database that already holds documents is reused (queries only); --fresh drops it and
loads everything again: index rows written with COPY in two streams, GIN indexes built after
(about 7 minutes for 100k, 40+ for 1M on 2 busy cores). Documents are 1–3 KB of Indonesian text made from the sentences of
shared/corpus/pergub-jatim-73-2020.txt plus a decree-like header (name, NIP, number) and a few rare
words. Prints JSON lines: the load time, the index size on disk, p50/p95 per query kind and over the
whole mix, each beside its anchor — PostgreSQL's exact count(*) of the same WHERE, timed in the
same run — and the machine's load. Each query is what GET /api/v1/search/ runs: count (exact up
to SEARCH_TRACK_TOTAL_HITS), page of 20 with snippets, and the four facets, scoped to the caller.
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


DOCS_PER_EMPLOYEE = 10


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
    from documents.models import DocumentType
    from search.models import SearchEntry

    known = set(re.findall(r"[a-z]+", CORPUS.read_text().lower()))
    known |= set(re.findall(r"[a-z]+", " ".join(DocumentType.objects.values_list("name", flat=True)).lower()))
    known |= {w.lower() for w in FIRST + LAST}
    found = set()
    last = SearchEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ids = random.Random(7).sample(range(1, last + 1), min(sample, last))
    for text in SearchEntry.objects.filter(id__in=ids).values_list("text", flat=True):
        found |= {w for w in re.findall(r"[a-z]+", text.lower()) if w not in known and len(w) > 5}
    return sorted(found)


def make_nip(rng: random.Random, seq: int) -> str:
    birth = dt.date(rng.randint(1965, 1998), rng.randint(1, 12), rng.randint(1, 28))
    year = birth.year + rng.randint(22, 30)
    return f"{birth:%Y%m%d}{year}{rng.randint(1, 12):02d}{rng.choice([1, 2])}{seq % 1000:03d}"


def document_text(rng: random.Random, doc_type_name: str, employee_name: str, nip: str, year: int,
                  corpus: list[str], rare: list[str]) -> list[str]:
    """The pieces of one synthetic document's text (joined with spaces): a decree-like header,
    1–3 KB of regulation sentences, and three made-up rare words somewhere inside."""
    header = (f"{doc_type_name.upper()} Nomor: 800/{rng.randint(1, 9999)}/204/{year} "
              f"Nama: {employee_name} NIP: {nip} ")
    body, size, length = [header], rng.randint(1000, 3000), len(header)
    while length < size:
        sentence = rng.choice(corpus)
        body.append(sentence)
        length += len(sentence)
    body.insert(rng.randint(1, len(body)), " ".join(rng.sample(rare, 3)))
    return body


def make_people(n_documents: int, rng: random.Random):
    """Agencies, units (100), employees (one per ten documents) and the two bench logins."""
    from django.contrib.auth import get_user_model

    from people.models import Agency, Employee, Role, Unit, UserProfile

    n_employees = max(1, n_documents // DOCS_PER_EMPLOYEE)
    Agency.objects.bulk_create([Agency(code=f"OPD{i:02d}", name=f"Perangkat Daerah {i:02d}") for i in range(20)])
    agencies = list(Agency.objects.order_by("code"))
    Unit.objects.bulk_create([Unit(code=f"OPD{a:02d}-U{u}", name=f"Unit Kerja {u} {agencies[a].name}",
                                   agency=agencies[a]) for a in range(20) for u in range(5)])
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
    Employee.objects.bulk_create(employees, batch_size=5000)
    User = get_user_model()
    admin = User.objects.create(username="bench-admin")
    UserProfile.objects.create(user=admin, role=Role.ADMINISTRATOR)
    fasilitator = User.objects.create(username="bench-fasilitator")
    profile = UserProfile.objects.create(user=fasilitator, role=Role.FASILITATOR)
    profile.units.set(units[:3])
    return units, list(Employee.objects.select_related("unit__agency").order_by("pk"))


ENTRY_COLUMNS = ["key", "kind", "document_id", "employee_id", "employee_nip", "employee_name", "agency_code",
                 "unit_id", "unit_code", "unit_name", "document_type_code", "document_type_name", "status", "title",
                 "text", "stemmed_title", "stemmed_text", "document_date", "year", "uploaded_at", "signed",
                 "verified", "version", "indexed_at"]
HEAVY_INDEXES = ("search_entry_vector", "search_entry_name_trgm")
NAMES_TRIGGER = "search_employeename_inserted"
NAMES_FILL = ("INSERT INTO search_employeename (employee_id, unit_id, employee_name) "
              "SELECT DISTINCT ON (employee_id, unit_id) employee_id, unit_id, employee_name FROM search_searchentry "
              "ORDER BY employee_id, unit_id, id DESC ON CONFLICT DO NOTHING")


def load_stream(stream: int, streams: int, url: str, people: list[tuple], types: list[tuple], n_documents: int,
                corpus: list[str], rare: list[str], seed: int) -> int:
    """One COPY stream: the documents of every `streams`-th employee, from its own random
    generator (run in a child process, over its own connection)."""
    import psycopg

    from search.text import analyzed

    rng = random.Random(seed * 100 + stream)
    stemmed = {s: analyzed(s) for s in corpus}
    stemmed.update({w: analyzed(w) for w in rare})
    statuses = ["verified"] * 6 + ["awaiting_verification"] * 3 + ["rejected", "needs_rescan"]
    now = dt.datetime.now(dt.timezone.utc).isoformat()

    def clean(value: str) -> str:
        return value.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")

    made = 0
    with psycopg.connect(url, autocommit=True) as conn, conn.cursor() as cursor, cursor.copy(
            f"COPY search_searchentry ({', '.join(ENTRY_COLUMNS)}) FROM STDIN") as copy:
        block = []
        for number, (pk, nip, nama, unit_pk, unit_code, unit_name, agency_code) in enumerate(people):
            if number % streams != stream:
                continue
            for j, (type_code, type_name) in enumerate(rng.sample(types, DOCS_PER_EMPLOYEE)):
                document = number * DOCS_PER_EMPLOYEE + j + 1
                if document > n_documents:
                    break
                made += 1
                status = rng.choice(statuses)
                year, month = rng.randint(1995, 2025), rng.randint(1, 12)
                pieces = document_text(rng, type_name, nama, nip, year, corpus, rare)
                stemmed_text = " ".join(filter(None, (stemmed[p] if p in stemmed else analyzed(p) for p in pieces)))
                block.append("\t".join([
                    f"scan:{document}", "scan", str(document), str(pk), nip, clean(nama), agency_code, str(unit_pk),
                    unit_code, clean(unit_name), type_code, clean(type_name), status, clean(type_name),
                    clean(" ".join(pieces)), analyzed(f"{type_name} {nama} {nip}"), stemmed_text,
                    f"{year}-{month:02d}-01", str(year), f"{year}-{month:02d}-01T00:00:00+07:00",
                    "f", "t" if status == "verified" else "f", "1", now]) + "\n")
                if len(block) >= 1000:
                    copy.write("".join(block))
                    block = []
        if block:
            copy.write("".join(block))
    return made


def generate(n_documents: int, rng: random.Random, url: str, streams: int) -> dict:
    """Write N index entries straight into the search table with COPY, each exactly the row
    `search.services.document_index` would write for a scan of that text (same analysis,
    same columns; the archive's own Document rows are not made — search never reads them).
    The GIN indexes are dropped during the load and built once afterwards; `streams` COPY
    streams run side by side (PostgreSQL computing the tsvector is the slow part)."""
    import multiprocessing

    import psycopg
    from django.db import connection

    from documents.models import DocumentType

    types = list(DocumentType.objects.order_by("code").values_list("code", "name"))
    _, employees = make_people(n_documents, rng)
    people = [(e.pk, e.nip, e.nama, e.unit.pk, e.unit.code, e.unit.name, e.unit.agency.code) for e in employees]
    corpus, rare = sentences(), rare_words(rng, 20000)
    connection.close()
    with psycopg.connect(url, autocommit=True) as conn:
        heavy = conn.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)",
                             [list(HEAVY_INDEXES)]).fetchall()
        for name, _ in heavy:
            conn.execute(f"DROP INDEX {name}")
        # The names trigger (migration 0004) would keep every COPY's rows, text and all, in a
        # transition table: off during the load, the names table filled once afterwards.
        conn.execute(f"ALTER TABLE search_searchentry DISABLE TRIGGER {NAMES_TRIGGER}")
    started = time.monotonic()
    try:
        with multiprocessing.get_context("fork").Pool(streams) as pool:
            made = sum(pool.starmap(load_stream, [(i, streams, url, people, types, n_documents, corpus, rare, 2026)
                                                  for i in range(streams)]))
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(NAMES_FILL)
            conn.execute(f"ALTER TABLE search_searchentry ENABLE TRIGGER {NAMES_TRIGGER}")
    emit(event="loaded", documents=made, streams=streams, seconds=round(time.monotonic() - started, 1))
    started = time.monotonic()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        for _, definition in heavy:
            conn.execute(definition)
    emit(event="gin_built", seconds=round(time.monotonic() - started, 1))
    return {"employees": len(people), "documents": made, "rare": rare}


def query_mix(rng: random.Random, rare: list[str]) -> list[tuple[str, dict]]:
    """One round of the fixed mix: (kind, SearchQuery kwargs)."""
    from people.models import Employee, Unit

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
    parser.add_argument("--load-streams", type=int, default=2, help="COPY streams side by side when loading")
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

    call_command("migrate", verbosity=0)
    rng = random.Random(2026)
    from search.models import SearchEntry

    if not SearchEntry.objects.exists():
        started = time.monotonic()
        info = generate(args.documents, rng, args.database_url, args.load_streams)
        emit(event="generated", documents=info["documents"], employees=info["employees"],
             seconds=round(time.monotonic() - started, 1))
        rare = info["rare"]
    else:
        emit(event="reused", documents=SearchEntry.objects.count(),
             note="bench database kept from an earlier run; --fresh rebuilds it")
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
    from search.backends import get_backend
    from search.selectors import search_scope_for

    backend = get_backend()
    scopes = {role: search_scope_for(user) for role, user in users.items()}
    emit(event="machine", nproc=os.cpu_count(), loadavg=Path("/proc/loadavg").read_text().split()[:3])
    timings: dict[str, list[float]] = {}
    anchors: dict[str, list[float]] = {}
    counts: dict[str, list[tuple[int, bool, int]]] = {}
    for round_no in range(args.rounds):
        for role, user in users.items():
            for kind, kwargs in query_mix(rng, rare):
                query = SearchQuery(**kwargs)
                started = time.perf_counter()
                result = search_documents(user, query)
                elapsed = (time.perf_counter() - started) * 1000
                # The anchor, in the same run: PostgreSQL's exact count of the same WHERE (what
                # every search paid before counts were bounded), timed on its own.
                started = time.perf_counter()
                exact = backend.exact_count(scopes[role], query)
                anchor = (time.perf_counter() - started) * 1000
                key = f"{role}:{kind}"
                timings.setdefault(key, []).append(elapsed)
                anchors.setdefault(key, []).append(anchor)
                counts.setdefault(key, []).append((result.count, result.count_exact, exact))
                if result.count_exact and result.count != exact:
                    raise SystemExit(f"{key}: count {result.count} said exact, but the exact count is {exact}")
    everything, everything_anchor = [], []
    for key, values in sorted(timings.items()):
        everything += values
        everything_anchor += anchors[key]
        role, kind = key.split(":")
        emit(event="query", role=role, kind=kind, n=len(values), p50_ms=round(percentile(values, .5), 1),
             p95_ms=round(percentile(values, .95), 1), max_ms=round(max(values), 1),
             median_count=int(statistics.median(c for c, _, _ in counts[key])),
             count_exact_share=round(sum(e for _, e, _ in counts[key]) / len(values), 2),
             anchor_exact_count_p50_ms=round(percentile(anchors[key], .5), 1),
             anchor_exact_count_p95_ms=round(percentile(anchors[key], .95), 1),
             anchor_median_exact_count=int(statistics.median(x for _, _, x in counts[key])))
    emit(event="mix", documents=rows, n=len(everything), p50_ms=round(percentile(everything, .5), 1),
         p95_ms=round(percentile(everything, .95), 1), max_ms=round(max(everything), 1),
         goal_p95_ms=50 if rows <= 200_000 else 150,
         anchor_exact_count_p95_ms=round(percentile(everything_anchor, .95), 1),
         worst_kind_p95_ms=round(max(percentile(v, .95) for v in timings.values()), 1))
    emit(event="machine", nproc=os.cpu_count(), loadavg=Path("/proc/loadavg").read_text().split()[:3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
