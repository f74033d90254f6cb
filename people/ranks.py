"""Pangkat/golongan ruang of civil servants (PNS), I/a to IV/e, lowest first."""

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
GOLONGAN_CHOICES = [(code, f"{name}, {code}") for code, name in RANKS]
RANK_NAMES = dict(RANKS)


def parse_pangkat_golongan(text: str) -> str | None:
    """'Penata Muda, III/a', 'III/a' or 'iii/a' -> 'III/a'; None when no golongan is named."""
    for code, _name in sorted(RANKS, key=lambda r: -len(r[0])):
        if code.lower() in (text or "").lower().replace(" ", ""):
            return code
    return None


def pangkat_label(golongan: str) -> str:
    """'III/a' -> 'Penata Muda, III/a' (the way decrees print it)."""
    return f"{RANK_NAMES[golongan]}, {golongan}" if golongan in RANK_NAMES else golongan
