"""EMAIL_HOST in the environment sends mail over SMTP; without it the embedded default writes each
message as a file under DATA_DIR/outbox."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT = ("import json, django; from django.conf import settings; django.setup(); "
         "print(json.dumps([settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, "
         "settings.EMAIL_FILE_PATH, settings.DEFAULT_FROM_EMAIL]))")


def _settings(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_") and k != "DEFAULT_FROM_EMAIL"}
    clean.update(DJANGO_SETTINGS_MODULE="config.settings", DATA_DIR=str(tmp_path), **env)
    out = subprocess.run([sys.executable, "-c", PRINT], cwd=ROOT, env=clean, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_smtp_when_email_host_is_set(tmp_path):
    backend, host, port, _, sender = _settings(tmp_path, EMAIL_HOST="mail.bkd.example.go.id", EMAIL_PORT="587",
                                               DEFAULT_FROM_EMAIL="BKD <noreply@bkd.example.go.id>")
    assert (backend, host, port, sender) == ("django.core.mail.backends.smtp.EmailBackend",
                                             "mail.bkd.example.go.id", 587, "BKD <noreply@bkd.example.go.id>")


def test_files_under_data_dir_by_default(tmp_path):
    backend, host, _, path, _ = _settings(tmp_path)
    assert backend == "django.core.mail.backends.filebased.EmailBackend" and host == ""
    assert Path(path) == tmp_path.resolve() / "outbox"
