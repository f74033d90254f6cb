"""Object storage in a local folder, with the same versioning semantics as the S3 back end.

The embedded default (`make run`, no services). Layout under `root`:

    objects/<key>@v/<version_id>.bin    the bytes, read-only
    objects/<key>@v/<version_id>.json   sidecar: key, version_id, sha256, size, content_type
    objects/<key>@v/.lock               serialises commits of new versions of this key

A version exists once its sidecar exists; the sidecar is renamed into place last. Version
ids are a per-key sequence number plus a random suffix, so sorting them is oldest first.
Keys never contain "@" (see validate_key), so a key can never name a version folder.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .base import (
    CHUNK_SIZE,
    CheckResult,
    HashingReader,
    ObjectMissing,
    StorageError,
    StorageUnavailable,
    StoredObject,
    VerifyingReader,
    as_stream,
    check_by_reading,
    normalize_sha256,
    read_verified,
    validate_key,
)

VERSION_DIR_SUFFIX = "@v"


class LocalFolderStorage:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self._objects = self.root / "objects"
        try:
            self._objects.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageUnavailable(f"cannot create storage folder {self._objects}: {exc}") from exc

    def __repr__(self) -> str:
        return f"LocalFolderStorage({str(self.root)!r})"

    # -- paths ---------------------------------------------------------------------------

    def _version_dir(self, key: str) -> Path:
        return self._objects / (validate_key(key) + VERSION_DIR_SUFFIX)

    def _paths(self, key: str, version_id: str) -> tuple[Path, Path]:
        # The version id becomes a file name: accept only what _new_version_id makes.
        if not _looks_like_version_id(version_id):
            raise ObjectMissing(f"{key}: no version {version_id!r}")
        directory = self._version_dir(key)
        return directory / f"{version_id}.bin", directory / f"{version_id}.json"

    # -- writes --------------------------------------------------------------------------

    def put(self, key: str, data: bytes | BinaryIO, *, sha256: str, size: int,
            content_type: str) -> StoredObject:
        directory = self._version_dir(key)
        sha256 = normalize_sha256(sha256)
        reader = HashingReader(as_stream(data), sha256=sha256, size=size, key=key)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            temp_data = directory / f".tmp-{secrets.token_hex(8)}.bin"
            temp_meta = temp_data.with_suffix(".json")
            try:
                _write_durably(temp_data, reader)  # raises ChecksumMismatch before commit
                os.chmod(temp_data, 0o444)
                with _locked(directory / ".lock"):
                    version_id = _new_version_id(directory)
                    stored = StoredObject(key, version_id, sha256, size, content_type)
                    _write_durably(temp_meta, _sidecar_bytes(stored))
                    os.chmod(temp_meta, 0o444)
                    # Data first, sidecar last: a crash in between leaves bytes nobody
                    # lists (the sidecar marks a finished version), never a listed
                    # version without bytes. Under the lock no name is ever reused.
                    os.replace(temp_data, directory / f"{version_id}.bin")
                    os.replace(temp_meta, directory / f"{version_id}.json")
                    _fsync_dir(directory)
            finally:
                for leftover in (temp_data, temp_meta):
                    leftover.unlink(missing_ok=True)
        except OSError as exc:
            raise _unavailable(exc, f"cannot write {key}") from exc
        return stored

    # -- reads ---------------------------------------------------------------------------

    def open(self, key: str, *, version_id: str, sha256: str) -> VerifyingReader:
        sha256 = normalize_sha256(sha256)
        data_path, meta_path = self._paths(key, version_id)
        stored = _read_sidecar(meta_path, key, version_id)  # ObjectMissing if not a version
        try:
            raw = open(data_path, "rb")
        except FileNotFoundError as exc:
            raise ObjectMissing(f"{key}: bytes of version {version_id!r} are gone") from exc
        except OSError as exc:
            raise _unavailable(exc, f"cannot read {key}") from exc
        return VerifyingReader(raw, key=key, version_id=version_id, sha256=sha256,
                               size=stored.size, translate_error=_translate_read_error)

    def get(self, key: str, *, version_id: str, sha256: str) -> bytes:
        return read_verified(self.open(key, version_id=version_id, sha256=sha256))

    def stat(self, key: str, *, version_id: str) -> StoredObject:
        _, meta_path = self._paths(key, version_id)
        return _read_sidecar(meta_path, key, version_id)

    def versions(self, key: str) -> list[StoredObject]:
        directory = self._version_dir(key)
        try:
            names = sorted(p.name for p in directory.glob("*.json") if not p.name.startswith("."))
        except OSError as exc:
            raise _unavailable(exc, f"cannot list {key}") from exc
        return [_read_sidecar(directory / name, key, name[:-len(".json")]) for name in names]

    def check(self, key: str, *, version_id: str, sha256: str) -> CheckResult:
        return check_by_reading(self, key, version_id=version_id, sha256=sha256)

    def ping(self) -> None:
        if not os.access(self._objects, os.R_OK | os.W_OK | os.X_OK):
            raise StorageUnavailable(f"storage folder {self._objects} is not writable")


def _looks_like_version_id(version_id: str) -> bool:
    seq, _, suffix = version_id.partition("-") if isinstance(version_id, str) else ("", "", "")
    return len(seq) == 10 and seq.isdigit() and len(suffix) == 8 and all(
        c in "0123456789abcdef" for c in suffix)


def _new_version_id(directory: Path) -> str:
    """Next sequence number for this key (caller holds the key's lock)."""
    highest = 0
    for path in directory.iterdir():
        seq = path.name.split("-", 1)[0]
        if seq.isdigit():
            highest = max(highest, int(seq))
    return f"{highest + 1:010d}-{secrets.token_hex(4)}"


def _sidecar_bytes(stored: StoredObject) -> bytes:
    return json.dumps({
        "key": stored.key, "version_id": stored.version_id, "sha256": stored.sha256,
        "size": stored.size, "content_type": stored.content_type,
    }, sort_keys=True).encode()


def _read_sidecar(path: Path, key: str, version_id: str) -> StoredObject:
    try:
        meta = json.loads(path.read_bytes())
    except FileNotFoundError as exc:
        raise ObjectMissing(f"{key}: no version {version_id!r}") from exc
    except (OSError, ValueError) as exc:
        raise StorageError(f"{key} version {version_id}: unreadable sidecar {path}: {exc}") from exc
    return StoredObject(meta["key"], meta["version_id"], meta["sha256"], meta["size"],
                        meta["content_type"])


def _write_durably(path: Path, data: bytes | HashingReader) -> None:
    with open(path, "xb") as out:
        if isinstance(data, bytes):
            out.write(data)
        else:
            while chunk := data.read(CHUNK_SIZE):
                out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _locked(lock_path: Path):
    with open(lock_path, "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def _unavailable(exc: OSError, what: str) -> StorageError:
    # A full or read-only disk is the local equivalent of the S3 server being down.
    if exc.errno in (errno.ENOSPC, errno.EROFS, errno.EIO, errno.EDQUOT, errno.EACCES):
        return StorageUnavailable(f"{what}: {exc}")
    return StorageError(f"{what}: {exc}")


def _translate_read_error(exc: Exception) -> Exception:
    if isinstance(exc, OSError):
        return _unavailable(exc, "cannot read")
    return StorageError(str(exc))
