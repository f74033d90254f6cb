"""The QR code printed on a letter and on a card decodes (as a phone camera
would, here OpenCV on a 200/300 dpi rendering) to {base_url}/verify/{token}."""

from __future__ import annotations

import subprocess

import cv2
import pytest

from signing.config import RenderConfig
from signing.qr import verify_url
from signing.render import render_document

from .conftest import EMPLOYEE, VALID_FIELDS


@pytest.mark.parametrize("code,dpi", [("izin_belajar", 200), ("kartu_pegawai", 300)])
def test_qr_code_decodes_to_the_verify_url(code, dpi, tmp_path):
    config = RenderConfig(verify_base_url="https://berkas.bkd.jatimprov.go.id")
    rendered = render_document(code, number="1/2026", employee=EMPLOYEE,
                               fields=VALID_FIELDS[code], verify_token="Qr-Token-0042",
                               config=config)
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(rendered.pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True)
    image = cv2.imread(str(tmp_path / "page.png"))
    decoded, _, _ = cv2.QRCodeDetector().detectAndDecode(image)
    assert decoded == "https://berkas.bkd.jatimprov.go.id/verify/Qr-Token-0042"
    assert rendered.verify_url == decoded


def test_verify_url_refuses_unsafe_tokens():
    with pytest.raises(ValueError):
        verify_url("https://x", "../../etc/passwd")
