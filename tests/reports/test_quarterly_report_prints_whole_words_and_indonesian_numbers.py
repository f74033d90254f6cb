"""The quarterly report's PDF prints its headers in whole words (no "Terverifika/si"), its numbers
with a decimal comma ("66,7", as the site prints them) and says "sementara" while the quarter runs."""
import datetime as dt
import io

import pdfplumber
import pytest

from reports.quarterly import Quarter, quarterly_report_content
from signing.report import render_report

pytestmark = pytest.mark.django_db


def _figures(as_of: dt.date) -> dict:
    row = {"agency": "DINKES", "name": "Dinas Kesehatan Provinsi Jawa Timur"}
    return {"quarter": "2026Q4", "as_of": as_of, "uploads": 7, "backlog": 3,
            "headcount": [{**row, "active": 1234, "joined": 2, "left": 1, "transfers_in": 0}],
            "files": [{**row, "employees": 3, "required": 9, "verified": 6, "backlog": 3, "completeness": 66.7}],
            "decisions": {"verified": 6, "rejected": 1, "not_authentic": 0},
            "services": [], "documents": [{"template": "kgb", "name": "Kenaikan Gaji Berkala", "issued": 2,
                                           "revoked": 0}]}


def _words(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [w for page in document.pages for w in (page.extract_text() or "").split()]


def test_running_quarter_is_provisional_with_whole_headers_and_decimal_commas():
    quarter = Quarter(2026, 4)
    content = quarterly_report_content(quarter, _figures(dt.date(2026, 12, 7)))
    words = _words(render_report(content, number="800/1/2026", verify_token="laporan-uji-1", issued_on=dt.date(2026, 12, 7)).pdf)
    for header in ("Terverifikasi", "Kelengkapan", "Menunggu", "verifikasi", "Perangkat", "Mutasi"):
        assert header in words, header
    assert not any(w.startswith("Terverifika") and w != "Terverifikasi" for w in words)
    assert "66,7" in words and "66.7" not in words
    assert "1.234" in words  # thousands with a point
    assert "sementara," in words


def test_finished_quarter_is_not_provisional():
    content = quarterly_report_content(Quarter(2026, 3), _figures(dt.date(2026, 9, 30)))
    assert "sementara" not in content.subtitle
