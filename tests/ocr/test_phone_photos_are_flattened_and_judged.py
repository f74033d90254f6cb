"""Phone photos (synthetic, labelled, fixed seed): the page is found, flattened and evened out
before it is read; each photo defect is flagged with its own reason."""
import statistics

from ocr import AnalysisResult


def test_legible_photos_pass(photo_labels, photo_results):
    _, labels = photo_labels
    flagged = {i["file"]: [r.code for r in photo_results[i["file"]].reasons]
               for i in labels if i["label"] == "legible" and not photo_results[i["file"]].legible}
    assert not flagged


def test_each_defect_is_flagged_with_its_own_reason(photo_labels, photo_results):
    _, labels = photo_labels
    wrong = {}
    for item in labels:
        if item["label"] != "illegible":
            continue
        result = photo_results[item["file"]]
        assert isinstance(result, AnalysisResult)
        codes = [r.code for r in result.reasons]
        if result.legible or item["expected_reason"] not in codes:
            wrong[item["file"]] = (item["expected_reason"], codes)
    assert not wrong


def test_legible_photos_are_read_despite_stamp_signature_and_uneven_light(photo_labels, photo_results, cer):
    _, labels = photo_labels
    legible = [i for i in labels if i["label"] == "legible"]
    rates = [cer(i["text"], photo_results[i["file"]].text) for i in legible]
    assert statistics.median(rates) <= 0.05, rates
    nips = [photo_results[i["file"]].fields["nip"][:1] == [i["fields"]["nip"].replace(" ", "")] for i in legible]
    assert sum(nips) >= len(legible) - 1


def test_photos_are_recognised_as_photos(photo_labels, photo_results):
    _, labels = photo_labels
    for item in labels:
        metrics = photo_results[item["file"]].page_results[0].metrics
        assert metrics["is_photo"], item["file"]
