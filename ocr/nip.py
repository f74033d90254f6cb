"""The NIP (Nomor Induk Pegawai): the 18-digit civil-servant number.

Structure: birth date YYYYMMDD, appointment (TMT CPNS) month YYYYMM, sex digit
(1 male, 2 female), a 3-digit sequence. Pure Python so that both the OCR field
extractor and the archive's model validation use the same rules.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

NIP_LENGTH = 18
MIN_APPOINTMENT_AGE = 18
_SEPARATORS = re.compile(r"[\s.\-]")


class InvalidNip(ValueError):
    """A NIP that breaks the structure; `code` is stable, `message` is for people (Indonesian), `params` the
    values it names, so a caller can say the same in another language."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


@dataclass(frozen=True)
class Nip:
    value: str
    birth_date: dt.date
    appointment_year: int
    appointment_month: int
    sex: int  # 1 male, 2 female
    sequence: int

    def formatted(self) -> str:
        """The way NIPs are printed on decrees: '19770326 200708 1 097'."""
        v = self.value
        return f"{v[:8]} {v[8:14]} {v[14]} {v[15:]}"

    def masked(self) -> str:
        """For public pages: keep the shape, hide the birth date and sequence."""
        v = self.value
        return f"{v[:2]}****** {v[8:12]}** {v[14]} ***"


def normalize_nip(raw: str) -> str:
    """Drop the spaces, dots and dashes people type and print between the groups."""
    return _SEPARATORS.sub("", raw or "")


def parse_nip(raw: str, *, sex: int | None = None) -> Nip:
    """Parse and validate a NIP; raise InvalidNip naming what is wrong.

    `sex` (1 or 2), when the record knows it, must agree with the NIP's sex digit.
    """
    value = normalize_nip(raw)
    if not value.isdigit():
        raise InvalidNip("not_digits", "NIP hanya boleh berisi angka.")
    if len(value) != NIP_LENGTH:
        raise InvalidNip(
            "wrong_length", f"NIP harus {NIP_LENGTH} digit; yang diisi {len(value)} digit.",
            expected=NIP_LENGTH, given=len(value),
        )
    try:
        birth = dt.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise InvalidNip(
            "bad_birth_date", f"8 digit pertama NIP ({value[:8]}) bukan tanggal lahir yang sah.",
            digits=value[:8],
        ) from None
    year, month = int(value[8:12]), int(value[12:14])
    if not 1 <= month <= 12:
        raise InvalidNip(
            "bad_appointment_month", f"Digit 9–14 NIP ({value[8:14]}) bukan bulan TMT yang sah.",
            digits=value[8:14],
        )
    adult_from = (birth.year + MIN_APPOINTMENT_AGE, birth.month)
    if (year, month) < adult_from:
        raise InvalidNip(
            "appointment_before_adult",
            "Bulan TMT pada NIP jatuh sebelum usia 18 tahun; periksa kembali NIP.",
        )
    if (year, month) > (dt.date.today().year + 1, 12):
        raise InvalidNip("appointment_in_future", "Bulan TMT pada NIP ada di masa depan.")
    sex_digit = int(value[14])
    if sex_digit not in (1, 2):
        raise InvalidNip(
            "bad_sex_digit", "Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan)."
        )
    if sex is not None and sex != sex_digit:
        raise InvalidNip(
            "sex_mismatch", "Digit jenis kelamin pada NIP tidak sesuai dengan data pegawai."
        )
    return Nip(value, birth, year, month, sex_digit, int(value[15:]))


def is_valid_nip(raw: str) -> bool:
    try:
        parse_nip(raw)
    except InvalidNip:
        return False
    return True
