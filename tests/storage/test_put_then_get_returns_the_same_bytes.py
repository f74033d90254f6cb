import io
import os

from documents.storage import StoredObject, sha256_of

PDF = b"%PDF-1.7\n" + os.urandom(4096) + b"\n%%EOF\n"


def test_put_bytes_then_get_returns_them(storage, key):
    stored = storage.put(key, PDF, sha256=sha256_of(PDF), size=len(PDF),
                         content_type="application/pdf")

    assert stored == StoredObject(key, stored.version_id, sha256_of(PDF), len(PDF),
                                  "application/pdf")
    assert stored.version_id
    assert storage.get(key, version_id=stored.version_id, sha256=stored.sha256) == PDF


def test_put_stream_then_get_returns_its_bytes(storage, key):
    stored = storage.put(key, io.BytesIO(PDF), sha256=sha256_of(PDF), size=len(PDF),
                         content_type="application/pdf")

    assert storage.get(key, version_id=stored.version_id, sha256=sha256_of(PDF)) == PDF


def test_stat_reports_what_put_stored(storage, key):
    stored = storage.put(key, PDF, sha256=sha256_of(PDF), size=len(PDF),
                         content_type="application/pdf")

    assert storage.stat(key, version_id=stored.version_id) == stored


def test_empty_object_round_trips(storage, key):
    stored = storage.put(key, b"", sha256=sha256_of(b""), size=0, content_type="text/plain")

    assert storage.get(key, version_id=stored.version_id, sha256=sha256_of(b"")) == b""
    assert storage.check(key, version_id=stored.version_id, sha256=sha256_of(b"")) == "ok"


def test_open_streams_the_bytes_in_chunks(storage, key):
    stored = storage.put(key, PDF, sha256=sha256_of(PDF), size=len(PDF),
                         content_type="application/pdf")

    with storage.open(key, version_id=stored.version_id, sha256=stored.sha256) as reader:
        chunks = [reader.read(1000) for _ in range(3)] + list(reader)

    assert b"".join(chunks) == PDF


def test_uppercase_sha256_is_accepted(storage, key):
    stored = storage.put(key, PDF, sha256=sha256_of(PDF).upper(), size=len(PDF),
                         content_type="application/pdf")

    assert stored.sha256 == sha256_of(PDF)
    assert storage.get(key, version_id=stored.version_id, sha256=sha256_of(PDF).upper()) == PDF
