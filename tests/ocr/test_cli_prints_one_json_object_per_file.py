"""python -m ocr FILE... --json: one JSON object per file; a bad file never stops the rest."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_cli_reports_each_file_and_exits_zero(scans_dev_dir, real_dir, tmp_path):
    files = [str(real_dir / "invalid.pdf"), str(tmp_path / "missing.jpg"), str(scans_dev_dir / "scan_005.jpg"),
             str(real_dir / "linn.txt")]
    proc = subprocess.run([sys.executable, "-m", "ocr", *files, "--json"], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [d["file"] for d in lines] == files
    assert lines[0]["error"]["code"] == "unreadable"
    assert lines[1]["error"]["code"] == "unreadable"
    assert lines[3]["error"]["code"] == "unsupported_type"
    good = lines[2]
    assert set(good) == {"file", "pages", "legible", "score", "reasons", "text", "mean_confidence", "fields",
                         "seconds"}
    assert good["legible"] is False
    assert set(good["reasons"][0]) == {"code", "page", "message_id", "message_en"}
    assert set(good["fields"]) == {"nip", "nomor", "tanggal", "nama"}
