"""signing.templates and ocr.nip (no Django) word each problem in Indonesian and name it by a stable code;
Berkas ASN shows it in the reader's language through archive.services.errors.problem_text. For every
code the libraries can raise, the Indonesian catalogue reproduces the library's own words exactly (so
the API, Indonesian by default, says what it always said), and English says it in English."""
import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import translation

from archive.services.errors import FIELD_PROBLEMS, NIP_PROBLEMS, problem_text
from ocr.nip import InvalidNip, parse_nip
from signing.templates import DocumentTemplate, FieldProblem, FieldSpec, ValidationError

ROOT = Path(__file__).resolve().parents[2]


def _huge_png() -> bytes:
    """42 megapixels in a few KB: a bilevel blank page."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (7000, 6000), 1).save(out, "PNG")
    return out.getvalue()

NEXT_YEAR_BUT_ONE = dt.date.today().year + 2

PARSED = [  # (field spec, a value it refuses)
    (FieldSpec("x", "X"), 5),
    (FieldSpec("x", "X", max_length=3), "abcd"),
    (FieldSpec("x", "X", type="date"), "kemarin"),
    (FieldSpec("x", "X", type="money"), True),
    (FieldSpec("x", "X", type="money"), "banyak"),
    (FieldSpec("x", "X", type="money"), "-5"),
    (FieldSpec("x", "X", type="integer"), "dua"),
    (FieldSpec("x", "X", type="integer", min=1), 0),
    (FieldSpec("x", "X", type="integer", max=3), 9),
    (FieldSpec("x", "X", type="pangkat"), "Penata"),
    (FieldSpec("x", "X", type="golongan"), "Golongan XX"),
    (FieldSpec("x", "X", type="choice", choices=("Cuti Tahunan", "Cuti Sakit")), "Cuti Liburan"),
    (FieldSpec("x", "X", type="image"), b"bukan gambar"),
    (FieldSpec("x", "X", type="image"), _huge_png()),
    (FieldSpec("x", "X", type="nip"), "1234"),
    (FieldSpec("x", "X", type="nip"), "199913011999031001"),
    (FieldSpec("x", "X", type="nip"), "199001012015013001"),
]
BAD_NIPS = [("12a4",), ("1234",), ("199913012015011001",), ("198001012010131001",), ("199001012000011001",),
            (f"19900101{NEXT_YEAR_BUT_ONE}011001",), ("199001012015013001",), ("199001012015011001", 2)]


def _field_problems() -> list[FieldProblem]:
    problems = []
    for spec, value in PARSED:
        with pytest.raises(FieldProblem) as raised:
            spec.parse(value)
        problems.append(raised.value)
    template = DocumentTemplate(code="t", name="T", layout="letter", fields=(
        FieldSpec("mulai", "Mulai", type="date"), FieldSpec("selesai", "Selesai", type="date", not_before="mulai")))
    for fields, employee in [("bukan objek", {}), ({"selesai": "2026-01-01", "mulai": "2026-02-01", "bonus": 1}, {})]:
        with pytest.raises(ValidationError) as raised:
            template.clean(fields, employee)
        problems.extend(raised.value.problems.values())
    return problems


def _nip_problems() -> list[InvalidNip]:
    problems = []
    for nip, *sex in BAD_NIPS:
        with pytest.raises(InvalidNip) as raised:
            parse_nip(nip, sex=sex[0] if sex else None)
        problems.append(raised.value)
    return problems


def _codes_in(path: str, raiser: str) -> set[str]:
    return set(re.findall(raiser + r'\(\s*"(\w+)"', (ROOT / path).read_text()))


def test_every_code_the_libraries_raise_is_translated_and_exercised_here():
    field_codes = {p.code for p in _field_problems()}
    assert field_codes == _codes_in("signing/templates.py", "FieldProblem") == set(FIELD_PROBLEMS)
    assert {p.code for p in _nip_problems()} == _codes_in("ocr/nip.py", "InvalidNip") == set(NIP_PROBLEMS)


@pytest.mark.parametrize("problem", _field_problems() + _nip_problems(), ids=lambda p: p.code)
def test_indonesian_is_the_library_s_own_words_and_english_is_english(problem):
    with translation.override("id"):
        assert problem_text(problem) == str(problem)
    with translation.override("en"):
        english = problem_text(problem)
    assert english != str(problem) and "%(" not in english
