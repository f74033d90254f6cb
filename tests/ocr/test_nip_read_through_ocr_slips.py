"""A NIP is read right through the slips OCR makes on it: letters taken for digits, spaces and dots
between (and inside) the groups, a doubled digit read once or a digit read twice, the number on the
line under its label; and a digit misread on the page's read is read again, closer, from the image."""
import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr import OcrConfig
from ocr.fields import extract_nip, nip_from_value
from ocr.limits import Deadline
from ocr.nip_line import reread_nips
from ocr.tesseract import Word

NIP = "198112132009101159"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.mark.parametrize("printed", [
    "19811213 200910 1 159",
    "19811213.200910.1.159",
    "19811213-200910-1-159",
    "l98ll2l3 2OO9lO l l59",  # l for 1, O for 0
    "1981 1213 2009 10 1 159",  # a space read inside a group
    "19811213 2009910 1 159",  # a digit read twice
    "19811213 20910 1 159",  # a doubled digit read once
    "19811213 200910 1 159 Pangkat",  # the line goes on
])
def test_the_printed_nip_is_read(printed):
    assert nip_from_value(printed) == NIP


@pytest.mark.parametrize("printed", [
    "19811213 209910 1 159",  # TMT in 2099: a misread, not a NIP
    "19811213 200913 1 159",  # month 13
    "19811213 200910 3 159",  # sex digit 3
    "1981121320091011590",  # one run longer than a NIP
    "Budi Santoso",
])
def test_what_breaks_the_structure_is_no_nip(printed):
    assert nip_from_value(printed) is None


def test_a_nip_on_the_line_under_its_label_is_found():
    assert extract_nip("Nama : Siti Rahayu\nNIP :\n19811213 200910 1 159\nPangkat : Penata") == [NIP]


def test_the_labelled_nip_comes_before_other_numbers():
    text = "NIP. 19700101 199003 1 002\nNama : Siti\nNIP : 19811213 2OO910 1 159"
    assert extract_nip(text) == ["197001011990031002", NIP]


def _nip_line(rng: random.Random, height_px: int) -> tuple[np.ndarray, Word, int]:
    """A grey strip 'NIP : 19811213 200910 1 159' with its label's box, at a small print size."""
    font = ImageFont.truetype(FONT, height_px)
    img = Image.new("L", (30 * height_px, 3 * height_px), 255)
    draw = ImageDraw.Draw(img)
    x, y = height_px, height_px
    draw.text((x, y), "NIP", font=font, fill=0)
    left, top, right, bottom = draw.textbbox((x, y), "NIP", font=font)
    value_at = (right + height_px // 2, y)
    draw.text(value_at, ": 19811213 200910 1 159", font=font, fill=0)
    end = draw.textbbox(value_at, ": 19811213 200910 1 159", font=font)[2]
    noise = np.array([rng.gauss(0, 4) for _ in range(img.width * img.height)]).reshape(img.height, img.width)
    pixels = np.clip(np.asarray(img, dtype=np.float64) + noise, 0, 255).astype(np.uint8)
    return pixels, Word("NIP", 90.0, left, top, right - left, bottom - top, (1, 1, 1)), end


def test_a_digit_misread_on_the_page_is_read_again_from_the_image():
    image, label, end = _nip_line(random.Random(7), 22)
    # the page's read took a 0 for a 9: no valid NIP in it
    x, step = label.left + label.width, (end - label.left - label.width) // 4
    misread = [label] + [Word(text, 85.0, x + k * step, label.top, step - 8, label.height, (1, 1, 1))
                         for k, text in enumerate(["19811213", "209910", "1", "159"])]
    reads = reread_nips(image, misread, OcrConfig(), Deadline(60))
    assert reads == [{"first": None, "second": NIP, "nip": NIP}]


def test_a_page_without_a_nip_label_is_not_read_again():
    image, label, _ = _nip_line(random.Random(7), 22)
    other = Word("Nama", 90.0, label.left, label.top, label.width, label.height, (1, 1, 1))
    assert reread_nips(image, [other], OcrConfig(), Deadline(60)) == []


def test_a_nip_read_surely_the_first_time_is_not_read_again():
    image, label, end = _nip_line(random.Random(7), 22)
    x, step = label.left + label.width, (end - label.left - label.width) // 4
    sure = [label] + [Word(text, 96.0, x + k * step, label.top, step - 8, label.height, (1, 1, 1))
                      for k, text in enumerate(["19811213", "200910", "1", "159"])]
    assert reread_nips(image, sure, OcrConfig(), Deadline(60)) == [{"first": NIP, "second": None, "nip": NIP}]
