"""ocr/ is pure Python: importing and running it loads no Django."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_ocr_loads_no_django():
    code = ("import sys, ocr, ocr.__main__; from ocr import analyze, OcrConfig, OcrError, AnalysisResult; "
            "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_no_module_in_ocr_mentions_django_imports():
    for path in (ROOT / "ocr").glob("*.py"):
        text = path.read_text()
        assert "import django" not in text and "from django" not in text, path
