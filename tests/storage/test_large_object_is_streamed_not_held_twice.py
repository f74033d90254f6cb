"""A 30 MB scan goes in and out in chunks: memory stays far below the object's size."""

import hashlib
import os
import tracemalloc

import pytest

SIZE = 30 * 1024 * 1024
MB = 1024 * 1024


class RandomStream:
    """30 MB of deterministic bytes, produced on demand: never whole in memory."""

    def __init__(self, size: int, seed: bytes = b"berkas"):
        self.remaining = size
        self.block = hashlib.sha256(seed).digest() * 4096  # 128 KiB, repeated
        self.offset = 0

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            n = self.remaining
        n = min(n, self.remaining)
        out = bytearray()
        while len(out) < n:
            start = self.offset % len(self.block)
            piece = self.block[start:start + n - len(out)]
            out += piece
            self.offset += len(piece)
        self.remaining -= n
        return bytes(out)


def digest_of_stream(size: int) -> str:
    stream, digest = RandomStream(size), hashlib.sha256()
    while chunk := stream.read(MB):
        digest.update(chunk)
    return digest.hexdigest()


def peak_memory(fn):
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


@pytest.fixture(scope="module")
def sha256_30mb() -> str:
    return digest_of_stream(SIZE)


def test_30mb_put_and_streamed_read_use_a_fraction_of_the_size(storage, key, sha256_30mb):
    stored, put_peak = peak_memory(lambda: storage.put(
        key, RandomStream(SIZE), sha256=sha256_30mb, size=SIZE,
        content_type="application/pdf"))

    def read_all_in_chunks() -> int:
        total = 0
        with storage.open(key, version_id=stored.version_id, sha256=sha256_30mb) as reader:
            for chunk in reader:
                total += len(chunk)
        return total

    total, read_peak = peak_memory(read_all_in_chunks)

    assert stored.size == SIZE and total == SIZE
    # S3 holds a 5 MB part (and the client's copies of it); local holds 1 MB chunks.
    assert put_peak < 20 * MB, f"put peaked at {put_peak / MB:.1f} MB"
    assert read_peak < 5 * MB, f"streamed read peaked at {read_peak / MB:.1f} MB"


def test_30mb_get_holds_the_object_about_once(storage, key, sha256_30mb):
    stored = storage.put(key, RandomStream(SIZE), sha256=sha256_30mb, size=SIZE,
                         content_type="application/pdf")

    data, peak = peak_memory(
        lambda: storage.get(key, version_id=stored.version_id, sha256=sha256_30mb))

    assert len(data) == SIZE
    assert peak < 1.6 * SIZE, f"get peaked at {peak / MB:.1f} MB for a 30 MB object"
