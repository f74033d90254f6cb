"""Large test payloads produced on demand, so a 30 MB upload never sits whole in memory."""

from __future__ import annotations

import hashlib

MB = 1024 * 1024


class GeneratedStream:
    """`size` deterministic bytes, read like a file; repeating a 128 KiB block."""

    def __init__(self, size: int, seed: bytes = b"berkas"):
        self.size = size
        self.remaining = size
        self.block = hashlib.sha256(seed).digest() * 4096  # 128 KiB
        self.offset = 0

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            n = self.remaining
        n = min(n, self.remaining)
        out = bytearray()
        while len(out) < n:
            start = self.offset % len(self.block)
            piece = self.block[start:start + n - len(out)]
            out += piece
            self.offset += len(piece)
        self.remaining -= n
        return bytes(out)


def sha256_of_generated(size: int, seed: bytes = b"berkas") -> str:
    stream, digest = GeneratedStream(size, seed), hashlib.sha256()
    while chunk := stream.read(MB):
        digest.update(chunk)
    return digest.hexdigest()
