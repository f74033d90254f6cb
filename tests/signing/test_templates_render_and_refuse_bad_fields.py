"""Every template renders with valid fields, and refuses a missing or
malformed field with a ValidationError that names the field (so the API can
answer 400 saying which)."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from signing.render import render_document
from signing.templates import ValidationError, format_date_id, load_templates

from .conftest import EMPLOYEE, VALID_FIELDS

TEMPLATES = load_templates()


def test_all_templates_exist_with_indonesian_names():
    assert set(TEMPLATES) == {
        "sk_kenaikan_pangkat", "kgb", "izin_belajar", "izin_cuti",
        "teguran_tertulis", "kartu_pegawai", "karis_karsu",
        # every service ends in its outcome (issue 16)
        "sk_mutasi", "sk_pns", "sk_pensiun", "sk_hukuman_disiplin", "surat_izin_perceraian", "sk_tugas_belajar",
        "surat_usul",
        "perpanjangan_pppk",  # PPPK agreements are extended by decree
    }
    assert TEMPLATES["sk_kenaikan_pangkat"].name == "Surat Keputusan Kenaikan Pangkat"
    assert TEMPLATES["kgb"].name == "Surat Pemberitahuan Kenaikan Gaji Berkala"
    described = TEMPLATES["kgb"].describe()
    assert [f["name"] for f in described["fields"]] == ["gaji_baru", "tmt"]


def _render(code, fields=None, employee=None, **kwargs):
    return render_document(
        code,
        number="800/1/204/2026",
        employee=EMPLOYEE if employee is None else employee,
        fields=VALID_FIELDS[code] if fields is None else fields,
        verify_token="tok-ABCdef-123",
        issued_on=date(2026, 4, 1),
        **kwargs,
    )


@pytest.mark.parametrize("code", sorted(TEMPLATES))
def test_template_renders_with_valid_fields(code, tmp_path):
    rendered = _render(code)
    assert rendered.pdf.startswith(b"%PDF-1.7")
    path = tmp_path / f"{code}.pdf"
    path.write_bytes(rendered.pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "BADAN KEPEGAWAIAN DAERAH" in text
    assert "19870315 201001 2 003" in text  # the NIP, grouped
    assert "800/1/204/2026" in text
    assert rendered.verify_url == "http://localhost:8000/verify/tok-ABCdef-123"
    if TEMPLATES[code].layout == "letter":
        assert "1 April 2026" in text  # the issue date, in Indonesian
        assert "PEMERINTAH PROVINSI" in text


def test_sk_shows_the_new_rank_and_tmt_in_indonesian(tmp_path):
    path = tmp_path / "sk.pdf"
    path.write_bytes(_render("sk_kenaikan_pangkat",
                             {"pangkat_baru": "Penata, III/c", "tmt": "2026-10-01"}).pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Penata, III/c" in text and "1 Oktober 2026" in text


@pytest.mark.parametrize("code", sorted(TEMPLATES))
def test_each_missing_required_field_is_named(code):
    for spec in (spec for spec in TEMPLATES[code].fields if spec.required):
        fields = dict(VALID_FIELDS[code])
        del fields[spec.name]
        with pytest.raises(ValidationError) as err:
            _render(code, fields)
        assert spec.name in err.value.errors, (code, spec.name)


MALFORMED = [
    ("sk_kenaikan_pangkat", "pangkat_baru", "Penata III c"),
    ("sk_kenaikan_pangkat", "pangkat_baru", "Penata, II/e"),  # II goes to d
    ("sk_kenaikan_pangkat", "tmt", "01-04-2026"),
    ("kgb", "gaji_baru", "empat juta"),
    ("kgb", "gaji_baru", -5),
    ("kgb", "tmt", "2026-02-30"),
    ("izin_belajar", "jenjang", "SMA"),
    ("izin_belajar", "program_studi", "   "),
    ("izin_cuti", "jenis_cuti", "Cuti Liburan"),
    ("izin_cuti", "tanggal_selesai", "2026-11-30"),  # before tanggal_mulai
    ("teguran_tertulis", "alasan", "x" * 601),
    ("kartu_pegawai", "foto", b"not an image"),
    ("karis_karsu", "jenis_kartu", "KARTU ANAK"),
    ("karis_karsu", "tanggal_perkawinan", 20120610),
]


@pytest.mark.parametrize("code,name,value", MALFORMED)
def test_malformed_field_is_named(code, name, value):
    fields = dict(VALID_FIELDS[code], **{name: value})
    with pytest.raises(ValidationError) as err:
        _render(code, fields)
    assert list(err.value.errors) == [name]


def test_unknown_field_and_bad_employee_data_are_named():
    with pytest.raises(ValidationError) as err:
        _render("kgb", dict(VALID_FIELDS["kgb"], bonus=1),
                employee=dict(EMPLOYEE, nip="1987", tanggal_lahir=None))
    assert set(err.value.errors) == {"bonus", "employee.nip", "employee.tanggal_lahir"}


def test_unknown_template_is_a_validation_error():
    with pytest.raises(ValidationError) as err:
        render_document("sk_tidak_ada", number="1", employee=EMPLOYEE, fields={},
                        verify_token="tok-ABCdef-123")
    assert "template" in err.value.errors


def test_dates_are_written_in_indonesian():
    assert format_date_id(date(2026, 4, 1)) == "1 April 2026"
    assert format_date_id(date(2025, 8, 17)) == "17 Agustus 2025"
