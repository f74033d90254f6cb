"""The registry of issuable document templates.

Each template is one declarative TOML file in ``templates/documents/``
(``<code>.toml``): its code, Indonesian name, layout (``letter`` or
``card``), the fields a request must supply (each with a type, which is its
validator), and the text with ``{placeholders}``.  :func:`load_templates`
reads them all; :meth:`DocumentTemplate.clean` checks a request's fields and
the employee data, and raises :class:`ValidationError` naming every bad field.
"""

from __future__ import annotations

import re
import string
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from io import BytesIO
from pathlib import Path
from typing import Any, Mapping

DEFAULT_TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates" / "documents"

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)


class FieldProblem(ValueError):
    """What is wrong with one value: ``str()`` is the Indonesian message; ``code``
    (stable) and ``params`` (the values the message names) let a caller say the
    same in the reader's language (Berkas ASN does, in archive.services.errors)."""

    def __init__(self, code: str, message: str, **params: Any):
        super().__init__(message)
        self.code, self.message, self.params = code, message, params


class ValidationError(ValueError):
    """Some fields are missing or malformed; ``errors`` maps each field name
    (``"tmt"``, ``"employee.nip"``) to an Indonesian message, ``problems`` the
    same names to their :class:`FieldProblem` (where the message came as one)."""

    def __init__(self, errors: Mapping[str, str | ValueError]):
        self.errors = {k: str(v) for k, v in errors.items()}
        self.problems = {k: v for k, v in errors.items() if isinstance(v, FieldProblem)}
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


class TemplateError(Exception):
    """A template definition file is wrong (a bug, not a bad request)."""


def format_date_id(value: date) -> str:
    """``date(2026, 4, 1)`` -> ``"1 April 2026"``."""
    return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"


def format_number_id(value: float | int, places: int | None = None) -> str:
    """``2.1`` -> ``"2,1"``, ``12345`` -> ``"12.345"``: Indonesian separators (an integer stays whole,
    a fraction gets one place unless ``places`` says)."""
    if places is None:
        places = 0 if float(value).is_integer() else 1
    text = f"{value:,.{places}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_rupiah(amount: int, *, cents: bool = True) -> str:
    """``4123400`` -> ``"Rp4.123.400,00"`` (``cents=False``: ``"Rp4.123.400"``)."""
    return "Rp" + f"{amount:,}".replace(",", ".") + (",00" if cents else "")


# --- field types: each parses a raw value or raises FieldProblem ----

_GOLONGAN_MAX = {"I": "d", "II": "d", "III": "d", "IV": "e"}
MAX_PHOTO_PIXELS = 40_000_000
_PANGKAT = re.compile(r"^(?P<name>[A-Z][A-Za-z .]{2,40}),\s*(?P<gol>IV|III|II|I)/(?P<ruang>[a-e])$")
# A PPPK's golongan, I to XVII (Perpres 98/2020): no pangkat name, no ruang.
_PPPK_GOLONGAN = re.compile(r"^Golongan (XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)$")


def _parse_text(value: Any, spec: "FieldSpec") -> str:
    if not isinstance(value, str) or not value.strip():
        raise FieldProblem("text_required", "wajib diisi (teks)")
    value = " ".join(value.split())
    if len(value) > spec.max_length:
        raise FieldProblem("too_long", f"paling banyak {spec.max_length} karakter", max_length=spec.max_length)
    return value


def _parse_date(value: Any, spec: "FieldSpec") -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FieldProblem("not_a_date", "harus tanggal ISO (YYYY-MM-DD)")


def _parse_money(value: Any, spec: "FieldSpec") -> int:
    if isinstance(value, bool):
        raise FieldProblem("not_money", "harus angka rupiah")
    try:
        amount = Decimal(str(value).strip()) if not isinstance(value, int) else Decimal(value)
    except InvalidOperation:
        raise FieldProblem("money_unreadable", "harus angka rupiah, mis. 4123400") from None
    if amount != amount.to_integral_value() or amount <= 0 or amount > 10**12:
        raise FieldProblem("money_not_positive_whole", "harus bilangan bulat rupiah yang positif")
    return int(amount)


def _parse_integer(value: Any, spec: "FieldSpec") -> int:
    if isinstance(value, bool):
        raise FieldProblem("not_integer", "harus bilangan bulat")
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise FieldProblem("not_integer", "harus bilangan bulat") from None
    if spec.min is not None and number < spec.min:
        raise FieldProblem("too_small", f"paling kecil {spec.min}", min=spec.min)
    if spec.max is not None and number > spec.max:
        raise FieldProblem("too_large", f"paling besar {spec.max}", max=spec.max)
    return number


def _parse_pangkat(value: Any, spec: "FieldSpec") -> str:
    if not isinstance(value, str):
        raise FieldProblem("not_pangkat", 'harus pangkat dan golongan/ruang, mis. "Penata, III/c"')
    value = " ".join(value.split())
    m = _PANGKAT.match(value)
    if not m or m["ruang"] > _GOLONGAN_MAX[m["gol"]]:
        raise FieldProblem("not_pangkat", 'harus pangkat dan golongan/ruang, mis. "Penata, III/c"')
    return value


def _parse_golongan(value: Any, spec: "FieldSpec") -> str:
    """The employee's golongan as printed: a PNS rank ("Penata, III/c") or a PPPK golongan ("Golongan IX")."""
    if isinstance(value, str) and _PPPK_GOLONGAN.match(" ".join(value.split())):
        return " ".join(value.split())
    try:
        return _parse_pangkat(value, spec)
    except FieldProblem:
        raise FieldProblem("not_golongan", 'harus pangkat dan golongan/ruang, mis. "Penata, III/c", atau golongan '
                                           'PPPK, mis. "Golongan IX"') from None


def _parse_choice(value: Any, spec: "FieldSpec") -> str:
    if value not in spec.choices:
        choices = ", ".join(spec.choices)
        raise FieldProblem("not_a_choice", f"harus salah satu dari: {choices}", choices=choices)
    return value


def _parse_image(value: Any, spec: "FieldSpec") -> bytes:
    if not isinstance(value, (bytes, bytearray)) or not value:
        raise FieldProblem("not_an_image", "harus berkas gambar JPEG atau PNG")
    from PIL import Image

    try:
        with Image.open(BytesIO(value)) as img:
            if img.format not in ("JPEG", "PNG"):
                raise ValueError
            pixels = img.width * img.height
            img.verify()
    except Exception:
        raise FieldProblem("not_an_image", "harus berkas gambar JPEG atau PNG") from None
    if pixels > MAX_PHOTO_PIXELS:  # a card photo is small; a few KB of PNG can claim gigabytes decoded
        raise FieldProblem("image_too_large", f"gambar paling besar {MAX_PHOTO_PIXELS // 1_000_000} megapiksel",
                           max=MAX_PHOTO_PIXELS // 1_000_000)
    return bytes(value)


def _parse_nip(value: Any, spec: "FieldSpec") -> str:
    if not isinstance(value, str):
        raise FieldProblem("nip_not_18_digits", "harus 18 angka")
    digits = value.replace(" ", "")
    if not re.fullmatch(r"\d{18}", digits):
        raise FieldProblem("nip_not_18_digits", "harus 18 angka")
    try:
        date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise FieldProblem("nip_bad_birth_date", "delapan angka pertama harus tanggal lahir") from None
    if digits[14] not in "12":
        raise FieldProblem("nip_bad_sex_digit", "angka ke-15 (jenis kelamin) harus 1 atau 2")
    return digits


PARSERS = {
    "text": _parse_text,
    "date": _parse_date,
    "money": _parse_money,
    "integer": _parse_integer,
    "pangkat": _parse_pangkat,
    "golongan": _parse_golongan,
    "choice": _parse_choice,
    "image": _parse_image,
    "nip": _parse_nip,
}


def _display(value: Any, type_: str) -> Any:
    if type_ == "date":
        return format_date_id(value)
    if type_ == "money":
        return format_rupiah(value)
    if type_ == "nip":
        return f"{value[0:8]} {value[8:14]} {value[14]} {value[15:]}"
    return value


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    type: str = "text"
    required: bool = True
    max_length: int = 200
    choices: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    not_before: str | None = None
    """Name of another date field this one may not precede."""

    def parse(self, value: Any) -> Any:
        return PARSERS[self.type](value, self)

    def as_dict(self) -> dict:
        d = {"name": self.name, "label": self.label, "type": self.type, "required": self.required}
        if self.choices:
            d["choices"] = list(self.choices)
        return d


EMPLOYEE_FIELDS = (
    FieldSpec("nama", "Nama"),
    FieldSpec("nip", "NIP", type="nip"),
    FieldSpec("pangkat_golongan", "Pangkat/golongan", type="golongan"),
    FieldSpec("jabatan", "Jabatan"),
    FieldSpec("unit", "Unit kerja"),
    FieldSpec("instansi", "Instansi"),
    FieldSpec("tempat_lahir", "Tempat lahir"),
    FieldSpec("tanggal_lahir", "Tanggal lahir", type="date"),
)
"""What every template needs to know about the employee (a plain dict from
the caller)."""

EMPLOYEE_OPTIONAL = (
    FieldSpec("alamat", "Alamat", required=False),
    # "Pegawai Negeri Sipil", "Calon Pegawai Negeri Sipil" or "Pegawai Pemerintah dengan Perjanjian Kerja"
    FieldSpec("jenis_pegawai", "Jenis pegawai", required=False),
)

BUILTIN_PLACEHOLDERS = frozenset(
    {"number", "tanggal_terbit", "kota", "instansi_penerbit", "pemerintah", "pejabat"}
)


@dataclass(frozen=True)
class DocumentTemplate:
    code: str
    name: str
    layout: str  # "letter" | "card"
    fields: tuple[FieldSpec, ...]
    content: Mapping[str, Any] = field(default_factory=dict)
    """Everything else in the file (titles, paragraphs, rows), used by the
    renderer."""
    source: Path | None = None

    def describe(self) -> dict:
        """For ``GET /api/v1/templates/``."""
        return {
            "code": self.code,
            "name": self.name,
            "layout": self.layout,
            "fields": [f.as_dict() for f in self.fields],
        }

    def clean(self, fields: Mapping[str, Any], employee: Mapping[str, Any]) -> dict:
        """Parse and check the request; returns the placeholder values (dates
        and money already formatted, images as bytes).  Raises
        :class:`ValidationError` naming every missing or malformed field."""
        errors: dict[str, ValueError] = {}
        values: dict[str, Any] = {}
        parsed: dict[str, Any] = {}
        if not isinstance(fields, Mapping):
            raise ValidationError({"fields": FieldProblem("not_an_object", "harus objek")})
        if not isinstance(employee, Mapping):
            raise ValidationError({"employee": FieldProblem("not_an_object", "harus objek")})
        for spec in self.fields:
            raw = fields.get(spec.name)
            if raw is None or raw == "":
                if spec.required:
                    errors[spec.name] = FieldProblem("required", "wajib diisi")
                else:
                    values[spec.name] = ""
                continue
            try:
                parsed[spec.name] = spec.parse(raw)
            except ValueError as e:
                errors[spec.name] = e
        unknown = set(fields) - {f.name for f in self.fields}
        for name in sorted(unknown):
            errors[name] = FieldProblem("unknown_field", "tidak dikenal untuk templat ini")
        for spec in self.fields:
            other = spec.not_before
            if other and spec.name in parsed and other in parsed:
                if parsed[spec.name] < parsed[other]:
                    errors[spec.name] = FieldProblem("before", f"tidak boleh sebelum {other}", other=other)
        for spec in EMPLOYEE_FIELDS + EMPLOYEE_OPTIONAL:
            raw = employee.get(spec.name)
            key = f"employee.{spec.name}"
            if raw is None or raw == "":
                if spec.required:
                    errors[key] = FieldProblem("required", "wajib diisi")
                continue
            try:
                values[spec.name] = _display(spec.parse(raw), spec.type)
            except ValueError as e:
                errors[key] = e
        if errors:
            raise ValidationError(errors)
        for spec in self.fields:
            if spec.name in parsed:
                values[spec.name] = _display(parsed[spec.name], spec.type)
        return values


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _strings(obj) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, Mapping):
        return [s for v in obj.values() for s in _strings(v)]
    if isinstance(obj, (list, tuple)):
        return [s for v in obj for s in _strings(v)]
    return []


def load_template(path: Path) -> DocumentTemplate:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    try:
        code, name, layout = data.pop("code"), data.pop("name"), data.pop("layout")
    except KeyError as e:
        raise TemplateError(f"{path}: missing {e.args[0]!r}") from None
    if code != path.stem:
        raise TemplateError(f"{path}: code {code!r} must match the file name")
    if layout not in ("letter", "card"):
        raise TemplateError(f"{path}: layout must be 'letter' or 'card'")
    specs = []
    for fname, fdef in data.pop("fields", {}).items():
        fdef = dict(fdef)
        if fdef.get("type", "text") not in PARSERS:
            raise TemplateError(f"{path}: field {fname}: unknown type {fdef.get('type')!r}")
        if "choices" in fdef:
            fdef["choices"] = tuple(fdef["choices"])
        specs.append(FieldSpec(name=fname, **fdef))
    template = DocumentTemplate(
        code=code, name=name, layout=layout, fields=tuple(specs), content=data, source=path
    )
    known = (
        {f.name for f in specs}
        | {f.name for f in EMPLOYEE_FIELDS + EMPLOYEE_OPTIONAL}
        | BUILTIN_PLACEHOLDERS
    )
    for text in _strings(data):
        try:
            unknown = _placeholders(text) - known
        except ValueError as e:
            raise TemplateError(f"{path}: bad placeholder in {text!r}: {e}") from None
        if unknown:
            raise TemplateError(f"{path}: unknown placeholder(s) {sorted(unknown)} in {text!r}")
    return template


_CACHE: dict[Path | str, dict[str, DocumentTemplate]] = {}


def load_templates(directory: Path | None = None) -> dict[str, DocumentTemplate]:
    """All templates in ``directory`` (default ``templates/documents``), by code."""
    key = directory or DEFAULT_TEMPLATES_DIR
    cached = _CACHE.get(key)  # by the path as given: resolving it asked the file system five times a decree
    if cached is None:
        resolved = Path(key).resolve()
        cached = _CACHE.get(resolved)
        if cached is None:
            cached = _CACHE[resolved] = {t.code: t for t in map(load_template, sorted(resolved.glob("*.toml")))}
        _CACHE[key] = cached
    return cached


def get_template(code: str, directory: Path | None = None) -> DocumentTemplate:
    try:
        return load_templates(directory)[code]
    except KeyError:
        raise ValidationError({"template": f"templat {code!r} tidak dikenal"}) from None
