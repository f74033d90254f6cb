"""A 30 MB scan goes in and out in chunks: memory stays far below the object's size."""

import tracemalloc

import pytest

from tests.support.streams import MB, GeneratedStream, sha256_of_generated

SIZE = 30 * MB


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
    return sha256_of_generated(SIZE)


def test_30mb_put_and_streamed_read_use_a_fraction_of_the_size(storage, key, sha256_30mb):
    stored, put_peak = peak_memory(lambda: storage.put(
        key, GeneratedStream(SIZE), sha256=sha256_30mb, size=SIZE,
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
    stored = storage.put(key, GeneratedStream(SIZE), sha256=sha256_30mb, size=SIZE,
                         content_type="application/pdf")

    data, peak = peak_memory(
        lambda: storage.get(key, version_id=stored.version_id, sha256=sha256_30mb))

    assert len(data) == SIZE
    assert peak < 1.6 * SIZE, f"get peaked at {peak / MB:.1f} MB for a 30 MB object"
