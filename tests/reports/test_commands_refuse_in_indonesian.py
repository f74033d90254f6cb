"""A management command runs outside any request, so no language is active in it: a service's refusal
it prints is in the default language, Indonesian — not the English of the msgid, which is what gettext
would give if a command ran with translations switched off (Django's @no_translations)."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_quarterly_report_command_refuses_a_bad_quarter_in_indonesian(tmp_path):
    env = {**os.environ, "DATA_DIR": str(tmp_path), "LANG": "en_US.UTF-8", "LANGUAGE": "en"}
    done = subprocess.run([sys.executable, "manage.py", "quarterly_report", "--quarter", "kuartal-ketiga"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Triwulan 'kuartal-ketiga' tidak dikenal; tulis misalnya 2026Q3." in done.stderr
