"""Each legibility reason fires on a page that has exactly that problem, and says what to do."""
import dataclasses
import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr import OcrConfig, analyze
from ocr.config import Thresholds
from ocr.legibility import judge
from ocr.messages import REASONS

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def _page(paper=255, ink=0) -> Image.Image:
    """A small A4 page at 200 dpi with a few lines of text."""
    img = Image.new("L", (1654, 2339), paper)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 30)
    for k in range(14):
        draw.text((160, 200 + 60 * k), "Pegawai wajib memiliki berkas kepegawaian digital yang lengkap.",
                  font=font, fill=ink)
    return img


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def test_clean_page_is_legible():
    result = analyze(_png(_page()))
    assert result.legible and result.score >= 50


def test_grey_text_on_grey_paper_is_low_contrast():
    result = analyze(_png(_page(paper=150, ink=125)))
    assert [r.code for r in result.reasons] == ["low_contrast"]


def _metrics(**over):
    base = {"dpi": 300.0, "paper_level": 250.0, "ink_level": 10.0, "contrast": 240.0, "noise_ratio": 0.0,
            "sharpness": 0.8, "sharpness_ratio": 0.85, "page_fraction": 0.7, "edge_contact": 0.0,
            "shadow_fraction": 0.0, "glare_fraction": 0.0}
    base.update(over)
    return base


@pytest.mark.parametrize("code,over,photo,conf", [
    ("low_resolution", {"dpi": 60.0}, False, None),
    ("blurry", {"sharpness": 0.1}, False, None),
    ("out_of_focus", {"sharpness": 0.2, "sharpness_ratio": 0.9}, True, None),
    ("motion_blur", {"sharpness": 0.2, "sharpness_ratio": 0.4}, True, None),
    ("low_contrast", {"contrast": 20.0, "ink_level": 150.0, "paper_level": 170.0}, False, None),
    ("too_dark", {"paper_level": 10.0, "contrast": 8.0, "ink_level": 2.0}, False, None),
    ("washed_out", {"paper_level": 250.0, "ink_level": 245.0, "contrast": 5.0}, False, None),
    ("noisy", {"noise_ratio": 0.5}, False, None),
    ("shadow", {"shadow_fraction": 0.5}, True, None),
    ("glare", {"glare_fraction": 0.2}, True, None),
    ("page_cut_off", {"edge_contact": 0.8}, True, None),
    ("too_far", {"page_fraction": 0.08, "dpi": 100.0}, True, None),
    ("low_confidence", {}, False, 30.0),
])
def test_each_rule_names_its_own_reason(code, over, photo, conf):
    reasons, score, _ = judge(_metrics(**over), Thresholds(), is_photo=photo, page=1,
                              ocr_chars=500 if conf is not None else None, mean_confidence=conf)
    assert [r.code for r in reasons] == [code]
    assert score < 50
    assert reasons[0].message_id == REASONS[code][0] and reasons[0].page == 1


def test_small_page_in_a_high_resolution_photo_is_not_too_far():
    reasons, _, _ = judge(_metrics(page_fraction=0.1, dpi=220.0), Thresholds(), is_photo=True, page=1,
                          ocr_chars=500, mean_confidence=92.0)
    assert reasons == []


def test_good_metrics_give_no_reason():
    reasons, score, _ = judge(_metrics(), Thresholds(), is_photo=True, page=1, ocr_chars=500, mean_confidence=92.0)
    assert reasons == [] and score >= 50


def test_every_message_tells_what_to_do():
    verbs = ("pindai", "foto", "unggah", "pastikan", "dekatkan", "pegang", "ketuk", "gunakan")
    for code, (message_id, message_en) in REASONS.items():
        assert any(v in message_id.lower() for v in verbs), code
        assert message_en


def test_thresholds_live_in_the_config():
    strict = dataclasses.replace(OcrConfig(), thresholds=Thresholds(min_dpi=400.0))
    result = analyze(_png(_page()), config=strict)  # 200 dpi is not enough for this config
    assert "low_resolution" in [r.code for r in result.reasons]
