"""The archive's object storage, configured from Django settings (cached per configuration)."""
from __future__ import annotations

import uuid

from functools import lru_cache

from django.conf import settings

from documents.storage import ObjectStorage, storage_from_config


def object_storage() -> ObjectStorage:
    """S3 (MinIO/SeaweedFS) when S3_ENDPOINT is set, else a local folder under DATA_DIR."""
    return _cached(settings.S3_ENDPOINT, settings.S3_ACCESS_KEY, settings.S3_SECRET_KEY, settings.S3_BUCKET,
                   settings.S3_SECURE, settings.S3_REGION, str(settings.DATA_DIR))


@lru_cache(maxsize=8)
def _cached(endpoint, access_key, secret_key, bucket, secure, region, data_dir) -> ObjectStorage:
    # A failure (server down) raises and is not cached: the next call tries again.
    return storage_from_config(s3_endpoint=endpoint, s3_access_key=access_key, s3_secret_key=secret_key,
                               s3_bucket=bucket, s3_secure=secure, s3_region=region, data_dir=data_dir)


def new_object_key(prefix: str) -> str:
    """Object keys are ours, never derived from a user's filename."""
    return f"{prefix}/{uuid.uuid4().hex}"
