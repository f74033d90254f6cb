"""One set of filters writes dates, times, numbers and sizes the Indonesian way everywhere: a date
as "7 Desember 2026" (short "7 Des 2026"), a time in WIB with its zone (a signature made at 20.30 UTC
reads as the next day, 03.30 WIB), decimal commas, sizes as "27,0 MB"."""
import datetime as dt

from django.template import Context, Template
from django.utils import translation

from archive import formatting


def _render(text: str, **values) -> str:
    return Template("{% load berkas_format %}" + text).render(Context(values))


def test_indonesian_forms():
    signed = dt.datetime(2026, 12, 6, 20, 30, tzinfo=dt.timezone.utc)
    with translation.override("id"):
        assert _render("{{ d|tanggal }} | {{ d|tanggal_singkat }}", d=dt.date(2026, 12, 7)) == \
            "7 Desember 2026 | 7 Des 2026"
        assert _render("{{ t|waktu }}", t=signed) == "7 Des 2026 03.30 WIB"
        assert _render("{{ t|waktu_panjang }}", t="2026-12-06T20:30:00+00:00") == "7 Desember 2026 pukul 03.30 WIB"
        assert _render("{{ t|tanggal }}", t="2026-12-07") == "7 Desember 2026"
        assert _render("{{ x|angka }} {{ y|angka:2 }} {{ n|angka }}", x=2.1, y=0.5, n=1234567) == "2,1 0,50 1.234.567"
        assert _render("{{ s|ukuran }} {{ b|ukuran }}", s=27 * 1024 * 1024, b=512) == "27,0 MB 512 B"
        assert _render("{{ none|tanggal }}", none=None) == "—"


def test_english_when_chosen_and_the_zone_is_configurable(settings):
    signed = dt.datetime(2026, 12, 6, 20, 30, tzinfo=dt.timezone.utc)
    with translation.override("en"):
        assert formatting.datetime_long(signed) == "7 December 2026 at 03:30 WIB"
        assert formatting.number(2.1) == "2.1"
    settings.TIME_ZONE = "Asia/Makassar"
    with translation.override("id"):
        assert formatting.datetime_short(signed) == "7 Des 2026 04.30 WITA"

