"""`make run` sets LOG_FILE (issue 20): the console keeps what a new user needs, while library warnings
(pyHanko's CryptographyDeprecationWarning, printed three times per start before) and every log line of
the tasks go to the file."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import logging, warnings
import django
django.setup()
import pyhanko.sign.signers.pdf_cms  # warns on import: DSA is deprecated
logging.getLogger("celery.app.trace").info("Task documents.tasks.index_document[x] succeeded")
logging.getLogger("archive").error("an error the operator must see")
"""


def _run(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("LOG_FILE", "LOG_CONSOLE_LEVEL", "DATABASE_URL")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DATA_DIR=str(tmp_path), PYTHONWARNINGS="default", **extra)
    return subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_with_a_log_file_the_console_shows_errors_only(tmp_path):
    log_file = tmp_path / "berkas.log"
    done = _run(tmp_path, LOG_FILE=str(log_file))
    assert done.returncode == 0, done.stderr
    assert "DeprecationWarning" not in done.stderr and "succeeded" not in done.stderr
    assert "an error the operator must see" in done.stderr
    logged = log_file.read_text()
    assert "CryptographyDeprecationWarning" in logged and "py.warnings" in logged
    assert "celery.app.trace: Task documents.tasks.index_document[x] succeeded" in logged


def test_without_one_everything_stays_on_the_console(tmp_path):
    done = _run(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "succeeded" in done.stderr and "an error the operator must see" in done.stderr
