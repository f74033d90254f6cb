"""The site's one set of filters for dates, times, numbers and sizes (archive/formatting.py):
{{ d|tanggal }} 7 Desember 2026 · {{ d|tanggal_singkat }} 7 Des 2026 · {{ t|waktu }} 7 Des 2026 10.07 WIB
· {{ t|waktu_detik }} with seconds · {{ t|waktu_panjang }} 7 Desember 2026 pukul 10.07 WIB
· {{ x|angka }} / {{ x|angka:2 }} 2,1 · {{ n|ukuran }} 27,0 MB · {{ t|iso }} for <time datetime>."""
from django import template

from archive import formatting

register = template.Library()


@register.filter
def tanggal(value):
    return formatting.date_long(value)


@register.filter
def tanggal_singkat(value):
    return formatting.date_short(value)


@register.filter
def waktu(value):
    return formatting.datetime_short(value)


@register.filter
def waktu_detik(value):
    return formatting.datetime_short(value, seconds=True)


@register.filter
def waktu_panjang(value):
    return formatting.datetime_long(value)


@register.filter
def angka(value, places=None):
    return formatting.number(value, None if places in (None, "") else int(places))


@register.filter
def ukuran(value):
    return formatting.size(value)
