"""The corpus a clone without ../shared generates is the shared one: an extra check that needs the
shared folder (CI has it). The vendored make_scans.py with the recorded seed gives the shared scans-dev's
labels and pixels (make_scans draws its pages in order, so the first pages stand for the set)."""
import json

from tests.support.corpus import REGULATION, generate_scans


def test_vendored_regulation_text_is_the_shared_one(shared_corpus_dir):
    assert REGULATION.read_bytes() == (shared_corpus_dir / REGULATION.name).read_bytes()


def test_first_generated_scans_equal_the_shared_ones(shared_corpus_dir, tmp_path):
    shared_dir = shared_corpus_dir / "scans-dev"
    shared = json.loads((shared_dir / "labels.json").read_text())
    made = generate_scans(tmp_path, count=4)
    assert made == shared[:4]
    for item in made:
        if not item["file"].endswith(".pdf"):  # a PDF also carries its creation date
            assert (tmp_path / item["file"]).read_bytes() == (shared_dir / item["file"]).read_bytes(), item["file"]
