"""With the S3 server gone every call fails fast with StorageUnavailable (the API's 503).

The time bound is for correctness (short timeouts, few retries), not a benchmark.
"""

import time

import pytest

from documents.storage import S3Storage, StorageUnavailable, sha256_of

pytestmark = pytest.mark.services

DATA = b"%PDF-1.7 scan"
FAST_ENOUGH = 10.0  # seconds; observed well under one


def timed(fn):
    start = time.monotonic()
    with pytest.raises(StorageUnavailable) as caught:
        fn()
    return time.monotonic() - start, caught.value


def test_every_call_raises_storage_unavailable_quickly_while_s3_is_down(own_seaweed_server):
    server = own_seaweed_server
    storage = S3Storage(server.endpoint, server.access_key, server.secret_key, "arsip")
    stored = storage.put("a/scan.pdf", DATA, sha256=sha256_of(DATA), size=len(DATA),
                         content_type="application/pdf")

    server.stop()

    calls = {
        "ping": lambda: storage.ping(),
        "put": lambda: storage.put("a/scan.pdf", DATA, sha256=sha256_of(DATA),
                                   size=len(DATA), content_type="application/pdf"),
        "get": lambda: storage.get("a/scan.pdf", version_id=stored.version_id,
                                   sha256=stored.sha256),
        "stat": lambda: storage.stat("a/scan.pdf", version_id=stored.version_id),
        "versions": lambda: storage.versions("a/scan.pdf"),
        "check": lambda: storage.check("a/scan.pdf", version_id=stored.version_id,
                                       sha256=stored.sha256),
        "new client": lambda: S3Storage(server.endpoint, server.access_key,
                                        server.secret_key, "arsip"),
    }
    for name, call in calls.items():
        elapsed, error = timed(call)
        assert elapsed < FAST_ENOUGH, f"{name} took {elapsed:.1f}s to fail"
        assert "unreachable" in str(error) or "server" in str(error), (name, error)


def test_after_a_restart_the_same_storage_object_works_again(own_seaweed_server):
    server = own_seaweed_server
    storage = S3Storage(server.endpoint, server.access_key, server.secret_key, "arsip")
    before = storage.put("a/scan.pdf", DATA, sha256=sha256_of(DATA), size=len(DATA),
                         content_type="application/pdf")
    server.stop()
    with pytest.raises(StorageUnavailable):
        storage.put("a/scan.pdf", b"v2", sha256=sha256_of(b"v2"), size=2,
                    content_type="application/pdf")

    server.start()

    after = storage.put("a/scan.pdf", b"v2", sha256=sha256_of(b"v2"), size=2,
                        content_type="application/pdf")
    storage.ping()
    assert storage.versions("a/scan.pdf") == [before, after]  # the failed put left nothing
