import pytest

from documents.storage import ObjectMissing, sha256_of

DATA = b"surat keputusan"


def test_get_of_a_key_never_stored_raises_object_missing(storage, key, backend):
    other = storage.put(key + "-other", DATA, sha256=sha256_of(DATA), size=len(DATA),
                        content_type="application/pdf")

    with pytest.raises(ObjectMissing):
        storage.get(key, version_id=other.version_id, sha256=sha256_of(DATA))
    with pytest.raises(ObjectMissing):
        storage.stat(key, version_id=other.version_id)


def test_get_of_an_unknown_version_raises_object_missing(storage, key):
    stored = storage.put(key, DATA, sha256=sha256_of(DATA), size=len(DATA),
                         content_type="application/pdf")
    unknown = "0000000099-00000000" if stored.version_id[0] == "0" else "f" * 32

    with pytest.raises(ObjectMissing):
        storage.get(key, version_id=unknown, sha256=sha256_of(DATA))
    with pytest.raises(ObjectMissing):
        storage.stat(key, version_id=unknown)
    assert storage.check(key, version_id=unknown, sha256=sha256_of(DATA)) == "missing"


@pytest.mark.parametrize("version_id", ["", "../../etc/passwd", "latest"])
def test_malformed_version_id_raises_object_missing(storage, key, version_id):
    stored = storage.put(key, DATA, sha256=sha256_of(DATA), size=len(DATA),
                         content_type="application/pdf")
    assert stored

    with pytest.raises(ObjectMissing):
        storage.get(key, version_id=version_id, sha256=sha256_of(DATA))
