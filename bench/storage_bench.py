"""Time put / get / check on both storage back ends; prints one JSON line per measurement.

    python bench/storage_bench.py            # local folder and a throwaway SeaweedFS
    python bench/storage_bench.py --sizes-mb 1 30 --repeat 3

Run from the repository root (it borrows tests/support to start SeaweedFS).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from documents.storage import LocalFolderStorage, S3Storage  # noqa: E402
from tests.support.seaweed import SeaweedServer  # noqa: E402
from tests.support.streams import MB, GeneratedStream, sha256_of_generated  # noqa: E402


def measure(backend: str, storage, sizes_mb: list[int], repeat: int) -> None:
    for size_mb in sizes_mb:
        size = size_mb * MB
        sha256 = sha256_of_generated(size)
        for run in range(repeat):
            key = f"bench/{size_mb}mb/{run}.pdf"
            timings = {}
            start = time.perf_counter()
            stored = storage.put(key, GeneratedStream(size), sha256=sha256, size=size,
                                 content_type="application/pdf")
            timings["put_s"] = time.perf_counter() - start
            start = time.perf_counter()
            storage.get(key, version_id=stored.version_id, sha256=sha256)
            timings["get_s"] = time.perf_counter() - start
            start = time.perf_counter()
            storage.check(key, version_id=stored.version_id, sha256=sha256)
            timings["check_s"] = time.perf_counter() - start
            print(json.dumps({"bench": "storage", "backend": backend, "size_mb": size_mb,
                              "run": run, **{k: round(v, 4) for k, v in timings.items()},
                              "put_mb_per_s": round(size_mb / timings["put_s"], 1)}),
                  flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes-mb", type=int, nargs="+", default=[1, 30])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storage-bench-") as workdir:
        measure("local", LocalFolderStorage(Path(workdir) / "local"), args.sizes_mb, args.repeat)
        server = SeaweedServer(Path(workdir) / "seaweed")
        server.start()
        try:
            storage = S3Storage(server.endpoint, server.access_key, server.secret_key, "bench")
            measure("s3-seaweedfs", storage, args.sizes_mb, args.repeat)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
