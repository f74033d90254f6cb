"""Pages turned 90/180/270 degrees or skewed read as well as straight ones."""
import io
import pytest
from PIL import Image

from ocr import analyze


def test_rotated_and_skewed_legible_scans_in_scans_dev_read_well(scans_dev_labels, scans_dev_results, cer):
    turned = [i for i in scans_dev_labels if i["label"] == "legible"
              and (i["degradations"].get("orientation") or abs(i["degradations"].get("skew_deg", 0)) > 1)]
    assert len(turned) >= 10
    rates = {i["file"]: cer(i["text"], scans_dev_results[i["file"]].text) for i in turned}
    assert max(rates.values()) <= 0.03, rates
    for item in turned:
        expected = item["degradations"].get("orientation", 0)  # PIL turned it counter-clockwise
        metrics = scans_dev_results[item["file"]].page_results[0].metrics
        assert metrics["orientation"] == expected, item["file"]


# quarter turns alone are in scans-dev (above); here turns combined with more skew than it has
@pytest.mark.parametrize("turn,skew", [(270, -4.5), (0, 6.0)])
def test_turning_a_page_does_not_change_what_is_read(scans_dev_labels, scans_dev_results, scans_dev_dir, cer,
                                                     turn, skew):
    item = next(i for i in scans_dev_labels if i["file"] == "scan_030.jpg")  # a straight decree, 300 dpi
    straight_rate = cer(item["text"], scans_dev_results[item["file"]].text)
    image = Image.open(scans_dev_dir / item["file"]).convert("L")
    image = image.rotate(skew, expand=True, fillcolor=255, resample=Image.BICUBIC).rotate(turn, expand=True)
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(300, 300))
    result = analyze(buf.getvalue())
    assert result.legible, [r.code for r in result.reasons]
    assert cer(item["text"], result.text) <= straight_rate + 0.01
    assert result.fields["nip"][:1] == [item["fields"]["nip"].replace(" ", "")]
