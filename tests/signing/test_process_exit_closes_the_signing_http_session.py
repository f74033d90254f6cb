"""A process that issued a document (a command, a bench, a worker shutting down) closes the
signing engine's HTTP session and event loop when it exits: aiohttp once printed "Unclosed client
session" at the end of every such process."""
import os
import subprocess
import sys
from pathlib import Path

from .conftest import EMPLOYEE, VALID_FIELDS

ROOT = Path(__file__).resolve().parents[2]
ISSUE_AND_EXIT = f"""
import django
django.setup()
from issuing import signing_runtime
issued = signing_runtime.issuer().issue("kgb", number="822.3/1/204/2026", employee={EMPLOYEE!r},
                                       fields={VALID_FIELDS["kgb"]!r}, verify_token="exit-closes-0001")
print("signed", len(issued.pdf))
"""


def test_process_exit_closes_the_signing_http_session(tmp_path, product_pki_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIGNING_", "DOCUMENT_SIGNER"))}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DATA_DIR=str(tmp_path),
               DOCUMENT_SIGNER_BACKEND="test-pki", SIGNING_PKI_DIR=str(product_pki_dir))
    out = subprocess.run([sys.executable, "-c", ISSUE_AND_EXIT], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("signed "), out.stdout
    assert "Unclosed" not in out.stderr, out.stderr
