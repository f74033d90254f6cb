"""An image-only PDF page turned upside down (or a quarter) and skewed a few degrees is turned and
levelled before its legibility is judged, as a photo or an image file would be: it reads as well
as the straight page."""
import io

import pytest
from PIL import Image

from ocr import analyze


@pytest.mark.parametrize("turn,skew", [(180, 2.8), (90, -2.8)])
def test_a_turned_skewed_image_only_pdf_page_reads_as_straight(scans_dev_labels, scans_dev_dir, cer, turn, skew):
    item = next(i for i in scans_dev_labels if i["file"] == "scan_030.jpg")  # a straight decree, 300 dpi
    straight_rate = cer(item["text"], analyze(scans_dev_dir / item["file"]).text)
    image = Image.open(scans_dev_dir / item["file"]).convert("L")
    image = image.rotate(skew, expand=True, fillcolor=255, resample=Image.BICUBIC).rotate(turn, expand=True)
    pdf = io.BytesIO()
    image.save(pdf, format="PDF", resolution=300.0)
    result = analyze(pdf.getvalue())
    page = result.page_results[0]
    assert page.source == "ocr"  # no text layer: the picture was read
    assert page.metrics["orientation"] == turn, page.metrics  # PIL turned it counter-clockwise
    assert result.legible, [r.code for r in result.reasons]
    assert cer(item["text"], result.text) <= straight_rate + 0.01
    assert result.fields["nip"][:1] == [item["fields"]["nip"].replace(" ", "")]
