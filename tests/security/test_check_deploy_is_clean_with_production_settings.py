"""`manage.py check --deploy` reports nothing with the production environment (HTTPS=1 …)."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _production_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_", "SESSION_"))}
    env.update(DEBUG="0", HTTPS="1", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="berkas.example.go.id",
               DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings")
    return env


def test_check_deploy_has_no_warnings(tmp_path):
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
                            cwd=ROOT, env=_production_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout, result.stdout + result.stderr


def test_production_settings_redirect_to_https_with_hsts(tmp_path):
    code = ("from django.conf import settings as s; "
            "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.DEBUG)")
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=ROOT,
                            env=_production_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["True", "True", "True", "True", "False"], result.stdout + result.stderr
