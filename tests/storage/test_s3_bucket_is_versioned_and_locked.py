"""Ask the server itself (raw minio client) what S3Storage set up on the bucket."""

import pytest
from minio import Minio
from minio.commonconfig import ENABLED
from minio.error import S3Error
from minio.objectlockconfig import COMPLIANCE, GOVERNANCE

from documents.storage import S3Storage, sha256_of

from tests.support.seaweed import unique_bucket_name

pytestmark = pytest.mark.services


def raw_client(server) -> Minio:
    return Minio(server.endpoint, access_key=server.access_key,
                 secret_key=server.secret_key, secure=False)


def test_setup_creates_the_bucket_with_versioning_on(seaweed_server):
    bucket = unique_bucket_name()
    storage = S3Storage(seaweed_server.endpoint, seaweed_server.access_key,
                        seaweed_server.secret_key, bucket)
    client = raw_client(seaweed_server)

    assert client.bucket_exists(bucket)
    assert client.get_bucket_versioning(bucket).status == ENABLED
    assert storage.versioning_enabled
    # SeaweedFS 4.48 accepts object lock on bucket creation.
    assert storage.object_lock_enabled
    assert client.get_object_lock_config(bucket).mode is None  # no default retention asked


def test_setup_turns_versioning_on_for_an_existing_unversioned_bucket(seaweed_server):
    bucket = unique_bucket_name()
    client = raw_client(seaweed_server)
    client.make_bucket(bucket)
    assert client.get_bucket_versioning(bucket).status != ENABLED

    S3Storage(seaweed_server.endpoint, seaweed_server.access_key,
              seaweed_server.secret_key, bucket)

    assert client.get_bucket_versioning(bucket).status == ENABLED


def test_stored_sha256_is_kept_as_object_metadata(seaweed_server, s3_bucket, key):
    storage = S3Storage(seaweed_server.endpoint, seaweed_server.access_key,
                        seaweed_server.secret_key, s3_bucket)
    stored = storage.put(key, b"scan", sha256=sha256_of(b"scan"), size=4,
                         content_type="application/pdf")

    info = raw_client(seaweed_server).stat_object(s3_bucket, key, version_id=stored.version_id)

    assert info.metadata["x-amz-meta-sha256"] == sha256_of(b"scan")


@pytest.mark.parametrize("mode", [GOVERNANCE, COMPLIANCE])
def test_default_retention_makes_the_server_refuse_deleting_a_version(seaweed_server, mode):
    bucket = unique_bucket_name()
    storage = S3Storage(seaweed_server.endpoint, seaweed_server.access_key,
                        seaweed_server.secret_key, bucket, retention_days=1,
                        retention_mode=mode)
    stored = storage.put("a/scan.pdf", b"scan", sha256=sha256_of(b"scan"), size=4,
                         content_type="application/pdf")
    client = raw_client(seaweed_server)

    assert storage.default_retention == (mode, 1, "Days")
    assert client.get_object_retention(bucket, "a/scan.pdf",
                                       version_id=stored.version_id).mode == mode
    with pytest.raises(S3Error) as refused:
        client.remove_object(bucket, "a/scan.pdf", version_id=stored.version_id)
    assert refused.value.code == "AccessDenied"
    assert storage.get("a/scan.pdf", version_id=stored.version_id,
                       sha256=stored.sha256) == b"scan"
