"""put() hashes while streaming and refuses before the new version becomes visible."""

import io
import os

import pytest

from documents.storage import ChecksumMismatch, sha256_of

SCAN = os.urandom(20_000)


def test_put_with_the_wrong_sha256_stores_nothing(storage, key):
    with pytest.raises(ChecksumMismatch):
        storage.put(key, SCAN, sha256=sha256_of(b"something else"), size=len(SCAN),
                    content_type="application/pdf")

    assert storage.versions(key) == []


def test_put_of_a_large_stream_with_the_wrong_sha256_stores_nothing(storage, key):
    # 12 MB: more than one S3 part, so the mismatch is found after parts were uploaded
    # and the multipart upload must be aborted rather than completed.
    data = os.urandom(12 * 1024 * 1024)
    with pytest.raises(ChecksumMismatch):
        storage.put(key, io.BytesIO(data), sha256="ab" * 32, size=len(data),
                    content_type="application/pdf")

    assert storage.versions(key) == []


def test_put_of_a_stream_shorter_than_declared_stores_nothing(storage, key):
    with pytest.raises(ChecksumMismatch, match="stream ended"):
        storage.put(key, io.BytesIO(SCAN[:-1]), sha256=sha256_of(SCAN), size=len(SCAN),
                    content_type="application/pdf")

    assert storage.versions(key) == []


def test_put_of_a_stream_longer_than_declared_stores_nothing(storage, key):
    with pytest.raises(ChecksumMismatch, match="longer"):
        storage.put(key, io.BytesIO(SCAN + b"x"), sha256=sha256_of(SCAN), size=len(SCAN),
                    content_type="application/pdf")

    assert storage.versions(key) == []


def test_a_refused_put_leaves_earlier_versions_alone(storage, key):
    good = storage.put(key, SCAN, sha256=sha256_of(SCAN), size=len(SCAN),
                       content_type="application/pdf")

    with pytest.raises(ChecksumMismatch):
        storage.put(key, b"tampered", sha256=sha256_of(SCAN), size=8,
                    content_type="application/pdf")

    assert storage.versions(key) == [good]
    assert storage.get(key, version_id=good.version_id, sha256=good.sha256) == SCAN
