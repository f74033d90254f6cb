"""A page cut off is refused even when the piece of paper lies whole on the desk: its text, stamp
and signature run off the paper's edge (a page has margins), and the reason names that side."""
import random

import cv2

from ocr import analyze


def _analyze(image):
    ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    assert ok
    return analyze(jpeg.tobytes())


def test_the_upper_half_of_a_page_on_a_desk_is_refused_as_cut_off(photo_maker):
    image, _, _, _ = photo_maker.make_photo(random.Random(5), None, cut_paper=0.5)
    result = _analyze(image)
    cut = [r for r in result.reasons if r.code == "page_cut_off"]
    assert cut and not result.legible, [r.code for r in result.reasons]
    assert cut[0].where == "bottom"


def test_the_whole_page_from_the_same_photo_passes(photo_maker):
    image, _, _, _ = photo_maker.make_photo(random.Random(5), None)
    result = _analyze(image)
    assert result.legible, [r.code for r in result.reasons]
    assert result.page_results[0].metrics["edge_text"] == 0.0
