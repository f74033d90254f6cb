import os
import stat

import pytest

from documents.storage import ChecksumMismatch, LocalFolderStorage, sha256_of


def test_each_version_is_a_read_only_file_with_a_sidecar(tmp_path):
    storage = LocalFolderStorage(tmp_path)
    stored = storage.put("employees/1/sk.pdf", b"scan", sha256=sha256_of(b"scan"), size=4,
                         content_type="application/pdf")

    folder = tmp_path / "objects" / "employees/1/sk.pdf@v"
    data_file = folder / f"{stored.version_id}.bin"
    assert data_file.read_bytes() == b"scan"
    assert not data_file.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert (folder / f"{stored.version_id}.json").exists()


def test_a_refused_put_leaves_no_temporary_files(tmp_path):
    storage = LocalFolderStorage(tmp_path)
    with pytest.raises(ChecksumMismatch):
        storage.put("a/b.pdf", b"scan", sha256=sha256_of(b"other"), size=4,
                    content_type="application/pdf")

    leftovers = [p.name for p in (tmp_path / "objects" / "a/b.pdf@v").iterdir()
                 if p.name != ".lock"]
    assert leftovers == []


def test_bytes_without_a_sidecar_are_not_a_version(tmp_path):
    """A crash between writing the bytes and the sidecar leaves nothing listed."""
    storage = LocalFolderStorage(tmp_path)
    first = storage.put("a/b.pdf", b"one", sha256=sha256_of(b"one"), size=3,
                        content_type="application/pdf")
    folder = tmp_path / "objects" / "a/b.pdf@v"
    (folder / "0000000002-deadbeef.bin").write_bytes(b"half-finished")

    second = storage.put("a/b.pdf", b"two", sha256=sha256_of(b"two"), size=3,
                         content_type="application/pdf")

    assert storage.versions("a/b.pdf") == [first, second]
    assert second.version_id.startswith("0000000003-")  # the orphan's number is not reused


def test_versions_survive_a_new_storage_object_on_the_same_folder(tmp_path):
    stored = LocalFolderStorage(tmp_path).put("a/b.pdf", b"one", sha256=sha256_of(b"one"),
                                              size=3, content_type="application/pdf")

    assert LocalFolderStorage(tmp_path).versions("a/b.pdf") == [stored]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_unwritable_folder_raises_storage_unavailable_on_ping(tmp_path):
    from documents.storage import StorageUnavailable
    storage = LocalFolderStorage(tmp_path)
    (tmp_path / "objects").chmod(0o500)
    try:
        with pytest.raises(StorageUnavailable):
            storage.ping()
    finally:
        (tmp_path / "objects").chmod(0o700)
