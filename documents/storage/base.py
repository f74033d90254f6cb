"""The object-storage contract every back end keeps: protocol, record, errors, hashing, keys.

Plain Python, no Django: the archive reaches every stored byte through this interface, so
the rules that keep an original safe live here once (key validation, checksum verification
while streaming) and both back ends share them.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, Literal, Protocol

CHUNK_SIZE = 1024 * 1024

CheckResult = Literal["ok", "missing", "corrupt"]


class StorageError(Exception):
    """Something went wrong in object storage; the subclasses say what."""


class StorageUnavailable(StorageError):
    """The storage server (or folder) cannot be reached now; try again later (HTTP 503)."""


class ObjectMissing(StorageError):
    """No such key, or no such version of it."""


class CorruptObject(StorageError):
    """The stored bytes don't match the checksum the archive recorded for them."""


class ChecksumMismatch(StorageError):
    """put() was given bytes that don't match the sha256 or size the caller declared.

    Nothing was stored: the check happens before the new version becomes visible.
    """


class InvalidKey(StorageError, ValueError):
    """An object key that could escape its namespace or is not a plain key."""


@dataclass(frozen=True)
class StoredObject:
    key: str
    version_id: str
    sha256: str  # hex digest; "" when the stored object carries none (written around us)
    size: int
    content_type: str


class ObjectStorage(Protocol):
    def put(self, key: str, data: bytes | BinaryIO, *, sha256: str, size: int,
            content_type: str) -> StoredObject: ...

    def get(self, key: str, *, version_id: str, sha256: str) -> bytes: ...

    def open(self, key: str, *, version_id: str, sha256: str) -> VerifyingReader: ...

    def stat(self, key: str, *, version_id: str) -> StoredObject: ...

    def versions(self, key: str) -> list[StoredObject]: ...

    def check(self, key: str, *, version_id: str, sha256: str) -> CheckResult: ...

    def ping(self) -> None: ...


def sha256_of(data: bytes | BinaryIO, chunk_size: int = CHUNK_SIZE) -> str:
    """Hex sha256 of bytes or of a binary stream, read in chunks (never whole into memory)."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return hashlib.sha256(data).hexdigest()
    digest = hashlib.sha256()
    while chunk := data.read(chunk_size):
        digest.update(chunk)
    return digest.hexdigest()


# One segment: starts with a letter or digit (so never "." or ".."), then letters, digits,
# ".", "_" or "-". Segments joined by single "/". No "@": the local back end uses it to
# mark its version folders, so a key can never name one.
_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}"
_KEY_PATTERN = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")
MAX_KEY_LENGTH = 1024


def validate_key(key: str) -> str:
    """Return the key if it is a plain object key; raise InvalidKey otherwise.

    The one place keys are checked: no absolute paths, no "..", no backslashes, no empty
    segments, a limited charset. Keys are built by the archive, never taken from user input.
    """
    if not isinstance(key, str) or not key or len(key) > MAX_KEY_LENGTH:
        raise InvalidKey(f"invalid object key {key!r}: empty or longer than {MAX_KEY_LENGTH}")
    if not _KEY_PATTERN.fullmatch(key):
        raise InvalidKey(
            f"invalid object key {key!r}: use segments of letters, digits, '.', '_', '-' "
            "joined by '/', each starting with a letter or digit")
    return key


def normalize_sha256(sha256: str) -> str:
    if not isinstance(sha256, str) or not re.fullmatch(r"[0-9a-fA-F]{64}", sha256):
        raise ValueError(f"sha256 must be 64 hex digits, got {sha256!r}")
    return sha256.lower()


def as_stream(data: bytes | BinaryIO) -> BinaryIO:
    if isinstance(data, (bytes, bytearray, memoryview)):
        return io.BytesIO(data)
    return data


class HashingReader:
    """Wraps the stream put() stores: hashes it in chunks as the back end reads it.

    When the declared size has been read it checks the digest and raises ChecksumMismatch
    from read() — that is, before the back end commits the new version (the S3 client has
    not sent the last part yet; the local back end has not renamed its temp file).
    """

    def __init__(self, stream: BinaryIO, *, sha256: str, size: int, key: str):
        self._stream = stream
        self._expected_sha256 = sha256
        self._expected_size = size
        self._key = key
        self._digest = hashlib.sha256()
        self.bytes_read = 0
        self.verified = False

    def read(self, n: int = -1) -> bytes:
        remaining = self._expected_size - self.bytes_read
        if remaining <= 0:
            self._verify_at_end()
            return b""
        if n is None or n < 0 or n > remaining:
            n = remaining
        chunk = self._stream.read(n)
        if not chunk:
            raise ChecksumMismatch(
                f"{self._key}: stream ended after {self.bytes_read} bytes, "
                f"declared size {self._expected_size}; nothing stored")
        self._digest.update(chunk)
        self.bytes_read += len(chunk)
        if self.bytes_read == self._expected_size:
            self._verify_at_end()
        return bytes(chunk)

    def _verify_at_end(self) -> None:
        if self.verified:
            return
        if self._stream.read(1):
            raise ChecksumMismatch(
                f"{self._key}: stream is longer than the declared size "
                f"{self._expected_size}; nothing stored")
        actual = self._digest.hexdigest()
        if actual != self._expected_sha256:
            raise ChecksumMismatch(
                f"{self._key}: the bytes given hash to sha256 {actual}, "
                f"not the declared {self._expected_sha256}; nothing stored")
        self.verified = True


class VerifyingReader:
    """A file-like reader of one stored version that verifies sha256 and size at the end.

    Bytes are handed out as they arrive (a 30 MB scan is never held twice); reaching the
    end checks the digest and raises CorruptObject if the stored bytes don't match.
    A caller streaming a download must therefore read to the end before trusting it.
    """

    def __init__(self, raw: BinaryIO, *, key: str, version_id: str, sha256: str,
                 size: int | None, translate_error: Callable[[Exception], Exception],
                 close: Callable[[], None] | None = None):
        self._raw = raw
        self._key = key
        self._version_id = version_id
        self._expected_sha256 = sha256
        self._expected_size = size
        self._translate_error = translate_error
        self._close = close or raw.close
        self._digest = hashlib.sha256()
        self._bytes_read = 0
        self._done = False
        self._closed = False

    def read(self, n: int = -1) -> bytes:
        if self._done:
            return b""
        if n is None or n < 0:
            return self._read_to_end()
        try:
            chunk = self._raw.read(n)
        except StorageError:
            raise
        except Exception as exc:  # network errors mid-download, mapped by the back end
            raise self._translate_error(exc) from exc
        if chunk:
            self._digest.update(chunk)
            self._bytes_read += len(chunk)
            return chunk
        self._done = True
        self._verify()
        return b""

    def _read_to_end(self) -> bytes:
        # BytesIO grows in place and getvalue() hands its buffer over without a copy, so
        # the object is held about once (joining a list of chunks would hold it twice).
        buffer = io.BytesIO()
        while chunk := self.read(CHUNK_SIZE):
            buffer.write(chunk)
        return buffer.getvalue()

    def _verify(self) -> None:
        actual = self._digest.hexdigest()
        size_differs = self._expected_size is not None and self._bytes_read != self._expected_size
        if actual != self._expected_sha256 or size_differs:
            raise CorruptObject(
                f"{self._key} version {self._version_id}: the stored bytes don't match their "
                f"checksum (expected sha256 {self._expected_sha256}, read {actual}, "
                f"{self._bytes_read} bytes)")

    def __iter__(self) -> Iterator[bytes]:
        while chunk := self.read(CHUNK_SIZE):
            yield chunk

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._close()

    def __enter__(self) -> VerifyingReader:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def read_verified(reader: VerifyingReader) -> bytes:
    with reader:
        return reader.read()


def check_by_reading(storage: ObjectStorage, key: str, *, version_id: str,
                     sha256: str) -> CheckResult:
    """Recompute the checksum of one stored version and report; never repair.

    StorageUnavailable propagates: when the server can't be asked, there is no verdict.
    """
    try:
        with storage.open(key, version_id=version_id, sha256=sha256) as reader:
            for _ in reader:
                pass
    except ObjectMissing:
        return "missing"
    except CorruptObject:
        return "corrupt"
    return "ok"
