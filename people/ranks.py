"""Pangkat/golongan ruang of civil servants (PNS), I/a to IV/e, lowest first; and the golongan of
government employees on contract (PPPK), I to XVII (Perpres 98/2020), which carry no pangkat name."""

import re

RANKS: list[tuple[str, str]] = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]
PPPK_GRADES = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
               "XVII")
PNS_GOLONGAN_CHOICES = [(code, f"{name}, {code}") for code, name in RANKS]
GOLONGAN_CHOICES = PNS_GOLONGAN_CHOICES + [(grade, f"Golongan {grade} (PPPK)") for grade in PPPK_GRADES]
RANK_NAMES = dict(RANKS)
_PPPK_GRADE = re.compile(r"^\s*(?:golongan\s+)?(?P<grade>[ivx]+)\s*(?:\(pppk\))?\s*$", re.IGNORECASE)


def parse_pangkat_golongan(text: str) -> str | None:
    """'Penata Muda, III/a', 'III/a' or 'iii/a' -> 'III/a'; 'Golongan IX' or 'IX' (PPPK) -> 'IX'; None when
    no golongan is named."""
    for code, _name in sorted(RANKS, key=lambda r: -len(r[0])):
        if code.lower() in (text or "").lower().replace(" ", ""):
            return code
    found = _PPPK_GRADE.match(text or "")
    grade = found["grade"].upper() if found else None
    return grade if grade in PPPK_GRADES else None


# The lowest and highest gaji pokok of each PNS golongan (PP 5/2024, Lampiran: I/a with no years of service
# to I/d with 27; II/a 0 to II/d 33; III/a 0 to III/d 32; IV/a 0 to IV/e 32), in rupiah.
BASIC_SALARY_RANGE = {"I": (1_685_700, 2_901_400), "II": (2_184_000, 4_125_600), "III": (2_785_700, 5_180_700),
                      "IV": (3_287_800, 6_373_200)}


def basic_salary_range(golongan: str) -> tuple[int, int] | None:
    """The gaji pokok a PNS of `golongan` ('III/c') may have; None for a PPPK or an unknown golongan."""
    return BASIC_SALARY_RANGE.get(golongan.split("/")[0]) if golongan in RANK_NAMES else None


def pangkat_label(golongan: str) -> str:
    """'III/a' -> 'Penata Muda, III/a' (the way decrees print it); a PPPK's 'IX' -> 'Golongan IX'."""
    if golongan in RANK_NAMES:
        return f"{RANK_NAMES[golongan]}, {golongan}"
    return f"Golongan {golongan}" if golongan in PPPK_GRADES else golongan


# The rank a diploma gives (PP 99/2000 jo. PP 12/2002, penyesuaian ijazah; the same as the starting rank of a
# CPNS with that diploma): the one promotion that may be more than one step.
DIPLOMA_RANKS = {"SD": "I/a", "SMP": "I/c", "SLTP": "I/c", "SMA": "II/a", "SMK": "II/a", "SLTA": "II/a", "MA": "II/a",
                 "D1": "II/a", "D2": "II/b", "D3": "II/c", "D4": "III/a", "S1": "III/a", "S2": "III/b", "S3": "III/c"}
_DIPLOMA = re.compile(r"^\s*(SD|SMP|SLTP|SMA|SMK|SLTA|MA|D|S)[\s.-]*(IV|III|II|I|[1-4])?\b", re.IGNORECASE)
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}


def diploma_rank(pendidikan: str) -> str | None:
    """'S1 Keperawatan', 'D-III Kebidanan', 'S.2' -> the rank that diploma gives ('III/a', 'II/c', 'III/b');
    None when the text names no diploma."""
    match = _DIPLOMA.match(pendidikan or "")
    if not match:
        return None
    level, number = match.group(1).upper(), (match.group(2) or "").upper()
    return DIPLOMA_RANKS.get(level + _ROMAN.get(number, number) if level in ("D", "S") else level)
