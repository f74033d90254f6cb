"""`make run` on the embedded default (SQLite, local objects, tasks in process) migrates, loads the demo
and reads its scans to a verdict (bug: the duplicate search used a JSON lookup SQLite lacks, so every demo
scan with a NIP ended `failed`). Run as `make run` runs it: manage.py in a fresh process, no DATABASE_URL."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

STATUSES = """
import json, django
django.setup()
from documents.models import DocumentVersion
print(json.dumps([[v.document.document_type.code, v.status, v.error] for v in DocumentVersion.objects.all()]))
"""


def _manage(tmp_path, *args, script: str | None = None):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "S3_ENDPOINT", "LOG_FILE")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DATA_DIR=str(tmp_path), DEMO_PASSWORD="Demo-Sandi-2026",
               REQUIRE_SERVICES="")
    command = [sys.executable, "-c", script] if script else [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def test_the_demo_scans_reach_a_verdict_on_sqlite(tmp_path):
    _manage(tmp_path, "migrate", "--noinput", "-v", "0")
    loaded = _manage(tmp_path, "load_demo", "--with-documents")
    assert "failed" not in loaded.stderr
    versions = json.loads(_manage(tmp_path, script=STATUSES).stdout)
    assert versions, "the demo has scans"
    assert all(status in ("awaiting_verification", "needs_rescan") for _, status, _ in versions), versions
    assert (tmp_path / "berkas.sqlite3").exists()  # it ran on the embedded SQLite, not a server
