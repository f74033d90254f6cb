"""The S3 server dies in the middle of a 30 MB upload.

The put fails with StorageUnavailable (the upload API answers 503), no version appears —
the multipart upload was never completed — and once the server is back the same upload
succeeds and is the key's only version.
"""

import threading
import time

import pytest

from documents.storage import S3Storage, StorageUnavailable

from tests.support.streams import MB, GeneratedStream, sha256_of_generated

SIZE = 30 * MB

pytestmark = pytest.mark.services


class SignallingStream(GeneratedStream):
    """Sets `halfway` once half the bytes have been handed to the uploader."""

    def __init__(self, size: int):
        super().__init__(size)
        self.halfway = threading.Event()

    def read(self, n: int = -1) -> bytes:
        chunk = super().read(n)
        if self.remaining <= SIZE // 2:
            self.halfway.set()
        return chunk


def test_put_interrupted_by_a_dead_server_stores_nothing_and_succeeds_after_restart(
        own_seaweed_server):
    server = own_seaweed_server
    storage = S3Storage(server.endpoint, server.access_key, server.secret_key, "arsip")
    sha256 = sha256_of_generated(SIZE)
    stream = SignallingStream(SIZE)
    outcome: dict = {}

    def upload() -> None:
        try:
            outcome["stored"] = storage.put("a/scan.pdf", stream, sha256=sha256, size=SIZE,
                                            content_type="application/pdf")
        except Exception as exc:
            outcome["error"] = exc
        outcome["finished"] = time.monotonic()

    uploader = threading.Thread(target=upload)
    uploader.start()
    assert stream.halfway.wait(timeout=30)
    server.kill()
    killed = time.monotonic()
    uploader.join(timeout=30)

    assert not uploader.is_alive()
    assert isinstance(outcome.get("error"), StorageUnavailable), outcome
    assert outcome["finished"] - killed < 10.0

    server.start()

    assert storage.versions("a/scan.pdf") == []
    stored = storage.put("a/scan.pdf", GeneratedStream(SIZE), sha256=sha256, size=SIZE,
                         content_type="application/pdf")
    assert storage.versions("a/scan.pdf") == [stored]
    assert storage.check("a/scan.pdf", version_id=stored.version_id, sha256=sha256) == "ok"
