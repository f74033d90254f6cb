"""A byte flipped inside a SeaweedFS volume file on disk.

SeaweedFS keeps a CRC per stored needle and refuses to serve a damaged one (HTTP 500), so
the archive sees StorageUnavailable — never wrong bytes. What this proves: bit rot under
SeaweedFS cannot reach a user as a "valid" download. What it cannot prove: our own sha256
check (SeaweedFS catches it first; see test_corrupted_bytes_raise_corrupt_object.py).
"""

import os

import pytest

from documents.storage import CorruptObject, S3Storage, StorageUnavailable, sha256_of

pytestmark = pytest.mark.services


def test_a_version_damaged_on_disk_is_refused_not_served(own_seaweed_server):
    server = own_seaweed_server
    storage = S3Storage(server.endpoint, server.access_key, server.secret_key, "arsip")
    scan = os.urandom(200_000)  # random: stored verbatim, so findable on disk
    stored = storage.put("a/scan.pdf", scan, sha256=sha256_of(scan), size=len(scan),
                         content_type="application/pdf")

    server.flip_byte_on_disk(scan[1000:1064])

    with pytest.raises((StorageUnavailable, CorruptObject)):
        storage.get("a/scan.pdf", version_id=stored.version_id, sha256=stored.sha256)
