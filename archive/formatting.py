"""One way to write dates, times, numbers and sizes for people: "7 Desember 2026", "7 Des 2026",
"7 Des 2026 10.07 WIB", "2,1", "27,0 MB". Used by the template filters (`{% load berkas_format %}`),
the PDFs (quarterly report) and anything else that prints for a reader.

Month names and separators follow the active language (Indonesian unless the user chose English);
times are shown in the configured zone (settings.TIME_ZONE, Asia/Jakarta by default) with its
Indonesian abbreviation (WIB/WITA/WIT). Values may be dates, datetimes or ISO 8601 strings
(the signature validator reports ISO strings); anything unreadable is returned as given."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language

ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
EMPTY = "—"


def _indonesian() -> bool:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0] != "en"


def _as_value(value):
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")) if "T" in text or " " in text[10:11] \
                else dt.date.fromisoformat(text)
        except ValueError:
            return value
    return value


def zone():
    return ZoneInfo(settings.TIME_ZONE)


def zone_name(moment: dt.datetime | None = None) -> str:
    name = ZONE_NAMES.get(settings.TIME_ZONE)
    if name:
        return name
    return (moment or timezone.now()).astimezone(zone()).tzname() or settings.TIME_ZONE


def _local(value: dt.datetime) -> dt.datetime:
    if timezone.is_naive(value):
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(zone())


def _month(number: int, short: bool) -> str:
    name = str(MONTHS[number])
    return name[:3] if short else name


def date_long(value) -> str:
    """7 Desember 2026 (a datetime is first put in the local zone)."""
    value = _as_value(value)
    if value is None or value == "":
        return EMPTY
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    if not isinstance(value, dt.date):
        return str(value)
    return f"{value.day} {_month(value.month, False)} {value.year}"


def date_short(value) -> str:
    """7 Des 2026."""
    value = _as_value(value)
    if value is None or value == "":
        return EMPTY
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    if not isinstance(value, dt.date):
        return str(value)
    return f"{value.day} {_month(value.month, True)} {value.year}"


def clock(value: dt.datetime, seconds: bool = False) -> str:
    separator = "." if _indonesian() else ":"
    parts = [f"{value.hour:02d}", f"{value.minute:02d}"] + ([f"{value.second:02d}"] if seconds else [])
    return separator.join(parts)


def datetime_short(value, seconds: bool = False) -> str:
    """7 Des 2026 10.07 WIB."""
    value = _as_value(value)
    if value is None or value == "":
        return EMPTY
    if not isinstance(value, dt.datetime):
        return date_short(value)
    local = _local(value)
    return f"{date_short(local.date())} {clock(local, seconds)} {zone_name(local)}"


def datetime_long(value) -> str:
    """7 Desember 2026 pukul 10.07 WIB (English: 7 December 2026 at 10:07 WIB)."""
    value = _as_value(value)
    if value is None or value == "":
        return EMPTY
    if not isinstance(value, dt.datetime):
        return date_long(value)
    local = _local(value)
    word = "pukul" if _indonesian() else "at"
    return f"{date_long(local.date())} {word} {clock(local)} {zone_name(local)}"


def number(value, places: int | None = None) -> str:
    """1.234,5 in Indonesian (1,234.5 in English); places=None keeps an integer whole and a
    fraction to one place."""
    if value is None or value == "":
        return EMPTY
    try:
        value = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    except Exception:  # noqa: BLE001 — anything not a number is shown as it is
        return str(value)
    if places is None:
        places = 0 if value == value.to_integral_value() else 1
    text = f"{value:,.{int(places)}f}"  # 1,234.5
    if _indonesian():
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def size(value) -> str:
    """27,0 MB: bytes in kB/MB/GB (powers of 1024, as the file managers people use show them)."""
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return EMPTY
    if amount < 1024:
        return f"{number(int(amount), 0)} B"
    for unit in ("kB", "MB", "GB", "TB"):
        amount /= 1024
        if amount < 1024 or unit == "TB":
            return f"{number(amount, 1)} {unit}"
    return EMPTY  # unreachable
