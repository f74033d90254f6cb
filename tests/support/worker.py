"""A real Celery worker process for tests: started, killed (SIGKILL) and restarted at will."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VISIBILITY_TIMEOUT = 8  # seconds before a task of a killed worker is handed out again


class CeleryWorker:
    def __init__(self, env: dict[str, str], log_path: Path, *, concurrency: int = 1,
                 queues: str = "default,ocr,index,intake"):
        self.env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
        self.log_path = log_path
        self.concurrency = concurrency
        self.queues = queues
        self.process: subprocess.Popen | None = None
        self._generation = 0

    def start(self, timeout: float = 60) -> None:
        self._generation += 1
        hostname = f"test{self._generation}-{os.getpid()}@%h"
        log = open(self.log_path, "a")
        started_at = log.tell()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-l", "info", "-Q", self.queues,
             "-c", str(self.concurrency), "-n", hostname, "--without-gossip", "--without-mingle",
             "--without-heartbeat"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"celery worker exited with {self.process.returncode}:\n{self.tail()}")
            if " ready." in self.log_path.read_bytes()[started_at:].decode(errors="replace"):
                return
            time.sleep(0.2)
        raise RuntimeError(f"celery worker did not become ready in {timeout}s:\n{self.tail()}")

    def kill(self) -> None:
        """SIGKILL the whole process group: the worker and its pool children, mid-task."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def tail(self, size: int = 3000) -> str:
        try:
            data = self.log_path.read_bytes()
        except FileNotFoundError:
            return ""
        return data[-size:].decode(errors="replace")


@contextmanager
def celery_sending_to(url: str, *, key_prefix: str = "", visibility_timeout: int = VISIBILITY_TIMEOUT):
    """Make this test process send tasks to a real broker (instead of running them eagerly), then
    put everything back. The Django settings are read under the CELERY_ namespace, so those are the
    names to change; Celery caches its connection and producer pools on first use (an eager test may
    have opened them on the in-memory broker), so they are dropped on the way in and out."""
    from config.celery import app

    keys = ("CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_TRANSPORT_OPTIONS")
    previous = {k: app.conf[k] for k in keys}
    app.conf.update(CELERY_BROKER_URL=url, CELERY_TASK_ALWAYS_EAGER=False,
                    CELERY_BROKER_TRANSPORT_OPTIONS={"visibility_timeout": visibility_timeout,
                                                     "global_keyprefix": key_prefix})
    _forget_connections(app)
    try:
        yield
    finally:
        app.conf.update(previous)
        _forget_connections(app)


def _forget_connections(app) -> None:
    app._pool = None  # app.close() is not enough: it keeps amqp's producer pool (and deregisters the app)
    app.amqp._producer_pool = None
