"""Object storage for the archive: every stored byte goes through this interface.

    storage = storage_from_config(s3_endpoint=..., ..., data_dir=...)
    stored = storage.put(key, stream, sha256=..., size=..., content_type=...)
    data = storage.get(key, version_id=stored.version_id, sha256=stored.sha256)

Two back ends with the same semantics (every put a new immutable version, sha256 verified on
the way in and on the way out): S3Storage (SeaweedFS, MinIO) and LocalFolderStorage.
Plain Python: no Django here; the Django side reads settings and calls storage_from_config.
"""

from __future__ import annotations

import os

from .base import (
    ChecksumMismatch,
    CorruptObject,
    InvalidKey,
    ObjectMissing,
    ObjectStorage,
    StorageError,
    StorageUnavailable,
    StoredObject,
    VerifyingReader,
    sha256_of,
    validate_key,
)
from .local import LocalFolderStorage
from .s3 import S3Storage

__all__ = [
    "ChecksumMismatch", "CorruptObject", "InvalidKey", "LocalFolderStorage", "ObjectMissing",
    "ObjectStorage", "S3Storage", "StorageError", "StorageUnavailable", "StoredObject",
    "VerifyingReader", "sha256_of", "storage_from_config", "validate_key",
]


def storage_from_config(*, s3_endpoint: str = "", s3_access_key: str = "",
                        s3_secret_key: str = "", s3_bucket: str = "", s3_secure: bool = False,
                        s3_region: str | None = None, s3_retention_days: int | None = None,
                        data_dir: str | os.PathLike = "") -> ObjectStorage:
    """The back end the configuration names: S3 when an endpoint is set, else a local folder.

    s3_endpoint is "host:port" (a "http://" or "https://" prefix is accepted and sets
    s3_secure). The local folder is `<data_dir>/objects-store`.
    """
    if s3_endpoint:
        if s3_endpoint.startswith(("http://", "https://")):
            s3_secure = s3_endpoint.startswith("https://")
            s3_endpoint = s3_endpoint.split("://", 1)[1].rstrip("/")
        if not (s3_bucket and s3_access_key and s3_secret_key):
            raise StorageError("S3 storage needs an endpoint, bucket, access key and secret key")
        return S3Storage(s3_endpoint, s3_access_key, s3_secret_key, s3_bucket,
                         secure=s3_secure, region=s3_region, retention_days=s3_retention_days)
    if not data_dir:
        raise StorageError("no S3 endpoint and no data directory: nowhere to store objects")
    return LocalFolderStorage(os.path.join(data_dir, "objects-store"))
