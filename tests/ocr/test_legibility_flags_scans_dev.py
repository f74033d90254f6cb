"""On scans-dev: illegible scans are flagged, legible ones are not, each for the right reason."""
from ocr import AnalysisResult

# what a person must be told for each severe degradation make_scans.py applies
EXPECTED = {
    "blur": {"blurry"},
    "lowres": {"low_resolution"},
    "contrast": {"washed_out", "low_contrast"},
    "noise": {"noisy"},
    "dark": {"too_dark"},
}


def test_every_scan_is_analysed(scans_dev_labels, scans_dev_results):
    for item in scans_dev_labels:
        assert isinstance(scans_dev_results[item["file"]], AnalysisResult), item["file"]


def test_at_least_95_percent_of_illegible_scans_are_flagged(scans_dev_labels, scans_dev_results):
    illegible = [i["file"] for i in scans_dev_labels if i["label"] == "illegible"]
    missed = [f for f in illegible if scans_dev_results[f].legible]
    assert len(missed) <= 0.05 * len(illegible), missed


def test_at_most_5_percent_of_legible_scans_are_flagged(scans_dev_labels, scans_dev_results):
    legible = [i["file"] for i in scans_dev_labels if i["label"] == "legible"]
    flagged = {f: [r.code for r in scans_dev_results[f].reasons] for f in legible if not scans_dev_results[f].legible}
    assert len(flagged) <= 0.05 * len(legible), flagged


def test_each_degradation_gets_its_own_reason(scans_dev_labels, scans_dev_results):
    wrong = {}
    for item in scans_dev_labels:
        if item["label"] != "illegible":
            continue
        codes = {r.code for r in scans_dev_results[item["file"]].reasons}
        if not codes & EXPECTED[item["degradations"]["severe"]]:
            wrong[item["file"]] = (item["degradations"]["severe"], sorted(codes))
    assert not wrong


def test_score_agrees_with_verdict_and_reasons_say_what_to_do(scans_dev_results):
    for name, result in scans_dev_results.items():
        assert 0 <= result.score <= 100
        assert result.legible == (result.score >= 50) == (not result.reasons), name
        for reason in result.reasons:
            assert reason.message_id and reason.message_en
            assert reason.page in (None, 1)


def test_dark_and_washed_out_scans_are_illegible_even_when_ocr_reads_them(scans_dev_labels, scans_dev_results):
    """Legibility is what a person sees: a near-black or near-white page is not 'terbaca dengan jelas'."""
    seen = 0
    for item in scans_dev_labels:
        if item["degradations"].get("severe") in ("dark", "contrast"):
            result = scans_dev_results[item["file"]]
            assert not result.legible
            if result.mean_confidence > 80 and len(result.text) > 300:
                seen += 1
    assert seen >= 1  # the corpus does contain such pages, which OCR still reads well
