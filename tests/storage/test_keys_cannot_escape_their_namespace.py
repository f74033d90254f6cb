import pytest

from documents.storage import InvalidKey, sha256_of, validate_key

BAD_KEYS = [
    "", "/etc/passwd", "../secrets", "a/../../b", "a/./b", "a//b", "a/", ".hidden",
    "a\\..\\b", "a/b\x00c", "C:/windows", "employees/19870512 201001 1 001/sk.pdf",
    "a@v/b", "x" * 1025, "dokumen/%2e%2e/x", "~root/x",
]


@pytest.mark.parametrize("key", BAD_KEYS)
def test_validate_key_rejects(key):
    with pytest.raises(InvalidKey):
        validate_key(key)


@pytest.mark.parametrize("key", [
    "employees/198705122010011001/sk_cpns/v.pdf", "a", "A-1_b.c/d", "2024/01/scan.tiff",
])
def test_validate_key_accepts_plain_keys(key):
    assert validate_key(key) == key


@pytest.mark.parametrize("key", ["../outside", "/abs/path", "a/../../outside"])
def test_every_operation_rejects_traversal_before_touching_storage(storage, key, tmp_path):
    digest = sha256_of(b"x")
    with pytest.raises(InvalidKey):
        storage.put(key, b"x", sha256=digest, size=1, content_type="text/plain")
    with pytest.raises(InvalidKey):
        storage.get(key, version_id="0000000001-00000000", sha256=digest)
    with pytest.raises(InvalidKey):
        storage.stat(key, version_id="0000000001-00000000")
    with pytest.raises(InvalidKey):
        storage.versions(key)
    assert not (tmp_path / "outside").exists()
    assert not (tmp_path / "outside@v").exists()
