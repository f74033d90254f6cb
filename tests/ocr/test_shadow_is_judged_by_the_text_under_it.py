"""Shadow on a phone photo is judged by whether the text under it still reads, not by how dark
the paper is: the same photo (seeded, tests/ocr/photo_maker.py) passes with a soft shadow over half
the page and is refused for "shadow", saying where, once the shadow is deepened until words vanish."""
import random

import cv2
import pytest

from ocr import analyze

SEEDS = (5, 31)  # two different pages, desks, lights and shadow sides


def _photo(photo_maker, seed: int, shadow: float):
    image, text, fields, _ = photo_maker.make_photo(random.Random(seed), None, shadow=shadow)
    ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    assert ok
    return analyze(jpeg.tobytes()), text, fields


@pytest.mark.parametrize("seed", SEEDS)
def test_a_soft_shadow_over_readable_text_passes(photo_maker, cer, seed):
    result, text, fields = _photo(photo_maker, seed, 0.6)
    metrics = result.page_results[0].metrics
    assert metrics["shadow_area"] >= 0.3, metrics  # the shadow is there, over a good part of the text
    assert result.legible, [(r.code, r.where) for r in result.reasons]
    assert cer(text, result.text) <= 0.15  # read, stamp and signature over the lower text included
    assert result.fields["nip"][:1] == [fields["nip"].replace(" ", "")]


@pytest.mark.parametrize("seed", SEEDS)
def test_the_same_shadow_deepened_until_words_vanish_is_refused_for_shadow(photo_maker, seed):
    result, _, _ = _photo(photo_maker, seed, 0.03)
    assert not result.legible
    shadow = [r for r in result.reasons if r.code == "shadow"]
    assert shadow, [r.code for r in result.reasons]
    assert shadow[0].where in {"top", "bottom", "left", "right", "whole"} or "-" in (shadow[0].where or ""), shadow
    assert "Letak:" in shadow[0].message_id and "Where:" in shadow[0].message_en
