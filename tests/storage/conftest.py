"""Fixtures for the storage contract: both back ends, a real SeaweedFS S3 server.

`seaweed_server` (session) and `require_services` are meant to move to the root conftest.
With REQUIRE_SERVICES=1 (CI) a server that can't start fails the tests; without it they
are skipped with the reason.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from documents.storage import LocalFolderStorage, ObjectStorage, S3Storage, StoredObject
from tests.support.seaweed import SeaweedServer, unique_bucket_name
from tests.support.services import service_missing


def start_seaweed(workdir: Path) -> SeaweedServer:
    try:
        server = SeaweedServer(workdir)
        server.start()
    except Exception as exc:
        service_missing(f"SeaweedFS S3 server could not start: {exc}")
    return server


@pytest.fixture(scope="session")
def seaweed_server(seaweed) -> SeaweedServer:
    """The session's SeaweedFS server (root conftest), shared with the archive tests."""
    return seaweed


@pytest.fixture
def own_seaweed_server(tmp_path) -> SeaweedServer:
    """A server of this test's own, for tests that stop or damage it."""
    server = start_seaweed(tmp_path / "seaweed")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def s3_bucket(seaweed_server) -> str:
    return unique_bucket_name()


@dataclass
class Backend:
    """One back end under test, with a way to damage a stored version behind its back."""
    name: str
    storage: ObjectStorage
    corrupt: Callable[[StoredObject, bytes], None]  # (stored, its original bytes)


def flip_first_byte(data: bytes) -> bytes:
    return bytes([data[0] ^ 0xFF]) + data[1:]


def local_backend(root: Path) -> Backend:
    storage = LocalFolderStorage(root)

    def corrupt(stored: StoredObject, original: bytes) -> None:
        path = root / "objects" / f"{stored.key}@v" / f"{stored.version_id}.bin"
        path.chmod(0o644)  # the back end made it read-only; an intruder would not care
        path.write_bytes(flip_first_byte(original))

    return Backend("local", storage, corrupt)


def s3_backend(server: SeaweedServer, bucket: str) -> Backend:
    storage = S3Storage(server.endpoint, server.access_key, server.secret_key, bucket)

    def corrupt(stored: StoredObject, original: bytes) -> None:
        # Same version id, same size, one byte different: see replace_version_bytes.
        server.replace_version_bytes(bucket, stored.key, stored.version_id,
                                     flip_first_byte(original))

    return Backend("s3", storage, corrupt)


@pytest.fixture(params=["local", pytest.param("s3", marks=pytest.mark.services)])
def backend(request, tmp_path) -> Backend:
    if request.param == "local":
        return local_backend(tmp_path / "store")
    server = request.getfixturevalue("seaweed_server")
    return s3_backend(server, request.getfixturevalue("s3_bucket"))


@pytest.fixture
def storage(backend) -> ObjectStorage:
    return backend.storage


@pytest.fixture
def key() -> str:
    """A key no other test uses (the S3 bucket is shared by the session)."""
    return f"tests/{secrets.token_hex(8)}/sk-kenaikan-pangkat.pdf"
