from documents.storage import sha256_of


def put(storage, key, data):
    return storage.put(key, data, sha256=sha256_of(data), size=len(data),
                       content_type="application/pdf")


def test_second_put_to_same_key_makes_a_second_version_and_both_stay_readable(storage, key):
    first = put(storage, key, b"scan, first upload")
    second = put(storage, key, b"scan, re-uploaded after rejection")

    assert first.version_id != second.version_id
    assert storage.get(key, version_id=first.version_id,
                       sha256=first.sha256) == b"scan, first upload"
    assert storage.get(key, version_id=second.version_id,
                       sha256=second.sha256) == b"scan, re-uploaded after rejection"


def test_versions_are_listed_oldest_first(storage, key):
    # Quick succession on purpose: S3 timestamps have one-second resolution.
    stored = [put(storage, key, f"version {n}".encode()) for n in range(4)]

    assert storage.versions(key) == stored


def test_versions_of_one_key_exclude_keys_sharing_its_prefix(storage, key):
    own = put(storage, key, b"the document")
    put(storage, key + ".bak", b"another key")
    put(storage, key + "/child", b"another key below it")

    assert storage.versions(key) == [own]


def test_a_key_never_stored_has_no_versions(storage, key):
    assert storage.versions(key) == []
