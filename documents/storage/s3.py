"""Object storage on an S3 server (SeaweedFS in CI, MinIO or any S3) through the `minio` client.

Every put is a new version in a versioned bucket; nothing here ever deletes or overwrites a
version. The sha256 is checked while the bytes stream out, before the upload is committed,
and kept as object metadata (`x-amz-meta-sha256`) too. Reads re-hash what the server returns
against the sha256 the archive recorded — the server's metadata is not trusted for that.
"""

from __future__ import annotations

import logging
import re
from typing import BinaryIO

import urllib3
from minio import Minio
from minio.commonconfig import ENABLED
from minio.error import InvalidResponseError, MinioException, S3Error, ServerError
from minio.objectlockconfig import COMPLIANCE, DAYS, GOVERNANCE, ObjectLockConfig
from minio.versioningconfig import VersioningConfig

from .base import (
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

log = logging.getLogger(__name__)

DEFAULT_REGION = "us-east-1"
SHA256_METADATA = "sha256"  # stored as x-amz-meta-sha256
PART_SIZE = 5 * 1024 * 1024  # the S3 minimum; an upload holds about three parts in memory

# S3 error codes meaning "this key or version is not there".
_MISSING_CODES = {"NoSuchKey", "NoSuchVersion", "NoSuchObject", "ResourceNotFound"}
# Codes meaning the server is there but can't serve now.
_UNAVAILABLE_CODES = {"InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout",
                      "XMinioServerNotInitialized", "OperationAborted"}


def make_http_client(*, connect_timeout: float, read_timeout: float,
                     connect_retries: int) -> urllib3.PoolManager:
    """A urllib3 pool with short timeouts and few retries, so a down server fails fast.

    Only connection failures are retried (safe: the request never left). Read errors and
    5xx are not retried here: a retried PUT could store a second version, and the callers
    (Celery tasks, the upload API's 503) do their own retrying.
    """
    return urllib3.PoolManager(
        timeout=urllib3.Timeout(connect=connect_timeout, read=read_timeout),
        retries=urllib3.Retry(total=connect_retries, connect=connect_retries, read=0,
                              redirect=0, status=0, other=0, backoff_factor=0.2),
        maxsize=10,
    )


class S3Storage:
    def __init__(self, endpoint: str, access_key: str, secret_key: str, bucket: str,
                 secure: bool = False, region: str | None = None, *,
                 retention_days: int | None = None, retention_mode: str = GOVERNANCE,
                 connect_timeout: float = 2.0, read_timeout: float = 10.0,
                 setup: bool = True):
        """Connect; with setup=True make the bucket ready (see ensure_bucket).

        endpoint is "host:port". region None means "us-east-1", what SeaweedFS and MinIO
        use, and spares every client a GetBucketLocation round trip before its first call.
        read_timeout bounds each wait on a stalled (not dead) server; a dead one is
        refused at connect time and fails in well under a second.

        retention_days: if set and the server supports object lock, every new version is
        locked (retention_mode GOVERNANCE or COMPLIANCE) for that many days by the bucket's
        default retention; otherwise versions are protected only by our never deleting.
        """
        self.endpoint = endpoint
        self.bucket = bucket
        self.retention_days = retention_days
        self.retention_mode = retention_mode
        self.versioning_enabled = False
        self.object_lock_enabled = False
        self.default_retention: tuple[str, int, str] | None = None  # (mode, duration, unit)
        client_args = dict(access_key=access_key, secret_key=secret_key, secure=secure,
                           region=region or DEFAULT_REGION)
        self._client = Minio(endpoint, **client_args, http_client=make_http_client(
            connect_timeout=connect_timeout, read_timeout=read_timeout, connect_retries=2))
        # ping() must answer quickly even when the data client would wait for a slow upload.
        self._ping_client = Minio(endpoint, **client_args, http_client=make_http_client(
            connect_timeout=1.0, read_timeout=2.0, connect_retries=0))
        if setup:
            self.ensure_bucket()

    def __repr__(self) -> str:
        return f"S3Storage({self.endpoint!r}, bucket={self.bucket!r})"

    # -- setup ---------------------------------------------------------------------------

    def ensure_bucket(self) -> None:
        """Create the bucket if missing, turn versioning on, and object lock where offered.

        Versioning is required (our semantics rest on it): StorageError if the server won't.
        Object lock is best effort: a bucket we create asks for it; default retention is
        set only when retention_days is given; what the server accepted is recorded in
        `versioning_enabled`, `object_lock_enabled`, `default_retention`.
        """
        with _translated(f"setting up bucket {self.bucket}"):
            if not self._client.bucket_exists(self.bucket):
                self._make_bucket()
            if self._client.get_bucket_versioning(self.bucket).status != ENABLED:
                self._client.set_bucket_versioning(self.bucket, VersioningConfig(ENABLED))
            self.versioning_enabled = (
                self._client.get_bucket_versioning(self.bucket).status == ENABLED)
        if not self.versioning_enabled:
            raise StorageError(f"bucket {self.bucket}: the server did not enable versioning")
        self._configure_object_lock()

    def _make_bucket(self) -> None:
        try:
            self._client.make_bucket(self.bucket, object_lock=True)
        except S3Error as exc:
            if exc.code == "BucketAlreadyOwnedByYou":
                return
            log.warning("bucket %s: server refused object lock at creation (%s); "
                        "creating it without", self.bucket, exc.code)
            self._client.make_bucket(self.bucket)

    def _configure_object_lock(self) -> None:
        try:
            with _translated(f"reading object lock of {self.bucket}"):
                config = self._client.get_object_lock_config(self.bucket)
            self.object_lock_enabled = True
            if config.mode and config.duration:
                self.default_retention = (config.mode, config.duration, config.duration_unit)
        except StorageUnavailable:
            raise
        except StorageError as exc:
            log.info("bucket %s: no object lock (%s)", self.bucket, exc)
        wanted = (self.retention_mode, self.retention_days, DAYS)
        if self.retention_days and self.default_retention != wanted:
            if self.retention_mode not in (GOVERNANCE, COMPLIANCE):
                raise ValueError("retention_mode must be GOVERNANCE or COMPLIANCE")
            try:
                with _translated(f"setting default retention of {self.bucket}"):
                    self._client.set_object_lock_config(self.bucket, ObjectLockConfig(
                        self.retention_mode, self.retention_days, DAYS))
                self.object_lock_enabled = True
                self.default_retention = wanted
            except StorageUnavailable:
                raise
            except StorageError as exc:
                log.warning("bucket %s: server refused default retention (%s); versions "
                            "are kept by never deleting them, not by a lock", self.bucket, exc)

    # -- writes --------------------------------------------------------------------------

    def put(self, key: str, data: bytes | BinaryIO, *, sha256: str, size: int,
            content_type: str) -> StoredObject:
        validate_key(key)
        sha256 = normalize_sha256(sha256)
        reader = HashingReader(as_stream(data), sha256=sha256, size=size, key=key)
        if size == 0:
            reader.read()  # the client reads nothing for an empty object: verify now
        with _translated(f"storing {key}"):
            # HashingReader raises ChecksumMismatch while the client reads the last bytes,
            # before the single PUT is sent or the multipart upload is completed; the
            # client then aborts the multipart upload, so no version is created.
            result = self._client.put_object(
                self.bucket, key, reader, size, content_type=content_type,
                metadata={SHA256_METADATA: sha256}, part_size=PART_SIZE,
                num_parallel_uploads=1)
        if not reader.verified or not result.version_id:
            raise StorageError(f"{key}: stored without verification or without a version id "
                               f"(is versioning on in {self.bucket}?)")
        return StoredObject(key, result.version_id, sha256, size, content_type)

    # -- reads ---------------------------------------------------------------------------

    def open(self, key: str, *, version_id: str, sha256: str) -> VerifyingReader:
        validate_key(key)
        sha256 = normalize_sha256(sha256)
        _require_version_id(key, version_id)
        with _translated(f"reading {key} version {version_id}"):
            response = self._client.get_object(self.bucket, key, version_id=version_id)

        def close() -> None:
            response.close()
            response.release_conn()

        length = response.headers.get("Content-Length")
        return VerifyingReader(response, key=key, version_id=version_id, sha256=sha256,
                               size=int(length) if length else None,
                               translate_error=_translate, close=close)

    def get(self, key: str, *, version_id: str, sha256: str) -> bytes:
        return read_verified(self.open(key, version_id=version_id, sha256=sha256))

    def stat(self, key: str, *, version_id: str) -> StoredObject:
        validate_key(key)
        _require_version_id(key, version_id)
        with _translated(f"stat {key} version {version_id}"):
            info = self._client.stat_object(self.bucket, key, version_id=version_id)
        return StoredObject(
            key=key, version_id=info.version_id or version_id,
            sha256=(info.metadata.get(f"x-amz-meta-{SHA256_METADATA}") or "").lower(),
            size=info.size or 0, content_type=info.content_type or "")

    def versions(self, key: str) -> list[StoredObject]:
        validate_key(key)
        with _translated(f"listing versions of {key}"):
            listed = [
                item for item in self._client.list_objects(
                    self.bucket, prefix=key, include_version=True)
                if item.object_name == key and not item.is_delete_marker
            ]
        # S3 lists the versions of one key newest first; the archive wants oldest first.
        # (last_modified has one-second resolution, too coarse to sort by.)
        return [self.stat(key, version_id=item.version_id) for item in reversed(listed)]

    def check(self, key: str, *, version_id: str, sha256: str) -> CheckResult:
        return check_by_reading(self, key, version_id=version_id, sha256=sha256)

    def ping(self) -> None:
        with _translated(f"pinging {self.endpoint}"):
            exists = self._ping_client.bucket_exists(self.bucket)
        if not exists:
            raise StorageError(f"bucket {self.bucket} does not exist on {self.endpoint}")


_VERSION_ID = re.compile(r"[A-Za-z0-9._=+-]{1,1024}")


def _require_version_id(key: str, version_id: str) -> None:
    # Without a version id S3 would answer with the latest version: never what we mean.
    # S3 version ids are opaque but URL-safe; anything else cannot name a version.
    if not isinstance(version_id, str) or not _VERSION_ID.fullmatch(version_id):
        raise ObjectMissing(f"{key}: no version {version_id!r}")


def _translate(exc: Exception) -> Exception:
    """Map what minio / urllib3 raise onto the storage errors."""
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, S3Error):
        if exc.code in _MISSING_CODES:
            return ObjectMissing(f"{exc.object_name or exc.bucket_name}: {exc.code}")
        if exc.code == "NoSuchBucket":
            return StorageError(f"bucket {exc.bucket_name} does not exist")
        if exc.code in _UNAVAILABLE_CODES:
            return StorageUnavailable(f"S3 server error: {exc.code}: {exc.message}")
        return StorageError(f"S3 error: {exc.code}: {exc.message}")
    if isinstance(exc, ServerError):
        return StorageUnavailable(f"S3 server error: HTTP {exc.status_code}")
    if isinstance(exc, InvalidResponseError):
        return StorageUnavailable(f"S3 server sent an invalid response: {exc}")
    if isinstance(exc, (urllib3.exceptions.HTTPError, OSError)):
        return StorageUnavailable(f"S3 server unreachable: {exc}")
    if isinstance(exc, MinioException):
        return StorageError(str(exc))
    return exc


class _translated:
    """Context manager: re-raise minio/urllib3 errors as storage errors, with context."""

    def __init__(self, doing: str):
        self.doing = doing

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is None or isinstance(exc, StorageError):
            return False
        mapped = _translate(exc)
        if mapped is exc:
            return False
        mapped.args = (f"{self.doing}: {mapped.args[0]}",)
        raise mapped from exc
