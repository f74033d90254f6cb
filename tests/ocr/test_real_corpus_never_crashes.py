"""Every file in corpus/real: text where there is text, a clear error where it is broken,
no crash, no hang, bounded memory. With the shared corpus these are OCRmyPDF's test files; in a
clone without it, generated stand-ins of the same kinds and names (tests/support/awkward_files.py)."""
import json
import resource
import subprocess
import sys

import pytest

from ocr import AnalysisResult, OcrError

EXPECTED_ERRORS = {
    "invalid.pdf": "unreadable",  # a header and %%EOF only
    "SOURCES-ocrmypdf-README.rst": "unsupported_type",
    "linn.txt": "unsupported_type",
    "SOURCES-ocrmypdf-dep5": "empty",  # zero bytes
    "SOURCES-generated.txt": "unsupported_type",  # the generated stand-ins' own note
    "empty.pdf": "empty",
}
TEXT = {  # a word each page must yield
    "c02-22.pdf": "trees",
    "cardinal.pdf": "Linn",
    "jbig2.pdf": "Linn",
    "linn.png": "Linn",
    "skew.pdf": "Linn",
    "typewriter.png": "water",
    "enormous.pdf": "pixels",
}


def test_every_real_file_gives_a_result_or_a_clear_error(real_results):
    for name, result in real_results.items():
        assert isinstance(result, (AnalysisResult, OcrError)), name
        if name in EXPECTED_ERRORS:
            assert isinstance(result, OcrError) and result.code == EXPECTED_ERRORS[name], (name, result)
            assert result.message
        else:
            assert isinstance(result, AnalysisResult), (name, result)
            json.dumps(result.to_dict())


@pytest.mark.parametrize("name,word", sorted(TEXT.items()))
def test_text_where_there_is_text(real_results, name, word):
    result = real_results[name]
    assert word.lower() in result.text.lower()
    assert result.pages == (4 if name == "cardinal.pdf" else 1)


def test_multi_page_pdf_reads_every_page(real_results):
    pages = real_results["cardinal.pdf"].page_results
    assert [p.number for p in pages] == [1, 2, 3, 4]
    assert all(len(p.text) > 500 for p in pages)


def test_real_scans_are_legible_and_skewed_page_is_straightened(real_results):
    for name in ("linn.png", "skew.pdf", "cardinal.pdf", "jbig2.pdf"):
        assert real_results[name].legible, (name, [r.code for r in real_results[name].reasons])
    assert abs(real_results["skew.pdf"].page_results[0].metrics["skew"]) > 1.0


def test_linn_text_matches_its_transcript(real_results, real_dir, cer):
    assert cer((real_dir / "linn.txt").read_text(), real_results["linn.png"].text) < 0.08


def test_blank_page_is_no_text(real_results):
    result = real_results["blank.pdf"]
    assert not result.legible
    assert [r.code for r in result.reasons] == ["no_text"]


def _limit_memory():
    limit = 2 * 1024 ** 3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_enormous_page_fits_in_bounded_memory(real_dir):
    """A 9000x9000 px page is read within a 2 GiB address-space limit (Tesseract included)."""
    proc = subprocess.run([sys.executable, "-m", "ocr", "--json", str(real_dir / "enormous.pdf")],
                          capture_output=True, text=True, timeout=300, preexec_fn=_limit_memory,
                          env={"OMP_THREAD_LIMIT": "1", "OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"},
                          cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert "error" not in out, out
    assert "megapixels" in out["text"]
