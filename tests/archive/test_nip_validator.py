"""The NIP validator accepts real-looking NIPs and rejects malformed ones, naming why."""
import pytest

from ocr.nip import InvalidNip, normalize_nip, parse_nip


@pytest.mark.parametrize("raw", [
    "19770326 200708 1 097",
    "198503152010012003",
    "19650101 198703 1 001",
    " 19920229 201502 2 010 ",  # a leap-day birth
])
def test_accepts_real_looking_nips(raw):
    nip = parse_nip(raw)
    assert nip.value == normalize_nip(raw)
    assert len(nip.value) == 18


def test_spaces_are_normalised_and_parts_read():
    nip = parse_nip("19770326 200708 1 097")
    assert nip.value == "197703262007081097"
    assert nip.birth_date.isoformat() == "1977-03-26"
    assert (nip.appointment_year, nip.appointment_month, nip.sex, nip.sequence) == (2007, 8, 1, 97)
    assert nip.formatted() == "19770326 200708 1 097"


@pytest.mark.parametrize("raw, code", [
    ("1977032620070810", "wrong_length"),
    ("1977032620070810970", "wrong_length"),
    ("19770326200708109X", "not_digits"),
    ("197702302007081097", "bad_birth_date"),      # 30 February
    ("199102292015022010", "bad_birth_date"),      # 1991 is no leap year
    ("197713262007081097", "bad_birth_date"),      # month 13
    ("197703262007131097", "bad_appointment_month"),
    ("197703261990081097", "appointment_before_adult"),  # appointed at 13
    ("197703262007083097", "bad_sex_digit"),
    ("197703262007080097", "bad_sex_digit"),
])
def test_rejects_malformed_nips(raw, code):
    with pytest.raises(InvalidNip) as excinfo:
        parse_nip(raw)
    assert excinfo.value.code == code
    assert excinfo.value.message  # a message a person can act on


def test_sex_digit_must_agree_with_the_record():
    with pytest.raises(InvalidNip) as excinfo:
        parse_nip("198503152010012003", sex=1)
    assert excinfo.value.code == "sex_mismatch"
    assert parse_nip("198503152010012003", sex=2).sex == 2
