"""get() and check() re-hash the stored bytes against the sha256 the archive recorded.

How each back end is damaged, and what that proves:
- local: one byte of the version's file is flipped on disk (bit rot, or someone editing
  the folder).
- S3 (SeaweedFS): the bytes of the *same version id* are replaced through the SeaweedFS
  filer, behind the S3 API (the S3 API itself can never change an existing version). The
  server then serves different bytes, same size, under the old version id, and SeaweedFS's
  own chunk CRCs agree with them — only our sha256 check can notice. This simulates
  tampering or a storage-layer bug; on-disk bit rot inside SeaweedFS is a different case
  (see test_s3_disk_bit_rot_is_never_served.py).
"""

import os

import pytest

from documents.storage import CorruptObject, sha256_of

SCAN = b"%PDF-1.4\n" + os.urandom(50_000)


@pytest.fixture
def stored(storage, key):
    return storage.put(key, SCAN, sha256=sha256_of(SCAN), size=len(SCAN),
                       content_type="application/pdf")


def test_get_with_the_wrong_sha256_raises_corrupt_object(storage, stored):
    with pytest.raises(CorruptObject, match="stored bytes don't match their checksum"):
        storage.get(stored.key, version_id=stored.version_id, sha256="0" * 64)


def test_bytes_changed_behind_the_back_end_raise_corrupt_object(backend, stored):
    backend.corrupt(stored, SCAN)

    with pytest.raises(CorruptObject, match="stored bytes don't match their checksum"):
        backend.storage.get(stored.key, version_id=stored.version_id, sha256=stored.sha256)


def test_streaming_reader_raises_corrupt_object_at_the_end(backend, stored):
    backend.corrupt(stored, SCAN)

    with backend.storage.open(stored.key, version_id=stored.version_id,
                              sha256=stored.sha256) as reader:
        with pytest.raises(CorruptObject):
            for _ in reader:
                pass


def test_check_reports_ok_missing_and_corrupt(backend, stored):
    storage = backend.storage
    assert storage.check(stored.key, version_id=stored.version_id, sha256=stored.sha256) == "ok"
    assert storage.check(stored.key + "-gone", version_id=stored.version_id,
                         sha256=stored.sha256) == "missing"

    backend.corrupt(stored, SCAN)

    assert storage.check(stored.key, version_id=stored.version_id,
                         sha256=stored.sha256) == "corrupt"
    # check() reports, never repairs: the damage is still there.
    assert storage.check(stored.key, version_id=stored.version_id,
                         sha256=stored.sha256) == "corrupt"
