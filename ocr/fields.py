"""Fields that tie a scan to an employee: NIP, decree number, dates, name.

Each extractor returns candidates, best first, without duplicates.  OCR confuses a few
letters with digits (O/0, l/1, S/5, B/8); inside a number those are read as digits.
NIP candidates must pass the structure rules of `ocr.nip`.
"""
from __future__ import annotations

import datetime as dt
import re

from .nip import normalize_nip, parse_nip, InvalidNip

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "febuari": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agt": 8, "agu": 8, "agus": 8, "agust": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
_DIGITISH = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "i": "1", "|": "1",
                           "!": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "G": "6", "b": "6",
                           "g": "9", "q": "9", "T": "7"})

_NIP_RUN = re.compile(r"(?<![0-9])([0-9](?:[ \t.\-]{0,2}[0-9]){17})(?![0-9])")
_NIP_LABEL = re.compile(r"\bN\s?[I1l|]\s?P\b\.?\s*[:;.]?\s*(.{0,40})", re.IGNORECASE)
_NUMBER_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9.\-]*"
_NOMOR = re.compile(rf"(?<![A-Za-z0-9/])({_NUMBER_SEGMENT}(?:[ \t]?/[ \t]?{_NUMBER_SEGMENT}){{2,}})")
_NOMOR_LABEL = re.compile(r"\bNo(?:mor|\.)?\b\s*[:.]?\s*", re.IGNORECASE)
_SLASH_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4}$")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_WORDS = re.compile(
    rf"(?<![0-9A-Za-z])([0-9OolI]{{1,2}})[ \t]*[\-.]?[ \t]*({_MONTH_NAMES})\.?[ \t]*[\-.,]?[ \t]*([0-9OolI]{{4}})(?![0-9])",
    re.IGNORECASE,
)
_DATE_NUMERIC = re.compile(r"(?<![0-9/])([0-3]?[0-9])[\-./]([01]?[0-9])[\-./]((?:19|20)[0-9]{2})(?![0-9/])")
_NAMA = re.compile(r"^[ \t]*Nama(?:[ \t]+Lengkap)?[ \t]*[:;.]?[ \t]*(?P<v>[^\n:]{2,80})$", re.IGNORECASE | re.MULTILINE)
_BAHWA = re.compile(r"menyatakan\s+bahwa\s+(?:Saudara(?:/i)?\s+)?(?P<v>[A-Z][^,\n]{2,60}?)\s*,\s*(?:lahir|NIP)",
                    re.IGNORECASE)


def _dedupe(values):
    seen, out = set(), []
    for v in values:
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return out


def extract_nip(text: str) -> list[str]:
    """18-digit NIPs, separators tolerated, valid by structure; those labelled 'NIP' first."""
    labelled, others = [], []
    for m in _NIP_LABEL.finditer(text):
        tail = m.group(1).split("\n")[0]
        value = nip_from_value(tail)
        if value is None and len(re.findall(r"[0-9]", tail)) < 8:
            # the number wrapped onto the next line ("NIP :" at a line's end)
            after = text[m.end(1):].lstrip("\n").split("\n")[0]
            value = nip_from_value(f"{tail} {after}")
        if value:
            labelled.append(value)
    for m in _NIP_RUN.finditer(text):
        cand = normalize_nip(m.group(1))
        if len(cand) == 18 and _valid(cand):
            others.append(cand)
    return _dedupe(labelled + others)


_NIP_GROUPS = (8, 6, 1, 3)  # as printed: birth date, TMT month, sex, sequence
_TOKEN_SEPARATORS = re.compile(r"[.\-,'`\u2018\u2019]")


def nip_from_value(value: str) -> str | None:
    """The NIP printed after a 'NIP' label, as OCR read it: digits with spaces, dots or dashes between
    the groups, letters it confuses with digits (O/0, l/1, S/5 …) read as digits, and a digit read
    twice or once where the print has a doubled one repaired when exactly one repair is a valid NIP.
    None when the value holds no valid NIP."""
    groups: list[str] = []
    for token in re.split(r"[ \t]+", value.strip(" \t:;")):
        token = _TOKEN_SEPARATORS.sub("", token.strip(":;"))
        if not token:
            continue
        digits = token.translate(_DIGITISH)
        if not digits.isdigit() or not (any(c.isdigit() for c in token) or len(token) <= 2):
            break  # a word: the number has ended
        groups.append(digits)
        if sum(map(len, groups)) >= 19:
            break
    joined = "".join(groups)
    if len(joined) >= 18 and _valid(joined[:18]) and (len(joined) == 18 or len(groups) > 1
                                                       and sum(map(len, groups[:-1])) == 18):
        return joined[:18]
    if len(joined) >= 18 and _valid(joined[:18]) and len(groups) == 1:
        return None  # one unbroken run longer than a NIP: not one
    if len(joined) not in (17, 19):
        return None
    # one digit too many or too few: mend it inside the group whose length is wrong, if the groups
    # show it, else anywhere; only a digit doubled or undoubled (the usual OCR slip on a run)
    offsets, start = [], 0
    for g in groups:
        offsets.append((start, start + len(g)))
        start += len(g)
    if len(groups) == len(_NIP_GROUPS):
        wrong = [span for span, g, want in zip(offsets, groups, _NIP_GROUPS) if len(g) != want]
        spans = wrong if len(wrong) == 1 else [(0, len(joined))]
    else:
        spans = [(0, len(joined))]
    found = set()
    for lo, hi in spans:
        for i in range(lo, hi):
            if len(joined) == 19 and (i + 1 < len(joined) and joined[i] == joined[i + 1]):
                found.add(joined[:i] + joined[i + 1:])
            if len(joined) == 17:
                found.add(joined[:i + 1] + joined[i] + joined[i + 1:])
    valid = sorted(c for c in found if _valid(c))
    return valid[0] if len(valid) == 1 else None


def _valid(value: str) -> bool:
    try:
        parse_nip(value)
    except InvalidNip:
        return False
    return True


def extract_nomor(text: str) -> list[str]:
    """Decree and certificate numbers such as 800/1234/204/2024 or 821.2/12/BKD/2024."""
    labelled, others = [], []
    for m in _NOMOR.finditer(text):
        value = re.sub(r"[ \t]*/[ \t]*", "/", m.group(1)).strip(".-")
        if _SLASH_DATE.match(value) or not re.search(r"[0-9]", value):
            continue
        segments = value.split("/")
        if sum(1 for s in segments if re.search(r"[0-9]", s)) < 2:
            continue
        before = text[max(0, m.start() - 25):m.start()]
        (labelled if re.search(r"No(?:mor|\.)?\s*[:.]?\s*(?:Ijazah\s*)?[:.]?\s*$", before, re.IGNORECASE)
         else others).append(value)
    return _dedupe(labelled + others)


def _to_int(s: str) -> int:
    return int(s.translate(_DIGITISH))


def extract_tanggal(text: str) -> list[str]:
    """Dates as ISO strings (YYYY-MM-DD): Indonesian month names, abbreviations, old spellings,
    and numeric day-month-year; dates after 'tanggal' first."""
    found: list[tuple[int, int, str]] = []  # (priority, position, iso)
    for m in _DATE_WORDS.finditer(text):
        try:
            day, year = _to_int(m.group(1)), _to_int(m.group(3))
            date = dt.date(year, MONTHS[m.group(2).lower()], day)
        except (ValueError, KeyError):
            continue
        found.append((_date_priority(text, m.start()), m.start(), date.isoformat()))
    for m in _DATE_NUMERIC.finditer(text):
        try:
            date = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        found.append((_date_priority(text, m.start()) + 1, m.start(), date.isoformat()))
    # the signature block's "Ditetapkan di ... pada tanggal" is the decree's date; a decree quoting
    # an earlier one has several, and its own comes last
    found.sort(key=lambda f: (f[0], -f[1] if f[0] == 0 else f[1]))
    return _dedupe(iso for _, _, iso in found)


def _date_priority(text: str, pos: int) -> int:
    before = text[max(0, pos - 30):pos].lower()
    if "tanggal" in before or "tgl" in before:
        wider = text[max(0, pos - 80):pos].lower()
        return 0 if "ditetapkan" in wider else 1
    return 3


def extract_nama(text: str) -> list[str]:
    """The name printed beside 'Nama', then 'menyatakan bahwa <name>,' (diplomas)."""
    out = []
    for m in _NAMA.finditer(text):
        value = _clean_name(m.group("v"))
        if value:
            out.append(value)
    for m in _BAHWA.finditer(text):
        value = _clean_name(m.group("v"))
        if value:
            out.append(value)
    return _dedupe(out)


def _clean_name(value: str) -> str:
    value = re.sub(r"\s+", " ", value).strip(" .,;:-_|'\"")
    if not re.search(r"[A-Za-z]{2}", value) or re.search(r"[0-9]{3}", value):
        return ""
    return value


def extract_fields(text: str) -> dict[str, list[str]]:
    return {"nip": extract_nip(text), "nomor": extract_nomor(text), "tanggal": extract_tanggal(text),
            "nama": extract_nama(text)}
