import pytest

from documents.storage import LocalFolderStorage, S3Storage, StorageError, storage_from_config


def test_without_an_s3_endpoint_the_local_folder_is_used(tmp_path):
    storage = storage_from_config(data_dir=str(tmp_path))

    assert isinstance(storage, LocalFolderStorage)
    assert storage.root == tmp_path / "objects-store"
    storage.ping()


def test_an_s3_endpoint_without_credentials_is_refused():
    with pytest.raises(StorageError):
        storage_from_config(s3_endpoint="127.0.0.1:9", s3_bucket="arsip")


def test_nothing_configured_is_refused():
    with pytest.raises(StorageError):
        storage_from_config()


@pytest.mark.services
def test_an_s3_endpoint_url_selects_s3(seaweed_server):
    storage = storage_from_config(
        s3_endpoint=f"http://{seaweed_server.endpoint}", s3_access_key=seaweed_server.access_key,
        s3_secret_key=seaweed_server.secret_key, s3_bucket="config-test", data_dir="/nowhere")

    assert isinstance(storage, S3Storage)
    storage.ping()
